import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  commonName,
  REVOCATION_REASONS,
  type Certificate,
  type RevocationReason,
  useRevokeCertificate,
} from '../../../features/pki';
import { ErrorSummary, SelectField, useFocusOnMount } from '../../../features/ui';

/** Revoke one certificate with an RFC 5280 reason, after an explicit confirmation. */
export function RevokeForm({ certificate, onDone }: { certificate: Certificate; onDone: (revoked: boolean) => void }) {
  const { t } = useTranslation('pki');
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState<RevocationReason>('keyCompromise');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const name = commonName(certificate);

  function submit(e: FormEvent) {
    e.preventDefault();
    revoke.mutate({ id: certificate.id, reason }, { onSuccess: () => onDone(true) });
  }

  return (
    <form className="form notice notice--warning" onSubmit={submit} aria-labelledby={`revoke-title-${certificate.id}`}>
      <h3 id={`revoke-title-${certificate.id}`} tabIndex={-1} ref={heading}>
        {t('admin.revokeTitle', { name })}
      </h3>
      <p>{t('admin.revokeWarning')}</p>
      <ErrorSummary error={revoke.error} />
      <SelectField
        id={`revoke-reason-${certificate.id}`}
        label={t('fields.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value as RevocationReason)}
      >
        {REVOCATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`reasons.${r}`)}
          </option>
        ))}
      </SelectField>
      <div className="btn-row">
        <button className="btn btn--danger" type="submit" disabled={revoke.isPending}>
          {t('admin.revokeSubmit')}
        </button>
        <button className="btn btn--secondary" type="button" onClick={() => onDone(false)}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
