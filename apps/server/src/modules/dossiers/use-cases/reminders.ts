import type { Executor } from '../../../platform/db/index.js';
import { enqueueJob, enqueueJobStatement } from '../../../platform/jobs/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { findAccount } from '../../identity/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';
import { registerDossierFeeJob } from './fees.js';
import { dossierLinks } from '../dossier-links.js';
import { VN_TIME_ZONE } from '../../../platform/time/vn-time.js';
import type { JobRegistry } from '../../../platform/module.js';

export const REMIND_JOB = 'dossiers.remind-due';
const DAY_MS = 24 * 3600_000;

/** Schedule the reminder one day before the promised date (deduplicated per dossier and date). */
export async function scheduleReminder(tx: Executor, d: Pick<DossierRow, 'id' | 'code'>, dueAt: Date, now: Date) {
  const runAt = new Date(Math.max(now.getTime(), dueAt.getTime() - DAY_MS));
  await enqueueJob(
    tx,
    REMIND_JOB,
    { dossierId: d.id, code: d.code, dueAt: dueAt.toISOString() },
    { runAt, dedupeKey: `remind:${d.id}:${dueAt.toISOString()}` },
  );
}

/** The same, as a statement for a batch of writes (`runBatch`). */
export function reminderStatement(d: Pick<DossierRow, 'id' | 'code'>, dueAt: Date, now: Date) {
  const runAt = new Date(Math.max(now.getTime(), dueAt.getTime() - DAY_MS));
  return enqueueJobStatement(
    REMIND_JOB,
    { dossierId: d.id, code: d.code, dueAt: dueAt.toISOString() },
    { runAt, dedupeKey: `remind:${d.id}:${dueAt.toISOString()}` },
  );
}

/** The reminder: if the dossier is still open and the date unchanged, mail whoever holds it. */
export function registerDossierJobs(runner: JobRegistry, ctx: DossiersContext) {
  registerDossierFeeJob(runner, ctx);
  runner.register(REMIND_JOB, async (payload) => {
    const d = await repo.byCode(ctx.db, String(payload.code));
    if (!d || d.finishedAt) return;
    const due = d.extendedDueAt ?? d.dueAt;
    if (!due || due.toISOString() !== payload.dueAt) return; // rescheduled or restarted: a newer reminder exists
    const holder = d.assigneeId ? await findAccount(ctx.identity, d.assigneeId) : null;
    if (!holder?.email) return;
    const when = new Intl.DateTimeFormat('vi-VN', {
      timeZone: VN_TIME_ZONE,
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(due);
    await ctx.db.transaction((tx) =>
      queueMail(tx, {
        to: holder.email!,
        subject: `Sắp đến hạn: hồ sơ ${d.code}`,
        text: `Hồ sơ ${d.code} (${d.procedureName}) đến hạn trả kết quả lúc ${when}.\n${dossierLinks.staff(ctx, d.code)}\n\n---\nDossier ${d.code} is due ${due.toISOString()}.`,
      }),
    );
  });
}
