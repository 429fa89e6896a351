import type { Me } from './types';

/**
 * Where a person's work is, the page they land on after logging in (unless a link sent them
 * elsewhere): the citizen's dossiers, the desk's reception box, the specialist's and the leader's
 * inbox (the inbox opens on the box of their role), the clerk's documents, the administrator's area.
 */
export function workPlace(me: Pick<Me, 'kind' | 'roles'> | null | undefined): string {
  if (!me) return '/';
  if (me.kind !== 'staff') return '/my/dossiers';
  const has = (r: string) => me.roles.includes(r);
  if (has('reception')) return '/staff/dossiers?box=reception';
  if (has('specialist')) return '/staff/dossiers?box=mine';
  if (has('leader')) return '/staff/dossiers?box=approval';
  if (has('clerk')) return '/staff/documents';
  if (has('admin') || has('agency_admin')) return '/admin';
  return '/account';
}
