import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import type { Tx } from '../../../platform/db/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo, type ItemRow, type MeetingRow } from '../meetings.repository.js';
import type { MeetingActor } from '../meetings.policy.js';
import { assertAgendaEditor, audit, standing } from './common.js';

export interface ItemEdit {
  title?: string;
  summary?: string | null;
  /** `null`: no presenter. */
  presenterId?: string | null;
  /** The guests invited to this item (all of them: one left out is no longer invited to it). */
  guestIds?: string[];
}

const itemNotFound = () => new NotFoundError('ITEM_NOT_FOUND', 'No item with this id.');
const statusConflict = (status: string) =>
  new ConflictError('MEETING_STATUS_CONFLICT', `Not possible while the meeting is ${status}.`, { status });
export const itemRemoved = () =>
  new ConflictError('ITEM_REMOVED', 'This item was withdrawn from the agenda.', { path: 'itemId' });

/** Whose the item is as the agenda stands: an item withdrawn or unknown is refused. */
async function lockedItem(tx: Tx, m: MeetingRow, a: MeetingActor, itemId: string) {
  const locked = (await repo.lockMeeting(tx, m.id))!;
  assertAgendaEditor(locked, a);
  const item = await repo.item(tx, m.id, itemId);
  if (!item) throw itemNotFound();
  return { locked, item };
}

const itemState = (i: ItemRow, guests: string[]) => ({
  title: i.title,
  summary: i.summary,
  presenterId: i.presenterId,
  guestIds: guests,
});

/**
 * The secretary (or the chair) edits an item: freely in a draft; once convened the change is
 * recorded (`editedAt`, audited with before and after) and members see the item marked as changed,
 * live. Not once the session is closed, not on an item withdrawn from the agenda.
 */
export async function editItem(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemId: string,
  i: ItemEdit,
) {
  const { m, actor: a } = await standing(ctx, p, meetingId);
  assertAgendaEditor(m, a);
  const presenter = i.presenterId ? await ctx.ports.findAccount(i.presenterId) : null;
  if (i.presenterId && !presenter)
    throw ValidationError.field('presenterId', 'ACCOUNT_NOT_FOUND', 'No account with this id.');
  const title = i.title?.normalize('NFC').trim();
  if (i.title !== undefined && !title) throw ValidationError.field('title', 'REQUIRED', 'The item needs a title.');
  const out = await ctx.db.transaction(async (tx) => {
    const { locked, item } = await lockedItem(tx, m, a, itemId);
    if (item.removedAt) throw itemRemoved();
    const guests = (await repo.participantsOf(tx, m.id)).filter((x) => x.role === 'guest');
    for (const [n, g] of (i.guestIds ?? []).entries())
      if (!guests.some((x) => x.userId === g))
        throw ValidationError.field(
          `guestIds.${n}`,
          'NOT_A_GUEST',
          'Invite this person as a guest of the meeting first.',
        );
    const before = itemState(
      item,
      guests.filter((x) => x.itemIds.includes(item.id)).map((x) => x.userId),
    );
    const patch: Partial<ItemRow> = {};
    if (title !== undefined) patch.title = title;
    if (i.summary !== undefined) patch.summary = i.summary?.normalize('NFC').trim() || null;
    if (i.presenterId !== undefined) {
      patch.presenterId = presenter?.id ?? null;
      patch.presenterName = presenter?.fullName ?? null;
    }
    const after = { ...before, ...patch, guestIds: i.guestIds ? [...new Set(i.guestIds)] : before.guestIds };
    delete (after as Record<string, unknown>).presenterName;
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    // A retry with the same values changes nothing and records nothing.
    if (!changed) return { changed: false, editedAt: item.editedAt };
    const now = ctx.clock.now();
    if (locked.status !== 'draft') {
      patch.editedAt = now;
      patch.editedBy = p.userId;
    }
    if (Object.keys(patch).length) await repo.updateItem(tx, item.id, patch);
    if (i.guestIds)
      for (const g of guests) {
        const invited = after.guestIds.includes(g.userId);
        if (invited !== g.itemIds.includes(item.id))
          await repo.updateParticipant(tx, m.id, g.userId, {
            itemIds: invited ? [...g.itemIds, item.id] : g.itemIds.filter((x) => x !== item.id),
          });
      }
    await audit(tx, actor, now, 'meeting.item_edited', m.id, { itemId: item.id, ...after }, { itemId, ...before });
    return { changed: true, editedAt: patch.editedAt ?? item.editedAt };
  });
  if (out.changed) ctx.publish(m.id, 'item_edited', itemId);
  return { id: itemId, editedAt: out.editedAt?.toISOString() ?? null };
}

/**
 * An item taken off the agenda. In a draft nobody has seen it: it is deleted with its paper rows and
 * the agenda renumbered. Once convened it stays, marked withdrawn (who, when), with the positions
 * already recorded on it, but it leaves the consent agenda and takes no position, vote or decision.
 * A decided item, or one with a vote open, is not withdrawn. A retry answers the same.
 */
export async function removeItem(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  itemId: string,
) {
  const { m, actor: a } = await standing(ctx, p, meetingId);
  assertAgendaEditor(m, a);
  const out = await ctx.db.transaction(async (tx) => {
    const { locked, item } = await lockedItem(tx, m, a, itemId);
    const now = ctx.clock.now();
    const returnProposal = async () => {
      const proposalId = await repo.returnProposalOfItem(tx, item.id);
      if (proposalId) await audit(tx, actor, now, 'meeting.proposal_returned', m.id, { proposalId, itemId: item.id });
    };
    if (locked.status === 'draft') {
      await repo.deleteItem(tx, m.id, item.id);
      await returnProposal();
      for (const g of (await repo.participantsOf(tx, m.id)).filter((x) => x.itemIds.includes(item.id)))
        await repo.updateParticipant(tx, m.id, g.userId, { itemIds: g.itemIds.filter((x) => x !== item.id) });
      const rest = await repo.itemsOf(tx, m.id);
      // Two steps: the (meeting, seq) index is unique.
      for (const [n, x] of rest.entries()) await repo.updateItem(tx, x.id, { seq: -(n + 1) });
      for (const [n, x] of rest.entries()) await repo.updateItem(tx, x.id, { seq: n + 1 });
      await audit(tx, actor, now, 'meeting.item_deleted', m.id, undefined, {
        itemId: item.id,
        seq: item.seq,
        title: item.title,
      });
      return { removedAt: null, deleted: true, changed: true };
    }
    if (item.removedAt) return { removedAt: item.removedAt, deleted: false, changed: false };
    if (item.outcome !== 'pending')
      throw new ConflictError('ITEM_DECIDED', 'A decided item stays on the agenda.', { outcome: item.outcome });
    if (await repo.openVoteOf(tx, item.id))
      throw new ConflictError('VOTE_ALREADY_OPEN', 'A vote is open on this item.');
    await repo.updateItem(tx, item.id, { removedAt: now, removedBy: p.userId });
    await returnProposal();
    await audit(
      tx,
      actor,
      now,
      'meeting.item_removed',
      m.id,
      { itemId: item.id, removedAt: now.toISOString() },
      {
        itemId: item.id,
        title: item.title,
      },
    );
    return { removedAt: now, deleted: false, changed: true };
  });
  if (out.changed) ctx.publish(m.id, 'item_removed', out.deleted ? undefined : itemId);
  return { id: itemId, deleted: out.deleted, removedAt: out.removedAt?.toISOString() ?? null };
}

/**
 * A paper withdrawn: one version, or the whole paper (every version). Nothing is deleted — members
 * already received the bytes, and the record says who withdrew it and when; the default list no
 * longer shows it. The chair, the secretary or the item's presenter, until the session is closed.
 */
export async function withdrawPaper(
  ctx: MeetingsContext,
  actor: ActorContext,
  p: Principal,
  meetingId: string,
  paperId: string,
  i: { whole?: boolean },
) {
  const { m, me, actor: a } = await standing(ctx, p, meetingId);
  const paper = await repo.paper(ctx.db, m.id, paperId);
  const item = paper ? await repo.item(ctx.db, m.id, paper.itemId) : null;
  // A guest learns nothing of the papers of items he is not invited to.
  if (!paper || !item || (me.role === 'guest' && !me.itemIds.includes(item.id)))
    throw new NotFoundError('PAPER_NOT_FOUND', 'No paper with this id.');
  if (a.role !== 'chair' && a.role !== 'secretary' && item.presenterId !== p.userId)
    throw new ForbiddenError(
      'MEETING_ROLE_FORBIDDEN',
      'Only the chair, the secretary or the presenter withdraws papers.',
    );
  const out = await ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockMeeting(tx, m.id))!;
    if (!['draft', 'convened', 'in_session'].includes(locked.status)) throw statusConflict(locked.status);
    const versions = i.whole ? await repo.paperVersions(tx, m.id, paper.paperKey) : [paper];
    const open = versions.filter((v) => !v.withdrawnAt);
    if (!open.length) return { ids: [] as string[], at: versions[0]!.withdrawnAt! };
    const now = ctx.clock.now();
    await repo.updatePapers(
      tx,
      open.map((v) => v.id),
      { withdrawnAt: now, withdrawnBy: p.userId },
    );
    await audit(tx, actor, now, 'meeting.paper_withdrawn', m.id, {
      itemId: item.id,
      paperKey: paper.paperKey,
      paperIds: open.map((v) => v.id),
      versions: open.map((v) => v.version),
      whole: !!i.whole,
    });
    return { ids: open.map((v) => v.id), at: now };
  });
  if (out.ids.length) ctx.publish(m.id, 'paper_withdrawn', item.id);
  return { paperKey: paper.paperKey, withdrawnAt: out.at.toISOString() };
}
