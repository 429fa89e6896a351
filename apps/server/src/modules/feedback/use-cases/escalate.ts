import { systemActor } from '../../../platform/http/auth.js';
import { queueMail } from '../../../platform/mail/index.js';
import { recordAudit } from '../../audit/index.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo } from '../feedback.repository.js';
import { addEvent } from './common.js';

/**
 * The escalation job: feedback still unanswered (or unrouted) when its limit passes goes to the
 * leaders of the agency that holds it (of the candidate agencies while unrouted), by mail and on
 * its timeline. A job whose limit was since replaced (a transfer) does nothing.
 */
export async function escalateOverdue(ctx: FeedbackContext, payload: { id: string; dueAt: string }) {
  const item = await repo.itemById(ctx.db, payload.id);
  if (!item || item.escalatedAt) return;
  const limit = item.status === 'received' ? item.routeDueAt : item.dueAt;
  if (!limit || limit.toISOString() !== payload.dueAt) return;
  if (!['received', 'routed', 'answered'].includes(item.status)) return;
  const now = ctx.clock.now();
  if (now < limit) return;
  const agencies = item.agencyCode ? [item.agencyCode] : item.candidateAgencies;
  const leaders = (await Promise.all(agencies.map((a) => ctx.ports.staffOf(a, ['leader'])))).flat();
  await ctx.db.transaction(async (tx) => {
    const cur = (await repo.lockByCode(tx, item.code))!;
    if (cur.escalatedAt || cur.status !== item.status || cur.agencyCode !== item.agencyCode) return;
    await repo.updateItem(tx, cur.id, { escalatedAt: now, updatedAt: now });
    await addEvent(tx, now, cur.id, {
      kind: 'escalated',
      toAgency: cur.agencyCode,
      note: leaders.map((l) => l.fullName).join(', ') || null,
      late: true,
    });
    for (const l of leaders)
      if (l.email)
        await queueMail(tx, {
          to: l.email,
          subject: `Quá hạn: phản ánh, kiến nghị ${cur.code}`,
          text:
            `Phản ánh, kiến nghị "${cur.title}" (mã ${cur.code}) đã quá hạn ${cur.status === 'received' ? 'chuyển cơ quan có thẩm quyền' : 'trả lời'} ` +
            `(${limit.toISOString()}).\n${ctx.link(`/staff/feedback/${cur.code}`)}\n\n---\nFeedback ${cur.code} is overdue.`,
        });
    await recordAudit(
      tx,
      systemActor,
      {
        action: 'feedback.escalated',
        subjectType: 'feedback',
        subjectId: cur.code,
        after: { agencyCode: cur.agencyCode, leaders: leaders.map((l) => l.id) },
      },
      now,
    );
  });
}
