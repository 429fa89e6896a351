import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo } from '../meetings.repository.js';
import { assertAgendaEditor, assertOrganiser, audit, requireStaff, standing } from './common.js';

const PEOPLE_LIMIT = 20;

/**
 * The people picker: active civil servants of my agency and its units, by name (the form never asks
 * for an id). An organiser may search the body above his agency whose meeting he prepares (the
 * secretary at the Văn phòng UBND picks the province's directors); nobody searches another agency.
 */
export async function findPeople(ctx: MeetingsContext, principal: Principal, q: { q?: string; agency?: string }) {
  const p = requireStaff(principal);
  if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You belong to no agency.');
  const scope = q.agency ? await ctx.ports.directory.find(q.agency) : await ctx.ports.directory.find(p.agencyCode);
  if (!scope) throw ValidationError.field('agency', 'AGENCY_NOT_FOUND', 'Unknown agency code.');
  if (scope.code !== p.agencyCode) {
    assertOrganiser(p);
    if (!(await ctx.ports.directory.isWithin(scope.code, p.agencyCode)))
      throw new ForbiddenError('FORBIDDEN_AGENCY', 'People of your agency or one above it only.');
  }
  const codes = await ctx.ports.directory.subtreeCodes(scope.code);
  const people = await ctx.ports.findPeople(codes, q.q?.normalize('NFC') || undefined, PEOPLE_LIMIT);
  const names = new Map<string, string | null>();
  for (const x of people)
    if (x.agencyCode && !names.has(x.agencyCode))
      names.set(x.agencyCode, (await ctx.ports.directory.find(x.agencyCode))?.name ?? null);
  return {
    items: people.map((x) => ({
      id: x.id,
      fullName: x.fullName,
      agencyCode: x.agencyCode,
      agencyName: x.agencyCode ? (names.get(x.agencyCode) ?? null) : null,
    })),
  };
}

/** The agenda in a new order (chair or secretary, while the agenda may change): items renumbered 1…n. */
export async function reorderItems(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemIds: string[],
) {
  const { m, actor: a } = await standing(ctx, p, meetingId);
  assertAgendaEditor(m, a);
  const out = await ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    assertAgendaEditor(locked, a);
    const all = await repo.itemsOf(tx, m.id);
    // Items withdrawn from the agenda are not reordered: they follow the agenda, in their order.
    const items = all.filter((x) => !x.removedAt);
    const withdrawn = all.filter((x) => x.removedAt).map((x) => x.id);
    const same =
      itemIds.length === items.length &&
      new Set(itemIds).size === itemIds.length &&
      itemIds.every((id) => items.some((x) => x.id === id));
    if (!same)
      throw ValidationError.field('itemIds', 'ITEMS_MISMATCH', 'List every item of the agenda once, in the new order.');
    const before = all.map((x) => x.id);
    // Two steps: the (meeting, seq) index is unique, so first move every item out of the way.
    const order = [...itemIds, ...withdrawn];
    for (const [n, id] of order.entries()) await repo.updateItem(tx, id, { seq: -(n + 1) });
    for (const [n, id] of order.entries()) await repo.updateItem(tx, id, { seq: n + 1 });
    await audit(tx, actor, ctx.clock.now(), 'meeting.items_reordered', m.id, { order: itemIds }, { order: before });
    return order.map((id, n) => ({ id, seq: n + 1 }));
  });
  ctx.publish(m.id, 'items_reordered');
  return { items: out };
}

/**
 * Tasks assigned to my agency (or an agency above mine: a unit works on its parent's tasks) in
 * meeting conclusions: the owner's civil servants see them here without taking part in the meeting.
 */
export async function myAgencyTasks(
  ctx: MeetingsContext,
  principal: Principal,
  q: { status?: 'open' | 'done'; page: number; pageSize: number },
) {
  const p = requireStaff(principal);
  const none = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (!p.agencyCode) return none;
  const lineage = await ctx.ports.directory.lineage(p.agencyCode);
  const codes = lineage.map((a) => a.code);
  if (!codes.length) return none;
  const r = await repo.tasksOfAgencies(ctx.db, { agencyCodes: codes, ...q });
  const names = new Map(lineage.map((a) => [a.code, a.name]));
  return {
    items: r.items.map((x) => ({ ...x, ownerAgencyName: names.get(x.ownerAgency) ?? x.ownerAgency })),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * One task of my agency (or of an agency above mine), as the task e-mail's link opens it: the same
 * rule as the list and as reporting it done. Anyone else gets 404 (the task is not revealed).
 */
export async function myAgencyTask(ctx: MeetingsContext, principal: Principal, taskId: string) {
  const p = requireStaff(principal);
  const missing = () => new NotFoundError('TASK_NOT_FOUND', 'No task of your agency with this id.');
  if (!p.agencyCode) throw missing();
  const lineage = await ctx.ports.directory.lineage(p.agencyCode);
  const t = await repo.taskWithMeeting(ctx.db, taskId);
  const owner = t && lineage.find((a) => a.code === t.ownerAgency);
  if (!t || !owner) throw missing();
  return { ...t, ownerAgencyName: owner.name };
}
