// Sample form data for tests and previews: a citizen's household registration at a Hà Nội ward.
import type {
  ApologyData,
  ControlSheetData,
  DossierFormData,
  FormDocument,
  ReceiptData,
  RefusalData,
  SupplementRequestData,
  StopNoticeData,
} from './types.js';

/** 2026-03-02 10:05 in Vietnam. */
export const RECEIVED_AT = new Date('2026-03-02T03:05:00Z');

export function buildFormData(over: Partial<DossierFormData> = {}): DossierFormData {
  return {
    agencyName: 'Ủy ban nhân dân phường Hoàn Kiếm',
    parentAgencyName: 'Ủy ban nhân dân thành phố Hà Nội',
    code: '000.00.00.H26-260302-0001',
    procedureName: 'Đăng ký thường trú',
    procedureCode: '1.004222',
    applicant: {
      fullName: 'Nguyễn Thị Ánh Tuyết',
      idNumber: '001190012345',
      address: 'Số 18 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội',
      phone: '0912 345 678',
      email: 'anhtuyet@example.vn',
    },
    documents: buildDocuments(3),
    submittedAt: new Date('2026-03-02T02:40:00Z'),
    receivedAt: RECEIVED_AT,
    dueAt: new Date('2026-03-09T09:00:00Z'),
    officer: { fullName: 'Trần Văn Đức', position: 'Công chức Tư pháp - Hộ tịch' },
    place: 'Hà Nội',
    lookupUrl: 'https://dichvucong.hanoi.gov.vn/tra-cuu?ma=000.00.00.H26-260302-0001',
    channel: 'counter',
    ...over,
  };
}

const DOCS: FormDocument[] = [
  { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', originals: 1, copies: 0, electronic: false },
  {
    name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp: hợp đồng thuê nhà có công chứng',
    originals: 0,
    copies: 1,
    electronic: true,
  },
  { name: 'Văn bản đồng ý cho đăng ký thường trú của chủ hộ', originals: 1, copies: 1, electronic: false },
  { name: 'Giấy khai sinh của con dưới 14 tuổi', originals: 0, copies: 2, electronic: false },
];

export function buildDocuments(n: number): FormDocument[] {
  return Array.from({ length: n }, (_, i) => ({
    ...DOCS[i % DOCS.length]!,
    name: i < DOCS.length ? DOCS[i]!.name : `${DOCS[i % DOCS.length]!.name} (bộ ${Math.floor(i / DOCS.length) + 1})`,
  }));
}

export function buildReceipt(over: Partial<ReceiptData> = {}): ReceiptData {
  return {
    ...buildFormData(),
    receivedAt: RECEIVED_AT,
    dueAt: new Date('2026-03-09T09:00:00Z'),
    processingTime: '05 ngày làm việc',
    resultDelivery: 'Bộ phận tiếp nhận và trả kết quả phường Hoàn Kiếm',
    register: { book: '03', entry: '127' },
    copyFor: 'Giao người nộp hồ sơ',
    ...over,
  };
}

export function buildSupplementRequest(over: Partial<SupplementRequestData> = {}): SupplementRequestData {
  return {
    ...buildFormData(),
    requestedAt: new Date('2026-03-03T02:15:00Z'),
    items: [
      'Bổ sung bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất của chủ hộ.',
      'Hoàn thiện mục “Nơi thường trú trước khi chuyển đến” trong Tờ khai CT01, ghi đầy đủ số nhà, đường phố.',
    ],
    reason: 'Hồ sơ chưa có giấy tờ chứng minh chỗ ở hợp pháp theo Điều 5 Nghị định 154/2024/NĐ-CP.',
    deadlineNote: 'Trong thời hạn 05 ngày làm việc kể từ ngày nhận được phiếu này',
    contact: { name: 'ông Trần Văn Đức', phone: '024 3825 1234' },
    ...over,
  };
}

export function buildRefusal(over: Partial<RefusalData> = {}): RefusalData {
  return {
    ...buildFormData(),
    refusedAt: new Date('2026-03-02T03:20:00Z'),
    reasons: [
      'Chỗ ở đề nghị đăng ký thường trú thuộc khu vực cấm đăng ký thường trú mới theo quyết định của cơ quan có thẩm quyền.',
      'Người đề nghị chưa đủ 18 tuổi và không có người đại diện hợp pháp.',
    ],
    ...over,
  };
}

export function buildStopNotice(over: Partial<StopNoticeData> = {}): StopNoticeData {
  return {
    ...buildFormData(),
    receivedAt: new Date('2026-03-02T03:30:00Z'),
    stoppedAt: new Date('2026-03-10T02:00:00Z'),
    number: '21/TB-UBND',
    reasons: ['Người nộp hồ sơ không bổ sung giấy tờ theo Phiếu yêu cầu bổ sung trong thời hạn quy định.'],
    signer: { title: 'Chủ tịch', fullName: 'Lê Hoàng Yến', authority: 'KT.' },
    ...over,
  };
}

export function buildApology(over: Partial<ApologyData> = {}): ApologyData {
  return {
    ...buildFormData(),
    issuedAt: new Date('2026-03-06T08:30:00Z'),
    number: '15/PXL-UBND',
    receivedAt: RECEIVED_AT,
    oldDueAt: new Date('2026-03-09T09:00:00Z'),
    newDueAt: new Date('2026-03-13T09:00:00Z'),
    reason: 'Cần xác minh thông tin cư trú với Công an tỉnh Nghệ An, nơi người đề nghị thường trú trước đây.',
    signer: { title: 'Chủ tịch', authority: 'KT. Chủ tịch', fullName: 'Lê Hoàng Yến' },
    recipients: ['Bà Nguyễn Thị Ánh Tuyết;', 'Lưu: VT, BPMC.'],
    ...over,
  };
}

export function buildControlSheet(over: Partial<ControlSheetData> = {}): ControlSheetData {
  const t = (iso: string) => new Date(iso);
  return {
    ...buildFormData(),
    receivedAt: RECEIVED_AT,
    dueAt: new Date('2026-03-09T09:00:00Z'),
    processingUnit: 'Công an phường Hoàn Kiếm',
    coordinatingUnits: ['Ủy ban nhân dân phường Hoàn Kiếm'],
    steps: [
      {
        from: 'Bộ phận tiếp nhận và trả kết quả',
        to: 'Công an phường Hoàn Kiếm',
        handedAt: t('2026-03-02T03:30:00Z'),
        dueAt: t('2026-03-02T10:00:00Z'),
        finishedAt: t('2026-03-02T08:00:00Z'),
        result: 'early',
        note: 'Chuyển trong ngày',
      },
      {
        from: 'Cán bộ thụ lý Phạm Minh Khôi',
        to: 'Lãnh đạo Công an phường',
        handedAt: t('2026-03-05T02:00:00Z'),
        dueAt: t('2026-03-06T10:00:00Z'),
        finishedAt: t('2026-03-06T10:00:00Z'),
        result: 'on_time',
      },
      {
        from: 'Công an phường Hoàn Kiếm',
        to: 'Bộ phận tiếp nhận và trả kết quả',
        handedAt: t('2026-03-09T09:30:00Z'),
        dueAt: t('2026-03-09T09:00:00Z'),
        result: 'late',
        note: 'Xin lỗi theo Phiếu 15/PXL-UBND',
      },
    ],
    ...over,
  };
}
