/** Test data builders for the procedures and dossiers modules. */
export function buildProcedureContent(over: Record<string, unknown> = {}) {
  return {
    name: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: 'Hộ tịch',
    level: 'commune' as const,
    implementingAgencies: ['H26'],
    steps: ['Nộp hồ sơ', 'Tiếp nhận', 'Giải quyết', 'Trả kết quả'],
    channels: ['online', 'counter'] as ('online' | 'counter' | 'postal')[],
    requiredDocuments: [
      {
        id: 'to_khai',
        name: 'Tờ khai đăng ký khai sinh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'giay_chung_sinh',
        name: 'Giấy chứng sinh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền (nếu có)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 3,
    fees: [],
    feeCollection: 'free' as const,
    resultType: 'Giấy khai sinh (bản chính)',
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    subjects: ['citizen' as const],
    onlineMode: 'full' as const,
    formSchema: {
      type: 'object',
      required: ['childName', 'childBirthDate', 'childGender'],
      properties: {
        childName: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ', minLength: 2 },
        childBirthDate: { type: 'string', format: 'date', title: 'Ngày sinh' },
        childGender: {
          type: 'string',
          title: 'Giới tính',
          oneOf: [
            { const: 'male', title: 'Nam' },
            { const: 'female', title: 'Nữ' },
          ],
        },
        declarantIdNumber: {
          type: 'string',
          pattern: '^\\d{12}$',
          title: 'Số định danh người đi khai',
          'x-ui': { prefill: 'account.idNumber' },
        },
      },
    },
    ...over,
  };
}
