import type { Executor } from '../../../platform/db/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import type { DossierRow } from '../dossiers.repository.js';

const fmt = (d: Date | null) =>
  d ? new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d) : '—';

/** Tell the applicant about a status change, in the same transaction (sent by the mail job). */
export async function notifyApplicant(ctx: DossiersContext, tx: Executor, d: DossierRow, stateLabel: { vi: string; en: string }, note?: string | null) {
  if (!d.applicantEmail) return;
  const link = `${ctx.config.publicUrl}/dossiers/${encodeURIComponent(d.code)}`;
  await queueMail(tx, {
    to: d.applicantEmail,
    subject: `Hồ sơ ${d.code}: ${stateLabel.vi}`,
    text:
      `Kính gửi ${d.applicantName},\n\nHồ sơ ${d.code} (${d.procedureName}) chuyển sang trạng thái: ${stateLabel.vi}.` +
      (note ? `\nGhi chú: ${note}` : '') +
      (d.dueAt ? `\nNgày hẹn trả kết quả: ${fmt(d.extendedDueAt ?? d.dueAt)}` : '') +
      `\n\nTheo dõi hồ sơ: ${link}\n\n---\nDossier ${d.code} is now: ${stateLabel.en}.`,
  });
}
