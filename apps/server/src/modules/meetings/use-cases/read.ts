import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { MeetingStatus, Position } from '../db/schema.js';
import type { MeetingsContext } from '../meetings.context.js';
import { allowedActions } from '../meetings.policy.js';
import {
  meetingsRepository as repo,
  type ItemRow,
  type MeetingRow,
  type PaperRow,
  type ParticipantRow,
  type PositionRow,
} from '../meetings.repository.js';
import { requireStaff, standing } from './common.js';

export interface ListQuery {
  from?: string;
  to?: string;
  status?: MeetingStatus;
  page: number;
  pageSize: number;
}

const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);
const dayEnd = (d: string) => new Date(`${d}T23:59:59.999+07:00`);

/** The meetings the caller takes part in (any body), filtered by date and status. */
export async function listMeetings(ctx: MeetingsContext, principal: Principal, q: ListQuery) {
  const p = requireStaff(principal);
  const r = await repo.listMeetings(ctx.db, {
    userId: p.userId,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? dayEnd(q.to) : undefined,
    status: q.status,
    page: q.page,
    pageSize: q.pageSize,
  });
  const mine = new Map(
    (
      await repo.participantIn(
        ctx.db,
        r.items.map((m) => m.id),
        p.userId,
      )
    ).map((x) => [x.meetingId, x]),
  );
  const items = r.items.map((m) => ({
    ...summary(ctx, m),
    myRole: mine.get(m.id)!.role,
    myReply: mine.get(m.id)!.reply,
  }));
  return { items, total: r.total };
}

const summary = (ctx: MeetingsContext, m: MeetingRow) => ({
  id: m.id,
  agencyCode: m.agencyCode,
  title: m.title,
  kind: m.kind,
  status: m.status,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt?.toISOString() ?? null,
  place: m.place,
  videoLink: ctx.videoLink(m.videoRoom),
  secret: m.secret,
});

/**
 * Items of a meeting that no member objected to and on which nobody asked to speak (the consent
 * agenda). An item withdrawn from the agenda is never part of it (its positions stay on record).
 */
export function consentItems(items: ItemRow[], positions: PositionRow[]) {
  return items.filter(
    (i) =>
      i.outcome === 'pending' &&
      !i.removedAt &&
      !positions.some((p) => p.itemId === i.id && (p.position === 'object' || p.position === 'speak')),
  );
}

export async function consentAgenda(ctx: MeetingsContext, p: Principal, meetingId: string) {
  const { m, me } = await standing(ctx, p, meetingId);
  if (me.role === 'guest') throw new ForbiddenError('MEETING_ROLE_FORBIDDEN', 'Guests do not see the consent agenda.');
  const [items, positions] = await Promise.all([repo.itemsOf(ctx.db, m.id), repo.positionsOf(ctx.db, m.id)]);
  const block = consentItems(items, positions);
  return {
    adoptedAt: m.consentAdoptedAt?.toISOString() ?? null,
    items: block.map((i) => ({
      id: i.id,
      seq: i.seq,
      title: i.title,
      agree: positions.filter((x) => x.itemId === i.id && x.position === 'agree').length,
    })),
  };
}

/** Items a participant may see: a guest only those he is invited to. */
export const visibleItems = (items: ItemRow[], me: ParticipantRow) =>
  me.role === 'guest' ? items.filter((i) => me.itemIds.includes(i.id)) : items;

/**
 * An item's papers as listed: the latest version of each not withdrawn, with its versions not
 * withdrawn. A withdrawn version is not listed (its bytes stay readable: members received them).
 */
function paperViews(all: PaperRow[], itemId: string, current: Map<string, string | null>) {
  const mine = all.filter((x) => x.itemId === itemId && !x.withdrawnAt);
  const latest = new Map<string, PaperRow>();
  for (const x of mine) if ((latest.get(x.paperKey)?.version ?? 0) < x.version) latest.set(x.paperKey, x);
  return [...latest.values()].map((x) => ({
    id: x.id,
    paperKey: x.paperKey,
    name: x.name,
    version: x.version,
    pages: x.pages,
    late: x.late,
    addedAt: x.addedAt.toISOString(),
    documentId: x.documentId,
    // The linked document has another file now (to the chair and the secretary: "có phiên bản mới").
    newDocumentVersion: !!x.documentId && current.has(x.documentId) && current.get(x.documentId) !== x.fileId,
    versions: mine
      .filter((v) => v.paperKey === x.paperKey)
      .map((v) => ({ id: v.id, version: v.version, addedAt: v.addedAt.toISOString() })),
  }));
}

/** What was withdrawn from an item's papers, with who withdrew it and when (newest first). */
function withdrawnViews(all: PaperRow[], itemId: string, name: (userId: string) => string) {
  return all
    .filter((x) => x.itemId === itemId && x.withdrawnAt)
    .sort((a, b) => b.withdrawnAt!.getTime() - a.withdrawnAt!.getTime() || b.version - a.version)
    .map((x) => ({
      id: x.id,
      paperKey: x.paperKey,
      name: x.name,
      version: x.version,
      withdrawnAt: x.withdrawnAt!.toISOString(),
      withdrawnByName: name(x.withdrawnBy ?? ''),
    }));
}

/** The meeting as the caller may see it, with what he may do now. */
export async function meetingView(ctx: MeetingsContext, p: Principal, meetingId: string) {
  const { m, me, actor } = await standing(ctx, p, meetingId);
  // The rows every participant shares, read once for all who open the meeting together (meetings.snapshot.ts).
  const {
    items: allItems,
    participants,
    papers,
    positions,
    speeches,
    votes,
    tasks,
    ballots,
  } = await ctx.snapshots.get(m.id);
  const guest = me.role === 'guest';
  const organiser = me.role === 'chair' || me.role === 'secretary';
  const agencyNames = new Map<string, string>();
  for (const t of tasks)
    if (!agencyNames.has(t.ownerAgency))
      agencyNames.set(t.ownerAgency, (await ctx.ports.directory.find(t.ownerAgency))?.name ?? t.ownerAgency);
  const items = visibleItems(allItems, me);
  // Papers taken from the documents module stay linked: the organisers are told of a newer version,
  // read with their own rights (a document they may no longer read tells nothing).
  const current = new Map<string, string | null>();
  if (organiser)
    for (const x of papers)
      if (x.documentId && !x.withdrawnAt && !current.has(x.documentId))
        current.set(x.documentId, (await ctx.ports.documentFile(x.documentId, p))?.fileId ?? null);
  for (const [k, v] of current) if (v === null) current.delete(k);
  const consent = new Set(consentItems(allItems, positions).map((i) => i.id));
  const count = (itemId: string, pos: Position) =>
    positions.filter((x) => x.itemId === itemId && x.position === pos).length;
  const name = (userId: string) => participants.find((x) => x.userId === userId)?.fullName ?? userId;
  const voters = participants.filter((x) => x.role === 'chair' || x.role === 'member');
  const attending = voters.filter((x) => x.attendance && x.attendance !== 'absent').length;
  return {
    ...summary(ctx, m),
    quorum: m.quorum,
    attending,
    myRole: me.role,
    myReply: me.reply,
    delegateFor: me.delegateFor,
    consentAdoptedAt: m.consentAdoptedAt?.toISOString() ?? null,
    openedAt: m.openedAt?.toISOString() ?? null,
    closedAt: m.closedAt?.toISOString() ?? null,
    minutesDocumentId: m.minutesDocumentId,
    conclusionsDocumentId: m.conclusionsDocumentId,
    allowedActions: allowedActions(m.status, actor),
    participants: participants
      .filter((x) => !guest || x.role !== 'guest' || x.userId === me.userId)
      .map((x) => ({
        userId: x.userId,
        fullName: x.fullName,
        role: x.role,
        agencyCode: x.agencyCode,
        reply: x.reply,
        delegateName: x.delegateName,
        delegateFor: x.delegateFor,
        attendance: x.attendance,
      })),
    items: items.map((i) => {
      const mine = positions.find((x) => x.itemId === i.id && x.userId === me.userId);
      const itemVotes = votes.filter((v) => v.itemId === i.id);
      return {
        id: i.id,
        seq: i.seq,
        title: i.title,
        summary: i.summary,
        presenterId: i.presenterId,
        presenterName: i.presenterName,
        guestIds: organiser
          ? participants.filter((x) => x.role === 'guest' && x.itemIds.includes(i.id)).map((x) => x.userId)
          : [],
        editedAt: i.editedAt?.toISOString() ?? null,
        removedAt: i.removedAt?.toISOString() ?? null,
        agencies: i.agencies,
        outcome: i.outcome,
        byConsent: i.byConsent,
        decision: i.decision,
        inConsentAgenda: consent.has(i.id),
        papers: paperViews(papers, i.id, current),
        withdrawnPapers: withdrawnViews(papers, i.id, name),
        positions: { agree: count(i.id, 'agree'), object: count(i.id, 'object'), speak: count(i.id, 'speak') },
        positionDetails: guest
          ? []
          : positions
              .filter((x) => x.itemId === i.id)
              .map((x) => ({ fullName: name(x.userId), position: x.position, note: x.note })),
        myPosition: mine ? { position: mine.position, note: mine.note } : null,
        speeches: guest
          ? []
          : speeches
              .filter((s) => s.itemId === i.id)
              .map((s) => ({
                id: s.id,
                fullName: s.fullName,
                requestedAt: s.requestedAt.toISOString(),
                opinion: s.opinion,
              })),
        votes: itemVotes.map((v) => {
          const vb = ballots.filter((b) => b.voteId === v.id);
          return {
            id: v.id,
            question: v.question,
            method: v.method,
            status: v.status,
            yes: v.status === 'closed' ? v.yes : null,
            no: v.status === 'closed' ? v.no : null,
            abstain: v.status === 'closed' ? v.abstain : null,
            cast: vb.length,
            result: v.result,
            myChoice: vb.find((b) => b.userId === me.userId)?.choice ?? null,
            // Roll call: who voted how is part of the record.
            roll: v.method === 'roll_call' ? vb.map((b) => ({ fullName: name(b.userId), choice: b.choice })) : [],
          };
        }),
      };
    }),
    tasks: guest
      ? []
      : tasks.map((t) => ({
          id: t.id,
          itemId: t.itemId,
          title: t.title,
          ownerAgency: t.ownerAgency,
          ownerAgencyName: agencyNames.get(t.ownerAgency) ?? t.ownerAgency,
          dueDate: t.dueDate,
          status: t.status,
          report: t.report,
        })),
  };
}

/** The e-Cabinet figures over meetings of the caller's agency subtree (leaders) starting in [from, to]. */
export async function meetingStats(ctx: MeetingsContext, principal: Principal, q: { from?: string; to?: string }) {
  const p = requireStaff(principal);
  if (!p.roles.some((r) => ['leader', 'clerk', 'specialist', 'admin'].includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.');
  const from = q.from ? dayStart(q.from) : new Date('2000-01-01T00:00:00Z');
  const to = q.to ? dayEnd(q.to) : new Date('2999-12-31T00:00:00Z');
  const s = await repo.stats(ctx.db, p.roles.includes('admin') ? null : [p.agencyCode ?? ''], from, to);
  return {
    ...s,
    avgMinutes: s.avgMinutes === null ? null : Math.round(s.avgMinutes),
    consentShare: s.decided ? s.byConsent / s.decided : null,
    inTimeShare: s.opinionsAsked ? s.opinionsInTime / s.opinionsAsked : null,
  };
}
