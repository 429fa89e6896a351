import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Me, useDeskCode, useVneid, useVneidLink } from '../../../features/identity';
import { ErrorSummary, formatDateTime, SuccessNotice } from '../../../features/ui';
import { CertificateProof } from './certificate-proof';

/**
 * "Danh tính": how the account's identity was proven, and how to raise it (ADR 0015). A
 * self-declared account sees only what it filed itself; dossiers the desk filed for its ID number
 * show once it is verified (VNeID, at the desk, a digital signature certificate) or claimed with the
 * receipt's code.
 */
export function IdentitySection({ user }: { user: Me }) {
  const { t, i18n } = useTranslation('account');
  const [params] = useSearchParams();
  const vneid = useVneid();
  const link = useVneidLink();
  const desk = useDeskCode();
  const [certVerified, setCertVerified] = useState(false);
  if (user.kind !== 'citizen' && user.kind !== 'business') return null;
  const level = user.identityLevel ?? 'self_declared';
  const verified = level !== 'self_declared';
  const outcome = params.get('vneid');
  return (
    <section className="section" aria-labelledby="identity-title">
      <h2 id="identity-title">{t('identity.title')}</h2>
      {outcome === 'linked' && <SuccessNotice>{t('identity.linked')}</SuccessNotice>}
      {outcome === 'reclaimed' && <SuccessNotice>{t('identity.reclaimed')}</SuccessNotice>}
      {certVerified && level === 'certificate' && <SuccessNotice>{t('identity.cert.done')}</SuccessNotice>}
      <dl className="summary">
        <dt>{t('identity.level')}</dt>
        <dd data-testid="identity-level">
          <strong>{t(`identity.levels.${level}`)}</strong>
          {user.identityVerifiedAt && (
            <> — {t('identity.since', { time: formatDateTime(user.identityVerifiedAt, i18n.language) })}</>
          )}
        </dd>
      </dl>
      <p>{verified ? t('identity.verifiedHelp') : t('identity.selfDeclaredHelp')}</p>
      {!verified && (
        <>
          <h3>{t('identity.howTitle')}</h3>
          <ErrorSummary error={link.error ?? desk.error} />
          <ul className="steps">
            {user.kind === 'citizen' && vneid.data?.enabled && (
              <li>
                <p>{t('identity.vneidHelp')}</p>
                <button className="btn" type="button" disabled={link.isPending} onClick={() => link.mutate()}>
                  {t('identity.vneidButton')}
                </button>
              </li>
            )}
            <li>
              <p>{t('identity.deskHelp')}</p>
              {desk.data ? (
                <p className="notice" role="status" data-testid="desk-code">
                  {t('identity.deskCode')} <strong className="mono code-big">{desk.data.code}</strong>{' '}
                  {t('identity.deskCodeUntil', { time: formatDateTime(desk.data.expiresAt, i18n.language) })}
                </p>
              ) : (
                <button
                  className="btn btn--secondary"
                  type="button"
                  disabled={desk.isPending}
                  onClick={() => desk.mutate()}
                >
                  {t('identity.deskButton')}
                </button>
              )}
            </li>
            <li>
              <CertificateProof onVerified={() => setCertVerified(true)} />
            </li>
            <li>
              <p>{t('identity.claimHelp')}</p>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
