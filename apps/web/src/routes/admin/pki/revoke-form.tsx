import { useTranslation } from 'react-i18next';
import { commonName, type Certificate, RevocationForm, useRevokeCertificate } from '../../../features/pki';

/** Revoke one certificate with an RFC 5280 reason, after an explicit confirmation. */
export function RevokeForm({ certificate, onDone }: { certificate: Certificate; onDone: (revoked: boolean) => void }) {
  const { t } = useTranslation('pki');
  const revoke = useRevokeCertificate();
  return (
    <RevocationForm
      formId={`revoke-${certificate.id}`}
      title={t('admin.revokeTitle', { name: commonName(certificate) })}
      warning={t('admin.revokeWarning')}
      submitLabel={t('admin.revokeSubmit')}
      cancelLabel={t('admin.cancel')}
      initialReason="keyCompromise"
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={(reason) => revoke.mutate({ id: certificate.id, reason }, { onSuccess: () => onDone(true) })}
      onCancel={() => onDone(false)}
    />
  );
}
