import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskVerification } from '../../../features/identity';
import {
  ErrorSummary,
  SelectField,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

type DocumentKind = 'cccd' | 'passport' | 'business_registration';

/**
 * "Xác minh danh tính" at the one-stop desk: the officer checks the ID card of the person present
 * against the account's number, and the person reads the one-time code from their account page.
 * The account then sees what the desk files for it (ADR 0015); the verification is audited.
 */
export default function IdentityPage() {
  const { t } = useTranslation('staff');
  usePageTitle(t('identity.title'));
  const verify = useDeskVerification();
  const [login, setLogin] = useState('');
  const [code, setCode] = useState('');
  const [document, setDocument] = useState<DocumentKind>('cccd');
  const [checked, setChecked] = useState(false);
  const fields = useFieldErrors(verify.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!checked) return;
    verify.mutate(
      { login: login.trim(), code: code.trim(), document },
      {
        onSuccess: () => {
          setCode('');
          setChecked(false);
        },
      },
    );
  }
  return (
    <>
      <h1>{t('identity.title')}</h1>
      <p className="lead">{t('identity.intro')}</p>
      {verify.isSuccess && (
        <SuccessNotice>
          <p>{t('identity.done', { name: verify.data.fullName, username: verify.data.username })}</p>
        </SuccessNotice>
      )}
      <ErrorSummary error={verify.error} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="identity-login"
          label={t('identity.login')}
          hint={t('identity.loginHint')}
          inputMode="numeric"
          autoComplete="off"
          value={login}
          error={fields.login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <SelectField
          id="identity-document"
          label={t('identity.document')}
          value={document}
          onChange={(e) => setDocument(e.target.value as DocumentKind)}
        >
          <option value="cccd">{t('identity.documents.cccd')}</option>
          <option value="passport">{t('identity.documents.passport')}</option>
          <option value="business_registration">{t('identity.documents.business_registration')}</option>
        </SelectField>
        <TextField
          id="identity-code"
          label={t('identity.code')}
          hint={t('identity.codeHint')}
          inputMode="numeric"
          maxLength={8}
          className="input--short"
          autoComplete="off"
          value={code}
          error={fields.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />{' '}
            {t('identity.checked')}
          </label>
        </div>
        <button className="btn" type="submit" disabled={verify.isPending || !checked}>
          {t('identity.submit')}
        </button>
      </form>
    </>
  );
}
