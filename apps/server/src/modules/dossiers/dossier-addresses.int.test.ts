import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

const address = {
  type: 'object',
  title: 'Nơi thường trú',
  required: ['province', 'commune', 'street'],
  properties: {
    province: { type: 'string', pattern: '^\\d{2}$' },
    provinceName: { type: 'string' },
    commune: { type: 'string', pattern: '^\\d{5}$' },
    communeName: { type: 'string' },
    street: { type: 'string', minLength: 2 },
  },
  'x-ui': { widget: 'address' },
};

describe.each(DB_KINDS)('addresses from the 2025 units and names in capitals, checked on submission on %s', (kind) => {
  let p: TestPlatform;
  let token = '';
  const hn = { province: '01', provinceName: 'Thành phố Hà Nội', commune: '00004', communeName: 'Phường Ba Đình' };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const content = buildProcedureContent({
      name: 'Thủ tục thử địa chỉ',
      requiredDocuments: [],
      formSchema: {
        type: 'object',
        required: ['fullName', 'residence'],
        properties: {
          fullName: { type: 'string', title: 'Họ, chữ đệm, tên (chữ in hoa)', 'x-ui': { uppercase: true } },
          residence: address,
          others: {
            type: 'array',
            items: { type: 'object', properties: { residence: { ...address, required: undefined } } },
          },
        },
      },
    });
    expect(
      (await p.call('POST', '/api/procedures', { token: admin.token, body: { code: '1.900032', ...content } }))
        .statusCode,
    ).toBe(201);
    expect((await p.call('POST', '/api/procedures/1.900032/publish', { token: admin.token })).statusCode).toBe(200);
    token = (await p.citizen()).token;
  });
  afterAll(async () => p?.close());

  const submit = (formData: Record<string, unknown>) =>
    p.call('POST', '/api/dossiers', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { procedureCode: '1.900032', agencyCode: 'H26', formData, attachments: [] },
    });
  const errors = async (formData: Record<string, unknown>) => {
    const r = await submit(formData);
    expect(r.statusCode, r.body).toBe(422);
    return (r.json().errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
  };

  it('refuses a commune of another province, an unknown province, wrong names and a name not in capitals', async () => {
    expect(
      await errors({
        fullName: 'Nguyễn Văn An',
        residence: { ...hn, commune: '26734', communeName: 'Phường Sài Gòn', street: 'Số 1' },
      }),
    ).toEqual(['formData.fullName NOT_UPPERCASE', 'formData.residence.commune COMMUNE_NOT_IN_PROVINCE']);
    expect(await errors({ fullName: 'NGUYỄN VĂN AN', residence: { ...hn, province: '99', street: 'Số 1' } })).toEqual([
      'formData.residence.province UNKNOWN_PROVINCE',
    ]);
    expect(
      await errors({ fullName: 'NGUYỄN VĂN AN', residence: { ...hn, communeName: 'Phường Giả', street: 'Số 1' } }),
    ).toEqual(['formData.residence ADDRESS_NAME_MISMATCH']);
    expect(
      await errors({
        fullName: 'NGUYỄN VĂN AN',
        residence: { ...hn, street: 'Số 1' },
        others: [{ residence: { ...hn, province: '79', provinceName: 'Thành phố Hồ Chí Minh', street: 'Số 2' } }],
      }),
    ).toEqual(['formData.others.0.residence.commune COMMUNE_NOT_IN_PROVINCE']);
    // An optional address begun must be finished.
    expect(
      await errors({
        fullName: 'NGUYỄN VĂN AN',
        residence: { ...hn, street: 'Số 1' },
        others: [{ residence: { province: '01', provinceName: 'Thành phố Hà Nội' } }],
      }),
    ).toEqual(['formData.others.0.residence.commune REQUIRED']);
  });

  it('accepts a commune of its province, with the names as listed', async () => {
    const r = await submit({ fullName: 'NGUYỄN VĂN AN', residence: { ...hn, street: 'Số 12 phố Tràng Thi' } });
    expect(r.statusCode, r.body).toBe(201);
  });
});
