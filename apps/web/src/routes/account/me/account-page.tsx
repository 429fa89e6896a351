import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAgencyNames } from '../../../features/directory/hooks';
import { type Me, useLogout, useMe } from '../../../features/identity';
import { formatDate, Loading, usePageTitle } from '../../../features/ui';
import { IdentitySection } from './identity-section';
import { PasskeysSection } from './passkeys-section';
import { SessionsSection } from './sessions-section';
import { SignatureImageSection } from './signature-image-section';
import { TotpSection } from './totp-section';

export function AccountPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('title'));
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data;
  const agencyName = useAgencyNames(user?.agencyCode ? [user.agencyCode] : []);
  if (!user) return <Loading />;
  const dash = t('none');

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('welcome', { name: user.fullName })}</p>

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t('profile.title')}</h2>
        <dl className="summary" data-testid="profile">
          <dt>{t('profile.fullName')}</dt>
          <dd>{user.fullName}</dd>
          <dt>{t('profile.username')}</dt>
          <dd className="mono">{user.username}</dd>
          <dt>{t('profile.kind')}</dt>
          <dd>{t(`kinds.${user.kind}`)}</dd>
          {user.roles.length > 0 && (
            <>
              <dt>{t('profile.roles')}</dt>
              <dd>{user.roles.map((r) => t(`admin:roles.${r}`, { defaultValue: r })).join(', ')}</dd>
            </>
          )}
          {user.agencyCode && (
            <>
              <dt>{t('profile.agency')}</dt>
              <dd>
                {agencyName(user.agencyCode)} <span className="muted mono">({user.agencyCode})</span>
              </dd>
            </>
          )}
          <dt>{t('profile.email')}</dt>
          <dd>{user.email ?? dash}</dd>
          <dt>{t('profile.phone')}</dt>
          <dd>{user.phone ?? dash}</dd>
          <dt>{t('profile.assurance')}</dt>
          <dd data-testid="acr">{t(`acr.${user.acr}`)}</dd>
        </dl>
      </section>

      {user.kind === 'citizen' && <PersonalSummary user={user} />}
      <IdentitySection user={user} />
      <TotpSection enabled={user.totpEnabled} />
      <PasskeysSection />
      {user.kind === 'staff' && <SignatureImageSection />}
      <SessionsSection />

      <section className="section" aria-labelledby="logout-title">
        <h2 id="logout-title">{t('logout.title')}</h2>
        <button
          className="btn btn--secondary"
          type="button"
          onClick={() =>
            logout.mutate(undefined, { onSettled: () => void navigate('/login', { state: { loggedOut: true } }) })
          }
        >
          {t('logout.button')}
        </button>
      </section>
    </div>
  );
}

/** "Thông tin cá nhân" at a glance: what the forms are prefilled with, and the way to change it. */
function PersonalSummary({ user }: { user: Me }) {
  const { t, i18n } = useTranslation('account');
  const line = (a: Me['permanentAddress']) =>
    a ? [a.street, a.communeName, a.provinceName].filter(Boolean).join(', ') : null;
  return (
    <section className="section" aria-labelledby="personal-title">
      <h2 id="personal-title">{t('personal.title')}</h2>
      <dl className="summary" data-testid="personal">
        <dt>{t('personal.dateOfBirth')}</dt>
        <dd>{user.dateOfBirth ? formatDate(user.dateOfBirth, i18n.language) : t('personal.notSet')}</dd>
        <dt>{t('personal.permanent')}</dt>
        <dd>{line(user.permanentAddress) ?? t('personal.notSet')}</dd>
        <dt>{t('personal.current')}</dt>
        <dd>{line(user.currentAddress) ?? (user.permanentAddress ? t('personal.same') : t('personal.notSet'))}</dd>
      </dl>
      <p>
        <Link className="btn btn--secondary" to="/account/profile">
          {t('personal.edit')}
        </Link>
      </p>
    </section>
  );
}
