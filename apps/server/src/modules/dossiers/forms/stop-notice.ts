import { particularsWithQr, applicantLines, procedureLine, channelLine, startDossierForm } from './form-layout.js';
import { formatVnDate } from '../../../platform/pdf/index.js';

const formatVnd = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
import type { StopNoticeData } from './types.js';

const TITLE = 'Thông báo dừng giải quyết hồ sơ';

/**
 * Mẫu 05 (Phụ lục I, TT 03/2025/TT-VPCP, under Decree 118/2025/NĐ-CP): the agency stops processing a dossier it
 * had received and tells the applicant why; A5, signed by the head of the agency. The circular's wording of the
 * form was not available to us: the parts follow its siblings (Mẫu 03, 04): particulars, the decision, reasons;
 * then the stage reached and the fee, as a secondary source maps the form's data (docs/legal/decree-118-circular-03.md).
 */
export async function renderStopNotice(data: StopNoticeData): Promise<Uint8Array> {
  const issuedAt = data.issuedAt ?? data.stoppedAt;
  const b = await startDossierForm(data, '05', TITLE, issuedAt, {
    withDesk: false,
    leftNote: `Số: ${data.number ?? '……/TB'}`,
  });
  particularsWithQr(b, data, [
    ...applicantLines(data.applicant, 'Hồ sơ của'),
    procedureLine(data),
    channelLine(data.channel),
    ...(data.receivedAt ? [[{ text: `Ngày tiếp nhận: ${formatVnDate(data.receivedAt)}` }]] : []),
  ]);
  b.text(
    `${data.agencyName} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${formatVnDate(data.stoppedAt)}, với lý do cụ thể như sau:`,
    { spaceAfter: 1 },
  );
  const indent = b.ts.baseSize * 1.6;
  for (const reason of data.reasons) b.text(`- ${reason}`, { indent, firstLineIndent: -indent * 0.5 });
  if (data.stage) b.text(`Giai đoạn giải quyết tại thời điểm dừng: ${data.stage}.`, { spaceBefore: 1 });
  if (data.fee && data.fee.amount > 0)
    b.text(`Phí, lệ phí của hồ sơ: ${formatVnd(data.fee.amount)} đồng (${data.fee.paid ? 'đã nộp' : 'chưa nộp'}).`, {
      spaceBefore: data.stage ? 0 : 1,
    });
  b.text('Thời hạn giải quyết hồ sơ không tiếp tục được tính kể từ ngày dừng giải quyết.', { spaceBefore: 1 });
  b.text('Xin thông báo để Ông/Bà được biết./.', { spaceBefore: 1, spaceAfter: b.ts.baseSize * 0.6 });
  b.signatureBlock({
    title: data.signer?.title ?? 'Thủ trưởng cơ quan',
    name: data.signer?.fullName ?? data.officer.fullName,
    ...(data.signer?.authority ? { authority: data.signer.authority } : {}),
  });
  return b.save();
}
