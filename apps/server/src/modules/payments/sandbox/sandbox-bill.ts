import { PdfBuilder, formatVnDateTime } from '../../../platform/pdf/index.js';
import type { SandboxTxn } from './sandbox-store.js';

/** GET_BILL: the payment platform's own one-page bill of a paid transaction. */
export async function buildBillPdf(t: SandboxTxn): Promise<Uint8Array> {
  const b = await PdfBuilder.create({
    pageSize: 'A5',
    metadata: {
      title: `Chứng từ thanh toán ${t.reference}`,
      author: 'Cổng thanh toán thử nghiệm',
      createdAt: t.paidAt ?? t.createdAt,
    },
  });
  b.text('CHỨNG TỪ THANH TOÁN ĐIỆN TỬ (THỬ NGHIỆM)', {
    align: 'center',
    bold: true,
    size: b.ts.baseSize * 1.2,
    spaceAfter: 8,
  });
  for (const [k, v] of [
    ['Mã tham chiếu', t.reference],
    ['Mã giao dịch', t.gatewayTxnId],
    ['Đơn vị nhận', t.merchantName],
    ['Nội dung', t.description],
    ['Số tiền', `${t.amount.toLocaleString('vi-VN')} đồng`],
    ['Thời gian', t.paidAt ? formatVnDateTime(t.paidAt) : ''],
  ] as const) {
    b.text([{ text: `${k}: ` }, { text: v, bold: true }]);
  }
  return b.save();
}
