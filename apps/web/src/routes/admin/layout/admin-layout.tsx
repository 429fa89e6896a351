import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { hasRole, useMe } from '../../../features/identity';
import { SectionNav } from '../../../features/ui';

/** Admin area frame: section navigation; agency admins see only the parts scoped to their agency. */
export default function AdminLayout() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const links = [
    { to: 'users', label: t('nav.users') },
    { to: 'agencies', label: t('nav.agencies') },
    ...(isAdmin ? [{ to: 'oidc-clients', label: t('nav.oidcClients') }] : []),
    { to: 'audit', label: t('nav.audit') },
    ...(isAdmin ? [{ to: 'jobs', label: t('nav.jobs') }] : []),
    { to: 'procedures', label: t('nav.procedures') },
    { to: 'calendar', label: t('nav.calendar') },
    { to: 'pki', label: t('pki:nav.cas'), end: true },
    { to: 'pki/certificates', label: t('pki:nav.certificates') },
    { to: 'pki/trust', label: t('pki:nav.trust') },
    // The data sharing platform (NGSP/LGSP): each agency administrator sees its own members.
    { to: 'gateway/services', label: t('gateway:nav.services') },
    { to: 'gateway/subsystems', label: t('gateway:nav.subsystems') },
    { to: 'gateway/messages', label: t('gateway:nav.messages') },
    // The exchange hub operator's pages (on a node they say so).
    ...(isAdmin
      ? [
          { to: 'exchange/nodes', label: t('exchange:nav.nodes') },
          { to: 'exchange/log', label: t('exchange:nav.log') },
          { to: 'exchange/deliveries', label: t('exchange:nav.deliveries') },
        ]
      : []),
  ];
  return (
    <div className="admin-layout">
      <SectionNav
        label={t('nav.label')}
        scope={isAdmin ? t('scope.all') : t('scope.agency', { agency: me.data?.agencyCode ?? '' })}
        links={links}
      />
      <div className="page">
        <Outlet />
      </div>
    </div>
  );
}
