import {
  DEFAULT_DESK,
  applicantLines,
  channelLine,
  particularsWithQr,
  procedureLine,
  startDossierForm,
} from './form-layout.js';
import type { RefusalData } from './types.js';

const TITLE = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';

/** Mẫu 03 (Phụ lục I, TT 03/2025/TT-VPCP; layout of TT 01/2018 Mẫu 03): Phiếu từ chối tiếp nhận giải quyết hồ sơ, A5. */
export async function renderRefusal(data: RefusalData): Promise<Uint8Array> {
  const issuedAt = data.issuedAt ?? data.refusedAt;
  const b = await startDossierForm(data, '03', TITLE, issuedAt);
  const desk = `${data.deskName ?? DEFAULT_DESK} ${data.agencyName}`;
  particularsWithQr(b, data, [
    [{ text: desk }],
    ...applicantLines(data.applicant, 'Tiếp nhận hồ sơ của'),
    procedureLine(data),
    channelLine(data.channel),
  ]);
  b.text(`Qua xem xét, ${desk} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`, {
    spaceAfter: 1,
  });
  const indent = b.ts.baseSize * 1.6;
  for (const reason of data.reasons) b.text(`- ${reason}`, { indent, firstLineIndent: -indent * 0.5 });
  b.text('Xin thông báo để Ông/Bà được biết và thực hiện./.', { spaceBefore: 2, spaceAfter: b.ts.baseSize * 0.6 });
  b.signatureBlock({ title: 'Người tiếp nhận hồ sơ', name: data.officer.fullName });
  return b.save();
}
