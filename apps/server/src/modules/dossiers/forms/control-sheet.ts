import { formatVnCompactDateTime as compact, type RichText } from '../../../platform/pdf/index.js';
import { dateTime, field, particularsWithQr, startDossierForm } from './form-layout.js';
import type { ControlSheetData, StepResult } from './types.js';

const TITLE = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';

const RESULTS: Record<StepResult, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** Mẫu 06 (TT 03/2025/TT-VPCP; Mẫu 05 of TT 01/2018): Phiếu kiểm soát quá trình giải quyết hồ sơ, A5; the table grows onto more pages. */
export async function renderControlSheet(data: ControlSheetData): Promise<Uint8Array> {
  const issuedAt = data.issuedAt ?? data.receivedAt;
  const b = await startDossierForm(data, '06', TITLE, issuedAt);
  particularsWithQr(b, data, [
    [{ text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả mã hồ sơ ${data.code})`, italic: true }],
    field('Người nộp hồ sơ', data.applicant.fullName, true),
    field('Thủ tục', `${data.procedureName} (${data.procedureCode})`),
    field('Cơ quan (bộ phận) giải quyết hồ sơ', data.processingUnit ?? data.agencyName),
    field(
      'Cơ quan phối hợp giải quyết hồ sơ',
      data.coordinatingUnits?.length ? data.coordinatingUnits.join('; ') : undefined,
    ),
    field('Thời gian nhận hồ sơ', dateTime(data.receivedAt)),
    field('Thời gian hẹn trả kết quả', dateTime(data.dueAt), true),
  ]);
  const size = b.ts.baseSize * 0.8;
  const rows: RichText[][] = data.steps.map((s) => [
    [{ text: '1. Giao: ' }, { text: s.from, bold: true }, { text: '\n2. Nhận: ' }, { text: s.to, bold: true }],
    [
      { text: 'Giao nhận: ' },
      { text: compact(s.handedAt), bold: true },
      ...(s.dueAt ? [{ text: `\nHạn: ${compact(s.dueAt)}` }] : []),
      ...(s.finishedAt ? [{ text: `\nHoàn thành: ${compact(s.finishedAt)}` }] : []),
    ],
    s.result ? RESULTS[s.result] : '',
    s.note ?? '',
  ]);
  b.table(
    [
      { header: 'TÊN CƠ QUAN', width: 2.6 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 3.5 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', width: 1.8, align: 'center' },
      { header: 'GHI CHÚ', width: 2 },
    ],
    rows,
    { size },
  );
  return b.save();
}
