import { PDFDocument } from 'pdf-lib';
import type { TestPlatform } from './harness.js';

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

/** A blank PDF of `pages` pages: what a test uploads as a form, a scan or a result. */
export async function blankPdf(pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}

/**
 * Creates procedure `code` (the birth registration, changed by `over`) and publishes it, as the agency
 * administrator whose session is `token`; throws when either call is refused.
 */
export async function publishProcedure(
  p: TestPlatform,
  token: string,
  code: string,
  over: Record<string, unknown> = {},
) {
  const created = await p.call('POST', '/api/procedures', { token, body: { code, ...buildProcedureContent(over) } });
  if (created.statusCode !== 201) throw new Error(`procedure ${code}: ${created.statusCode} ${created.body}`);
  const published = await p.call('POST', `/api/procedures/${code}/publish`, { token });
  if (published.statusCode !== 200) throw new Error(`publish ${code}: ${published.statusCode} ${published.body}`);
}

/** The form of the birth registration (`buildProcedureContent()`), filled in. */
export const BIRTH_FORM = { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' };

/**
 * The desk officer whose session is `token` files a dossier at the counter, with a fresh Idempotency-Key:
 * procedure 1.001193 at H26 with the birth form unless `body` says otherwise; `body` names the applicant
 * and the attachments. Answers the response, whatever its status.
 */
export function fileAtCounter(p: TestPlatform, token: string, body: Record<string, unknown>) {
  return p.call('POST', '/api/dossiers', {
    token,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: { procedureCode: '1.001193', agencyCode: 'H26', channel: 'counter', formData: BIRTH_FORM, ...body },
  });
}
