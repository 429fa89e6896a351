import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useForgotPassword } from '../../../features/identity';
import {
  clientValidation,
  ErrorSummary,
  SubmitRow,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('forgot.title'));
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? forgot.error;
  const fe = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = clientValidation(
      email.includes('@') ? [] : [{ path: 'email', code: email.trim() ? 'INVALID_EMAIL' : 'REQUIRED' }],
    );
    setLocalError(v);
    if (!v) forgot.mutate(email.trim());
  }

  return (
    <div className="page page--narrow">
      <h1>{t('forgot.title')}</h1>
      {forgot.isSuccess ? (
        <>
          <SuccessNotice>
            <p>{t('forgot.sent', { email })}</p>
          </SuccessNotice>
          <Link to="/login">{t('forgot.backToLogin')}</Link>
        </>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <TextField
              id="email"
              type="email"
              label={t('fields.email')}
              error={fe.email}
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <SubmitRow label={t('forgot.submit')} busy={forgot.isPending}>
              <Link to="/login">{t('forgot.backToLogin')}</Link>
            </SubmitRow>
          </form>
        </>
      )}
    </div>
  );
}
