import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { STATS_ROLES } from '../../../features/dossiers/types';
import { useAgencyNames } from '../../../features/directory/hooks';
import { hasRole, useMe } from '../../../features/identity';
import { PAYMENT_VIEWERS, PUSH_HANDLERS, RECONCILERS } from '../../../features/payments/types';
import { SectionNav } from '../../../features/ui';

/** The one-stop desk and processing area: inbox, counter submission (reception), statistics (leaders). */
export default function StaffLayout() {
  const { t } = useTranslation('staff');
  const me = useMe();
  const agencyName = useAgencyNames(me.data?.agencyCode ? [me.data.agencyCode] : []);
  const links = [
    { to: 'dossiers', label: t('nav.inbox') },
    ...(hasRole(me.data, 'reception') ? [{ to: 'counter', label: t('nav.counter') }] : []),
    ...(hasRole(me.data, 'reception') ? [{ to: 'identity', label: t('nav.identity') }] : []),
    ...(hasRole(me.data, 'reception', 'leader') ? [{ to: 'dossier-register', label: t('nav.dossierRegister') }] : []),
    ...(hasRole(me.data, ...STATS_ROLES) ? [{ to: 'stats', label: t('nav.stats') }] : []),
    ...(hasRole(me.data, 'clerk', 'specialist', 'leader')
      ? [{ to: 'documents', label: t('documents:nav.documents') }]
      : []),
    ...(hasRole(me.data, 'clerk', 'leader') ? [{ to: 'registers', label: t('documents:nav.registers') }] : []),
    { to: 'feedback', label: t('feedback:nav.staff') },
    { to: 'meetings', label: t('meetings:nav.meetings') },
    // The population registry's owner (Bộ Công an, G01) answers citizens' correction requests.
    ...(hasRole(me.data, 'specialist', 'leader') && /^G01(\.|$)/.test(me.data?.agencyCode ?? '')
      ? [{ to: 'registry-corrections', label: t('registries:corrections.nav') }]
      : []),
    // A leader delays, on a legal basis, the notice of his agency's registry reads to the person (ADR 0025).
    ...(hasRole(me.data, 'leader') ? [{ to: 'access-delays', label: t('registries:delays.nav') }] : []),
    { to: 'reports', label: t('reporting:nav.reports'), end: true },
    { to: 'reports/regimes', label: t('reporting:nav.regimes') },
    ...(hasRole(me.data, 'leader', 'agency_admin', 'admin')
      ? [{ to: 'dashboard', label: t('reporting:nav.dashboard') }]
      : []),
    ...(hasRole(me.data, ...PAYMENT_VIEWERS) ? [{ to: 'payments', label: t('payments:nav.payments'), end: true }] : []),
    ...(hasRole(me.data, ...RECONCILERS)
      ? [{ to: 'payments/reconciliation', label: t('payments:nav.reconciliation') }]
      : []),
    ...(hasRole(me.data, ...PUSH_HANDLERS) ? [{ to: 'payments/bank-pushes', label: t('payments:nav.pushes') }] : []),
  ];
  return (
    <div className="admin-layout">
      <SectionNav
        label={t('nav.label')}
        scope={t('nav.scope', { agency: me.data?.agencyCode ? agencyName(me.data.agencyCode) : '' })}
        links={links}
      />
      <div className="page">
        <Outlet />
      </div>
    </div>
  );
}
