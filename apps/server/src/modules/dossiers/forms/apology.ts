import { dateTime, formHead, joinLines, startForm } from './form-layout.js';
import { formatVnDate } from '../../../platform/pdf/index.js';
import type { ApologyData } from './types.js';

const TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

/**
 * Mẫu 04 (TT 03/2025/TT-VPCP: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết; the body keeps the layout of
 * TT 01/2018's Phiếu xin lỗi và hẹn lại ngày trả kết quả), A5, signed by the head of the agency.
 */
export async function renderApology(data: ApologyData): Promise<Uint8Array> {
  const b = await startForm(data, '04', TITLE, data.issuedAt);
  formHead(b, data, { title: TITLE, date: data.issuedAt, withDesk: false, leftNote: `Số: ${data.number ?? '……/PXL'}` });
  // An organisation (tax code, no personal ID) is addressed as such; a person as Ông/Bà.
  const you = data.applicant.taxCode && !data.applicant.idNumber ? 'Quý tổ chức' : 'Ông/Bà';
  const agency = data.agencyName;
  b.text([{ text: 'Kính gửi: ' }, { text: `${you} ${data.applicant.fullName}`, bold: true }], {
    align: 'center',
    spaceAfter: 4,
  });
  const para = { firstLineIndent: b.ts.baseSize * 1.6, align: 'left' as const };
  b.text(
    `${capitalize(formatVnDate(data.receivedAt))}, ${agency} tiếp nhận giải quyết hồ sơ của ${you} ${data.applicant.fullName}.`,
    para,
  );
  b.text(
    [
      { text: 'Nội dung yêu cầu giải quyết: ' },
      { text: data.procedureName, bold: true },
      { text: ` (mã thủ tục ${data.procedureCode}).` },
    ],
    para,
  );
  b.text([{ text: 'Mã hồ sơ: ' }, { text: data.code, bold: true }], para);
  b.text(`Thời gian hẹn trả kết quả giải quyết hồ sơ: ${dateTime(data.oldDueAt)}.`, para);
  b.text(`Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của ${you}.`, para);
  b.text(`Lý do: ${data.reason}`, para);
  b.text(
    [
      {
        text: `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của ${you}, ${agency} xin lỗi ${you} và sẽ trả kết quả giải quyết hồ sơ cho ${you} vào `,
      },
      { text: dateTime(data.newDueAt), bold: true },
      { text: '.' },
    ],
    para,
  );
  b.text('Xin trân trọng cảm ơn./.', { ...para, spaceAfter: b.ts.baseSize * 0.8 });

  const recipients = data.recipients ?? ['Như trên;', 'Lưu: VT.'];
  const signer = data.signer ?? {
    title: data.officer.position ?? 'Thủ trưởng cơ quan',
    fullName: data.officer.fullName,
  };
  const small = b.ts.baseSize * 0.85;
  b.row([
    {
      width: 1,
      stack: [
        {
          text: joinLines([
            [{ text: 'Nơi nhận:', bold: true, italic: true }],
            ...recipients.map((r) => [{ text: `- ${r}` }]),
          ]),
          style: { size: small },
        },
        { qr: data.lookupUrl, options: { size: 58, caption: 'Tra cứu hồ sơ', captionSize: small * 0.85 } },
      ],
    },
    {
      width: 1.25,
      signature: {
        title: signer.title,
        authority: signer.authority,
        name: signer.fullName,
        hint: '(Ký, ghi rõ họ tên và đóng dấu)',
      },
    },
  ]);
  return b.save();
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}
