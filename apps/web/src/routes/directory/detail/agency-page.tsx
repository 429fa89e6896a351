import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgency } from '../../../features/directory/hooks';
import { Loading, QueryError, usePageTitle } from '../../../features/ui';

export function AgencyPage() {
  const { t, i18n } = useTranslation('directory');
  const { code } = useParams();
  const agency = useAgency(code);
  const a = agency.data;
  const en = i18n.language === 'en';
  usePageTitle(a ? (en && a.nameEn ? a.nameEn : a.name) : t('title'));
  const dash = t('none');

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('breadcrumbs')}>
        <ol>
          <li>
            <Link to="/">{t('common:nav.home')}</Link>
          </li>
          <li>
            <Link to="/directory">{t('title')}</Link>
          </li>
          {a?.parent && (
            <li>
              <Link to={`/directory/${encodeURIComponent(a.parent.code)}`}>{a.parent.name}</Link>
            </li>
          )}
        </ol>
      </nav>
      {agency.isPending ? (
        <Loading />
      ) : agency.isError ? (
        <QueryError error={agency.error} />
      ) : a ? (
        <>
          <h1>{en && a.nameEn ? a.nameEn : a.name}</h1>
          {en && a.nameEn ? (
            <p className="lead" lang="vi">
              {a.name}
            </p>
          ) : (
            a.nameEn && (
              <p className="lead" lang="en">
                {a.nameEn}
              </p>
            )
          )}
          <dl className="summary">
            <dt>{t('fields.code')}</dt>
            <dd className="mono">{a.code}</dd>
            <dt>{t('fields.legacyCode')}</dt>
            <dd className="mono">{a.legacyCode ?? dash}</dd>
            {a.shortName && (
              <>
                <dt>{t('fields.shortName')}</dt>
                <dd>{a.shortName}</dd>
              </>
            )}
            <dt>{t('fields.level')}</dt>
            <dd>{t(`levels.${a.level}`)}</dd>
            <dt>{t('fields.parent')}</dt>
            <dd>
              {a.parent ? <Link to={`/directory/${encodeURIComponent(a.parent.code)}`}>{a.parent.name}</Link> : dash}
            </dd>
          </dl>

          <h2>{t('contact')}</h2>
          <dl className="summary">
            <dt>{t('fields.address')}</dt>
            <dd>{a.address ?? dash}</dd>
            <dt>{t('fields.phone')}</dt>
            <dd>{a.phone ? <a href={`tel:${a.phone.replace(/[^\d+]/g, '')}`}>{a.phone}</a> : dash}</dd>
            <dt>{t('fields.email')}</dt>
            <dd>{a.email ? <a href={`mailto:${a.email}`}>{a.email}</a> : dash}</dd>
            <dt>{t('fields.website')}</dt>
            <dd>
              {a.website && /^https?:\/\//.test(a.website) ? (
                <a href={a.website} rel="noopener noreferrer" target="_blank">
                  {a.website}
                  <span className="visually-hidden"> {t('opensInNewTab')}</span>
                </a>
              ) : (
                dash
              )}
            </dd>
          </dl>

          <h2>{t('children', { n: a.children.length })}</h2>
          {a.children.length === 0 ? (
            <p className="muted">{t('noChildren')}</p>
          ) : (
            <ul className="results">
              {a.children.map((c) => (
                <li key={c.code}>
                  <Link to={`/directory/${encodeURIComponent(c.code)}`} lang="vi">
                    {c.name}
                  </Link>{' '}
                  <span className="tag">{t(`levels.${c.level}`)}</span> <span className="mono muted">{c.code}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}
