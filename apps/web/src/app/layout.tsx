import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole, useLogout, useMe } from '../features/identity';
import { languages } from '../i18n';

function Emblem() {
  // A simple national-style emblem: red disc, gold star. Decorative: the site name is the link text.
  return (
    <svg className="brand__emblem" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="23" fill="#c62828" stroke="#ffd54f" strokeWidth="2" />
      <path d="M24 9l4.4 10.2 11 .9-8.4 7.2 2.6 10.8L24 32.3l-9.6 5.8 2.6-10.8-8.4-7.2 11-.9z" fill="#ffd54f" />
    </svg>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.resolvedLanguage === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data;
  // On a phone the links fold behind one menu button (CSS shows the button below 641 px only);
  // following a link folds them again.
  const [open, setOpen] = useState(false);
  return (
    <nav className={`mainnav${open ? ' mainnav--open' : ''}`} aria-label={t('nav.label')}>
      <div className="container">
        <button
          type="button"
          className="mainnav__toggle"
          aria-expanded={open}
          aria-controls="mainnav-links"
          onClick={() => setOpen((o) => !o)}
        >
          <span className="mainnav__icon" aria-hidden="true" />
          {t('nav.menu')}
        </button>
        <ul
          id="mainnav-links"
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('a')) setOpen(false);
          }}
        >
          <li>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/procedures">{t('nav.procedures')}</NavLink>
          </li>
          <li>
            <NavLink to="/track">{t('nav.track')}</NavLink>
          </li>
          <li>
            <NavLink to="/directory">{t('nav.directory')}</NavLink>
          </li>
          <li>
            <NavLink to="/phan-anh">{t('feedback:nav.feedback')}</NavLink>
          </li>
          <li>
            <NavLink to="/chi-so-766">{t('reporting:nav.scores')}</NavLink>
          </li>
          {user && user.kind !== 'staff' && (
            <li>
              <NavLink to="/my/dossiers">{t('nav.myDossiers')}</NavLink>
            </li>
          )}
          {user?.kind === 'citizen' && (
            <li>
              <NavLink to="/my/data-access">{t('registries:nav.dataAccess')}</NavLink>
            </li>
          )}
          {user?.kind === 'staff' && (
            <li>
              <NavLink to="/staff">{t('nav.staff')}</NavLink>
            </li>
          )}
          {user?.kind === 'staff' && (
            <li>
              <NavLink to="/my/certificates">{t('pki:nav.mine')}</NavLink>
            </li>
          )}
          {user && (
            <li>
              <NavLink to="/signatures/sign">{t('signatures:nav.sign')}</NavLink>
            </li>
          )}
          {user && (
            <li>
              <NavLink to="/signatures/validate">{t('signatures:nav.validate')}</NavLink>
            </li>
          )}
          {hasRole(user, 'admin', 'agency_admin') && (
            <li>
              <NavLink to="/admin">{t('nav.admin')}</NavLink>
            </li>
          )}
          <li className="mainnav__right">
            {user ? (
              <>
                <NavLink to="/account">{t('nav.account')}</NavLink>
                <button
                  type="button"
                  onClick={() =>
                    logout.mutate(undefined, {
                      onSettled: () => void navigate('/login', { state: { loggedOut: true } }),
                    })
                  }
                >
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login">{t('nav.login')}</NavLink>
                <NavLink to="/register">{t('nav.register')}</NavLink>
              </>
            )}
          </li>
        </ul>
      </div>
    </nav>
  );
}

/** Page frame: skip link, masthead, navigation, main landmark, footer. */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After client-side navigation, move focus to the content so screen readers announce the new page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="masthead">
        <div className="container masthead__inner">
          <Link to="/" className="brand">
            <Emblem />
            <span>
              <span className="brand__name">{t('site.name')}</span>
              <span className="brand__tagline">{t('site.tagline')}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <MainNav />
      <main id="main" tabIndex={-1} ref={mainRef}>
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="footer">
        <div className="container">
          <p>{t('footer.about')}</p>
          <p>
            <a href="/api/docs">{t('footer.apiDocs')}</a> · <a href="/health">{t('footer.status')}</a> ·{' '}
            {t('footer.license')}
          </p>
        </div>
      </footer>
    </>
  );
}
