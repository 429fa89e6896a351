import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResetPassword } from '../../../features/identity';
import { ErrorSummary, SubmitRow, SuccessNotice, TextField, useFormDraft, usePageTitle } from '../../../features/ui';

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const { draft, field, error, check } = useFormDraft({ password: '', passwordConfirm: '' }, reset.error);
  const { password } = draft;

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = [];
    if (!password) problems.push({ path: 'password', code: 'REQUIRED' });
    if (password !== draft.passwordConfirm) problems.push({ path: 'passwordConfirm', code: 'PASSWORD_MISMATCH' });
    if (check(problems)) reset.mutate({ token, password });
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
              autoComplete="new-password"
              {...field('password')}
            />
            <TextField
              id="passwordConfirm"
              type="password"
              label={t('fields.passwordConfirm')}
              autoComplete="new-password"
              {...field('passwordConfirm')}
            />
            <SubmitRow label={t('reset.submit')} busy={reset.isPending} />
          </form>
        </>
      )}
    </div>
  );
}
