import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useForgotPassword } from '../../../features/identity';
import { ErrorSummary, SubmitRow, SuccessNotice, TextField, useFormDraft, usePageTitle } from '../../../features/ui';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('forgot.title'));
  const forgot = useForgotPassword();
  const { draft, field, error, check } = useFormDraft({ email: '' }, forgot.error);
  const { email } = draft;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (check(email.includes('@') ? [] : [{ path: 'email', code: email.trim() ? 'INVALID_EMAIL' : 'REQUIRED' }]))
      forgot.mutate(email.trim());
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
            <TextField id="email" type="email" label={t('fields.email')} autoComplete="email" {...field('email')} />
            <SubmitRow label={t('forgot.submit')} busy={forgot.isPending}>
              <Link to="/login">{t('forgot.backToLogin')}</Link>
            </SubmitRow>
          </form>
        </>
      )}
    </div>
  );
}
