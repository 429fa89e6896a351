import { Navigate, useLocation, useParams } from 'react-router';
import { useMe } from '../../../features/identity';
import { Loading, QueryError } from '../../../features/ui';

/**
 * `/dossiers/{code}`, the link of the status mails sent before they named the page: the officers'
 * view for staff, "Hồ sơ của tôi" for the applicant, the login page (and back) for a visitor.
 */
export function DossierLinkPage() {
  const { code = '' } = useParams();
  const me = useMe();
  const enc = encodeURIComponent(code);
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(`/dossiers/${enc}`)}`} replace />;
  return <Navigate to={me.data.kind === 'staff' ? `/staff/dossiers/${enc}` : `/my/dossiers/${enc}`} replace />;
}

/** `/tra-cuu?…`, the QR link of receipts printed before it named the tracking page. */
export function TrackAliasPage() {
  const { search } = useLocation();
  return <Navigate to={`/track${search}`} replace />;
}
