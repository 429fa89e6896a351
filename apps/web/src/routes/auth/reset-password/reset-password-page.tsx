import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResetPassword } from '../../../features/identity';
import {
  clientValidation,
  ErrorSummary,
  SubmitRow,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? reset.error;
  const fe = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!password) problems.push({ path: 'password', code: 'REQUIRED' });
    if (password !== confirm) problems.push({ path: 'passwordConfirm', code: 'PASSWORD_MISMATCH' });
    const v = clientValidation(problems);
    setLocalError(v);
    if (!v) reset.mutate({ token, password });
  }

  if (!token) {
    return (
      <div className="page page--narrow">
        <h1>{t('reset.title')}</h1>
        <div className="notice notice--warning" role="alert">
          <p>{t('reset.noToken')}</p>
        </div>
        <Link to="/forgot-password">{t('reset.requestNew')}</Link>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <h1>{t('reset.title')}</h1>
      {reset.isSuccess ? (
        <>
          <SuccessNotice>
            <p>{t('reset.done')}</p>
          </SuccessNotice>
          <Link className="btn" to="/login">
            {t('reset.login')}
          </Link>
        </>
      ) : (
        <>
          <ErrorSummary
            error={error}
            labels={{ password: t('fields.newPassword'), passwordConfirm: t('fields.passwordConfirm') }}
          />
          <form onSubmit={submit} noValidate>
            <TextField
              id="password"
              type="password"
              label={t('fields.newPassword')}
              hint={t('register.passwordHint')}
              error={fe.password}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <TextField
              id="passwordConfirm"
              type="password"
              label={t('fields.passwordConfirm')}
              error={fe.passwordConfirm}
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
            <SubmitRow label={t('reset.submit')} busy={reset.isPending} />
          </form>
        </>
      )}
    </div>
  );
}
