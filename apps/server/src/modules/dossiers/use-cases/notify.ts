import type { Executor } from '../../../platform/db/index.js';
import { type MailMessage, queueMail } from '../../../platform/mail/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import type { DossierRow } from '../dossiers.repository.js';
import { dossierLinks } from '../dossier-links.js';
import { VN_TIME_ZONE } from '../../../platform/time/vn-time.js';

const vnDateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VN_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});
const fmt = (d: Date | null) => (d ? vnDateTime.format(d) : '—');

type Notice = Pick<
  DossierRow,
  'id' | 'code' | 'applicantId' | 'procedureName' | 'applicantName' | 'applicantEmail' | 'dueAt' | 'extendedDueAt'
>;

/** Tell the applicant about a status change, in the same transaction (sent by the mail job). */
export async function notifyApplicant(
  ctx: DossiersContext,
  tx: Executor,
  d: Notice,
  stateLabel: { vi: string; en: string },
  note?: string | null,
) {
  const msg = applicantMail(ctx, d, stateLabel, note);
  if (msg) await queueMail(tx, msg);
}

/** The applicant's mail about a status change, or null without an address. */
export function applicantMail(
  ctx: DossiersContext,
  d: Notice,
  stateLabel: { vi: string; en: string },
  note?: string | null,
): MailMessage | null {
  if (!d.applicantEmail) return null;
  const link = dossierLinks.applicant(ctx, d);
  return {
    to: d.applicantEmail,
    subject: `Hồ sơ ${d.code}: ${stateLabel.vi}`,
    text:
      `Kính gửi ${d.applicantName},\n\nHồ sơ ${d.code} (${d.procedureName}) chuyển sang trạng thái: ${stateLabel.vi}.` +
      (note ? `\nGhi chú: ${note}` : '') +
      (d.dueAt ? `\nNgày hẹn trả kết quả: ${fmt(d.extendedDueAt ?? d.dueAt)}` : '') +
      `\n\nTheo dõi hồ sơ: ${link}\n\n---\nDossier ${d.code} is now: ${stateLabel.en}.`,
  };
}
