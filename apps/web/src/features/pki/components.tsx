import './pki.css';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui';
import { formatFingerprint, nameAttribute, pemFileName } from './certificate-text';
import type { Certificate } from './types';

/** Valid, revoked or expired (an expired certificate is still `active` on the server). */
export function certificateState(
  c: Pick<Certificate, 'status' | 'notAfter'>,
  now = Date.now(),
): 'active' | 'revoked' | 'expired' {
  if (c.status === 'revoked') return 'revoked';
  return new Date(c.notAfter).getTime() < now ? 'expired' : 'active';
}

export function CertificateStatus({ certificate }: { certificate: Pick<Certificate, 'status' | 'notAfter'> }) {
  const { t } = useTranslation('pki');
  const state = certificateState(certificate);
  const cls = state === 'active' ? 'tag--green' : state === 'revoked' ? 'tag--red' : 'tag--grey';
  return <span className={`tag ${cls}`}>{t(`statuses.${state}`)}</span>;
}

/** Save the certificate as a .pem file (public data: no request needed). */
export function downloadPem(c: Pick<Certificate, 'pem' | 'subject' | 'serial'>) {
  const url = URL.createObjectURL(new Blob([c.pem], { type: 'application/x-pem-file' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = pemFileName(c.subject, c.serial);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const commonName = (c: Pick<Certificate, 'subject'>) => nameAttribute(c.subject, 'CN') ?? c.subject;

/** The facts of one certificate, as a description list. */
export function CertificateFacts({ certificate: c }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation('pki');
  return (
    <dl className="summary">
      <dt>{t('fields.subject')}</dt>
      <dd className="wrap-anywhere">{c.subject}</dd>
      <dt>{t('fields.issuer')}</dt>
      <dd className="wrap-anywhere">{c.issuer}</dd>
      <dt>{t('fields.serial')}</dt>
      <dd className="mono wrap-anywhere">{c.serial}</dd>
      <dt>{t('fields.validFrom')}</dt>
      <dd>{formatDateTime(c.notBefore, i18n.language)}</dd>
      <dt>{t('fields.validTo')}</dt>
      <dd>{formatDateTime(c.notAfter, i18n.language)}</dd>
      <dt>{t('fields.key')}</dt>
      <dd>
        {t(c.profile === 'root' || c.profile === 'issuing' ? 'keyHeld.ca' : c.keyHeld ? 'keyHeld.yes' : 'keyHeld.no')} ·{' '}
        <span className="mono">{c.keyAlgorithm}</span>
      </dd>
      <dt>{t('fields.fingerprint')}</dt>
      <dd className="mono wrap-anywhere">{formatFingerprint(c.fingerprint)}</dd>
      <dt>{t('fields.status')}</dt>
      <dd>
        <CertificateStatus certificate={c} />
        {c.status === 'revoked' && (
          <>
            {' '}
            {formatDateTime(c.revokedAt, i18n.language)}
            {c.revocationReason && ` — ${t(`reasons.${c.revocationReason}`)}`}
          </>
        )}
      </dd>
    </dl>
  );
}
