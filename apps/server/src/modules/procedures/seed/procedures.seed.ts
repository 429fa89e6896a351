/**
 * Seed data: real Vietnamese administrative procedures (thủ tục hành chính, TTHC).
 *
 * What this file is
 * - Content as published in the national TTHC database (CSDL quốc gia về TTHC,
 *   dichvucong.gov.vn), on the Ministry of Public Security portal
 *   (dichvucong.bocongan.gov.vn) and in the legal texts, summarised for the
 *   platform's procedure catalogue (Decree 63/2010 Art 8: name, steps, channels,
 *   dossier, time limit, subjects, agencies, result, conditions, fees, legal basis).
 * - Snapshot: national-DB records crawled on 2026-07-18 (see `sourceNote` of each
 *   entry) plus later secondary sources up to 2026-09. Procedures, fees and legal
 *   bases change often (two-level local government from 01/07/2025, Resolutions
 *   66.x/2025-2026/NQ-CP cutting paperwork). Re-check against dichvucong.gov.vn
 *   before publishing a procedure to citizens.
 *
 * Codes
 * - `code` is the national TTHC code (`^\d\.\d{6}$`).
 * - `codeVerified: true` means the code was seen attached to this very procedure
 *   in a copy of an official record (a crawl of the dichvucong.gov.vn API, or of
 *   the procedure page on dichvucong.bocongan.gov.vn). `false` means it comes only
 *   from secondary sources, or is a placeholder; `sourceNote` says which.
 * - `0.000001` is a deliberate PLACEHOLDER (no real code starts with 0). It is used
 *   where no code could be found; replace it before production.
 *
 * Agencies
 * - `implementingAgencies` use codes from `directory/seed/agencies.seed.ts`.
 *   Procedures done by every commune list the seeded communes/wards
 *   (H26.X001-004, H41.X001-004; synthetic codes). The directory has no police
 *   units, no Ban Cơ yếu Chính phủ and no provincial Sở Tài chính; where the real
 *   agency is missing the nearest seeded parent is used and `sourceNote` says so.
 *
 * Fees
 * - Integer VND. `amount` is the statutory base rate; reductions (online
 *   submission, exempt groups) are in `note`. Where the rate is set by each
 *   provincial People's Council (HĐND) a typical value is given and flagged.
 *   `fees: []` means no fee is charged, except where `sourceNote` says the amount
 *   could not be confirmed.
 *
 * All strings are Unicode NFC.
 */

export type OnlineMode = 'full' | 'partial' | 'none';
export type ImplementingLevel = 'central' | 'province' | 'commune';

export interface ProcedureSeed {
  /** National TTHC code, ^\d\.\d{6}$. */
  code: string;
  codeVerified: boolean;
  /** Vietnamese official name. */
  name: string;
  nameEn: string;
  /** Lĩnh vực. */
  field: string;
  /** Cấp thực hiện. */
  level: ImplementingLevel;
  /** Agency codes from the directory seed. */
  implementingAgencies: string[];
  /** Trình tự thực hiện. */
  steps: string[];
  channels: ('online' | 'counter' | 'postal')[];
  requiredDocuments: {
    id: string;
    name: string;
    originals: number;
    copies: number;
    electronicAccepted: boolean;
    template?: string;
    required: boolean;
    note?: string;
  }[];
  /** Thời hạn giải quyết in working days (1 when the law says "ngay trong ngày" or hours). */
  processingDays: number;
  processingNote?: string;
  /** Integer VND; [] if free. */
  fees: { label: string; amount: number; onlineAmount?: number; note?: string }[];
  /** When fees are collected (matches `procedureContent.feeCollection`); optional. */
  feeCollection?: 'before' | 'after' | 'free';
  /** Kết quả thực hiện. */
  resultType: string;
  /** Căn cứ pháp lý. */
  legalBasis: string[];
  /** Yêu cầu, điều kiện. */
  conditions?: string;
  /** Đối tượng thực hiện. */
  subjects: ('citizen' | 'business' | 'organization')[];
  /** toàn trình = 'full', một phần = 'partial'. */
  onlineMode: OnlineMode;
  /** Application form, JSON Schema draft 2020-12 with `x-ui` hints. */
  formSchema: object;
  /** Where the content came from and what could not be confirmed. */
  sourceNote: string;
}

// ───────────────────────────── shared pieces ─────────────────────────────

const SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** Seeded communes/wards (synthetic codes) of Hà Nội and Nghệ An. */
const SEEDED_COMMUNES = [
  'H26.X001',
  'H26.X002',
  'H26.X003',
  'H26.X004',
  'H41.X001',
  'H41.X002',
  'H41.X003',
  'H41.X004',
];

const ID12_PATTERN = '^\\d{12}$';
const PHONE_PATTERN = '^(0|\\+84)\\d{9,10}$';
const TAX_CODE_PATTERN = '^\\d{10}(-\\d{3})?$';
const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

const genderField = (title = 'Giới tính', prefill?: string) => ({
  type: 'string',
  title,
  oneOf: [
    { const: 'male', title: 'Nam' },
    { const: 'female', title: 'Nữ' },
  ],
  ...(prefill ? { 'x-ui': { prefill } } : {}),
});

const idNumberField = (title = 'Số định danh cá nhân', prefill?: string) => ({
  type: 'string',
  title,
  pattern: ID12_PATTERN,
  'x-ui': { placeholder: '12 chữ số', ...(prefill ? { prefill } : {}) },
});

const nationalityField = (title = 'Quốc tịch') => ({ type: 'string', title, default: 'Việt Nam', maxLength: 100 });
const ethnicityField = (title = 'Dân tộc') => ({ type: 'string', title, default: 'Kinh', maxLength: 50 });
/**
 * A place written as text: a birthplace (often a hospital's name), a hometown, a place of death or a
 * past residence, named as it was before the 2025 units; a present address is an `addressBlock`.
 */
const placeText = (title: string) => ({ type: 'string', title, minLength: 5, maxLength: 500 });

/**
 * An address block: the province and the commune picked from the 2025 list of administrative units
 * (codes checked by the server, names kept beside them), then the street, hamlet or group.
 */
const addressBlock = (
  title: string,
  required = true,
  /** The applicant's own address: prefilled from his account's personal details (never asked twice). */
  prefill?: 'account.permanentAddress' | 'account.currentAddress',
) => ({
  type: 'object',
  title,
  ...(required ? { required: ['province', 'commune', 'street'] } : {}),
  properties: {
    province: { type: 'string', title: 'Tỉnh, thành phố', pattern: '^\\d{2}$' },
    provinceName: { type: 'string', maxLength: 100 },
    commune: { type: 'string', title: 'Xã, phường, đặc khu', pattern: '^\\d{5}$' },
    communeName: { type: 'string', maxLength: 100 },
    street: { type: 'string', title: 'Số nhà, đường, thôn, tổ dân phố', minLength: 2, maxLength: 300 },
  },
  'x-ui': { widget: 'address', order: ['province', 'commune', 'street'], ...(prefill ? { prefill } : {}) },
});

/**
 * "Người yêu cầu / người đi đăng ký" block, prefilled from the signed-in account, or from the
 * population registry (`x-registry`) once the citizen consents (once-only, ADR 0025).
 */
const requesterBlock = (title = 'Người yêu cầu') => ({
  type: 'object',
  title,
  required: ['fullName', 'idNumber', 'residence'],
  properties: {
    fullName: {
      type: 'string',
      title: 'Họ, chữ đệm, tên',
      minLength: 2,
      maxLength: 100,
      'x-ui': { prefill: 'account.fullName' },
      'x-registry': 'population.fullName',
    },
    idNumber: { ...idNumberField('Số định danh cá nhân', 'account.idNumber'), 'x-registry': 'population.idNumber' },
    residence: addressBlock('Nơi cư trú', true, 'account.currentAddress'),
    phone: { type: 'string', title: 'Số điện thoại', pattern: PHONE_PATTERN, 'x-ui': { prefill: 'account.phone' } },
    email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-ui': { prefill: 'account.email' } },
  },
  'x-ui': { order: ['fullName', 'idNumber', 'residence', 'phone', 'email'] },
});

/** How the applicant wants the result delivered. */
const resultDeliveryField = {
  type: 'string',
  title: 'Hình thức nhận kết quả',
  oneOf: [
    { const: 'counter', title: 'Nhận trực tiếp tại nơi nộp hồ sơ' },
    { const: 'postal', title: 'Nhận qua dịch vụ bưu chính công ích' },
    { const: 'electronic', title: 'Nhận bản điện tử (tài khoản VNeID / Cổng Dịch vụ công)' },
  ],
  default: 'electronic',
};

/** Request for extra copies of a civil-status extract (phí bản sao: TT 281/2016/TT-BTC). */
const copiesRequestFields = {
  wantsCopies: { type: 'boolean', title: 'Đề nghị cấp bản sao', default: false },
  copyCount: { type: 'integer', title: 'Số lượng bản sao', minimum: 1, maximum: 20 },
};

// ───────────────────────────── procedures ─────────────────────────────

export const PROCEDURE_SEED: ProcedureSeed[] = [
  // ─────────────── 1. Civil cryptography business licence (Ban Cơ yếu Chính phủ) ───────────────
  {
    code: '0.000001',
    codeVerified: false,
    name: 'Cấp Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự',
    nameEn: 'Issuance of a licence to trade civil cryptography products and services',
    field: 'Cơ yếu',
    level: 'central',
    implementingAgencies: ['G11'],
    steps: [
      'Doanh nghiệp nộp hồ sơ đề nghị cấp Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự đến Ban Cơ yếu Chính phủ (Cục Quản lý mật mã dân sự và Kiểm định sản phẩm mật mã): trực tuyến trên cổng dịch vụ công của Cục hoặc Cổng Dịch vụ công quốc gia, trực tiếp tại bộ phận một cửa (số 43 Ngụy Như Kon Tum, Hà Nội) hoặc qua bưu chính.',
      'Ban Cơ yếu Chính phủ kiểm tra tính hợp lệ của hồ sơ và thông báo cho doanh nghiệp; hồ sơ không hợp lệ được thông báo bằng văn bản, nêu rõ nội dung cần bổ sung để doanh nghiệp nộp lại hoặc giải trình.',
      'Ban Cơ yếu Chính phủ thẩm định hồ sơ và điều kiện kinh doanh (đội ngũ nhân sự, trang thiết bị, phương án kỹ thuật, phương án bảo mật, phương án kinh doanh).',
      'Trong thời hạn giải quyết, Ban Cơ yếu Chính phủ cấp Giấy phép; trường hợp từ chối phải thông báo bằng văn bản và nêu rõ lý do.',
      'Trả kết quả: Giấy phép điện tử trên hệ thống và/hoặc bản giấy trực tiếp, qua bưu chính.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'don_de_nghi',
        name: 'Đơn đề nghị cấp Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự (theo mẫu)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Mẫu đơn đề nghị cấp Giấy phép (Nghị định 211/2025/NĐ-CP; trước đây Nghị định 58/2016/NĐ-CP)',
        required: true,
      },
      {
        id: 'gcn_dkdn',
        name: 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: true,
        note: 'Có thể được thay bằng khai thác Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp nếu cơ quan giải quyết kết nối được.',
      },
      {
        id: 'van_bang_nhan_su',
        name: 'Bản sao văn bằng, chứng chỉ của đội ngũ quản lý, điều hành, kỹ thuật (kèm danh sách nhân sự)',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: true,
        note: 'Tối thiểu 02 cán bộ kỹ thuật tốt nghiệp đại học ngành điện tử - viễn thông, công nghệ thông tin, toán học hoặc an toàn thông tin.',
      },
      {
        id: 'phuong_an_ky_thuat',
        name: 'Phương án kỹ thuật (kèm phương án bảo hành, bảo trì)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'phuong_an_bao_mat',
        name: 'Phương án bảo mật và an toàn thông tin mạng trong quá trình quản lý và cung cấp sản phẩm, dịch vụ mật mã dân sự',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'phuong_an_kinh_doanh',
        name: 'Phương án kinh doanh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'tai_lieu_ky_thuat',
        name: 'Tài liệu kỹ thuật của sản phẩm mật mã dân sự đề nghị kinh doanh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Theo thực tiễn hồ sơ (công cụ quản lý hồ sơ của Học viện Kỹ thuật mật mã); không thấy trong danh mục hồ sơ của Luật.',
      },
      {
        id: 'chung_nhan_hop_quy',
        name: 'Giấy chứng nhận hợp quy của sản phẩm (nếu sản phẩm thuộc diện phải chứng nhận hợp quy)',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 30,
    processingNote:
      'Luật An toàn thông tin mạng 2015 (Điều 32): trong 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. Luật ghi "ngày", không ghi "ngày làm việc"; chưa đối chiếu được thời hạn trong Nghị định 211/2025/NĐ-CP.',
    fees: [],
    feeCollection: 'before',
    resultType: 'Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự (có thời hạn 10 năm)',
    legalBasis: [
      'Luật An toàn thông tin mạng số 86/2015/QH13 (Điều 30 - 32)',
      'Nghị định số 211/2025/NĐ-CP ngày 25/7/2025 của Chính phủ quy định về hoạt động mật mã dân sự (hiệu lực 09/9/2025)',
      'Nghị định số 58/2016/NĐ-CP (được sửa đổi bởi Nghị định 53/2018/NĐ-CP, 32/2023/NĐ-CP) — văn bản cũ, được Nghị định 211/2025/NĐ-CP thay thế',
      'Thông tư số 249/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định điều kiện hoạt động kinh doanh sản phẩm, dịch vụ mật mã dân sự',
    ],
    conditions:
      'Doanh nghiệp đáp ứng khoản 2 Điều 31 Luật An toàn thông tin mạng và Điều 5 Nghị định 211/2025/NĐ-CP: (a) tối thiểu 02 cán bộ kỹ thuật có bằng đại học trở lên thuộc ngành điện tử - viễn thông, công nghệ thông tin, toán học, an toàn thông tin; cán bộ quản lý, điều hành có bằng đại học các ngành trên hoặc bằng đại học khác kèm chứng chỉ đào tạo về an toàn thông tin; (b) có hệ thống trang thiết bị, cơ sở vật chất phù hợp quy mô cung cấp; (c) có phương án kỹ thuật phù hợp tiêu chuẩn, quy chuẩn kỹ thuật; (d) có phương án bảo mật và an toàn thông tin mạng; (đ) có phương án kinh doanh phù hợp, có hệ thống phục vụ khách hàng và bảo đảm kỹ thuật.',
    subjects: ['business'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Đơn đề nghị cấp Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự',
      type: 'object',
      required: ['enterprise', 'legalRepresentative', 'items', 'technicalStaff', 'commitment'],
      properties: {
        enterprise: {
          type: 'object',
          title: 'Thông tin doanh nghiệp',
          required: ['name', 'taxCode', 'headOffice', 'phone', 'email'],
          properties: {
            name: {
              type: 'string',
              title: 'Tên doanh nghiệp (ghi bằng chữ in hoa)',
              minLength: 3,
              maxLength: 300,
              'x-ui': { uppercase: true },
            },
            foreignName: { type: 'string', title: 'Tên doanh nghiệp viết bằng tiếng nước ngoài', maxLength: 300 },
            shortName: { type: 'string', title: 'Tên viết tắt', maxLength: 100 },
            taxCode: {
              type: 'string',
              title: 'Mã số doanh nghiệp',
              pattern: TAX_CODE_PATTERN,
              'x-ui': { prefill: 'account.taxCode' },
            },
            registrationDate: { type: 'string', format: 'date', title: 'Ngày cấp đăng ký doanh nghiệp lần đầu' },
            headOffice: addressBlock('Địa chỉ trụ sở chính'),
            transactionOffice: addressBlock('Địa chỉ giao dịch (nếu khác trụ sở chính)', false),
            phone: { type: 'string', title: 'Điện thoại', pattern: PHONE_PATTERN },
            email: { type: 'string', format: 'email', title: 'Thư điện tử' },
            website: { type: 'string', format: 'uri', title: 'Trang thông tin điện tử' },
          },
        },
        legalRepresentative: {
          type: 'object',
          title: 'Người đại diện theo pháp luật',
          required: ['fullName', 'position', 'idNumber'],
          properties: {
            fullName: {
              type: 'string',
              title: 'Họ, chữ đệm, tên',
              minLength: 2,
              maxLength: 100,
              'x-ui': { prefill: 'account.fullName' },
            },
            position: { type: 'string', title: 'Chức danh', maxLength: 100 },
            idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
          },
        },
        items: {
          type: 'array',
          title: 'Danh mục sản phẩm, dịch vụ mật mã dân sự đề nghị cấp phép',
          minItems: 1,
          items: {
            type: 'object',
            required: ['kind', 'name', 'group'],
            properties: {
              kind: {
                type: 'string',
                title: 'Loại',
                oneOf: [
                  { const: 'product', title: 'Sản phẩm mật mã dân sự' },
                  { const: 'service', title: 'Dịch vụ mật mã dân sự' },
                ],
              },
              name: { type: 'string', title: 'Tên sản phẩm, dịch vụ', maxLength: 300 },
              group: {
                type: 'string',
                title: 'Thuộc nhóm trong Danh mục sản phẩm, dịch vụ mật mã dân sự',
                maxLength: 300,
                'x-ui': {
                  help: 'Ghi đúng tên nhóm trong Danh mục ban hành kèm Nghị định 211/2025/NĐ-CP (ví dụ: sản phẩm bảo mật luồng IP).',
                },
              },
              model: { type: 'string', title: 'Ký hiệu, mã hiệu (model)', maxLength: 100 },
              manufacturer: { type: 'string', title: 'Hãng sản xuất, nước sản xuất', maxLength: 200 },
            },
          },
        },
        businessScope: {
          type: 'string',
          title: 'Phạm vi, đối tượng cung cấp',
          maxLength: 2000,
          'x-ui': { widget: 'textarea' },
        },
        technicalStaff: {
          type: 'array',
          title: 'Đội ngũ quản lý, điều hành và kỹ thuật',
          minItems: 2,
          items: {
            type: 'object',
            required: ['fullName', 'role', 'degree', 'major'],
            properties: {
              fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
              role: {
                type: 'string',
                title: 'Vị trí',
                oneOf: [
                  { const: 'technical', title: 'Cán bộ kỹ thuật' },
                  { const: 'management', title: 'Cán bộ quản lý, điều hành' },
                ],
              },
              degree: {
                type: 'string',
                title: 'Trình độ',
                oneOf: [
                  { const: 'bachelor', title: 'Đại học' },
                  { const: 'master', title: 'Thạc sĩ' },
                  { const: 'doctor', title: 'Tiến sĩ' },
                ],
              },
              major: { type: 'string', title: 'Ngành đào tạo', maxLength: 200 },
              securityCertificate: {
                type: 'string',
                title: 'Chứng chỉ đào tạo về an toàn thông tin (nếu có)',
                maxLength: 200,
              },
            },
          },
        },
        commitment: {
          type: 'boolean',
          const: true,
          title:
            'Doanh nghiệp cam kết chịu trách nhiệm về tính chính xác của hồ sơ và chấp hành quy định về mật mã dân sự',
        },
      },
      'x-ui': {
        order: ['enterprise', 'legalRepresentative', 'items', 'businessScope', 'technicalStaff', 'commitment'],
      },
    },
    sourceNote:
      'NATIONAL CODE NOT FOUND: 0.000001 is a placeholder, not a real TTHC code. No public source available here (national DB crawls, ministry portals, open-source code) gave the code of this procedure; look it up on dichvucong.gov.vn (Ban Cơ yếu Chính phủ) before production. Content: Luật An toàn thông tin mạng 2015 Art 31-32 (conditions, dossier, 30-day limit); Decree 211/2025/NĐ-CP (25/7/2025, in force 09/9/2025) as summarised by baolamdong.vn (2025-08) — the decree text itself was not read, so form numbers and any changed time limit are unconfirmed; dossier practice from the open-source licensing tool vnkmasc/KmaERM (Học viện Kỹ thuật mật mã); channels and the one-stop address from nacis.gov.vn (page of the related "Gia hạn" procedure, 2020). Online mode "full" follows the brief and nacis.gov.vn (online filing on the Cục portal); not checked on DVCQG. FEE NOT CONFIRMED: a phí thẩm định is due under TT 249/2016/TT-BTC but the amounts (which depend on the product/service group) could not be read, so `fees` is empty; do not present this procedure as free. Agency: Ban Cơ yếu Chính phủ (under Bộ Quốc phòng) is not in the directory seed, so G11 Bộ Quốc phòng is used. Not checked: whether the 2025 consolidated cyber-security law changes the legal basis from 01/07/2026.',
  },

  // ─────────────── 2. Driving licence exchange (Bộ Công an since 01/03/2025) ───────────────
  {
    code: '3.000347',
    codeVerified: false,
    name: 'Đổi giấy phép lái xe',
    nameEn: 'Exchange of a driving licence',
    field: 'Sát hạch, cấp giấy phép lái xe',
    level: 'province',
    implementingAgencies: ['G01'],
    steps: [
      'Người đề nghị đăng nhập Cổng Dịch vụ công quốc gia / Cổng dịch vụ công cấp, đổi GPLX của Cục Cảnh sát giao thông bằng tài khoản định danh điện tử mức 2 (VNeID), kê khai đơn đề nghị, đính kèm hoặc liên thông giấy khám sức khỏe của người lái xe, nộp lệ phí trực tuyến; hoặc nộp trực tiếp tại Phòng Cảnh sát giao thông Công an cấp tỉnh / điểm tiếp nhận được bố trí tại Công an cấp xã.',
      'Cơ quan tiếp nhận tra cứu thông tin GPLX trong hệ thống quản lý GPLX và tình trạng xử lý vi phạm giao thông; đối chiếu dữ liệu căn cước trong Cơ sở dữ liệu quốc gia về dân cư.',
      'Hồ sơ chưa đầy đủ: thông báo để người đề nghị bổ sung (trong 02 ngày làm việc theo thông tin công bố).',
      'Hồ sơ hợp lệ: cấp GPLX mới trong thời hạn 05 ngày làm việc.',
      'Trả GPLX tại nơi tiếp nhận hoặc qua bưu chính công ích; GPLX cũng được tích hợp trên VNeID.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'don_de_nghi',
        name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template:
          'Mẫu đơn ban hành kèm Thông tư về sát hạch, cấp GPLX của Bộ Công an (12/2025/TT-BCA, nay 108/2026/TT-BCA)',
        required: true,
      },
      {
        id: 'giay_kham_suc_khoe',
        name: 'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp, còn hiệu lực',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
        note: 'Không phải nộp nếu dữ liệu khám sức khỏe đã được cơ sở y tế liên thông điện tử; không yêu cầu với GPLX không thời hạn (hạng A1, A, B1).',
      },
      {
        id: 'gplx_cu',
        name: 'Giấy phép lái xe đang sử dụng (xuất trình bản chính khi nộp trực tiếp)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
        note: 'Khi nộp trực tuyến hệ thống tự tra cứu theo số GPLX.',
      },
      {
        id: 'anh_chan_dung',
        name: 'Ảnh chân dung (nền trắng) nếu hệ thống không khai thác được ảnh từ Cơ sở dữ liệu căn cước',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 5,
    processingNote:
      '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. GPLX quá hạn: theo Thông tư 108/2026/TT-BCA (hiệu lực 01/7/2026) quá hạn dưới 30 ngày được đổi/cấp lại không sát hạch; từ 30 ngày đến dưới 01 năm phải sát hạch lại lý thuyết; từ 01 năm trở lên sát hạch lại lý thuyết và thực hành (nguồn thứ cấp).',
    fees: [
      {
        label: 'Lệ phí cấp giấy phép lái xe',
        amount: 135000,
        note: 'Thông tư 37/2023/TT-BTC. Nộp trực tuyến: nguồn thứ cấp ghi mức phổ biến 115.000 đồng; lấy theo số trên biên lai điện tử.',
      },
    ],
    feeCollection: 'before',
    resultType: 'Giấy phép lái xe (bản giấy/PET và dữ liệu GPLX trên VNeID)',
    legalBasis: [
      'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15',
      'Thông tư số 12/2025/TT-BCA ngày 28/02/2025 của Bộ trưởng Bộ Công an quy định về sát hạch, cấp giấy phép lái xe (hiệu lực 01/3/2025)',
      'Thông tư số 108/2026/TT-BCA của Bộ trưởng Bộ Công an (hiệu lực 01/7/2026; thay thế Thông tư 12/2025/TT-BCA — theo nguồn thứ cấp, chưa đọc văn bản)',
      'Thông tư số 37/2023/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí sát hạch lái xe; lệ phí cấp bằng, chứng chỉ hoạt động vận tải và lệ phí đăng ký, cấp biển xe máy chuyên dùng',
    ],
    conditions:
      'Người có GPLX do cơ quan có thẩm quyền của Việt Nam cấp (kể cả GPLX do ngành Giao thông vận tải cấp trước 01/3/2025) bị hỏng, hết thời hạn sử dụng hoặc có thông tin sai lệch so với thẻ căn cước. GPLX phải có trong hệ thống thông tin quản lý GPLX / sổ quản lý; người đề nghị phải chấp hành xong quyết định xử phạt vi phạm hành chính về trật tự, an toàn giao thông đường bộ (nếu có).',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Đơn đề nghị đổi giấy phép lái xe',
      type: 'object',
      required: [
        'fullName',
        'dateOfBirth',
        'idNumber',
        'residence',
        'licenseNumber',
        'licenseClasses',
        'reason',
        'resultDelivery',
      ],
      properties: {
        fullName: {
          type: 'string',
          title: 'Họ, chữ đệm, tên',
          minLength: 2,
          maxLength: 100,
          'x-ui': { prefill: 'account.fullName' },
        },
        dateOfBirth: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-ui': { prefill: 'account.dateOfBirth' } },
        gender: genderField('Giới tính', 'account.gender'),
        nationality: nationalityField(),
        idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
        residence: addressBlock('Nơi cư trú', true, 'account.currentAddress'),
        phone: { type: 'string', title: 'Số điện thoại', pattern: PHONE_PATTERN, 'x-ui': { prefill: 'account.phone' } },
        email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-ui': { prefill: 'account.email' } },
        licenseNumber: {
          type: 'string',
          title: 'Số giấy phép lái xe',
          pattern: '^\\d{12}$',
          'x-ui': { placeholder: '12 chữ số in trên GPLX' },
        },
        licenseClasses: {
          type: 'array',
          title: 'Hạng GPLX',
          minItems: 1,
          uniqueItems: true,
          items: {
            type: 'string',
            oneOf: [
              { const: 'A1', title: 'A1' },
              { const: 'A', title: 'A' },
              { const: 'B1', title: 'B1' },
              { const: 'B', title: 'B' },
              { const: 'C1', title: 'C1' },
              { const: 'C', title: 'C' },
              { const: 'D1', title: 'D1' },
              { const: 'D2', title: 'D2' },
              { const: 'D', title: 'D' },
              { const: 'BE', title: 'BE' },
              { const: 'C1E', title: 'C1E' },
              { const: 'CE', title: 'CE' },
              { const: 'D1E', title: 'D1E' },
              { const: 'D2E', title: 'D2E' },
              { const: 'DE', title: 'DE' },
              { const: 'B2', title: 'B2 (hạng cũ)' },
              { const: 'E', title: 'E (hạng cũ)' },
              { const: 'FC', title: 'FC (hạng cũ)' },
            ],
          },
          'x-ui': { widget: 'checkboxes' },
        },
        issuedBy: { type: 'string', title: 'Cơ quan cấp GPLX', maxLength: 200 },
        issuedDate: { type: 'string', format: 'date', title: 'Ngày cấp' },
        expiryDate: { type: 'string', format: 'date', title: 'Có giá trị đến' },
        reason: {
          type: 'string',
          title: 'Lý do đổi',
          oneOf: [
            { const: 'expired', title: 'Hết thời hạn sử dụng' },
            { const: 'damaged', title: 'Bị hỏng' },
            { const: 'info_mismatch', title: 'Thông tin trên GPLX sai lệch so với thẻ căn cước' },
            { const: 'other', title: 'Lý do khác' },
          ],
        },
        reasonDetail: { type: 'string', title: 'Ghi rõ lý do khác', maxLength: 500, 'x-ui': { widget: 'textarea' } },
        healthCertificate: {
          type: 'object',
          title: 'Giấy khám sức khỏe của người lái xe',
          properties: {
            number: { type: 'string', title: 'Số giấy khám sức khỏe', maxLength: 50 },
            issuedDate: { type: 'string', format: 'date', title: 'Ngày khám' },
            facility: { type: 'string', title: 'Cơ sở khám sức khỏe', maxLength: 200 },
          },
        },
        resultDelivery: resultDeliveryField,
        deliveryAddress: addressBlock('Địa chỉ nhận kết quả qua bưu chính', false),
      },
      'x-ui': {
        order: [
          'fullName',
          'dateOfBirth',
          'gender',
          'nationality',
          'idNumber',
          'residence',
          'phone',
          'email',
          'licenseNumber',
          'licenseClasses',
          'issuedBy',
          'issuedDate',
          'expiryDate',
          'reason',
          'reasonDetail',
          'healthCertificate',
          'resultDelivery',
          'deliveryAddress',
        ],
      },
    },
    sourceNote:
      'Code 3.000347 is NOT confirmed from an official record: two independent open-source datasets give it for "Đổi giấy phép lái xe" (a code-migration script mapping the old transport-ministry entry to "3.000347 # Đổi GPLX", and a public-service seed with officialCode 3.000347, 5 working days). A third crawl of dichvucong.bocongan.gov.vn shows 3.000346 for "Cấp giấy phép lái xe" (matt=61616), consistent with 3.000347/3.000348 for đổi/cấp lại. The pre-2025 transport-sector code is superseded. Since 01/3/2025 driving licences are issued by the police (Bộ Công an; Cục CSGT runs the online service, Phòng CSGT of the provincial police processes and tests; intake also at commune police). Provincial police units are not in the directory seed, so G01 Bộ Công an is used. Dossier items and the 5-day limit come from secondary sources quoting the BCA/DVCQG pages; the form fields follow the usual đơn đề nghị đổi, cấp lại GPLX and were not checked against the 2026 circular. Licence classes per Luật TTATGTĐB 2024 plus old classes still in circulation. Sources conflict on the legal basis: the BCA procedure page (checked 2026-08-07 by a third party) still cited TT 12/2025/TT-BCA while provincial police cited TT 108/2026/TT-BCA (in force 01/7/2026). Fee 135,000 VND under TT 37/2023/TT-BTC from memory of the circular; the online 115,000 VND figure is secondary.',
  },

  // ─────────────── 3. Birth registration (commune) ───────────────
  {
    code: '1.001193',
    codeVerified: true,
    name: 'Thủ tục đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: 'Hộ tịch',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Nộp hồ sơ: trực tiếp tại Trung tâm Phục vụ hành chính công (bộ phận một cửa) có thẩm quyền, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia / ứng dụng VNeID bằng mẫu hộ tịch điện tử tương tác, đính kèm bản chụp hoặc bản sao điện tử giấy tờ; nộp phí cấp bản sao Giấy khai sinh nếu có yêu cầu.',
      'Cán bộ tiếp nhận kiểm tra hồ sơ: hồ sơ hợp lệ thì tiếp nhận (nhận sau 15 giờ thì hẹn trả trong ngày làm việc tiếp theo) và chuyển công chức tư pháp - hộ tịch; hồ sơ chưa hợp lệ thì hướng dẫn bổ sung một lần; không bổ sung được thì từ chối bằng văn bản.',
      'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, tra cứu Giấy chứng nhận kết hôn của cha mẹ và thông tin trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư.',
      'Nộp trực tuyến: công chức gửi biểu mẫu Giấy khai sinh điện tử để người yêu cầu kiểm tra, xác nhận (tối đa 01 ngày; không phản hồi thì coi như đồng ý).',
      'Ghi Sổ đăng ký khai sinh, cập nhật Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung, chuyển thông tin sang Cơ sở dữ liệu quốc gia về dân cư để lấy Số định danh cá nhân cho trẻ.',
      'In Giấy khai sinh (bản chính, bản sao, bản điện tử), trình Lãnh đạo Ủy ban nhân dân cấp xã ký và trả kết quả.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'to_khai',
        // Never asked twice (issue 14 item 9): the declaration's content is the form's fields (the
        // interactive electronic civil-status form); a signed paper or PDF copy may be added, not required.
        name: 'Tờ khai đăng ký khai sinh đã ký (nếu có; không bắt buộc: nội dung tờ khai là các mục đã khai ở các bước trên)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Tờ khai đăng ký khai sinh — Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP',
        required: false,
      },
      {
        id: 'giay_chung_sinh',
        name: 'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì giấy cam đoan về việc sinh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
        note: 'Không phải nộp bản giấy nếu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan đăng ký khai thác được dữ liệu điện tử có ký số của Giấy chứng sinh.',
      },
      {
        id: 'bien_ban_bo_roi',
        name: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập (trường hợp trẻ bị bỏ rơi)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'xac_nhan_mang_thai_ho',
        name: 'Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản (trường hợp sinh con theo mang thai hộ)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền được chứng thực (nếu ủy quyền); không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'giay_to_tuy_than',
        name: 'Xuất trình: giấy tờ tùy thân (hộ chiếu, thẻ căn cước, căn cước điện tử...) khi nộp trực tiếp; giấy tờ chứng minh nơi cư trú nếu không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Chỉ cần cung cấp số định danh cá nhân nếu thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu hộ tịch điện tử.',
      },
    ],
    processingDays: 1,
    processingNote:
      'Giải quyết ngay trong ngày tiếp nhận; nhận hồ sơ sau 15 giờ thì trả trong ngày làm việc tiếp theo. Trường hợp phải xác minh tình trạng hôn nhân của cha mẹ, Ủy ban nhân dân cấp xã được hỏi có 03 ngày làm việc để trả lời. Trẻ bị bỏ rơi: niêm yết 07 ngày liên tục trước khi đăng ký.',
    fees: [],
    feeCollection: 'free',
    resultType: 'Giấy khai sinh (bản chính, bản điện tử) và Số định danh cá nhân của trẻ',
    legalBasis: [
      'Luật Hộ tịch số 60/2014/QH13',
      'Nghị định số 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
      'Nghị định số 87/2020/NĐ-CP quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến',
      'Nghị định số 104/2022/NĐ-CP (bỏ yêu cầu nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy)',
      'Nghị định số 07/2025/NĐ-CP sửa đổi các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
      'Nghị định số 120/2025/NĐ-CP về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực của Bộ Tư pháp',
      'Nghị định số 18/2026/NĐ-CP cắt giảm, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của Bộ Tư pháp',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      'Thông tư số 04/2020/TT-BTP, sửa đổi bởi Thông tư số 04/2024/TT-BTP; Thông tư số 03/2023/TT-BTP; Thông tư số 01/2022/TT-BTP; Thông tư số 08/2025/TT-BTP',
      'Thông tư số 85/2019/TT-BTC, sửa đổi bởi Thông tư số 106/2021/TT-BTC (lệ phí do HĐND cấp tỉnh quyết định); Thông tư số 281/2016/TT-BTC (phí cấp bản sao trích lục hộ tịch)',
    ],
    conditions:
      'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; nếu cha, mẹ không thể đăng ký thì ông, bà, người thân thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ thực hiện. Thẩm quyền: Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ.',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai đăng ký khai sinh',
      type: 'object',
      required: ['declarant', 'declarantRelation', 'child', 'mother', 'resultDelivery'],
      properties: {
        declarant: requesterBlock('Người yêu cầu đăng ký khai sinh'),
        declarantRelation: {
          type: 'string',
          title: 'Quan hệ với người được khai sinh',
          oneOf: [
            { const: 'mother', title: 'Mẹ' },
            { const: 'father', title: 'Cha' },
            { const: 'grandparent', title: 'Ông/bà' },
            { const: 'relative', title: 'Người thân thích khác' },
            { const: 'caregiver', title: 'Cá nhân, tổ chức đang nuôi dưỡng trẻ' },
            { const: 'authorized', title: 'Người được ủy quyền' },
          ],
        },
        child: {
          type: 'object',
          title: 'Người được khai sinh',
          required: ['fullName', 'gender', 'dateOfBirth', 'placeOfBirth', 'ethnicity', 'nationality', 'hometown'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
            gender: genderField(),
            dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
            dateOfBirthInWords: { type: 'string', title: 'Ngày, tháng, năm sinh ghi bằng chữ', maxLength: 200 },
            placeOfBirth: placeText('Nơi sinh (tên cơ sở y tế hoặc địa chỉ nơi sinh)'),
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            hometown: placeText('Quê quán'),
          },
          'x-ui': {
            order: [
              'fullName',
              'gender',
              'dateOfBirth',
              'dateOfBirthInWords',
              'placeOfBirth',
              'ethnicity',
              'nationality',
              'hometown',
            ],
          },
        },
        mother: {
          type: 'object',
          title: 'Thông tin người mẹ',
          required: ['fullName', 'yearOfBirth', 'ethnicity', 'nationality', 'residence'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
            yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            residence: addressBlock('Nơi cư trú'),
            idNumber: idNumberField(),
          },
        },
        father: {
          type: 'object',
          title: 'Thông tin người cha (để trống nếu chưa xác định được cha)',
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
            yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            residence: addressBlock('Nơi cư trú', false),
            idNumber: idNumberField(),
          },
        },
        marriageCertificate: {
          type: 'object',
          title: 'Giấy chứng nhận kết hôn của cha mẹ (nếu có)',
          properties: {
            number: { type: 'string', title: 'Số', maxLength: 50 },
            issuedDate: { type: 'string', format: 'date', title: 'Ngày đăng ký' },
            registeredAt: { type: 'string', title: 'Nơi đăng ký', maxLength: 300 },
          },
        },
        ...copiesRequestFields,
        resultDelivery: resultDeliveryField,
      },
      'x-ui': {
        order: [
          'declarant',
          'declarantRelation',
          'child',
          'mother',
          'father',
          'marriageCertificate',
          'wantsCopies',
          'copyCount',
          'resultDelivery',
        ],
      },
    },
    sourceNote:
      'National TTHC DB record 1.001193 "Thủ tục đăng ký khai sinh" (Bộ Tư pháp; executing agency Ủy ban nhân dân cấp xã; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7, updated 2026-04-13), as crawled on 2026-07-18 in the open-source repo VoidKeishi/OpenGOV (data/procedures/1.001193.json). Steps, dossier, 1-working-day cases (1.001193.01/.02) and legal basis come from that record; the record lists fee 0 on every channel. Free when registered on time (Luật Hộ tịch Art 11); late registration may carry a fee set by the provincial HĐND, and copies of the Giấy khai sinh are charged under TT 281/2016/TT-BTC (8,000 VND per copy, from memory, not in the record). The record text does not name the tờ khai form number; the template reference is from TT 04/2020 and TT 04/2024. Online mode "full": the record offers online filing on DVCQG/VNeID with the electronic result; not stated explicitly as "toàn trình" in the crawl.',
  },

  // ─────────────── 4. Household business registration (commune, after 01/07/2025) ───────────────
  {
    code: '1.001612',
    codeVerified: false,
    name: 'Đăng ký thành lập hộ kinh doanh',
    nameEn: 'Registration of a household business',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Chủ hộ kinh doanh (hoặc người được ủy quyền) nộp hồ sơ đăng ký hộ kinh doanh tại cơ quan đăng ký kinh doanh cấp xã nơi đặt trụ sở hộ kinh doanh (phòng chuyên môn thuộc Ủy ban nhân dân cấp xã), trực tiếp, qua bưu chính hoặc qua mạng thông tin điện tử.',
      'Cơ quan đăng ký kinh doanh cấp xã trao Giấy tiếp nhận hồ sơ, kiểm tra tính hợp lệ; khai thác thông tin cá nhân của chủ hộ, thành viên hộ gia đình từ Cơ sở dữ liệu quốc gia về dân cư thay cho bản sao giấy tờ pháp lý.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký hộ kinh doanh trong 03 ngày làm việc. Hồ sơ chưa hợp lệ: thông báo bằng văn bản nội dung cần sửa đổi, bổ sung trong cùng thời hạn; từ chối thì nêu rõ lý do.',
      'Cơ quan đăng ký kinh doanh cấp xã gửi thông tin hộ kinh doanh cho cơ quan thuế; trả kết quả trực tiếp, qua bưu chính hoặc bản điện tử.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'giay_de_nghi',
        name: 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Mẫu Giấy đề nghị đăng ký hộ kinh doanh — Thông tư 68/2025/TT-BTC',
        required: true,
      },
      {
        id: 'giay_to_phap_ly_ca_nhan',
        name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh và thành viên hộ gia đình đăng ký hộ kinh doanh',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
        note: 'Không phải nộp nếu kê khai số định danh cá nhân và thông tin khai thác được từ Cơ sở dữ liệu quốc gia về dân cư.',
      },
      {
        id: 'bien_ban_hop',
        name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình cùng đăng ký)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (nếu có)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'uy_quyen_nop_ho_so',
        name: 'Văn bản ủy quyền cho cá nhân thực hiện thủ tục (nếu không phải chủ hộ trực tiếp nộp)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 3,
    processingNote: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
    fees: [
      {
        label: 'Lệ phí đăng ký hộ kinh doanh (mức điển hình)',
        amount: 100000,
        note: 'Mức thu do HĐND cấp tỉnh quyết định (Thông tư 85/2019/TT-BTC); 100.000 đồng là mức phổ biến, không phải mức của một tỉnh cụ thể đã được kiểm chứng. Nhiều tỉnh miễn hoặc giảm khi nộp trực tuyến. Cấu hình lại theo nghị quyết HĐND của từng tỉnh.',
      },
    ],
    feeCollection: 'before',
    resultType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    legalBasis: [
      'Luật Doanh nghiệp số 59/2020/QH14, sửa đổi bởi Luật số 76/2025/QH15',
      'Nghị định số 168/2025/NĐ-CP ngày 30/6/2025 của Chính phủ về đăng ký doanh nghiệp (gồm đăng ký hộ kinh doanh)',
      'Thông tư số 68/2025/TT-BTC ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh',
      'Thông tư số 85/2019/TT-BTC, sửa đổi bởi Thông tư số 106/2021/TT-BTC (lệ phí đăng ký hộ kinh doanh do HĐND cấp tỉnh quyết định)',
    ],
    conditions:
      'Chủ hộ là cá nhân hoặc thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ; mỗi cá nhân chỉ được đăng ký một hộ kinh doanh trên phạm vi toàn quốc và không đồng thời là chủ doanh nghiệp tư nhân, thành viên hợp danh (trừ khi được các thành viên khác đồng ý); ngành, nghề không bị cấm; tên hộ kinh doanh đúng quy định và không trùng trong phạm vi cấp xã; nộp đủ lệ phí.',
    subjects: ['citizen'],
    onlineMode: 'partial',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Giấy đề nghị đăng ký hộ kinh doanh',
      type: 'object',
      required: ['businessName', 'headOffice', 'businessLines', 'capital', 'owner', 'registrationType'],
      properties: {
        registrationType: {
          type: 'string',
          title: 'Hộ kinh doanh do',
          oneOf: [
            { const: 'individual', title: 'Một cá nhân thành lập' },
            { const: 'household', title: 'Các thành viên hộ gia đình thành lập' },
          ],
        },
        businessName: {
          type: 'string',
          title: 'Tên hộ kinh doanh (ghi bằng chữ in hoa)',
          minLength: 3,
          maxLength: 200,
          'x-ui': { uppercase: true, help: 'Gồm cụm từ "Hộ kinh doanh" và tên riêng.' },
        },
        headOffice: addressBlock('Địa chỉ trụ sở hộ kinh doanh'),
        headOfficePhone: { type: 'string', title: 'Điện thoại của hộ kinh doanh', pattern: PHONE_PATTERN },
        headOfficeEmail: { type: 'string', format: 'email', title: 'Thư điện tử của hộ kinh doanh' },
        businessLines: {
          type: 'array',
          title: 'Ngành, nghề kinh doanh',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              code: { type: 'string', title: 'Mã ngành (cấp 4, Hệ thống ngành kinh tế Việt Nam)', pattern: '^\\d{4}$' },
              name: { type: 'string', title: 'Tên ngành, nghề', maxLength: 300 },
              isMain: { type: 'boolean', title: 'Ngành chính', default: false },
            },
          },
        },
        capital: { type: 'integer', title: 'Vốn kinh doanh (đồng)', minimum: 0, 'x-ui': { money: true } },
        employees: { type: 'integer', title: 'Số lượng lao động (dự kiến)', minimum: 0 },
        owner: {
          type: 'object',
          title: 'Thông tin chủ hộ kinh doanh',
          required: ['fullName', 'dateOfBirth', 'gender', 'idNumber', 'residence'],
          properties: {
            fullName: {
              type: 'string',
              title: 'Họ, chữ đệm, tên',
              minLength: 2,
              maxLength: 100,
              'x-ui': { prefill: 'account.fullName' },
            },
            dateOfBirth: {
              type: 'string',
              format: 'date',
              title: 'Ngày sinh',
              'x-ui': { prefill: 'account.dateOfBirth' },
            },
            gender: genderField('Giới tính', 'account.gender'),
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
            residence: addressBlock('Địa chỉ thường trú', true, 'account.permanentAddress'),
            contactAddress: addressBlock('Địa chỉ liên lạc (nếu khác địa chỉ thường trú)', false),
            phone: {
              type: 'string',
              title: 'Điện thoại',
              pattern: PHONE_PATTERN,
              'x-ui': { prefill: 'account.phone' },
            },
            email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-ui': { prefill: 'account.email' } },
          },
        },
        householdMembers: {
          type: 'array',
          title: 'Thành viên hộ gia đình đăng ký hộ kinh doanh (nếu có)',
          items: {
            type: 'object',
            required: ['fullName', 'idNumber'],
            properties: {
              fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
              idNumber: idNumberField(),
              relation: { type: 'string', title: 'Quan hệ với chủ hộ', maxLength: 50 },
            },
          },
        },
        commitment: {
          type: 'boolean',
          const: true,
          title:
            'Tôi cam kết bản thân không đồng thời là chủ hộ kinh doanh khác, chủ doanh nghiệp tư nhân; hồ sơ trung thực, chính xác',
        },
      },
      'x-ui': {
        order: [
          'registrationType',
          'businessName',
          'headOffice',
          'headOfficePhone',
          'headOfficeEmail',
          'businessLines',
          'capital',
          'employees',
          'owner',
          'householdMembers',
          'commitment',
        ],
      },
    },
    sourceNote:
      'Code 1.001612 is NOT confirmed from an official record: it is given for "Đăng ký thành lập hộ kinh doanh" by two independent open-source datasets (a code-migration script "2.001682 → 1.001612 # Đăng ký thành lập hộ kinh doanh", and an MVP whose demo packs were built from a DVC data dump with codes 1.001193 / 1.004222 / 1.001612); a third survey lists it as "probably household-business registration, unverified". 2.000720 is the sibling "thay đổi nội dung đăng ký hộ kinh doanh". Content from Decree 168/2025/NĐ-CP (in force 01/7/2025), which moved household-business registration from district level to the commune-level business-registration office, and from the DNTN record in the national DB (same decree, TT 68/2025/TT-BTC forms, replacement of ID copies by national-population-DB data). The steps and dossier were written from the decree as remembered, not from the DVCQG record of 1.001612, which was not available. Fee: set by each province; 100,000 VND is a typical value, not verified for Hà Nội or Nghệ An. Online mode "partial" is a conservative guess (not confirmed).',
  },

  // ─────────────── 5. Construction permit for an individual house (commune) ───────────────
  {
    code: '1.013225',
    codeVerified: true,
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ',
    nameEn:
      'Construction permit for new class III/IV works and individual houses (this seed models the individual-house case)',
    field: 'Hoạt động xây dựng',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng tại Trung tâm Phục vụ hành chính công cấp xã (trực tiếp, qua bưu chính hoặc trực tuyến).',
      'Trong 07 ngày làm việc kể từ ngày tiếp nhận, cơ quan cấp phép thẩm định hồ sơ, kiểm tra thực địa; nếu hồ sơ thiếu hoặc không đúng quy định, không đúng thực tế thì thông báo một lần bằng văn bản để chủ đầu tư bổ sung, hoàn thiện.',
      'Cơ quan cấp phép kiểm tra điều kiện cấp giấy phép theo Điều 50 Nghị định 175/2024/NĐ-CP (sự phù hợp với quy hoạch, thiết kế đã thẩm định/thẩm duyệt phòng cháy chữa cháy nếu thuộc diện, báo cáo thẩm tra nếu có) và lấy ý kiến cơ quan quản lý nhà nước liên quan khi cần (các cơ quan trả lời trong 12 ngày).',
      'Hồ sơ bổ sung vẫn chưa đạt: trong 05 ngày làm việc hướng dẫn tiếp tục hoàn thiện; nếu vẫn không đáp ứng thì trong 03 ngày làm việc thông báo lý do không cấp phép.',
      'Trong 07 ngày làm việc (nhà ở riêng lẻ) kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền xem xét cấp giấy phép xây dựng và trả kết quả kèm hồ sơ thiết kế có đóng dấu.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'don_de_nghi',
        name: 'Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP',
        originals: 1,
        copies: 1,
        electronicAccepted: true,
        template: 'Mẫu số 1 Phụ lục II — Nghị định 175/2024/NĐ-CP ngày 30/12/2024',
        required: true,
      },
      {
        id: 'giay_to_dat_dai',
        name: 'Một trong những giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP (Giấy chứng nhận quyền sử dụng đất; Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất; giấy tờ theo Điều 137 Luật Đất đai 2024...)',
        originals: 1,
        copies: 1,
        electronicAccepted: true,
        required: true,
        note: 'Trường hợp Giấy chứng nhận đã có trong Cơ sở dữ liệu quốc gia về đất đai thì được thay thế bằng dữ liệu khi cơ sở dữ liệu được vận hành.',
      },
      {
        id: 'ban_ve_thiet_ke',
        name: '02 bộ bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất kèm sơ đồ vị trí; mặt bằng các tầng, các mặt đứng và mặt cắt chính; mặt bằng móng, mặt cắt móng kèm sơ đồ đấu nối hạ tầng kỹ thuật (cấp nước, thoát nước, cấp điện)',
        originals: 2,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'ket_qua_pccc',
        name: 'Kết quả thực hiện thủ tục hành chính về phòng cháy, chữa cháy (nếu nhà ở thuộc diện phải thẩm duyệt)',
        originals: 1,
        copies: 1,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'bao_cao_tham_tra',
        name: 'Báo cáo kết quả thẩm tra thiết kế xây dựng (trong trường hợp pháp luật về xây dựng có yêu cầu)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'cam_ket_lien_ke',
        name: 'Bản cam kết bảo đảm an toàn đối với công trình liền kề (đối với công trình có công trình liền kề)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 7,
    processingNote:
      'Bản ghi quốc gia (cập nhật 07/7/2026): 10 ngày làm việc đối với công trình, 07 ngày làm việc đối với nhà ở riêng lẻ, kể từ ngày nhận đủ hồ sơ hợp lệ (Nghị quyết 66.18/2026/NQ-CP). Trường "processing case" của cùng bản ghi vẫn ghi 20 ngày (mức trước khi cắt giảm) — nguồn tự mâu thuẫn.',
    fees: [
      {
        label: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ (mức điển hình)',
        amount: 75000,
        note: 'Bản ghi quốc gia: "Theo quy định của Hội đồng nhân dân cấp tỉnh". 75.000 đồng/giấy phép là mức phổ biến cho nhà ở riêng lẻ (nhớ từ quy định cũ), chưa kiểm chứng cho từng tỉnh.',
      },
    ],
    feeCollection: 'before',
    resultType:
      'Giấy phép xây dựng kèm theo hồ sơ thiết kế trình xin cấp giấy phép xây dựng có đóng dấu của cơ quan cấp giấy phép',
    legalBasis: [
      'Luật Xây dựng số 50/2014/QH13, sửa đổi bởi Luật số 62/2020/QH14',
      'Nghị định số 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
      'Nghị định số 140/2025/NĐ-CP về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực của Bộ Xây dựng',
      'Nghị định số 144/2025/NĐ-CP về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
      'Nghị định số 105/2025/NĐ-CP quy định chi tiết Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
      'Nghị định số 14/2026/NĐ-CP cắt giảm, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của Bộ Xây dựng',
      'Nghị quyết số 66.18/2026/NQ-CP ngày 18/5/2026 của Chính phủ về phân quyền, cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh',
    ],
    conditions:
      'Nhà ở riêng lẻ phải phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt và quy hoạch chi tiết/quy chế quản lý kiến trúc (nếu có); bảo đảm an toàn cho công trình, công trình lân cận và yêu cầu về bảo vệ môi trường, phòng cháy, chữa cháy; thiết kế xây dựng tuân thủ tiêu chuẩn, quy chuẩn kỹ thuật. Nhà ở riêng lẻ thuộc diện miễn giấy phép (ví dụ ở nông thôn không thuộc khu vực có quy hoạch đô thị, quy hoạch chi tiết) không phải làm thủ tục này.',
    subjects: ['citizen', 'business', 'organization'],
    onlineMode: 'partial',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)',
      type: 'object',
      required: ['investor', 'site', 'building', 'designer', 'expectedCompletionMonths', 'commitment'],
      properties: {
        investor: {
          type: 'object',
          title: 'Thông tin về chủ đầu tư',
          required: ['name', 'idNumber', 'address', 'phone'],
          properties: {
            name: {
              type: 'string',
              title: 'Tên chủ đầu tư (chủ hộ)',
              minLength: 2,
              maxLength: 200,
              'x-ui': { prefill: 'account.fullName' },
            },
            representative: { type: 'string', title: 'Người đại diện (nếu là tổ chức)', maxLength: 100 },
            position: { type: 'string', title: 'Chức vụ', maxLength: 100 },
            idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
            address: addressBlock('Địa chỉ liên hệ', true, 'account.currentAddress'),
            phone: {
              type: 'string',
              title: 'Số điện thoại',
              pattern: PHONE_PATTERN,
              'x-ui': { prefill: 'account.phone' },
            },
          },
        },
        site: {
          type: 'object',
          title: 'Thông tin địa điểm xây dựng',
          required: ['parcelNumber', 'mapSheetNumber', 'area', 'location'],
          properties: {
            parcelNumber: { type: 'string', title: 'Thửa đất số', maxLength: 20 },
            mapSheetNumber: { type: 'string', title: 'Tờ bản đồ số', maxLength: 20 },
            area: { type: 'number', title: 'Diện tích lô đất (m²)', exclusiveMinimum: 0 },
            location: addressBlock('Địa chỉ lô đất'),
          },
        },
        building: {
          type: 'object',
          title: 'Nội dung đề nghị cấp phép',
          required: ['groundFloorArea', 'totalFloorArea', 'height', 'floors'],
          properties: {
            constructionClass: {
              type: 'string',
              title: 'Cấp công trình',
              oneOf: [
                { const: 'III', title: 'Cấp III' },
                { const: 'IV', title: 'Cấp IV' },
              ],
            },
            groundFloorArea: {
              type: 'number',
              title: 'Diện tích xây dựng tầng 1 (tầng trệt) (m²)',
              exclusiveMinimum: 0,
            },
            totalFloorArea: {
              type: 'number',
              title: 'Tổng diện tích sàn (m²) (gồm cả tầng hầm, tầng lửng, tum)',
              exclusiveMinimum: 0,
            },
            height: { type: 'number', title: 'Chiều cao công trình (m)', exclusiveMinimum: 0 },
            floors: { type: 'integer', title: 'Số tầng (gồm cả tầng hầm, tầng lửng, tum)', minimum: 1, maximum: 20 },
            basements: { type: 'integer', title: 'Số tầng hầm', minimum: 0, maximum: 5, default: 0 },
          },
        },
        designer: {
          type: 'object',
          title: 'Đơn vị hoặc người chủ nhiệm thiết kế',
          required: ['name'],
          properties: {
            name: { type: 'string', title: 'Tên đơn vị / người chủ nhiệm thiết kế', maxLength: 200 },
            certificateNumber: {
              type: 'string',
              title: 'Mã số chứng chỉ năng lực / chứng chỉ hành nghề',
              maxLength: 50,
            },
            address: addressBlock('Địa chỉ', false),
            phone: { type: 'string', title: 'Điện thoại', pattern: PHONE_PATTERN },
          },
        },
        expectedCompletionMonths: {
          type: 'integer',
          title: 'Dự kiến thời gian hoàn thành công trình (tháng)',
          minimum: 1,
          maximum: 120,
        },
        commitment: {
          type: 'boolean',
          const: true,
          title:
            'Tôi cam kết làm theo đúng giấy phép được cấp, nếu sai tôi xin chịu trách nhiệm và bị xử lý theo quy định của pháp luật',
        },
      },
      'x-ui': { order: ['investor', 'site', 'building', 'designer', 'expectedCompletionMonths', 'commitment'] },
    },
    sourceNote:
      'National TTHC DB record 1.013225 (Bộ Xây dựng; category G17-XD11 "Hoạt động xây dựng"; executing agency Ủy ban nhân dân cấp xã; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfe-9088-744d-aa0a-e846b6dce3d5, updated 2026-07-07), crawled 2026-07-18 in VoidKeishi/OpenGOV (data/procedures/1.013225.json). The record covers several kinds of works; this seed keeps only group "(1.7) Đối với công trình nhà ở riêng lẻ" (dossier items G17-KQ003215, G17-KQ005477/5478/5479, 000.00.00.G17-KQ002695, 000.00.00.G17-KQ002712). The record lists the đơn for nhà ở riêng lẻ under the label "Đơn đề nghị cấp giấy phép sửa chữa, cải tạo công trình theo Mẫu số 1" — an apparent copy error in the national record; the form is Mẫu số 1 Phụ lục II ND 175/2024. Processing time conflict noted in processingNote. Fee: the record says "theo quy định của HĐND cấp tỉnh"; 75,000 VND is a typical value, not verified. Since 01/7/2025 (Decree 140/2025) permits for houses are issued by the commune People\'s Committee (formerly district). Form fields follow Mẫu số 1 as remembered; not compared with the official template file.',
  },

  // ─────────────── 6. Judicial record certificate (Công an cấp tỉnh since 01/03/2025) ───────────────
  {
    code: '3.000333',
    codeVerified: true,
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    nameEn: 'Issuance of a judicial record certificate to Vietnamese citizens and foreigners residing in Vietnam',
    field: 'Lý lịch tư pháp',
    level: 'province',
    implementingAgencies: ['G01'],
    steps: [
      'Người yêu cầu nộp Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp và giấy tờ kèm theo tại Công an cấp tỉnh (Phòng Hồ sơ nghiệp vụ) nơi thường trú (không có nơi thường trú thì nơi tạm trú; người cư trú ở nước ngoài nộp tại nơi cư trú trước khi xuất cảnh), hoặc trực tuyến trên Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID; hoặc qua bưu chính.',
      'Cơ quan tiếp nhận kiểm tra hồ sơ, thu phí và cấp giấy hẹn; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.',
      'Tra cứu, xác minh thông tin lý lịch tư pháp trong Cơ sở dữ liệu lý lịch tư pháp và với các cơ quan liên quan (Tòa án, cơ quan thi hành án...).',
      'Lập và cấp Phiếu lý lịch tư pháp số 1 hoặc số 2 theo yêu cầu; trả kết quả trực tiếp, qua bưu chính hoặc bản điện tử trên VNeID.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'to_khai',
        name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2024/LLTP; ủy quyền dùng Mẫu số 04/2024/LLTP; trực tuyến dùng mẫu điện tử) — bản đã ký, nếu có: không bắt buộc, nội dung tờ khai là các mục đã khai ở các bước trên',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Mẫu số 03/2024/LLTP, 04/2024/LLTP — Thông tư 06/2024/TT-BTP',
        required: false,
      },
      {
        id: 'giay_to_tuy_than',
        name: 'Bản chụp giấy tờ tùy thân (thẻ căn cước/CCCD, hộ chiếu) còn giá trị',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
        note: 'Không phải nộp khi nộp trực tuyến bằng tài khoản định danh điện tử mức 2 hoặc khi thông tin khai thác được từ Cơ sở dữ liệu quốc gia về dân cư.',
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền (trường hợp ủy quyền yêu cầu Phiếu số 1); không cần nếu người được ủy quyền là cha, mẹ, vợ, chồng, con của người ủy quyền',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Phiếu lý lịch tư pháp số 2 không được ủy quyền.',
      },
      {
        id: 'giay_to_mien_giam',
        name: 'Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (sinh viên, người có công, hộ nghèo...)',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 10,
    processingNote:
      'Không quá 10 ngày kể từ ngày nhận yêu cầu hợp lệ; không quá 15 ngày với người nước ngoài, người đã cư trú ở nhiều nơi, trường hợp phải xác minh về điều kiện đương nhiên được xóa án tích (Luật Lý lịch tư pháp 2009, Điều 48). Luật ghi "ngày", không ghi "ngày làm việc".',
    fees: [
      {
        label: 'Phí cung cấp thông tin lý lịch tư pháp',
        amount: 200000,
        note: '100.000 đồng/lần đối với sinh viên, người có công với cách mạng, thân nhân liệt sĩ. Miễn cho trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn... Từ Phiếu thứ 3 trở đi trong một lần yêu cầu thu thêm 5.000 đồng/Phiếu. Mức theo Thông tư 244/2016/TT-BTC; Thông tư 16/2025/TT-BTC (hiện hành) chưa được đọc.',
      },
    ],
    feeCollection: 'before',
    resultType: 'Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy và/hoặc bản điện tử trên VNeID)',
    legalBasis: [
      'Luật Lý lịch tư pháp số 28/2009/QH12',
      'Nghị định số 111/2010/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp',
      'Thông tư số 06/2024/TT-BTP sửa đổi các Thông tư ban hành và hướng dẫn sử dụng biểu mẫu và mẫu sổ lý lịch tư pháp',
      'Thông tư số 16/2025/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý, sử dụng phí cung cấp thông tin lý lịch tư pháp (thay Thông tư 244/2016/TT-BTC)',
    ],
    conditions:
      'Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam. Phiếu số 2 chỉ cấp cho chính đương sự (không ủy quyền).',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
      type: 'object',
      required: [
        'fullName',
        'gender',
        'dateOfBirth',
        'placeOfBirth',
        'nationality',
        'ethnicity',
        'idNumber',
        'permanentResidence',
        'mother',
        'residenceHistory',
        'certificateType',
        'purpose',
        'copies',
        'resultDelivery',
      ],
      properties: {
        fullName: {
          type: 'string',
          title: 'Họ, chữ đệm, tên (chữ in hoa)',
          minLength: 2,
          maxLength: 100,
          'x-ui': { prefill: 'account.fullName', uppercase: true },
        },
        otherNames: { type: 'string', title: 'Tên gọi khác (nếu có)', maxLength: 100 },
        gender: genderField('Giới tính', 'account.gender'),
        dateOfBirth: {
          type: 'string',
          format: 'date',
          title: 'Ngày, tháng, năm sinh',
          'x-ui': { prefill: 'account.dateOfBirth' },
        },
        placeOfBirth: placeText('Nơi sinh'),
        nationality: nationalityField(),
        ethnicity: ethnicityField(),
        idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
        permanentResidence: addressBlock('Nơi thường trú', true, 'account.permanentAddress'),
        temporaryResidence: addressBlock('Nơi tạm trú (nếu có)', false),
        phone: { type: 'string', title: 'Số điện thoại', pattern: PHONE_PATTERN, 'x-ui': { prefill: 'account.phone' } },
        email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-ui': { prefill: 'account.email' } },
        father: {
          type: 'object',
          title: 'Cha',
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
            yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
          },
        },
        mother: {
          type: 'object',
          title: 'Mẹ',
          required: ['fullName'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
            yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
          },
        },
        spouse: {
          type: 'object',
          title: 'Vợ/chồng (nếu có)',
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
            yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
          },
        },
        residenceHistory: {
          type: 'array',
          title: 'Quá trình cư trú, nghề nghiệp, nơi làm việc (từ đủ 14 tuổi)',
          minItems: 1,
          items: {
            type: 'object',
            required: ['from', 'residence'],
            properties: {
              from: { type: 'string', format: 'date', title: 'Từ ngày' },
              to: { type: 'string', format: 'date', title: 'Đến ngày (để trống nếu đến nay)' },
              residence: placeText('Nơi cư trú'),
              occupation: { type: 'string', title: 'Nghề nghiệp, nơi làm việc', maxLength: 300 },
            },
          },
        },
        criminalRecordDeclaration: {
          type: 'string',
          title: 'Án tích (nếu có, ghi rõ bản án, tội danh, hình phạt)',
          maxLength: 2000,
          'x-ui': { widget: 'textarea' },
        },
        certificateType: {
          type: 'string',
          title: 'Loại Phiếu yêu cầu cấp',
          oneOf: [
            { const: '1', title: 'Phiếu lý lịch tư pháp số 1' },
            { const: '2', title: 'Phiếu lý lịch tư pháp số 2' },
          ],
        },
        includeBusinessBan: {
          type: 'boolean',
          title:
            'Yêu cầu xác nhận nội dung cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã (Phiếu số 1)',
          default: false,
        },
        purpose: { type: 'string', title: 'Mục đích sử dụng Phiếu', minLength: 2, maxLength: 300 },
        copies: { type: 'integer', title: 'Số lượng Phiếu yêu cầu cấp', minimum: 1, maximum: 10, default: 1 },
        feeCategory: {
          type: 'string',
          title: 'Đối tượng nộp phí',
          oneOf: [
            { const: 'standard', title: 'Thông thường' },
            { const: 'reduced', title: 'Sinh viên, người có công với cách mạng, thân nhân liệt sĩ (giảm phí)' },
            { const: 'exempt', title: 'Thuộc diện miễn phí' },
          ],
          default: 'standard',
        },
        resultDelivery: resultDeliveryField,
      },
      'x-ui': {
        order: [
          'fullName',
          'otherNames',
          'gender',
          'dateOfBirth',
          'placeOfBirth',
          'nationality',
          'ethnicity',
          'idNumber',
          'permanentResidence',
          'temporaryResidence',
          'phone',
          'email',
          'father',
          'mother',
          'spouse',
          'residenceHistory',
          'criminalRecordDeclaration',
          'certificateType',
          'includeBusinessBan',
          'purpose',
          'copies',
          'feeCategory',
          'resultDelivery',
        ],
      },
    },
    sourceNote:
      'CHANGE vs the brief: since 01/03/2025 judicial records are handled by the Ministry of Public Security, not the provincial Sở Tư pháp (handover reported by thanhnien.vn, vnexpress.net, dantri.com.vn 27/02/2025 and thtg.vn 03/2025). Code 3.000333 was read from the procedure page dichvucong.bocongan.gov.vn (matt=61555, "Cấp phiếu lý lịch tư pháp cho công dân (Công an tỉnh)", fee citing TT 16/2025/TT-BTC, 10-15 days) in a third-party feasibility survey dated 2026-09-25, and the same code and link appear in a separate project\'s source pack checked 2026-09-14; the old Sở Tư pháp code 2.000488 appears in older seeds and is superseded. The provincial police (Phòng Hồ sơ nghiệp vụ) are not in the directory seed, so G01 Bộ Công an is used. Dossier and form fields follow Luật LLTP 2009 and TT 06/2024/TT-BTP forms (as remembered); the BCA page text was not read directly, and a survey notes that its legal basis still cites only Luật 28/2009. Fee amounts (200,000 / 100,000, 5,000 per extra copy, exemptions) are from TT 244/2016/TT-BTC; TT 16/2025/TT-BTC replaced it and its amounts were not read. A reform of the Law on Judicial Records after 2025 was not checked.',
  },

  // ─────────────── 7. Marriage registration (commune) ───────────────
  {
    code: '1.000894',
    codeVerified: true,
    name: 'Thủ tục đăng ký kết hôn',
    nameEn: 'Marriage registration',
    field: 'Hộ tịch',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công có thẩm quyền, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia / VNeID bằng mẫu hộ tịch điện tử tương tác đăng ký kết hôn (đính kèm bản chụp giấy tờ); nộp phí bản sao Trích lục kết hôn nếu có yêu cầu.',
      'Cán bộ tiếp nhận kiểm tra hồ sơ: hợp lệ thì tiếp nhận, hẹn trả kết quả và chuyển công chức tư pháp - hộ tịch; chưa hợp lệ thì hướng dẫn bổ sung; không bổ sung được thì từ chối.',
      'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, tra cứu tình trạng hôn nhân của hai bên trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư; xét điều kiện kết hôn theo Luật Hôn nhân và gia đình.',
      'Nộp trực tuyến: gửi biểu mẫu Giấy chứng nhận kết hôn điện tử để người yêu cầu kiểm tra, xác nhận (tối đa 01 ngày).',
      'Ghi Sổ đăng ký kết hôn, cập nhật Phần mềm hộ tịch điện tử dùng chung; in Giấy chứng nhận kết hôn trình Lãnh đạo Ủy ban nhân dân cấp xã ký.',
      'Hai bên nam, nữ cùng có mặt, xuất trình giấy tờ tùy thân, kiểm tra thông tin, khẳng định sự tự nguyện kết hôn, ký Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn; mỗi bên nhận 01 bản chính.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'to_khai',
        name: 'Tờ khai đăng ký kết hôn (theo mẫu; nộp trực tuyến thì điền mẫu hộ tịch điện tử tương tác) — bản đã ký, nếu có: không bắt buộc, nội dung tờ khai là các mục đã khai ở các bước trên',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Tờ khai đăng ký kết hôn — Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP',
        required: false,
      },
      {
        id: 'xac_nhan_tthn',
        name: 'Giấy xác nhận tình trạng hôn nhân (chỉ khi đăng ký tại nơi không phải nơi cư trú và cơ quan đăng ký không tra cứu được tình trạng hôn nhân trong cơ sở dữ liệu)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'giay_to_tuy_than',
        name: 'Xuất trình: giấy tờ tùy thân của hai bên (hộ chiếu, thẻ căn cước, căn cước điện tử...); chỉ cần số định danh cá nhân nếu tra cứu được',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
      },
      {
        id: 'giay_to_cu_tru',
        name: 'Xuất trình: giấy tờ chứng minh nơi cư trú nếu không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'ban_sao_chung_thuc',
        name: 'Bản sao có chứng thực các giấy tờ phải xuất trình (chỉ khi gửi hồ sơ qua bưu chính)',
        originals: 0,
        copies: 1,
        electronicAccepted: false,
        required: false,
      },
    ],
    processingDays: 1,
    processingNote:
      'Ngay sau khi nhận đủ giấy tờ hợp lệ (bản ghi quốc gia: trường hợp .01 = 01 ngày, .02 = 01 ngày làm việc); trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc (Luật Hộ tịch, Điều 18).',
    fees: [],
    feeCollection: 'free',
    resultType: 'Giấy chứng nhận kết hôn (mỗi bên 01 bản chính)',
    legalBasis: [
      'Luật Hộ tịch số 60/2014/QH13',
      'Luật Hôn nhân và gia đình số 52/2014/QH13',
      'Nghị định số 123/2015/NĐ-CP; Nghị định số 87/2020/NĐ-CP; Nghị định số 104/2022/NĐ-CP; Nghị định số 07/2025/NĐ-CP; Nghị định số 120/2025/NĐ-CP; Nghị định số 18/2026/NĐ-CP',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      'Thông tư số 04/2020/TT-BTP, sửa đổi bởi Thông tư số 04/2024/TT-BTP; Thông tư số 03/2023/TT-BTP; Thông tư số 01/2022/TT-BTP; Thông tư số 08/2025/TT-BTP',
      'Thông tư số 85/2019/TT-BTC, sửa đổi bởi Thông tư số 106/2021/TT-BTC; Thông tư số 281/2016/TT-BTC (phí cấp bản sao Trích lục kết hôn)',
    ],
    conditions:
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn (kết hôn giả tạo, tảo hôn, đang có vợ/có chồng, cùng dòng máu trực hệ hoặc có họ trong phạm vi ba đời...). Hai người cùng giới tính không được đăng ký kết hôn. Thẩm quyền: Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên.',
    subjects: ['citizen'],
    onlineMode: 'partial',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai đăng ký kết hôn',
      type: 'object',
      required: ['bride', 'groom', 'commitment', 'resultDelivery'],
      properties: {
        bride: {
          type: 'object',
          title: 'Thông tin bên nữ',
          required: ['fullName', 'dateOfBirth', 'ethnicity', 'nationality', 'residence', 'idNumber', 'marriageCount'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
            dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            residence: addressBlock('Nơi cư trú'),
            idNumber: idNumberField(),
            marriageCount: { type: 'integer', title: 'Kết hôn lần thứ mấy', minimum: 1, maximum: 10, default: 1 },
          },
        },
        groom: {
          type: 'object',
          title: 'Thông tin bên nam',
          required: ['fullName', 'dateOfBirth', 'ethnicity', 'nationality', 'residence', 'idNumber', 'marriageCount'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
            dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            residence: addressBlock('Nơi cư trú'),
            idNumber: idNumberField(),
            marriageCount: { type: 'integer', title: 'Kết hôn lần thứ mấy', minimum: 1, maximum: 10, default: 1 },
          },
        },
        submitter: {
          type: 'string',
          title: 'Người nộp hồ sơ',
          oneOf: [
            { const: 'bride', title: 'Bên nữ' },
            { const: 'groom', title: 'Bên nam' },
          ],
          'x-ui': { help: 'Thông tin của người nộp trực tuyến được điền sẵn từ tài khoản.' },
        },
        ...copiesRequestFields,
        commitment: {
          type: 'boolean',
          const: true,
          title:
            'Chúng tôi cam đoan những lời khai trên là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình',
        },
        resultDelivery: {
          type: 'string',
          title: 'Nơi nhận Giấy chứng nhận kết hôn',
          oneOf: [{ const: 'counter', title: 'Hai bên cùng có mặt tại cơ quan đăng ký để ký và nhận' }],
          default: 'counter',
        },
      },
      'x-ui': { order: ['bride', 'groom', 'submitter', 'wantsCopies', 'copyCount', 'commitment', 'resultDelivery'] },
    },
    sourceNote:
      'National TTHC DB record 1.000894 "Thủ tục đăng ký kết hôn" (Bộ Tư pháp, category G15-TP07 Hộ tịch; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe), crawled 2026-07-18 in VoidKeishi/OpenGOV (data/procedures/1.000894.json). Fee text in the record: "Miễn lệ phí. Phí cấp bản sao Trích lục kết hôn (nếu có yêu cầu) theo TT 281/2016/TT-BTC". Online mode "partial" because both parties must appear in person to sign (stated in the record\'s steps). The 5-working-day verification limit and the marriage conditions are from Luật Hộ tịch Art 18 and Luật HN&GĐ Art 8, not from the record. The record\'s executing agency field was empty; commune level inferred from the steps ("Lãnh đạo Ủy ban nhân dân cấp xã ký"). The part of the record listing documents to submit was not fully read; the tờ khai and the marital-status certificate item come from Luật Hộ tịch Art 18 / Decree 123/2015 Art 10 as amended.',
  },

  // ─────────────── 8. Death registration (commune) ───────────────
  {
    code: '1.000656',
    codeVerified: true,
    name: 'Thủ tục đăng ký khai tử',
    nameEn: 'Death registration',
    field: 'Hộ tịch',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công có thẩm quyền hoặc trực tuyến trên Cổng Dịch vụ công quốc gia / VNeID bằng mẫu hộ tịch điện tử tương tác đăng ký khai tử; nộp lệ phí nếu đăng ký quá hạn, phí bản sao Trích lục khai tử nếu có yêu cầu.',
      'Cán bộ tiếp nhận kiểm tra hồ sơ: hợp lệ thì tiếp nhận (sau 15 giờ thì trả trong ngày làm việc tiếp theo); chưa hợp lệ thì hướng dẫn bổ sung; không bổ sung được thì từ chối.',
      'Công chức tư pháp - hộ tịch thẩm tra hồ sơ; nộp trực tuyến thì gửi biểu mẫu Trích lục khai tử điện tử để người yêu cầu xác nhận (tối đa 01 ngày).',
      'Ghi Sổ đăng ký khai tử, cập nhật Phần mềm hộ tịch điện tử dùng chung (thông tin được chuyển sang Cơ sở dữ liệu quốc gia về dân cư).',
      'In Trích lục khai tử, trình Lãnh đạo Ủy ban nhân dân cấp xã ký và trả kết quả.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'to_khai',
        name: 'Tờ khai đăng ký khai tử (theo mẫu; nộp trực tuyến thì điền mẫu hộ tịch điện tử tương tác) — bản đã ký, nếu có: không bắt buộc, nội dung tờ khai là các mục đã khai ở các bước trên',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Tờ khai đăng ký khai tử — Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP',
        required: false,
      },
      {
        id: 'giay_bao_tu',
        name: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: true,
        note: 'Không phải nộp bản giấy nếu đã nộp bản điện tử Giấy báo tử hoặc cơ quan đăng ký khai thác được dữ liệu điện tử có ký số.',
      },
      {
        id: 'chung_cu_su_kien_chet',
        name: 'Giấy tờ, tài liệu, chứng cứ chứng minh sự kiện chết (trường hợp người chết đã lâu, không có Giấy báo tử hoặc giấy tờ thay thế)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền được chứng thực (nếu ủy quyền); không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'giay_to_noi_chet',
        name: 'Xuất trình: giấy tờ chứng minh nơi cư trú cuối cùng của người chết (nếu không khai thác được) hoặc nơi người đó chết / nơi phát hiện thi thể',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'giay_to_tuy_than',
        name: 'Xuất trình: giấy tờ tùy thân của người đi đăng ký khi nộp trực tiếp',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 1,
    processingNote:
      'Giải quyết ngay trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo. Bản ghi quốc gia ghi 3 trường hợp: 1 ngày, 2 ngày và 5 ngày làm việc (trường hợp cần xác minh).',
    fees: [],
    feeCollection: 'free',
    resultType: 'Trích lục khai tử',
    legalBasis: [
      'Luật Hộ tịch số 60/2014/QH13',
      'Nghị định số 123/2015/NĐ-CP; Nghị định số 87/2020/NĐ-CP; Nghị định số 104/2022/NĐ-CP; Nghị định số 07/2025/NĐ-CP; Nghị định số 120/2025/NĐ-CP; Nghị định số 18/2026/NĐ-CP',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      'Thông tư số 04/2020/TT-BTP, sửa đổi bởi Thông tư số 04/2024/TT-BTP; Thông tư số 03/2023/TT-BTP; Thông tư số 01/2022/TT-BTP; Thông tư số 08/2025/TT-BTP',
      'Thông tư số 85/2019/TT-BTC, sửa đổi bởi Thông tư số 106/2021/TT-BTC; Thông tư số 281/2016/TT-BTC',
    ],
    conditions:
      'Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ, người thân thích khác của người chết có trách nhiệm đăng ký khai tử. Thẩm quyền: Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết; nếu không xác định được thì nơi người đó chết hoặc nơi phát hiện thi thể.',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai đăng ký khai tử',
      type: 'object',
      required: ['declarant', 'declarantRelation', 'deceased', 'death', 'deathNotice', 'resultDelivery'],
      properties: {
        declarant: requesterBlock('Người yêu cầu đăng ký khai tử'),
        declarantRelation: { type: 'string', title: 'Quan hệ với người đã chết', minLength: 2, maxLength: 50 },
        deceased: {
          type: 'object',
          title: 'Thông tin người đã chết',
          required: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'lastResidence'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
            dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
            gender: genderField(),
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            idNumber: idNumberField(),
            lastResidence: addressBlock('Nơi cư trú cuối cùng'),
          },
        },
        death: {
          type: 'object',
          title: 'Thông tin về việc chết',
          required: ['date', 'place', 'cause'],
          properties: {
            time: { type: 'string', title: 'Giờ, phút chết', pattern: TIME_PATTERN, 'x-ui': { placeholder: 'hh:mm' } },
            date: { type: 'string', format: 'date', title: 'Ngày, tháng, năm chết' },
            place: placeText('Nơi chết'),
            cause: { type: 'string', title: 'Nguyên nhân chết', maxLength: 300 },
          },
        },
        deathNotice: {
          type: 'object',
          title: 'Giấy báo tử / giấy tờ thay Giấy báo tử',
          required: ['number', 'issuedBy'],
          properties: {
            number: { type: 'string', title: 'Số', maxLength: 50 },
            issuedDate: { type: 'string', format: 'date', title: 'Ngày cấp' },
            issuedBy: { type: 'string', title: 'Cơ quan cấp', maxLength: 300 },
          },
        },
        ...copiesRequestFields,
        resultDelivery: resultDeliveryField,
      },
      'x-ui': {
        order: [
          'declarant',
          'declarantRelation',
          'deceased',
          'death',
          'deathNotice',
          'wantsCopies',
          'copyCount',
          'resultDelivery',
        ],
      },
    },
    sourceNote:
      'National TTHC DB record 1.000656 "Thủ tục đăng ký khai tử" (Bộ Tư pháp, category G15-TP07; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-9c6c958f2da4), crawled 2026-07-18 in VoidKeishi/OpenGOV (data/procedures/1.000656.json). Fee text in the record: amount set by the provincial HĐND; exempt when registered on time and for families of people with meritorious service, poor households and people with disabilities; copies under TT 281/2016. `fees` is empty because on-time registration is free; a late-registration fee must be configured per province. The record gives three processing cases (1 day, 2 days, 5 working days) without naming them; 1 is used with the explanation in processingNote. The 15-day duty and competent agency are from Luật Hộ tịch Art 32-33. Online mode "full" (online filing with electronic extract per the record); not stated explicitly as "toàn trình" in the crawl.',
  },

  // ─────────────── 9. Permanent residence registration (commune police) ───────────────
  {
    code: '1.004222',
    codeVerified: true,
    name: 'Đăng ký thường trú',
    nameEn: 'Permanent residence registration',
    field: 'Đăng ký, quản lý cư trú',
    level: 'commune',
    implementingAgencies: ['G01'],
    steps: [
      'Bước 1: Công dân chuẩn bị hồ sơ theo quy định.',
      'Bước 2: Nộp hồ sơ đến Công an cấp xã nơi đăng ký thường trú (trực tiếp) hoặc trực tuyến qua Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID.',
      'Bước 3: Cán bộ đăng ký kiểm tra hồ sơ, đối chiếu thông tin đã khai với Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú và cơ sở dữ liệu liên quan. Đủ điều kiện theo Điều 20 Luật Cư trú thì cấp Phiếu tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu CT04); không đủ điều kiện thì cấp Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu CT06).',
      'Bước 4: Công dân nộp lệ phí đăng ký thường trú.',
      'Bước 5: Nhận thông báo kết quả giải quyết thủ tục về cư trú theo ngày hẹn; thông tin được cập nhật vào Cơ sở dữ liệu về cư trú và Cơ sở dữ liệu quốc gia về dân cư.',
    ],
    channels: ['online', 'counter'],
    requiredDocuments: [
      {
        id: 'to_khai_ct01',
        name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm Thông tư 53/2025/TT-BCA); người chưa thành niên phải có ý kiến đồng ý của cha, mẹ hoặc người giám hộ (trừ khi đã có văn bản đồng ý)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Mẫu CT01 — Thông tư 53/2025/TT-BCA',
        required: true,
      },
      {
        id: 'cho_o_hop_phap',
        name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (chỉ khi không khai thác được thông tin trong Cơ sở dữ liệu quốc gia về dân cư, về đất đai, căn cước điện tử...)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Trường hợp chỗ ở thuộc quyền sở hữu của mình.',
      },
      {
        id: 'hop_dong_thue_muon',
        name: 'Hợp đồng, văn bản cho thuê, cho mượn, cho ở nhờ được công chứng hoặc chứng thực; kèm thông tin chứng minh đủ diện tích nhà ở tối thiểu theo quy định của HĐND cấp tỉnh',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Trường hợp đăng ký vào chỗ ở do thuê, mượn, ở nhờ.',
      },
      {
        id: 'quan_he_nhan_than',
        name: 'Giấy tờ chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình (chỉ khi không khai thác được từ Cơ sở dữ liệu hộ tịch điện tử, dân cư)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Trường hợp đăng ký vào chỗ ở của người khác theo khoản 2 Điều 20 Luật Cư trú; cần sự đồng ý của chủ hộ, chủ sở hữu.',
      },
      {
        id: 'truong_hop_dac_biet',
        name: 'Giấy tờ theo trường hợp đặc biệt: cơ sở tín ngưỡng, tôn giáo; cơ sở trợ giúp xã hội; phương tiện lưu động để ở; đơn vị đóng quân trong Quân đội, Công an',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 7,
    processingNote: '07 ngày làm việc kể từ ngày nhận đủ hồ sơ và hợp lệ.',
    fees: [
      {
        label: 'Lệ phí đăng ký thường trú',
        amount: 20000,
        note: 'Nộp trực tiếp 20.000 đồng/lần; nộp qua cổng dịch vụ công trực tuyến 10.000 đồng/lần. Miễn cho các đối tượng tại Điều 4 Thông tư 75/2022/TT-BTC (sửa đổi bởi Thông tư 71/2025/TT-BTC).',
      },
    ],
    feeCollection: 'before',
    resultType:
      'Thông báo kết quả giải quyết thủ tục về cư trú; cập nhật thông tin trong Cơ sở dữ liệu về cư trú và Cơ sở dữ liệu quốc gia về dân cư',
    legalBasis: [
      'Luật Cư trú số 68/2020/QH14',
      'Nghị định số 154/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú',
      'Nghị định số 58/2026/NĐ-CP sửa đổi, bổ sung các Nghị định liên quan (trong đó có Nghị định quy định chi tiết Luật Cư trú, Luật Căn cước)',
      'Thông tư số 55/2021/TT-BCA, 56/2021/TT-BCA, 57/2021/TT-BCA, sửa đổi bởi Thông tư số 66/2023/TT-BCA và Thông tư số 53/2025/TT-BCA',
      'Thông tư số 54/2025/TT-BCA quy định về quy trình đăng ký cư trú',
      'Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú, sửa đổi bởi Thông tư số 71/2025/TT-BTC',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
    ],
    conditions:
      'Người thực hiện thủ tục đã được thu thập, cập nhật thông tin vào Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú; có chỗ ở hợp pháp và đáp ứng điều kiện theo Điều 20 Luật Cư trú.',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai thay đổi thông tin cư trú (CT01) — Đăng ký thường trú',
      type: 'object',
      required: [
        'receivingAgency',
        'fullName',
        'dateOfBirth',
        'gender',
        'idNumber',
        'newAddress',
        'case',
        'householdHead',
      ],
      properties: {
        receivingAgency: { type: 'string', title: 'Kính gửi (Công an cấp xã nơi đăng ký)', maxLength: 200 },
        fullName: {
          type: 'string',
          title: 'Họ, chữ đệm và tên',
          minLength: 2,
          maxLength: 100,
          'x-ui': { prefill: 'account.fullName' },
        },
        dateOfBirth: {
          type: 'string',
          format: 'date',
          title: 'Ngày, tháng, năm sinh',
          'x-ui': { prefill: 'account.dateOfBirth' },
        },
        gender: genderField('Giới tính', 'account.gender'),
        idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
        phone: {
          type: 'string',
          title: 'Số điện thoại liên hệ',
          pattern: PHONE_PATTERN,
          'x-ui': { prefill: 'account.phone' },
        },
        email: { type: 'string', format: 'email', title: 'Email', 'x-ui': { prefill: 'account.email' } },
        newAddress: addressBlock('Địa chỉ đăng ký thường trú'),
        case: {
          type: 'string',
          title: 'Trường hợp đăng ký',
          oneOf: [
            { const: 'owned', title: 'Chỗ ở hợp pháp thuộc quyền sở hữu của mình' },
            {
              const: 'relative',
              title: 'Về ở với người thân (vợ/chồng, cha/mẹ, con...) theo khoản 2 Điều 20 Luật Cư trú',
            },
            { const: 'rented', title: 'Chỗ ở hợp pháp do thuê, mượn, ở nhờ' },
            { const: 'religious', title: 'Cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở' },
            { const: 'social_care', title: 'Cơ sở trợ giúp xã hội / hộ gia đình nhận chăm sóc, nuôi dưỡng' },
            { const: 'vehicle', title: 'Phương tiện lưu động dùng để ở' },
            { const: 'military_unit', title: 'Đơn vị đóng quân trong Quân đội nhân dân, Công an nhân dân' },
          ],
        },
        householdHead: {
          type: 'object',
          title: 'Chủ hộ',
          required: ['fullName', 'relation'],
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm và tên chủ hộ', maxLength: 100 },
            idNumber: idNumberField('Số định danh cá nhân của chủ hộ'),
            relation: {
              type: 'string',
              title: 'Mối quan hệ với chủ hộ',
              maxLength: 50,
              'x-ui': { help: 'Ghi "Chủ hộ" nếu chính mình là chủ hộ.' },
            },
          },
        },
        ownerConsent: {
          type: 'boolean',
          title: 'Đã có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp (nếu đăng ký vào chỗ ở của người khác)',
        },
        requestContent: {
          type: 'string',
          title: 'Nội dung đề nghị',
          maxLength: 1000,
          default: 'Đăng ký thường trú',
          'x-ui': { widget: 'textarea' },
        },
        accompanyingMembers: {
          type: 'array',
          title: 'Những thành viên trong hộ gia đình cùng thay đổi',
          items: {
            type: 'object',
            required: ['fullName', 'idNumber', 'relation'],
            properties: {
              fullName: { type: 'string', title: 'Họ, chữ đệm và tên', maxLength: 100 },
              dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
              gender: genderField(),
              idNumber: idNumberField(),
              relation: { type: 'string', title: 'Mối quan hệ với chủ hộ', maxLength: 50 },
            },
          },
        },
      },
      'x-ui': {
        order: [
          'receivingAgency',
          'fullName',
          'dateOfBirth',
          'gender',
          'idNumber',
          'phone',
          'email',
          'newAddress',
          'case',
          'householdHead',
          'ownerConsent',
          'requestContent',
          'accompanyingMembers',
        ],
      },
    },
    sourceNote:
      'National TTHC DB record 1.004222 "Đăng ký thường trú" (Bộ Công an; executing agency "Công an cấp Xã"; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2), crawled 2026-07-18 in VoidKeishi/OpenGOV (data/procedures/1.004222.json); code and fees (20,000 direct / 10,000 online, 7 working days, form CT01) also confirmed by a separate crawl of dichvucong.bocongan.gov.vn (matt=26360, 2026-09-24). Postal channel: the record lists only online and direct. Commune police are not in the directory seed, so G01 Bộ Công an is used (level stays "commune"). Online mode "full" is my reading of the BCA portal practice (online filing and electronic notice of result); the crawled record did not state the level, and one third-party example record labels it "một phần" — unconfirmed. Case list and dossier summarised from the record\'s case groups; the CT01 fields are from the form as remembered, not checked against TT 53/2025/TT-BCA.',
  },

  // ─────────────── 10. Certification of copies from originals (commune) ───────────────
  {
    code: '2.000815',
    codeVerified: false,
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    nameEn: 'Certification of copies from originals of papers issued or certified by competent Vietnamese authorities',
    field: 'Chứng thực',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản và bản sao cần chứng thực tại bộ phận một cửa của Ủy ban nhân dân cấp xã (hoặc tổ chức hành nghề công chứng); nếu không có bản sao thì cơ quan chứng thực chụp từ bản chính. Có thể yêu cầu chứng thực bản sao điện tử từ bản chính qua Cổng Dịch vụ công (vẫn phải xuất trình bản chính).',
      'Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao; nếu nội dung bản sao đúng với bản chính và bản chính không thuộc trường hợp không được dùng làm cơ sở chứng thực thì thực hiện chứng thực.',
      'Ghi lời chứng, ký, ghi rõ họ tên, đóng dấu; đóng dấu giáp lai nếu bản sao có từ 02 trang trở lên; ghi vào sổ chứng thực.',
      'Thu phí và trả bản sao đã chứng thực (bản giấy hoặc bản điện tử có chữ ký số).',
    ],
    channels: ['counter', 'online'],
    requiredDocuments: [
      {
        id: 'ban_chinh',
        name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao (hoặc bản sao có chứng thực)',
        originals: 1,
        copies: 0,
        electronicAccepted: false,
        required: true,
        note: 'Phải xuất trình bản chính giấy; không chứng thực từ bản chính bị tẩy xóa, sửa chữa, hư hỏng, có nội dung trái pháp luật, đóng dấu mật... (Điều 22 Nghị định 23/2015/NĐ-CP).',
      },
      {
        id: 'ban_sao',
        name: 'Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản sao)',
        originals: 0,
        copies: 1,
        electronicAccepted: false,
        required: false,
      },
    ],
    processingDays: 1,
    processingNote:
      'Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; có thể kéo dài theo thỏa thuận bằng văn bản với người yêu cầu nếu cùng lúc yêu cầu số lượng lớn (Điều 21 Nghị định 23/2015/NĐ-CP).',
    fees: [
      {
        label: 'Phí chứng thực bản sao từ bản chính',
        amount: 2000,
        note: '2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản. Trang là căn cứ thu phí được tính theo trang của bản chính (Thông tư 226/2016/TT-BTC).',
      },
    ],
    feeCollection: 'after',
    resultType: 'Bản sao được chứng thực từ bản chính (bản giấy hoặc bản điện tử)',
    legalBasis: [
      'Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
      'Nghị định số 07/2025/NĐ-CP sửa đổi các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
      'Nghị định số 120/2025/NĐ-CP về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực của Bộ Tư pháp',
      'Thông tư số 01/2020/TT-BTP quy định chi tiết và hướng dẫn thi hành Nghị định 23/2015/NĐ-CP',
      'Thông tư số 226/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
    ],
    conditions:
      'Bản chính không thuộc các trường hợp không được chứng thực: bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; bị hư hỏng, cũ nát không xác định được nội dung; đóng dấu mật hoặc ghi rõ không được sao chụp; có nội dung trái pháp luật, đạo đức xã hội; giấy tờ do cá nhân tự lập không có xác nhận của cơ quan có thẩm quyền.',
    subjects: ['citizen', 'business', 'organization'],
    onlineMode: 'partial',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Yêu cầu chứng thực bản sao từ bản chính',
      type: 'object',
      required: ['requester', 'documents', 'outputType'],
      properties: {
        requester: requesterBlock('Người yêu cầu chứng thực'),
        documents: {
          type: 'array',
          title: 'Giấy tờ, văn bản cần chứng thực',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'pages', 'copies'],
            properties: {
              name: { type: 'string', title: 'Tên giấy tờ, văn bản', maxLength: 300 },
              number: { type: 'string', title: 'Số, ký hiệu', maxLength: 100 },
              issuedBy: { type: 'string', title: 'Cơ quan cấp', maxLength: 300 },
              issuedDate: { type: 'string', format: 'date', title: 'Ngày cấp' },
              pages: { type: 'integer', title: 'Số trang của bản chính', minimum: 1, maximum: 1000 },
              copies: { type: 'integer', title: 'Số bản sao cần chứng thực', minimum: 1, maximum: 100 },
            },
          },
        },
        outputType: {
          type: 'string',
          title: 'Hình thức bản sao',
          oneOf: [
            { const: 'paper', title: 'Bản sao giấy có chứng thực' },
            { const: 'electronic', title: 'Bản sao điện tử được chứng thực từ bản chính' },
          ],
          default: 'paper',
        },
        appointmentDate: { type: 'string', format: 'date', title: 'Ngày dự kiến mang bản chính đến đối chiếu' },
      },
      'x-ui': { order: ['requester', 'documents', 'outputType', 'appointmentDate'] },
    },
    sourceNote:
      'Code 2.000815 is NOT confirmed from an official record: it is the code used for "chứng thực bản sao từ bản chính" in an open-source chatbot test set that asserts its ids against a database built from the national catalogue (siblings there: 2.000884 chứng thực chữ ký, 2.000942 bản sao từ giao dịch đã chứng thực); the DVCQG record itself was not read. Name as commonly published (not copied from the record). Content from Decree 23/2015/NĐ-CP Arts 18-22 and TT 226/2016/TT-BTC (fee 2,000 VND/page, 1,000 from page 3, cap 200,000 per copy), from memory of those texts; 2025 amendments (Decree 07/2025, electronic certification of copies) were not read. After 01/7/2025 the district Phòng Tư pháp no longer exists; communes (and notary offices) certify copies. `fees[0].amount` is per page; the real total depends on the number of pages and copies. Online mode "partial" because the original paper must be presented.',
  },

  // ─────────────── 11. Certificate of marital status (commune) ───────────────
  {
    code: '1.004873',
    codeVerified: true,
    name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân',
    nameEn: 'Issuance of a certificate of marital status',
    field: 'Hộ tịch',
    level: 'commune',
    implementingAgencies: SEEDED_COMMUNES,
    steps: [
      'Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công có thẩm quyền hoặc trực tuyến trên Cổng Dịch vụ công quốc gia / VNeID bằng mẫu điện tử tương tác; nộp lệ phí nếu thuộc diện phải nộp.',
      'Cán bộ tiếp nhận kiểm tra hồ sơ: hợp lệ thì tiếp nhận, hẹn trả kết quả; chưa hợp lệ thì hướng dẫn bổ sung; không bổ sung được thì từ chối bằng văn bản.',
      'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, tra cứu thông tin hộ tịch (bản án ly hôn, trích lục khai tử...) trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư. Trường hợp xin cấp lại để kết hôn mà không nộp lại được giấy cũ: trong 03 ngày làm việc trao đổi với nơi dự định đăng ký kết hôn trước đây để xác minh; không xác minh được thì cho lập văn bản cam đoan.',
      'Nộp trực tuyến: gửi biểu mẫu Giấy xác nhận tình trạng hôn nhân điện tử để người yêu cầu xác nhận (tối đa 01 ngày).',
      'Cập nhật Phần mềm hộ tịch điện tử dùng chung; in Giấy xác nhận tình trạng hôn nhân trình Lãnh đạo Ủy ban nhân dân cấp xã ký và trả kết quả.',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'to_khai',
        name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu; nộp trực tuyến thì điền mẫu điện tử tương tác) — bản đã ký, nếu có: không bắt buộc, nội dung tờ khai là các mục đã khai ở các bước trên',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template:
          'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân — Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP',
        required: false,
      },
      {
        id: 'giay_xac_nhan_cu',
        name: 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đó (khi yêu cầu cấp lại để dùng vào mục đích khác hoặc do hết thời hạn sử dụng)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'thong_tin_ly_hon_khai_tu',
        name: 'Thông tin về Bản án/Quyết định ly hôn, Giấy chứng tử/Trích lục khai tử của vợ/chồng, Trích lục ghi chú ly hôn (cơ quan, số, ngày) — cơ quan đăng ký tự tra cứu',
        originals: 0,
        copies: 0,
        electronicAccepted: true,
        required: false,
        note: 'Trường hợp đã có vợ/chồng nhưng đã ly hôn hoặc vợ/chồng đã chết.',
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền (nếu ủy quyền); không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'giay_to_tuy_than',
        name: 'Xuất trình: giấy tờ tùy thân khi nộp trực tiếp; giấy tờ chứng minh nơi cư trú nếu không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 3,
    processingNote: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (bản ghi quốc gia, trường hợp 1.004873.01).',
    fees: [],
    feeCollection: 'before',
    resultType: 'Giấy xác nhận tình trạng hôn nhân',
    legalBasis: [
      'Luật Hộ tịch số 60/2014/QH13',
      'Luật Hôn nhân và gia đình số 52/2014/QH13',
      'Nghị định số 123/2015/NĐ-CP; Nghị định số 87/2020/NĐ-CP; Nghị định số 104/2022/NĐ-CP; Nghị định số 07/2025/NĐ-CP; Nghị định số 120/2025/NĐ-CP; Nghị định số 18/2026/NĐ-CP',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      'Thông tư số 04/2020/TT-BTP, sửa đổi bởi Thông tư số 04/2024/TT-BTP; Thông tư số 03/2023/TT-BTP; Thông tư số 01/2022/TT-BTP; Thông tư số 08/2025/TT-BTP',
      'Thông tư số 85/2019/TT-BTC, sửa đổi bởi Thông tư số 106/2021/TT-BTC (lệ phí do HĐND cấp tỉnh quyết định)',
    ],
    conditions:
      'Thẩm quyền: Ủy ban nhân dân cấp xã nơi thường trú của công dân Việt Nam (không có nơi thường trú thì nơi tạm trú). Giấy xác nhận có giá trị 06 tháng kể từ ngày cấp và chỉ dùng cho mục đích ghi trong giấy. Miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật.',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân',
      type: 'object',
      required: ['requester', 'requesterRelation', 'subject', 'maritalStatus', 'purpose', 'resultDelivery'],
      properties: {
        requester: requesterBlock('Người yêu cầu'),
        requesterRelation: {
          type: 'string',
          title: 'Quan hệ với người được cấp Giấy xác nhận',
          oneOf: [
            { const: 'self', title: 'Bản thân' },
            { const: 'family', title: 'Ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột' },
            { const: 'authorized', title: 'Người được ủy quyền' },
          ],
          default: 'self',
        },
        subject: {
          type: 'object',
          title: 'Người được cấp Giấy xác nhận tình trạng hôn nhân',
          required: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'idNumber', 'residence'],
          properties: {
            fullName: {
              type: 'string',
              title: 'Họ, chữ đệm, tên',
              minLength: 2,
              maxLength: 100,
              'x-ui': { prefill: 'account.fullName' },
            },
            dateOfBirth: {
              type: 'string',
              format: 'date',
              title: 'Ngày, tháng, năm sinh',
              'x-ui': { prefill: 'account.dateOfBirth' },
            },
            gender: genderField('Giới tính', 'account.gender'),
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
            residence: addressBlock('Nơi cư trú', true, 'account.currentAddress'),
            residencePeriod: {
              type: 'object',
              title: 'Thời gian cư trú tại nơi yêu cầu xác nhận (nếu xác nhận cho thời gian trước đây)',
              properties: {
                from: { type: 'string', format: 'date', title: 'Từ ngày' },
                to: { type: 'string', format: 'date', title: 'Đến ngày' },
              },
            },
          },
        },
        maritalStatus: {
          type: 'string',
          title: 'Tình trạng hôn nhân',
          oneOf: [
            { const: 'never_married', title: 'Chưa đăng ký kết hôn với ai' },
            { const: 'married', title: 'Đang có vợ/có chồng' },
            { const: 'divorced', title: 'Đã đăng ký kết hôn nhưng đã ly hôn, chưa kết hôn với ai' },
            { const: 'widowed', title: 'Có vợ/chồng đã chết, chưa kết hôn với ai' },
            { const: 'cohabiting', title: 'Chung sống như vợ chồng trước 03/01/1987, chưa đăng ký kết hôn' },
          ],
        },
        purpose: {
          type: 'string',
          title: 'Mục đích sử dụng Giấy xác nhận',
          oneOf: [
            { const: 'marriage', title: 'Để đăng ký kết hôn' },
            { const: 'other', title: 'Mục đích khác' },
          ],
        },
        intendedSpouse: {
          type: 'object',
          title: 'Người dự định kết hôn (nếu mục đích là kết hôn)',
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
            dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
            nationality: nationalityField(),
            idNumber: { type: 'string', title: 'Số giấy tờ tùy thân', maxLength: 30 },
            registrationPlace: { type: 'string', title: 'Nơi dự định đăng ký kết hôn', maxLength: 300 },
          },
        },
        otherPurpose: { type: 'string', title: 'Ghi rõ mục đích khác', maxLength: 300 },
        resultDelivery: resultDeliveryField,
      },
      'x-ui': {
        order: [
          'requester',
          'requesterRelation',
          'subject',
          'maritalStatus',
          'purpose',
          'intendedSpouse',
          'otherPurpose',
          'resultDelivery',
        ],
      },
    },
    sourceNote:
      'National TTHC DB record 1.004873 "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" (Bộ Tư pháp; executing agency Ủy ban nhân dân cấp xã; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6eb3-7019-bf3f-fc58c9ee44b9), crawled 2026-07-18 in VoidKeishi/OpenGOV (data/procedures/1.004873.json). FEE: the record says "amount set by the provincial HĐND; exempt for families of people with meritorious service, poor households, people with disabilities" without a national amount, and no provincial amount was found, so `fees` is empty while feeCollection is "before" — configure the provincial fee before use; do not present as free. 6-month validity and the status options are from Decree 123/2015 Arts 22-23 and the tờ khai as remembered. Online mode "full" from online filing with electronic result per the record; not stated explicitly.',
  },

  // ─────────────── 12. Private enterprise registration (province) ───────────────
  {
    code: '2.001610',
    codeVerified: true,
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    nameEn: 'Registration of a private (sole-proprietorship) enterprise',
    field: 'Thành lập và hoạt động doanh nghiệp',
    level: 'province',
    implementingAgencies: ['H26', 'H41'],
    steps: [
      'Trực tiếp hoặc qua bưu chính: người thành lập doanh nghiệp nộp hồ sơ tại Cơ quan đăng ký kinh doanh cấp tỉnh (Phòng Đăng ký kinh doanh thuộc Sở Tài chính) nơi đặt trụ sở chính.',
      'Qua mạng: dùng tài khoản định danh điện tử đăng nhập Cổng thông tin quốc gia về đăng ký doanh nghiệp, kê khai, tải văn bản điện tử, ký số hoặc ký xác thực và thanh toán phí, lệ phí; người ủy quyền và người được ủy quyền phải xác thực điện tử; nhận giấy biên nhận điện tử.',
      'Cơ quan đăng ký kinh doanh khai thác Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp, Cơ sở dữ liệu quốc gia về dân cư thay cho thành phần hồ sơ; trong 03 ngày làm việc xem xét tính hợp lệ và cấp đăng ký doanh nghiệp, hoặc thông báo bằng văn bản nội dung cần sửa đổi, bổ sung, hoặc từ chối nêu rõ lý do.',
      'Doanh nghiệp được công bố nội dung đăng ký trên Cổng thông tin quốc gia về đăng ký doanh nghiệp (đề nghị và nộp phí công bố cùng lúc nộp hồ sơ; được hoàn phí nếu không được cấp đăng ký).',
    ],
    channels: ['online', 'counter', 'postal'],
    requiredDocuments: [
      {
        id: 'giay_de_nghi',
        name: 'Giấy đề nghị đăng ký doanh nghiệp (doanh nghiệp tư nhân)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        template: 'Mẫu Giấy đề nghị đăng ký doanh nghiệp tư nhân — Thông tư 68/2025/TT-BTC',
        required: true,
      },
      {
        id: 'giay_to_phap_ly_chu_dntn',
        name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
        note: 'Không phải nộp nếu chủ doanh nghiệp kê khai số định danh cá nhân (khoản 1 Điều 11 Nghị định 168/2025/NĐ-CP).',
      },
      {
        id: 'uy_quyen',
        name: 'Văn bản ủy quyền cho cá nhân thực hiện thủ tục (không bắt buộc công chứng, chứng thực); nếu ủy quyền cho tổ chức: bản sao hợp đồng dịch vụ và giấy giới thiệu của tổ chức',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'gcn_hkd',
        name: 'Bản sao Giấy chứng nhận đăng ký hộ kinh doanh (trường hợp chuyển đổi từ hộ kinh doanh)',
        originals: 0,
        copies: 1,
        electronicAccepted: true,
        required: false,
      },
      {
        id: 'cam_ket_dnxh',
        name: 'Cam kết thực hiện mục tiêu xã hội, môi trường có chữ ký của chủ doanh nghiệp tư nhân (trường hợp đăng ký doanh nghiệp xã hội)',
        originals: 1,
        copies: 0,
        electronicAccepted: true,
        required: false,
      },
    ],
    processingDays: 3,
    processingNote: '03 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ.',
    fees: [
      {
        label: 'Lệ phí đăng ký doanh nghiệp',
        amount: 50000,
        onlineAmount: 0,
        note: 'Thông tư 47/2019/TT-BTC: 50.000 đồng khi nộp trực tiếp/bưu chính; miễn khi đăng ký qua mạng thông tin điện tử. Bản ghi quốc gia chỉ liệt kê phí công bố.',
      },
      {
        label: 'Phí công bố nội dung đăng ký doanh nghiệp',
        amount: 100000,
        note: '100.000 đồng/lần (Thông tư 47/2019/TT-BTC); hoàn trả nếu không được cấp đăng ký.',
      },
    ],
    feeCollection: 'before',
    resultType:
      'Giấy chứng nhận đăng ký doanh nghiệp - Doanh nghiệp tư nhân (hoặc thông báo sửa đổi, bổ sung hồ sơ / văn bản từ chối)',
    legalBasis: [
      'Luật Doanh nghiệp số 59/2020/QH14, sửa đổi bởi Luật số 76/2025/QH15',
      'Nghị định số 168/2025/NĐ-CP ngày 30/6/2025 của Chính phủ về đăng ký doanh nghiệp',
      'Thông tư số 68/2025/TT-BTC ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh',
      'Thông tư số 47/2019/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp',
      'Nghị quyết số 66.7/2025/NQ-CP quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
    ],
    conditions:
      'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên doanh nghiệp đặt đúng quy định; hồ sơ hợp lệ; nộp đủ phí, lệ phí. Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân; chủ doanh nghiệp tư nhân không được đồng thời là chủ hộ kinh doanh, thành viên hợp danh.',
    subjects: ['citizen'],
    onlineMode: 'full',
    formSchema: {
      $schema: SCHEMA_2020,
      title: 'Giấy đề nghị đăng ký doanh nghiệp tư nhân',
      type: 'object',
      required: ['enterpriseName', 'headOffice', 'businessLines', 'investmentCapital', 'owner', 'taxRegistration'],
      properties: {
        registrationCase: {
          type: 'string',
          title: 'Tình trạng thành lập',
          oneOf: [
            { const: 'new', title: 'Thành lập mới' },
            { const: 'from_household_business', title: 'Thành lập trên cơ sở chuyển đổi từ hộ kinh doanh' },
            { const: 'social_enterprise', title: 'Doanh nghiệp xã hội' },
          ],
          default: 'new',
        },
        householdBusinessCode: { type: 'string', title: 'Mã số hộ kinh doanh (nếu chuyển đổi)', maxLength: 20 },
        enterpriseName: {
          type: 'object',
          title: 'Tên doanh nghiệp',
          required: ['vietnamese'],
          properties: {
            vietnamese: {
              type: 'string',
              title: 'Tên doanh nghiệp viết bằng tiếng Việt (ghi bằng chữ in hoa)',
              minLength: 3,
              maxLength: 300,
              'x-ui': { uppercase: true },
            },
            foreign: { type: 'string', title: 'Tên doanh nghiệp viết bằng tiếng nước ngoài', maxLength: 300 },
            abbreviation: { type: 'string', title: 'Tên doanh nghiệp viết tắt', maxLength: 100 },
          },
        },
        headOffice: addressBlock('Địa chỉ trụ sở chính'),
        headOfficePhone: { type: 'string', title: 'Điện thoại của trụ sở', pattern: PHONE_PATTERN },
        headOfficeEmail: { type: 'string', format: 'email', title: 'Thư điện tử của trụ sở' },
        headOfficeWebsite: { type: 'string', format: 'uri', title: 'Website' },
        businessLines: {
          type: 'array',
          title: 'Ngành, nghề kinh doanh',
          minItems: 1,
          items: {
            type: 'object',
            required: ['code', 'name'],
            properties: {
              code: { type: 'string', title: 'Mã ngành (cấp 4)', pattern: '^\\d{4}$' },
              name: { type: 'string', title: 'Tên ngành', maxLength: 300 },
              isMain: { type: 'boolean', title: 'Ngành, nghề kinh doanh chính', default: false },
            },
          },
        },
        investmentCapital: {
          type: 'integer',
          title: 'Vốn đầu tư của chủ doanh nghiệp tư nhân (đồng)',
          minimum: 1,
          'x-ui': { money: true },
        },
        owner: {
          type: 'object',
          title: 'Thông tin về chủ doanh nghiệp tư nhân',
          required: ['fullName', 'dateOfBirth', 'gender', 'nationality', 'idNumber', 'contactAddress'],
          properties: {
            fullName: {
              type: 'string',
              title: 'Họ, chữ đệm và tên (ghi bằng chữ in hoa)',
              minLength: 2,
              maxLength: 100,
              'x-ui': { prefill: 'account.fullName', uppercase: true },
            },
            dateOfBirth: {
              type: 'string',
              format: 'date',
              title: 'Ngày sinh',
              'x-ui': { prefill: 'account.dateOfBirth' },
            },
            gender: genderField('Giới tính', 'account.gender'),
            ethnicity: ethnicityField(),
            nationality: nationalityField(),
            idNumber: idNumberField('Số định danh cá nhân', 'account.idNumber'),
            contactAddress: addressBlock('Địa chỉ liên lạc', true, 'account.currentAddress'),
            phone: {
              type: 'string',
              title: 'Điện thoại',
              pattern: PHONE_PATTERN,
              'x-ui': { prefill: 'account.phone' },
            },
            email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-ui': { prefill: 'account.email' } },
          },
        },
        taxRegistration: {
          type: 'object',
          title: 'Thông tin đăng ký thuế',
          required: ['startDate', 'accountingMethod', 'employees', 'vatMethod'],
          properties: {
            chiefAccountant: {
              type: 'string',
              title: 'Họ, tên kế toán trưởng/phụ trách kế toán (nếu có)',
              maxLength: 100,
            },
            startDate: { type: 'string', format: 'date', title: 'Ngày bắt đầu hoạt động (dự kiến)' },
            accountingMethod: {
              type: 'string',
              title: 'Hình thức hạch toán',
              oneOf: [
                { const: 'independent', title: 'Hạch toán độc lập' },
                { const: 'dependent', title: 'Hạch toán phụ thuộc' },
              ],
              default: 'independent',
            },
            fiscalYearStart: {
              type: 'string',
              title: 'Năm tài chính bắt đầu từ (ngày/tháng)',
              pattern: '^\\d{2}/\\d{2}$',
              default: '01/01',
            },
            employees: { type: 'integer', title: 'Tổng số lao động (dự kiến)', minimum: 0 },
            vatMethod: {
              type: 'string',
              title: 'Phương pháp tính thuế GTGT',
              oneOf: [
                { const: 'deduction', title: 'Khấu trừ' },
                { const: 'direct_added_value', title: 'Trực tiếp trên GTGT' },
                { const: 'direct_revenue', title: 'Trực tiếp trên doanh số' },
                { const: 'not_required', title: 'Không phải nộp thuế GTGT' },
              ],
            },
          },
        },
        publishRegistration: {
          type: 'boolean',
          const: true,
          title: 'Đề nghị công bố nội dung đăng ký doanh nghiệp trên Cổng thông tin quốc gia về đăng ký doanh nghiệp',
        },
      },
      'x-ui': {
        order: [
          'registrationCase',
          'householdBusinessCode',
          'enterpriseName',
          'headOffice',
          'headOfficePhone',
          'headOfficeEmail',
          'headOfficeWebsite',
          'businessLines',
          'investmentCapital',
          'owner',
          'taxRegistration',
          'publishRegistration',
        ],
      },
    },
    sourceNote:
      'National TTHC DB record 2.001610 "Đăng ký thành lập doanh nghiệp tư nhân" (Bộ Tài chính; executing agency "Sở Tài chính các tỉnh, thành phố"; dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfc-d9eb-733f-80a1-8cd36b62e5cb), crawled in VoidKeishi/OpenGOV (data/procedures/2.001610.json). Steps, dossier groups (incl. ID copy replaced by personal ID under Decree 168/2025 Art 11(1)), 3 working days and the 100,000 VND publication fee are from the record; the record lists only the publication fee (its online line reads "100" — a data-entry slip for 100,000). The 50,000 VND registration fee (free online) is from TT 47/2019/TT-BTC and is not in the record — check whether it still applies. Since 2025 business registration sits in Sở Tài chính (Bộ KH&ĐT merged into Bộ Tài chính); Sở Tài chính is not in the directory seed, so the provincial People\'s Committees H26/H41 are used. Online mode "full" (electronic filing and certificate via dangkykinhdoanh.gov.vn) is my reading; not stated in the record. Form fields follow the registration form as remembered, not the TT 68/2025 template file.',
  },
];
