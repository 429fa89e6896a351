import type { TextRun } from '../../../platform/pdf/index.js';
import {
  DEFAULT_DESK,
  applicantLines,
  channelLine,
  count,
  dateTime,
  field,
  numbered,
  particularsWithQr,
  procedureLine,
  startDossierForm,
} from './form-layout.js';
import type { FormDocument, ReceiptData } from './types.js';

const TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

export function documentName(d: FormDocument): string {
  return d.electronic ? `${d.name} (bản điện tử)` : d.name;
}

/** Mẫu 01 (Phụ lục I, TT 03/2025/TT-VPCP; layout of TT 01/2018 Mẫu 01): Giấy tiếp nhận hồ sơ và hẹn trả kết quả, A5. */
export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  const issuedAt = data.issuedAt ?? data.receivedAt;
  const b = await startDossierForm(data, '01', TITLE, issuedAt, {
    afterCode: data.copyFor ? [{ text: `\n(Liên: ${data.copyFor})`, italic: true }] : [],
  });
  const desk = `${data.deskName ?? DEFAULT_DESK} ${data.agencyName}`;
  particularsWithQr(b, data, [
    [{ text: desk }],
    ...applicantLines(data.applicant, 'Tiếp nhận hồ sơ của'),
    procedureLine(data),
    channelLine(data.channel),
  ]);

  numbered(b, ['Thành phần hồ sơ nộp gồm:']);
  b.space(2);
  b.table(
    [
      { header: 'TT', width: 0.6, align: 'center' },
      { header: 'Tên giấy tờ', width: 5.4 },
      { header: 'Bản chính', width: 1.25, align: 'center' },
      { header: 'Bản sao', width: 1.15, align: 'center' },
    ],
    data.documents.map((d, i) => [String(i + 1), documentName(d), count(d.originals), count(d.copies)]),
    { size: b.ts.baseSize * 0.95 },
  );
  b.space(3);
  const rest: TextRun[][] = [
    [{ text: `Số lượng hồ sơ: ${count(data.sets ?? 1)} (bộ)` }],
    field('Thời gian giải quyết hồ sơ theo quy định là', data.processingTime),
    field('Thời gian nhận hồ sơ', dateTime(data.receivedAt)),
    field('Thời gian trả kết quả giải quyết hồ sơ', dateTime(data.dueAt), true),
    field('Đăng ký nhận kết quả tại', data.resultDelivery),
  ];
  numbered(b, rest, { marker: (i) => `${i + 2}.` });
  b.text(
    [
      ...field('Vào Sổ theo dõi hồ sơ, Quyển số', data.register?.book),
      { text: ', ' },
      ...field('Số thứ tự', data.register?.entry),
    ],
    { spaceAfter: b.ts.baseSize * 0.6 },
  );
  if (data.claimCode)
    b.text(
      [
        { text: 'Mã nhận hồ sơ trực tuyến: ' },
        { text: data.claimCode, bold: true },
        {
          text: ' (đăng nhập Cổng dịch vụ công, mục Hồ sơ của tôi → Nhận hồ sơ nộp tại quầy, nhập mã hồ sơ và mã này; giữ kín mã này).',
          italic: true,
        },
      ],
      { spaceAfter: b.ts.baseSize * 0.6 },
    );
  const officer = { title: 'Người tiếp nhận hồ sơ', name: data.officer.fullName };
  // An applicant who came to the counter signs too; online and postal submissions have no one to sign.
  b.signatureBlock(
    data.channel === 'counter' ? [{ title: 'Người nộp hồ sơ', name: data.applicant.fullName }, officer] : officer,
  );
  return b.save();
}
