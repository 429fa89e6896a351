import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../features/identity';
import { usePageTitle } from '../../../features/ui';

const PRINCIPLES = ['meetings', 'documents', 'procedures', 'payments'] as const;
const SYSTEMS = ['identity', 'directory', 'procedures', 'documents', 'signatures', 'audit'] as const;

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('home.title'));
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
        <div className="btn-row">
          {me.data ? (
            <Link className="btn btn--secondary" to="/account">
              {t('home.goToAccount', { name: me.data.fullName })}
            </Link>
          ) : (
            <>
              <Link className="btn btn--secondary" to="/register">
                {t('nav.register')}
              </Link>
              <Link className="btn btn--secondary" to="/login">
                {t('nav.login')}
              </Link>
            </>
          )}
          <Link className="btn btn--secondary" to="/directory">
            {t('nav.directory')}
          </Link>
        </div>
      </section>

      <div className="page">
        <h2>{t('home.fourNos.title')}</h2>
        <ul className="cards">
          {PRINCIPLES.map((p) => (
            <li key={p} className="card">
              <h3>{t(`home.fourNos.${p}.title`)}</h3>
              <p>{t(`home.fourNos.${p}.body`)}</p>
            </li>
          ))}
        </ul>

        <h2>{t('home.systems.title')}</h2>
        <ul className="cards">
          {SYSTEMS.map((s) => (
            <li key={s} className="card">
              <h3>{t(`home.systems.${s}.title`)}</h3>
              <p>{t(`home.systems.${s}.body`)}</p>
            </li>
          ))}
        </ul>

        <h2>{t('home.links.title')}</h2>
        <ul>
          <li>
            <Link to="/register">{t('home.links.register')}</Link>
          </li>
          <li>
            <Link to="/directory">{t('home.links.directory')}</Link>
          </li>
          <li>
            <Link to="/account">{t('home.links.account')}</Link>
          </li>
          <li>
            <a href="/api/docs">{t('home.links.api')}</a>
          </li>
        </ul>
      </div>
    </>
  );
}
