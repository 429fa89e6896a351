import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db, Executor } from '../db/index.js';
import { newId } from '../ids/index.js';
import { devMail } from '../jobs/db/schema.js';
import { enqueueJob, enqueueJobStatement, type JobRunner } from '../jobs/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  deliver(msg: MailMessage): Promise<void>;
}

export const SEND_MAIL_JOB = 'platform.send-mail';

/** Real SMTP delivery (nodemailer), for SMTP_URL=smtp://user:pass@host:port. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async deliver(msg) {
      await transporter.sendMail({ from, ...msg });
    },
  };
}

/** Development outbox: the mail is stored and shown at /dev/mail. */
export function outboxTransport(db: Db): MailTransport {
  return {
    kind: 'outbox',
    async deliver(msg) {
      await db.insert(devMail).values({ id: newId('mail'), ...msg });
    },
  };
}

/** Queue a mail in the caller's transaction; a worker delivers it with retries. */
export async function queueMail(tx: Executor, msg: MailMessage) {
  await enqueueJob(tx, SEND_MAIL_JOB, { ...msg });
}

/** The same, as a statement for a batch of writes (`runBatch`). */
export function queueMailStatement(msg: MailMessage) {
  return enqueueJobStatement(SEND_MAIL_JOB, { ...msg });
}

export function registerMailJob(runner: JobRunner, transport: MailTransport) {
  runner.register(SEND_MAIL_JOB, async (payload) => {
    await transport.deliver(payload as unknown as MailMessage);
  });
}

export async function listOutbox(db: Executor, limit = 50) {
  return db.select().from(devMail).orderBy(desc(devMail.createdAt)).limit(limit);
}

export async function getOutboxMail(db: Executor, id: string) {
  const rows = await db.select().from(devMail).where(eq(devMail.id, id));
  return rows[0] ?? null;
}
