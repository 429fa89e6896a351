import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type ItemRow } from '../feedback.repository.js';
import { assertMay } from '../feedback.policy.js';
import { maskPersonalData } from '../mask.js';
import { addEvent, notifySubmitter, scheduleEscalation, submitterContact } from './common.js';

export type FeedbackAction =
  | { action: 'route'; agencyCode: string; note?: string }
  | { action: 'transfer'; agencyCode: string; reason: string }
  | { action: 'answer'; text: string }
  | { action: 'approve' }
  | { action: 'publish'; publicAttachments?: string[] }
  | { action: 'rate'; rating: number; comment?: string; token?: string }
  | { action: 'merge'; into: string };

const conflict = (item: ItemRow, action: string) =>
  new ConflictError('FEEDBACK_ACTION_NOT_ALLOWED', `Cannot ${action} feedback that is ${item.status}.`, {
    action,
    status: item.status,
  });

const PAST: Record<FeedbackAction['action'], string> = {
  route: 'routed',
  transfer: 'transferred',
  answer: 'answer_drafted',
  approve: 'approved',
  publish: 'published',
  rate: 'rated',
  merge: 'merged',
};

const FROM: Record<FeedbackAction['action'], ItemRow['status'][]> = {
  route: ['received'],
  transfer: ['routed'],
  answer: ['routed', 'answered'],
  approve: ['answered'],
  publish: ['approved'],
  rate: ['approved', 'published'],
  merge: ['received', 'routed'],
};

/** True when the caller filed it (their account, or the follow token an anonymous filing got). */
export function isSubmitter(item: ItemRow, p: Principal | null, token: string | undefined): boolean {
  if (p && item.submitterId === p.userId) return true;
  return !!token && !!item.followTokenHash && sha256Hex(token) === item.followTokenHash;
}

/**
 * One step of the feedback's life: route, transfer, answer, approve, publish (masked), rate, merge.
 * Checks the role and the agency before the transaction (the directory is read through its
 * facade), then locks the item and checks the state again inside it.
 */
export async function actOnFeedback(
  ctx: FeedbackContext,
  p: Principal | null,
  actor: ActorContext,
  code: string,
  a: FeedbackAction,
) {
  const item = await repo.itemByCode(ctx.db, code);
  if (!item) throw new NotFoundError('FEEDBACK_NOT_FOUND', `No feedback ${code}.`, { code });
  if (a.action === 'rate') {
    if (!isSubmitter(item, p, a.token))
      throw new ForbiddenError('FEEDBACK_NOT_YOURS', 'Only whoever filed the feedback rates its answer.');
  } else {
    if (!p) throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.');
    await assertMay(ctx, p, a.action, item);
  }
  // What the transaction needs from other modules, read first (PGlite: one connection).
  let target: ItemRow | null = null;
  if (a.action === 'route' || a.action === 'transfer') {
    const agency = await ctx.ports.directory.find(a.agencyCode);
    if (!agency) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'No agency with this code.');
    a = { ...a, agencyCode: agency.code };
    if (a.action === 'transfer' && agency.code === item.agencyCode)
      throw ValidationError.field('agencyCode', 'SAME_AGENCY', 'The feedback is at this agency already.');
  }
  if (a.action === 'merge') {
    target = await repo.itemByCode(ctx.db, a.into);
    if (!target || target.id === item.id)
      throw ValidationError.field('into', 'FEEDBACK_NOT_FOUND', 'No other feedback with this code.');
    if (target.status === 'merged')
      throw ValidationError.field('into', 'FEEDBACK_MERGED', 'That feedback is merged itself.');
    await assertMay(ctx, p!, 'merge', target);
  }
  const contact = await submitterContact(ctx, item);
  const names =
    a.action === 'publish'
      ? [
          item.contactName,
          item.submitterId ? (await ctx.ports.findAccount(item.submitterId))?.fullName : null,
          item.answeredBy ? (await ctx.ports.findAccount(item.answeredBy))?.fullName : null,
          item.approvedBy ? (await ctx.ports.findAccount(item.approvedBy))?.fullName : null,
        ]
      : [];
  const mergedContacts =
    a.action === 'approve'
      ? await Promise.all((await repo.mergedInto(ctx.db, item.id)).map((m) => submitterContact(ctx, m)))
      : [];

  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const cur = (await repo.lockByCode(tx, item.code))!;
    if (!FROM[a.action].includes(cur.status)) throw conflict(cur, a.action);
    const before = { status: cur.status, agencyCode: cur.agencyCode };
    let patch: Partial<ItemRow> = {};
    let mail = '';
    switch (a.action) {
      case 'route': {
        const dueAt = ctx.ports.calendar.dueDate(now, ctx.rules.answerDays);
        patch = { agencyCode: a.agencyCode, status: 'routed', dueAt, escalatedAt: null };
        await addEvent(tx, now, cur.id, {
          kind: 'routed',
          toAgency: a.agencyCode,
          actorId: p!.userId,
          note: a.note ?? null,
          late: !!cur.routeDueAt && now > cur.routeDueAt,
        });
        await scheduleEscalation(tx, cur, dueAt);
        break;
      }
      case 'transfer': {
        const dueAt = ctx.ports.calendar.dueDate(now, ctx.rules.answerDays);
        patch = {
          agencyCode: a.agencyCode,
          dueAt,
          escalatedAt: null,
          answer: null,
          answeredBy: null,
          answeredAt: null,
        };
        await addEvent(tx, now, cur.id, {
          kind: 'transferred',
          fromAgency: cur.agencyCode,
          toAgency: a.agencyCode,
          actorId: p!.userId,
          note: a.reason,
          late: !!cur.routeDueAt && now > cur.routeDueAt,
        });
        await scheduleEscalation(tx, cur, dueAt);
        break;
      }
      case 'answer':
        patch = { answer: a.text.normalize('NFC').trim(), answeredBy: p!.userId, answeredAt: now, status: 'answered' };
        await addEvent(tx, now, cur.id, { kind: 'answered', actorId: p!.userId });
        break;
      case 'approve':
        patch = { status: 'approved', approvedBy: p!.userId, approvedAt: now };
        await addEvent(tx, now, cur.id, {
          kind: 'approved',
          actorId: p!.userId,
          late: !!cur.dueAt && now > cur.dueAt,
        });
        mail = `Trả lời của cơ quan:\n${cur.answer ?? ''}`;
        for (const c of mergedContacts) await notifySubmitter(ctx, tx, { ...cur, ...patch } as ItemRow, c, mail);
        break;
      case 'publish':
        if (!cur.allowPublish)
          throw new ConflictError('PUBLISH_NOT_ALLOWED', 'Whoever filed it did not allow publishing.');
        for (const [n, id] of (a.publicAttachments ?? []).entries())
          if (!cur.attachments.some((f) => f.fileId === id))
            throw ValidationError.field(
              `publicAttachments.${n}`,
              'FILE_NOT_FOUND',
              'Not an attachment of this feedback.',
            );
        patch = {
          status: 'published',
          publishedAt: now,
          publicTitle: maskPersonalData(cur.title, { names }),
          publicBody: maskPersonalData(cur.body, { names }),
          publicAnswer: maskPersonalData(cur.answer ?? '', { names }),
          // Attachments stay private (personal data) unless the officer publishing picked them.
          attachments: cur.attachments.map((f) => ({ ...f, public: (a.publicAttachments ?? []).includes(f.fileId) })),
        };
        await addEvent(tx, now, cur.id, { kind: 'published', actorId: p!.userId });
        break;
      case 'rate':
        if (cur.ratedAt) throw new ConflictError('ALREADY_RATED', 'The answer was rated already.');
        patch = { rating: a.rating, ratingComment: a.comment?.normalize('NFC').trim() || null, ratedAt: now };
        await addEvent(tx, now, cur.id, { kind: 'rated', actorId: p?.userId ?? null });
        break;
      case 'merge':
        patch = { status: 'merged', mergedInto: target!.id, groupId: target!.groupId };
        await addEvent(tx, now, cur.id, { kind: 'merged', actorId: p!.userId, note: target!.code });
        await addEvent(tx, now, target!.id, { kind: 'merged_in', actorId: p!.userId, note: cur.code });
        break;
    }
    const next = { ...cur, ...patch, updatedAt: now };
    await repo.updateItem(tx, cur.id, { ...patch, updatedAt: now });
    if (a.action !== 'answer' && a.action !== 'rate') await notifySubmitter(ctx, tx, next, contact, mail);
    await recordAudit(
      tx,
      actor,
      {
        action: `feedback.${PAST[a.action]}`,
        subjectType: 'feedback',
        subjectId: cur.code,
        before,
        after: {
          status: next.status,
          agencyCode: next.agencyCode,
          ...(a.action === 'rate' ? { rating: a.rating } : {}),
        },
      },
      now,
    );
    return next;
  });
}
