import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { listStaffAccounts } from '../../identity/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo } from '../dossiers.repository.js';
import { requireProcedure } from './read.js';

/**
 * The specialists a dossier can be assigned to (the competent unit: its receiving agency and the
 * units below it, the same rule `assign` checks), each with the dossiers open on their desk, for
 * the officers whose role may assign it in this procedure's workflow.
 */
export async function listAssignees(ctx: DossiersContext, p: Principal, code: string) {
  const d = await repo.byCode(ctx.db, code);
  if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const who = await ctx.actorFor(p, d);
  // Another agency's dossier does not exist for the caller (as for reading it).
  if (!who.inAgency) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const { workflow } = await requireProcedure(ctx, d);
  const assigners = new Set(workflow.actions.filter((a) => a.requires.includes('assignee')).flatMap((a) => a.roles));
  if (!p.roles.some((r) => assigners.has(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not assign dossiers.', {
      requiredRoles: [...assigners],
    });
  const people = await listStaffAccounts(ctx.identity, await ctx.directory.subtreeCodes(d.agencyCode), ['specialist']);
  const load = await repo.openLoad(
    ctx.db,
    people.map((u) => u.id),
    ctx.clock.now(),
  );
  const items = [];
  for (const u of people) {
    const unit = u.agencyCode ? await ctx.directory.find(u.agencyCode) : null;
    const l = load.get(u.id) ?? { open: 0, overdue: 0 };
    items.push({
      id: u.id,
      fullName: u.fullName,
      agencyCode: u.agencyCode ?? d.agencyCode,
      agencyName: unit?.name ?? u.agencyCode ?? d.agencyCode,
      openDossiers: l.open,
      overdueDossiers: l.overdue,
      current: d.assigneeId === u.id,
    });
  }
  // The least loaded first, then by name (Vietnamese collation), so the desk sees who has room.
  items.sort((a, b) => a.openDossiers - b.openDossiers || a.fullName.localeCompare(b.fullName, 'vi'));
  return { items };
}
