import { useTranslation } from 'react-i18next';
import { CertificateFacts, commonName, useCas } from '../../../features/pki';
import { Loading, QueryError, usePageTitle } from '../../../features/ui';

/** Our root and issuing CA, with their certificate and CRL for download, and the public services. */
export default function CasPage() {
  const { t } = useTranslation('pki');
  usePageTitle(t('cas.title'));
  const cas = useCas();
  return (
    <>
      <h1>{t('cas.title')}</h1>
      <p>{t('cas.intro')}</p>
      <p className="notice pki-demo">{t('demoNotice')}</p>
      {cas.isPending ? (
        <Loading />
      ) : cas.isError ? (
        <QueryError error={cas.error} />
      ) : (
        <ul className="cert-list" aria-label={t('cas.title')}>
          {[...cas.data.items]
            .sort((a, b) => (a.profile === b.profile ? 0 : a.profile === 'root' ? -1 : 1))
            .map((c) => (
              <li key={c.id}>
                <h2>{commonName(c)}</h2>
                <p className="muted">{t(`profiles.${c.profile}`)}</p>
                <CertificateFacts certificate={c} />
                <div className="btn-row">
                  {/* Same-origin paths: the links work whatever PUBLIC_URL says. */}
                  <a className="btn btn--secondary btn--small" href={`/pki/${c.id}.crt`} download>
                    {t('cas.downloadCert')}
                    <span className="visually-hidden"> {commonName(c)}</span>
                  </a>
                  <a className="btn btn--secondary btn--small" href={`/pki/${c.id}.crl`} download>
                    {t('cas.downloadCrl')}
                    <span className="visually-hidden"> {commonName(c)}</span>
                  </a>
                </div>
              </li>
            ))}
        </ul>
      )}
      <h2>{t('cas.services')}</h2>
      <dl className="summary">
        <dt>{t('cas.ocsp')}</dt>
        <dd className="mono wrap-anywhere">POST {window.location.origin}/pki/ocsp</dd>
        <dt>{t('cas.tsa')}</dt>
        <dd className="mono wrap-anywhere">POST {window.location.origin}/pki/tsa</dd>
      </dl>
    </>
  );
}
