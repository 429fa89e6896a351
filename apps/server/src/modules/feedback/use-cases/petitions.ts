import { createHmac } from 'node:crypto';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { recordAudit } from '../../audit/index.js';
import { PETITION_NOTIFY_JOB } from '../feedback-contract.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type PetitionRow } from '../feedback.repository.js';
import { SupportBatcher } from './support-batch.js';

/** Identity levels that count as a verified identity for petitions (ADR 0015): not `self_declared`. */
export const VERIFIED_LEVELS = ['desk', 'vneid', 'certificate'] as const;

function assertVerified(p: Principal) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError(
      'PETITION_CITIZENS_ONLY',
      'Petitions are opened and supported by citizens and businesses.',
    );
  if (!p.identityLevel || !(VERIFIED_LEVELS as readonly string[]).includes(p.identityLevel))
    throw new ForbiddenError(
      'IDENTITY_NOT_VERIFIED',
      'Petitions need an identity verified at a desk, by VNeID or a certificate.',
      {
        identityLevel: p.identityLevel ?? null,
        required: VERIFIED_LEVELS,
      },
    );
}

/** One person, one support: the verified personal ID number (or tax code), as a keyed hash. */
async function personKey(ctx: FeedbackContext, p: Principal) {
  const a = await ctx.ports.accountOf(p);
  const id = a?.idNumber ?? a?.taxCode;
  if (!a || !id) throw new ForbiddenError('IDENTITY_NOT_VERIFIED', 'No verified ID number on this account.');
  return createHmac('sha256', ctx.appSecret).update(`petition-support:${id}`).digest('base64url');
}

/** `open` past its window reads as `closed`. */
export function effectiveStatus(r: PetitionRow, now: Date): PetitionRow['status'] {
  return r.status === 'open' && r.closesAt <= now ? 'closed' : r.status;
}

/** The threshold, window and response time an agency set, or the defaults in force. */
export async function petitionSettingsOf(ctx: FeedbackContext, agencyCode: string) {
  const s = await repo.petitionSettings(ctx.db, agencyCode);
  const d = ctx.rules.petition;
  return {
    agencyCode,
    threshold: s?.threshold ?? d.threshold,
    windowDays: s?.windowDays ?? d.windowDays,
    responseWorkingDays: s?.responseWorkingDays ?? d.responseDays,
  };
}

export async function putPetitionSettings(
  ctx: FeedbackContext,
  p: Principal,
  actor: ActorContext,
  agencyCode: string,
  s: { threshold: number; windowDays: number; responseWorkingDays: number },
) {
  const a = await ctx.ports.directory.find(agencyCode);
  if (!a) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency ${agencyCode}.`, { code: agencyCode });
  if (!p.roles.includes('admin') && p.agencyCode !== a.code)
    throw new ForbiddenError('FEEDBACK_OTHER_AGENCY', 'Only the agency itself sets its petition rules.');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.putPetitionSettings(tx, { agencyCode: a.code, ...s, updatedAt: now });
    await recordAudit(
      tx,
      actor,
      { action: 'petition.settings_changed', subjectType: 'agency', subjectId: a.code, after: s },
      now,
    );
  });
  return petitionSettingsOf(ctx, a.code);
}

/** Open a petition to an agency (verified identity); threshold and window are the agency's. */
export async function openPetition(
  ctx: FeedbackContext,
  p: Principal,
  actor: ActorContext,
  i: { title: string; text: string; agencyCode: string },
  key: string | undefined,
) {
  assertVerified(p);
  const a = await ctx.ports.directory.find(i.agencyCode);
  if (!a) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'No agency with this code.');
  const account = await ctx.ports.accountOf(p);
  const s = await petitionSettingsOf(ctx, a.code);
  const now = ctx.clock.now();
  return withIdempotency(ctx.db, `petition.open:${p.userId}`, key, i, async (tx) => {
    const row = {
      id: newId('pet'),
      title: i.title.normalize('NFC').trim(),
      body: i.text.normalize('NFC').trim(),
      agencyCode: a.code,
      authorId: p.userId,
      authorName: account?.fullName ?? p.fullName,
      threshold: s.threshold,
      closesAt: new Date(now.getTime() + s.windowDays * 86_400_000),
      status: 'open' as const,
      supportCount: 0,
      createdAt: now,
    };
    await repo.insertPetition(tx, row);
    await recordAudit(
      tx,
      actor,
      {
        action: 'petition.opened',
        subjectType: 'petition',
        subjectId: row.id,
        after: { agencyCode: a.code, threshold: s.threshold },
      },
      now,
    );
    return { status: 201, body: { id: row.id, threshold: row.threshold, closesAt: row.closesAt.toISOString() } };
  });
}

const batchers = new WeakMap<FeedbackContext, SupportBatcher>();
const batcherOf = (ctx: FeedbackContext) => {
  let b = batchers.get(ctx);
  if (!b) batchers.set(ctx, (b = new SupportBatcher(ctx)));
  return b;
};

/**
 * Support a petition, exactly once per person: the support row's primary key (petition, person)
 * refuses a second one, and the count moves in the same statement and transaction under the
 * petition's row lock, so the count is always the number of rows. Supports arriving together are
 * written together, one transaction per batch (`support-batch.ts`); crossing the threshold opens
 * the response case, once.
 */
export async function supportPetition(ctx: FeedbackContext, p: Principal, actor: ActorContext, id: string) {
  assertVerified(p);
  const key = await personKey(ctx, p);
  const r = await batcherOf(ctx).add(id, { personKey: key, userId: p.userId, level: p.identityLevel!, actor });
  if (!r.added && (r.closesAt <= ctx.clock.now() || !['open', 'responding'].includes(r.status)))
    throw new ConflictError('PETITION_CLOSED', 'The petition is closed.', { closesAt: r.closesAt });
  return { supported: true, supportCount: r.supportCount, created: r.added, status: r.status };
}

/** Rolls a withdrawal's transaction (and its audit event) back when nothing was removed. */
class NothingRemoved extends Error {
  constructor(readonly result: { closed: boolean }) {
    super('nothing removed');
  }
}

/**
 * Withdraw my support while the petition is open: under the petition's row lock (taken first, as a
 * support does) the row and the count change in one statement, so the count stays the number of rows.
 */
export async function withdrawSupport(ctx: FeedbackContext, p: Principal, actor: ActorContext, id: string) {
  assertVerified(p);
  const key = await personKey(ctx, p);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        actor,
        { action: 'petition.support_withdrawn', subjectType: 'petition', subjectId: id },
        now,
      );
      const r = await repo.removeSupport(tx, { petitionId: id, personKey: key, now });
      if (!r) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${id}.`, { id });
      if (!r.removed)
        throw new NothingRemoved({ closed: r.closesAt <= now || !['open', 'responding'].includes(r.status) });
      return { supported: false, supportCount: r.supportCount, status: r.status };
    });
  } catch (e) {
    if (!(e instanceof NothingRemoved)) throw e;
    if (e.result.closed)
      throw new ConflictError('PETITION_CLOSED', 'The petition is closed; supports stay as they are.');
    throw new NotFoundError('SUPPORT_NOT_FOUND', 'You have not supported this petition.');
  }
}

/** The agency's leader answers the petition; the answer is published on its page and supporters are told. */
export async function answerPetition(
  ctx: FeedbackContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  text: string,
) {
  const pet = await repo.petition(ctx.db, id);
  if (!pet) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${id}.`, { id });
  if (!p.roles.includes('leader'))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: ['leader'] });
  if (!p.agencyCode || !(await ctx.ports.directory.isWithin(p.agencyCode, pet.agencyCode)))
    throw new ForbiddenError('FEEDBACK_OTHER_AGENCY', 'This petition is addressed to another agency.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const cur = (await repo.lockPetition(tx, id))!;
    if (cur.status !== 'responding')
      throw new ConflictError('PETITION_NOT_RESPONDING', 'Only a petition past its threshold is answered.', {
        status: cur.status,
      });
    await repo.updatePetition(tx, id, {
      status: 'answered',
      answer: text.normalize('NFC').trim(),
      answeredBy: p.userId,
      answeredAt: now,
    });
    await enqueueJob(tx, PETITION_NOTIFY_JOB, { id, event: 'answered' }, { dedupeKey: `petition-answered:${id}` });
    await recordAudit(tx, actor, { action: 'petition.answered', subjectType: 'petition', subjectId: id }, now);
    return { ...cur, status: 'answered' as const, answer: text, answeredAt: now };
  });
}

/** The notification job: the agency's leaders when the threshold is crossed; every supporter at each step. */
export async function notifyPetition(ctx: FeedbackContext, payload: { id: string; event: string }) {
  const pet = await repo.petition(ctx.db, payload.id);
  if (!pet) return;
  // Crossing the threshold proposes the petition for the agency's meetings (e-Cabinet). The job runs
  // once per petition (its dedupe key) and the meetings side keeps one proposal per petition, so a
  // retry or a second crossing proposes nothing new.
  if (payload.event === 'threshold' && ctx.ports.proposeAgendaItem)
    await ctx.ports.proposeAgendaItem({
      agencyCode: pet.agencyCode,
      sourceKind: 'petition',
      sourceId: pet.id,
      title: `Kiến nghị tập thể: ${pet.title}`,
      summary: `${pet.supportCount} người ủng hộ (ngưỡng ${pet.threshold}); hạn trả lời ${pet.responseDueAt?.toISOString().slice(0, 10) ?? ''}.`,
      link: ctx.link(`/kien-nghi/${pet.id}`),
    });
  const supporters = await Promise.all((await repo.supporterIds(ctx.db, pet.id)).map((u) => ctx.ports.findAccount(u)));
  const leaders = payload.event === 'threshold' ? await ctx.ports.staffOf(pet.agencyCode, ['leader']) : [];
  const link = ctx.link(`/kien-nghi/${pet.id}`);
  const what =
    payload.event === 'threshold'
      ? `đã đạt ${pet.threshold} người ủng hộ; cơ quan phải trả lời trước ${pet.responseDueAt?.toISOString().slice(0, 10) ?? ''}`
      : `đã được trả lời:\n${pet.answer ?? ''}`;
  await ctx.db.transaction(async (tx) => {
    for (const to of [...leaders, ...supporters].map((a) => a?.email).filter((e): e is string => !!e))
      await queueMail(tx, {
        to,
        subject: `Kiến nghị "${pet.title}"`,
        text: `Kiến nghị "${pet.title}" ${what}\n${link}\n\n---\nPetition ${pet.id}: ${payload.event}.`,
      });
  });
}

export const petitionView = (r: PetitionRow, now: Date, mine: boolean | null = null) => ({
  id: r.id,
  title: r.title,
  text: r.body,
  agencyCode: r.agencyCode,
  authorName: r.authorName,
  threshold: r.threshold,
  supportCount: r.supportCount,
  closesAt: r.closesAt,
  status: effectiveStatus(r, now),
  thresholdReachedAt: r.thresholdReachedAt,
  responseDueAt: r.responseDueAt,
  answer: r.answer,
  answeredAt: r.answeredAt,
  createdAt: r.createdAt,
  supportedByMe: mine,
});

export async function getPetition(ctx: FeedbackContext, p: Principal | null, id: string) {
  const r = await repo.petition(ctx.db, id);
  if (!r) throw new NotFoundError('PETITION_NOT_FOUND', `No petition ${id}.`, { id });
  let mine: boolean | null = null;
  if (p && (p.kind === 'citizen' || p.kind === 'business') && p.identityLevel && p.identityLevel !== 'self_declared') {
    mine = await repo.hasSupport(ctx.db, id, await personKey(ctx, p));
  }
  return petitionView(r, ctx.clock.now(), mine);
}

export async function listPetitions(
  ctx: FeedbackContext,
  q: { agency?: string; status?: string; q?: string; page: number; pageSize: number },
) {
  const now = ctx.clock.now();
  const r = await repo.listPetitions(ctx.db, q);
  return { items: r.items.map((i) => petitionView(i, now)), total: r.total };
}
