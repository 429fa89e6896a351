import {
  applicantLines,
  dateTime,
  numbered,
  particularsWithQr,
  procedureLine,
  startDossierForm,
} from './form-layout.js';
import type { SupplementRequestData } from './types.js';

const TITLE = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';

/** Mẫu 02 (Phụ lục I, TT 03/2025/TT-VPCP; layout of TT 01/2018 Mẫu 02): Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, A5. */
export async function renderSupplementRequest(data: SupplementRequestData): Promise<Uint8Array> {
  const issuedAt = data.issuedAt ?? data.requestedAt;
  const b = await startDossierForm(data, '02', TITLE, issuedAt);
  particularsWithQr(b, data, [
    ...applicantLines(data.applicant, 'Hồ sơ của'),
    procedureLine(data),
    [{ text: `Ngày nộp hồ sơ: ${dateTime(data.submittedAt)}` }],
  ]);
  b.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { bold: true, spaceAfter: 1 });
  numbered(b, data.items);
  b.text([{ text: 'Lý do: ' }, { text: data.reason }], { spaceBefore: 2 });
  if (data.deadlineNote) b.text([{ text: 'Thời hạn bổ sung: ' }, { text: data.deadlineNote, italic: true }]);
  const contact = data.contact ?? { name: data.officer.fullName };
  b.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${contact.name}` +
      (contact.phone ? `, số điện thoại ${contact.phone}` : '') +
      ' để được hướng dẫn.',
    { spaceBefore: 2, spaceAfter: b.ts.baseSize * 0.6 },
  );
  b.signatureBlock({ title: 'Người hướng dẫn', name: data.officer.fullName });
  return b.save();
}
