import type { DocumentPackage } from './model.js';

/** A document package as documents would hand it over (tests and the benchmark). */
export function samplePackage(over: Partial<DocumentPackage> = {}, attachmentBytes = 2048): DocumentPackage {
  const data = Buffer.alloc(attachmentBytes);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
  data.write('%PDF-1.4\n', 0);
  return {
    kind: 'document',
    from: { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội', email: 'vanthu@hanoi.gov.vn' },
    to: [{ organId: '000.00.00.G09', organName: 'Bộ Nội vụ' }],
    documentId: '000.00.00.H26,2026/03/02,15/QĐ-UBND',
    header: {
      codeNumber: '15',
      codeNotation: 'QĐ-UBND',
      promulgation: { place: 'Hà Nội', date: '2026-03-02' },
      documentType: { type: 1, typeDetail: 0, typeName: 'Quyết định' },
      subject: 'Về việc phê duyệt kế hoạch chuyển đổi số năm 2026 <của> "thành phố" & các quận',
      signerInfo: { competence: 'TM. ỦY BAN NHÂN DÂN', position: 'Chủ tịch', fullName: 'Trần Sỹ Thanh' },
      dueDate: '2026-03-31',
      toPlaces: ['Bộ Nội vụ', 'Lưu: VT'],
      otherInfo: { priority: 2, pageAmount: 4, promulgationAmount: 3, appendixes: ['Phụ lục I'] },
      steeringType: 1,
    },
    business: {
      documentId: '000.00.00.H26,2026/03/02,15/QĐ-UBND',
      type: 'new',
      reason: 'Văn bản điện tử mới',
      paper: false,
      staff: { department: 'Văn phòng', staff: 'Trần Thị Hoa' },
    },
    traces: [{ organId: '000.00.00.H26', timestamp: new Date('2026-03-02T02:15:00Z') }],
    attachments: [
      {
        contentId: 'cid:att-1',
        name: 'quyet-dinh-15.pdf',
        mediaType: 'application/pdf',
        description: 'Quyết định 15',
        data,
      },
    ],
    ...over,
  };
}
