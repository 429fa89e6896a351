import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe, workPlace } from '../../../features/identity';
import { usePageTitle } from '../../../features/ui';

const PRINCIPLES = ['meetings', 'documents', 'procedures', 'payments'] as const;

/**
 * The home page starts the common tasks, as the national portal's does: find a procedure, file it
 * online, look a dossier up, pay its fee. A logged-in person also gets a way back to their work.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  usePageTitle(t('home.title'));
  const user = me.data;
  // Paying is done on the dossier: the citizen's list, after logging in if need be.
  const pay = user ? '/my/dossiers' : `/login?next=${encodeURIComponent('/my/dossiers')}`;
  const tasks = [
    { key: 'apply', to: '/procedures' },
    { key: 'track', to: '/track' },
    { key: 'pay', to: pay },
    { key: 'directory', to: '/directory' },
    {
      key: 'dataAccess',
      to: user ? '/my/data-access' : `/login?next=${encodeURIComponent('/my/data-access')}`,
    },
  ] as const;

  function search(e: FormEvent) {
    e.preventDefault();
    const term = q.trim();
    void navigate(term ? `/procedures?${new URLSearchParams({ q: term }).toString()}` : '/procedures');
  }

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
        <form className="hero-search" role="search" aria-label={t('home.search.label')} onSubmit={search}>
          <label htmlFor="home-q" className="label">
            {t('home.search.label')}
          </label>
          <span className="hint" id="home-q-hint">
            {t('home.search.hint')}
          </span>
          <div className="hero-search__row">
            <input
              id="home-q"
              type="search"
              className="input"
              value={q}
              aria-describedby="home-q-hint"
              onChange={(e) => setQ(e.target.value)}
            />
            <button className="btn" type="submit">
              {t('home.search.button')}
            </button>
          </div>
        </form>
        {user && user.kind === 'staff' && (
          <p>
            <Link className="btn btn--secondary" to={workPlace(user)}>
              {t('home.toWork')}
            </Link>
          </p>
        )}
        {!user && (
          <p className="hero__account">
            {t('home.accountPrompt')} <Link to="/login">{t('nav.login')}</Link> ·{' '}
            <Link to="/register">{t('nav.register')}</Link>
          </p>
        )}
      </section>

      <section className="page" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t('home.tasks.title')}</h2>
        <ul className="cards tasks">
          {tasks.map((task) => (
            <li key={task.key} className="card">
              <h3>
                <Link to={task.to}>{t(`home.tasks.${task.key}.title`)}</Link>
              </h3>
              <p>{t(`home.tasks.${task.key}.body`)}</p>
            </li>
          ))}
        </ul>

        <h2>{t('home.fourNos.title')}</h2>
        <ul className="cards">
          {PRINCIPLES.map((p) => (
            <li key={p} className="card">
              <h3>{t(`home.fourNos.${p}.title`)}</h3>
              <p>{t(`home.fourNos.${p}.body`)}</p>
            </li>
          ))}
        </ul>
        <p className="muted small">
          <a href="/api/docs">{t('home.links.api')}</a>
        </p>
      </section>
    </>
  );
}
