import { randomInt } from 'node:crypto';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { queueSms } from '../../../platform/sms/index.js';
import { FEEDBACK_ESCALATE_JOB } from '../feedback-contract.js';
import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type ItemRow } from '../feedback.repository.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `PA26-7K3M9QXD`: the year and 40 random bits, not guessable, easy to read out. */
export function feedbackCode(now: Date): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[randomInt(32)];
  return `PA${String(now.getUTCFullYear()).slice(2)}-${s}`;
}

export async function addEvent(
  tx: Executor,
  now: Date,
  itemId: string,
  e: {
    kind: string;
    fromAgency?: string | null;
    toAgency?: string | null;
    actorId?: string | null;
    note?: string | null;
    late?: boolean;
  },
) {
  await repo.insertEvent(tx, { id: newId('fbe'), itemId, at: now, late: false, ...e });
}

/** The escalation job for the limit in force (a newer limit makes the older job a no-op). */
export async function scheduleEscalation(tx: Executor, item: { id: string }, dueAt: Date) {
  await enqueueJob(
    tx,
    FEEDBACK_ESCALATE_JOB,
    { id: item.id, dueAt: dueAt.toISOString() },
    { runAt: dueAt, dedupeKey: `feedback-escalate:${item.id}:${dueAt.toISOString()}` },
  );
}

const STATUS_VI: Record<string, string> = {
  received: 'đã tiếp nhận, chờ chuyển cơ quan có thẩm quyền',
  routed: 'đang được cơ quan có thẩm quyền xử lý',
  answered: 'đã có dự thảo trả lời, chờ lãnh đạo duyệt',
  approved: 'đã được trả lời',
  published: 'đã được công khai',
  merged: 'được gộp với một phản ánh trùng nội dung',
};

/** How to reach whoever filed it: an e-mail, else (anonymous, phone verified by SMS) a phone. */
export interface SubmitterContact {
  email: string | null;
  phone: string | null;
}

const STATUS_SMS: Record<string, string> = {
  received: 'đã tiếp nhận',
  routed: 'đang được xử lý',
  answered: 'đang chờ duyệt trả lời',
  approved: 'đã có trả lời',
  published: 'đã được công khai',
  merged: 'được gộp với phản ánh trùng',
};

/**
 * Tell whoever filed it what happened, with the link to follow it: by e-mail (the one verified, or
 * their account's), else by a short SMS to the phone an anonymous filer verified.
 */
export async function notifySubmitter(
  ctx: FeedbackContext,
  tx: Executor,
  item: ItemRow,
  to: SubmitterContact,
  extra = '',
) {
  const link = ctx.link(`/phan-anh/theo-doi/${item.code}`);
  if (to.email) {
    const status = STATUS_VI[item.status] ?? item.status;
    await queueMail(tx, {
      to: to.email,
      subject: `Phản ánh, kiến nghị ${item.code}: ${status}`,
      text:
        `Phản ánh, kiến nghị "${item.title}" (mã ${item.code}) ${status}.\n${extra ? `\n${extra}\n` : ''}` +
        `\nTheo dõi: ${link}\n\n---\nFeedback ${item.code}: ${item.status}.`,
    });
  } else if (to.phone) {
    // An SMS is short: the code, where it stands, the link (the answer is read on the page).
    await queueSms(tx, {
      to: to.phone,
      text: `PAKN ${item.code} ${STATUS_SMS[item.status] ?? item.status}. Xem: ${link}`,
    });
  }
}

/** Whom to notify: the contact verified at filing, else the submitter account's e-mail (read before the transaction). */
export async function submitterContact(ctx: FeedbackContext, item: ItemRow): Promise<SubmitterContact> {
  if (item.contactEmail) return { email: item.contactEmail, phone: null };
  if (!item.submitterId) return { email: null, phone: item.contactPhone };
  return { email: (await ctx.ports.findAccount(item.submitterId))?.email ?? null, phone: null };
}
