import { useTranslation } from 'react-i18next';
import { CertificateFacts, CertificateStatus, commonName, downloadPem, useCertificates } from '../../../features/pki';
import { Loading, QueryError, usePageTitle } from '../../../features/ui';

/** "Chứng thư số của tôi": a civil servant's own certificates, with status and PEM download. */
export function MyCertificatesPage() {
  const { t } = useTranslation('pki');
  usePageTitle(t('mine.title'));
  const certs = useCertificates({ pageSize: 100 });
  return (
    <div className="page">
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.intro')}</p>
      <p className="notice pki-demo">{t('demoNotice')}</p>
      {certs.isPending ? (
        <Loading />
      ) : certs.isError ? (
        <QueryError error={certs.error} />
      ) : certs.data.items.length === 0 ? (
        <p>{t('mine.empty')}</p>
      ) : (
        <ul className="cert-list" aria-label={t('mine.title')}>
          {certs.data.items.map((c) => (
            <li key={c.id} data-testid="my-certificate">
              <h2>
                {commonName(c)} <CertificateStatus certificate={c} />
              </h2>
              <p className="muted">{t(`profiles.${c.profile}`)}</p>
              <CertificateFacts certificate={c} />
              <button type="button" className="btn btn--secondary btn--small" onClick={() => downloadPem(c)}>
                {t('download')}
                <span className="visually-hidden"> {commonName(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
