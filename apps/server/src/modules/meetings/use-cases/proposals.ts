import { type ActorContext, type Principal, systemActor } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { ProposalStatus } from '../db/schema.js';
import type { AgendaProposalInput } from '../meetings-contract.js';
import type { MeetingsContext } from '../meetings.context.js';
import { meetingsRepository as repo, type ProposalRow } from '../meetings.repository.js';
import { assertOrganiser, audit, requireStaff, standing } from './common.js';
import { addItem } from './create.js';

/**
 * Record a proposed agenda item (đề xuất đưa vào chương trình họp) for a body. The unique
 * (source kind, source id) index makes a second proposal of the same source a no-op, even when two
 * arrive at once.
 */
export async function proposeAgendaItem(ctx: MeetingsContext, i: AgendaProposalInput) {
  const now = ctx.clock.now();
  const id = newId('mpr');
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertProposal(tx, {
      id,
      agencyCode: i.agencyCode,
      sourceKind: i.sourceKind,
      sourceId: i.sourceId,
      title: i.title.normalize('NFC').trim().slice(0, 500),
      summary: i.summary?.normalize('NFC').trim().slice(0, 4000) || null,
      link: i.link ?? null,
      status: 'proposed',
      createdAt: now,
    });
    if (inserted)
      await audit(tx, systemActor, now, 'meeting.item_proposed', id, {
        agencyCode: i.agencyCode,
        source: `${i.sourceKind}:${i.sourceId}`,
      });
    return inserted;
  });
  if (created) return { id, created: true };
  const prev = await repo.proposalBySource(ctx.db, i.sourceKind, i.sourceId);
  return { id: prev!.id, created: false };
}

/** An organiser (leader, specialist, clerk) of the body the proposal is for, or of a body above it. */
async function assertOrganiserOf(ctx: MeetingsContext, principal: Principal, agencyCode: string) {
  const p = requireStaff(principal);
  assertOrganiser(p);
  if (!p.agencyCode || !(await ctx.ports.directory.isWithin(p.agencyCode, agencyCode)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'This proposal is for another agency’s meetings.');
  return p;
}

const view = (r: ProposalRow) => ({
  id: r.id,
  agencyCode: r.agencyCode,
  sourceKind: r.sourceKind,
  sourceId: r.sourceId,
  title: r.title,
  summary: r.summary,
  link: r.link,
  status: r.status,
  meetingId: r.meetingId,
  itemId: r.itemId,
  decidedAt: r.decidedAt,
  reason: r.reason,
  createdAt: r.createdAt,
});

/** Proposed items for the meetings of the caller's agency and the units below it (organisers only). */
export async function listProposals(
  ctx: MeetingsContext,
  principal: Principal,
  q: { status?: ProposalStatus; page: number; pageSize: number },
) {
  const p = requireStaff(principal);
  assertOrganiser(p);
  const agencyCodes = p.agencyCode ? await ctx.ports.directory.subtreeCodes(p.agencyCode) : [];
  const r = await repo.listProposals(ctx.db, { agencyCodes, ...q });
  return { items: r.items.map(view), total: r.total, page: q.page, pageSize: q.pageSize };
}

async function loadProposal(ctx: MeetingsContext, principal: Principal, id: string) {
  const r = await repo.proposal(ctx.db, id);
  if (!r) throw new NotFoundError('PROPOSAL_NOT_FOUND', 'No proposed item with this id.');
  await assertOrganiserOf(ctx, principal, r.agencyCode);
  if (r.status !== 'proposed')
    throw new ConflictError('PROPOSAL_DECIDED', `The proposal was ${r.status} already.`, { status: r.status });
  return r;
}

/**
 * Put a proposed item on a draft meeting of the same body (its chair or secretary): the agenda item
 * and the proposal's "added" mark are written in one transaction, so a double click adds it once.
 */
export async function addProposalToMeeting(
  ctx: MeetingsContext,
  actor: ActorContext,
  principal: Principal,
  id: string,
  meetingId: string,
) {
  const r = await loadProposal(ctx, principal, id);
  const { m } = await standing(ctx, principal, meetingId);
  if (m.agencyCode !== r.agencyCode)
    throw ValidationError.field('meetingId', 'OTHER_BODY', 'This meeting is of another body than the proposal.');
  if (m.status !== 'draft')
    throw new ConflictError('MEETING_STATUS_CONFLICT', 'Proposed items go on a meeting still in draft.', {
      status: m.status,
    });
  const summary = [r.summary, r.link].filter(Boolean).join('\n');
  const item = await addItem(
    ctx,
    actor,
    principal,
    m.id,
    { title: r.title, summary: summary || undefined },
    async (tx, itemId, now) => {
      const cur = await repo.lockProposal(tx, r.id);
      if (cur?.status !== 'proposed')
        throw new ConflictError('PROPOSAL_DECIDED', `The proposal was ${cur?.status ?? 'removed'} already.`, {
          status: cur?.status ?? null,
        });
      await repo.updateProposal(tx, r.id, {
        status: 'added',
        meetingId: m.id,
        itemId,
        decidedBy: principal.userId,
        decidedAt: now,
      });
      await audit(tx, actor, now, 'meeting.proposal_added', m.id, { proposalId: r.id, itemId });
    },
  );
  return view({ ...(await repo.proposal(ctx.db, r.id))!, itemId: item.id });
}

/** Decline a proposed item, with the reason (an organiser of the body). */
export async function declineProposal(
  ctx: MeetingsContext,
  actor: ActorContext,
  principal: Principal,
  id: string,
  reason: string,
) {
  const r = await loadProposal(ctx, principal, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const cur = await repo.lockProposal(tx, r.id);
    if (cur?.status !== 'proposed')
      throw new ConflictError('PROPOSAL_DECIDED', `The proposal was ${cur?.status ?? 'removed'} already.`, {
        status: cur?.status ?? null,
      });
    await repo.updateProposal(tx, r.id, {
      status: 'declined',
      reason: reason.normalize('NFC').trim(),
      decidedBy: principal.userId,
      decidedAt: now,
    });
    await audit(tx, actor, now, 'meeting.proposal_declined', r.id, { reason });
  });
  return view((await repo.proposal(ctx.db, r.id))!);
}
