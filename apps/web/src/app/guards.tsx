import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { type AccountKind, hasRole, useMe } from '../features/identity';
import { Loading, QueryError, usePageTitle } from '../features/ui';

/**
 * Route guard: a session is required; optionally one of `kinds` (citizen / business / staff)
 * and one of `roles`. Anonymous visitors go to the login page and come back afterwards.
 */
export function RequireAuth({
  children,
  kinds,
  roles,
}: {
  children: ReactNode;
  kinds?: AccountKind[];
  roles?: string[];
}) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if ((kinds && !kinds.includes(me.data.kind)) || (roles && !hasRole(me.data, ...roles))) return <Forbidden />;
  return <>{children}</>;
}

/** Citizens and businesses (the public service portal side). */
export const RequireCitizen = ({ children }: { children: ReactNode }) => (
  <RequireAuth kinds={['citizen', 'business']}>{children}</RequireAuth>
);
/** Civil servants. */
export const RequireStaff = ({ children }: { children: ReactNode }) => (
  <RequireAuth kinds={['staff']}>{children}</RequireAuth>
);
/** Administration: the platform admin, or an agency admin for its own agency. */
export const RequireAdmin = ({ children }: { children: ReactNode }) => (
  <RequireAuth roles={['admin', 'agency_admin']}>{children}</RequireAuth>
);

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <div className="page">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
