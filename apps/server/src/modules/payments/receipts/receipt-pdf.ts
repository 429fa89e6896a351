import {
  formatVnDateTime,
  PdfBuilder,
  placeAndDate,
  type SignatureArea,
  type TextRun,
} from '../../../platform/pdf/index.js';
import type { ReceiptRow } from '../payments.repository.js';
import { vndInWords } from './money-words.js';

const METHODS = { online: 'Thanh toán trực tuyến', cash: 'Tiền mặt', transfer: 'Chuyển khoản' } as const;
const GATEWAYS: Record<string, string> = {
  dvcqg: 'qua Nền tảng thanh toán Cổng Dịch vụ công quốc gia',
  vnpay: 'qua cổng thanh toán VNPAY',
  desk: 'tại Bộ phận tiếp nhận và trả kết quả',
};

const vnd = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

export interface ReceiptExtras {
  parentAgencyName?: string;
  place: string;
  lookupUrl: string;
  /** Reference at the gateway and its transaction number (online payments). */
  reference: string;
  gatewayTxnId: string | null;
}

/**
 * Biên lai thu phí, lệ phí (điện tử), A5: template code, serial and number, payer, lines, amount in
 * words; `sealArea` is the blank under "Đơn vị thu tiền" where the agency's seal appears.
 */
export async function renderReceiptPdf(
  r: ReceiptRow,
  x: ReceiptExtras,
): Promise<{ pdf: Uint8Array; sealArea: SignatureArea }> {
  const number = String(r.number).padStart(7, '0');
  const b = await PdfBuilder.create({
    pageSize: 'A5',
    metadata: {
      title: `Biên lai thu phí, lệ phí ${r.serial} số ${number}`,
      author: r.agencyName,
      subject: `Biên lai điện tử hồ sơ ${r.dossierCode}`,
      keywords: [r.dossierCode, r.templateCode, r.serial, number],
      createdAt: r.issuedAt,
    },
  });
  b.header({
    agency: [
      ...(x.parentAgencyName ? [{ text: upper(x.parentAgencyName) }] : []),
      { text: upper(r.agencyName), bold: true },
    ],
    rightNote: placeAndDate(x.place, r.issuedAt),
  });
  b.space(b.ts.baseSize);
  b.text('BIÊN LAI THU PHÍ, LỆ PHÍ', { align: 'center', bold: true, size: b.ts.baseSize * 1.25 });
  b.text('(Biên lai điện tử)', { align: 'center', italic: true, spaceAfter: b.ts.baseSize * 0.5 });
  b.row([
    { width: 1, text: [{ text: 'Mẫu số: ' }, { text: r.templateCode, bold: true }] },
    { width: 1, text: [{ text: 'Ký hiệu: ' }, { text: r.serial, bold: true }], style: { align: 'center' } },
    { width: 1, text: [{ text: 'Số: ' }, { text: number, bold: true }], style: { align: 'right' } },
  ]);
  b.space(b.ts.baseSize * 0.6);
  const lines: TextRun[][] = [
    [{ text: 'Tên đơn vị thu: ' }, { text: r.agencyName, bold: true }],
    [{ text: 'Họ tên người nộp: ' }, { text: r.payerName, bold: true }],
    [{ text: 'Số định danh / Mã số thuế: ' }, { text: r.payerIdNumber ?? '…………………' }],
    [{ text: 'Nộp cho hồ sơ: ' }, { text: r.dossierCode, bold: true }, { text: ` (${r.procedureName})` }],
  ];
  for (const l of lines) b.text(l);
  b.space(b.ts.baseSize * 0.4);
  b.table(
    [
      { header: 'STT', width: 0.6, align: 'center' },
      { header: 'Nội dung thu', width: 5 },
      { header: 'Số tiền (đồng)', width: 1.8, align: 'right' },
    ],
    [
      ...r.lines.map((l, i) => [String(i + 1), l.label, vnd(l.amount)]),
      ['', [{ text: 'Tổng cộng', bold: true }], [{ text: vnd(r.amount), bold: true }]],
    ],
    { size: b.ts.baseSize * 0.95 },
  );
  b.space(b.ts.baseSize * 0.4);
  b.text([{ text: 'Số tiền bằng chữ: ' }, { text: vndInWords(r.amount), italic: true }]);
  b.text([{ text: 'Hình thức thanh toán: ' }, { text: `${METHODS[r.method]} ${GATEWAYS[r.gateway] ?? ''}`.trim() }]);
  if (r.method === 'online')
    b.text([{ text: 'Mã giao dịch: ' }, { text: `${x.reference}${x.gatewayTxnId ? ` / ${x.gatewayTxnId}` : ''}` }]);
  b.text([{ text: 'Thời điểm thu: ' }, { text: formatVnDateTime(r.issuedAt) }], { spaceAfter: b.ts.baseSize * 0.6 });
  b.row([
    { width: 1, qr: x.lookupUrl, options: { size: 56, caption: 'Tra cứu hồ sơ', captionSize: b.ts.baseSize * 0.75 } },
    { width: 2.2, signature: { title: 'Đơn vị thu tiền', name: r.agencyName, hint: '(Ký điện tử, đóng dấu)' } },
  ]);
  return { pdf: await b.save(), sealArea: b.signatureAreas[0]! };
}
