import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, fileAtCounter, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { makeTaxCode } from '../identity/index.js';

/** Issue 11: drafts are checked like submissions (but may be incomplete); who may apply for what. */
describe.each(DB_KINDS)('drafts and applicants on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  let n = 0;

  const upload = (token: string) => p.upload(token, pdf, 'to-khai.pdf', 'application/pdf');

  async function business() {
    let taxCode: string | null = null;
    while (!taxCode) taxCode = makeTaxCode(`01${String(700000 + n++).padStart(7, '0')}`);
    const body = {
      accountType: 'business',
      taxCode,
      fullName: 'Công ty TNHH Thử Nghiệm',
      email: `dn${taxCode}@test.vn`,
      phone: '0243123456',
      password: 'Doanh@nghiep1',
    };
    expect((await p.call('POST', '/api/auth/register', { body })).statusCode).toBe(201);
    return { taxCode, token: await p.login(taxCode, 'Doanh@nghiep1') };
  }

  const draft = (token: string, body: Record<string, unknown>) =>
    p.call('POST', '/api/dossier-drafts', { token, body: { procedureCode: '1.001193', agencyCode: 'H26', ...body } });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193');
    await publishProcedure(p, admin, '2.001611', {
      name: 'Thủ tục cho doanh nghiệp',
      subjects: ['business', 'organization'],
    });
  });
  afterAll(async () => p?.close());

  it('an incomplete draft is kept; wrong types, formats, sizes and unknown fields are refused naming the field', async () => {
    const c = await p.citizen();
    const partial = await draft(c.token, { formData: { childName: 'Khang' } });
    expect(partial.statusCode, partial.body).toBe(201);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ childName: 42 }, 'formData.childName', 'SCHEMA_TYPE'],
      [{ childBirthDate: 'hôm qua' }, 'formData.childBirthDate', 'SCHEMA_FORMAT'],
      [{ declarantIdNumber: '12ab' }, 'formData.declarantIdNumber', 'SCHEMA_PATTERN'],
      [{ childGender: 'khác' }, 'formData.childGender', 'SCHEMA_ONEOF'],
      [{ childName: 'x'.repeat(5000) }, 'formData.childName', 'SCHEMA_MAXLENGTH'],
      [{ x: 'không có trong mẫu' }, 'formData.x', 'UNKNOWN_FIELD'],
    ];
    for (const [formData, path, code] of cases) {
      const r = await draft(c.token, { formData });
      expect(r.statusCode, JSON.stringify(formData)).toBe(422);
      expect(r.json().errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    // The reported crash: 1,000 levels of arrays in an unknown field answer 422, nothing is stored.
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    const bomb = await draft(c.token, { formData: { x: deep } });
    expect([413, 422]).toContain(bomb.statusCode);
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
    // An update is checked the same way.
    const id = partial.json().id;
    const put = await p.call('PUT', `/api/dossier-drafts/${id}`, {
      token: c.token,
      body: { procedureCode: '1.001193', formData: { childName: ['mảng'] } },
    });
    expect(put.statusCode).toBe(422);
    const agency = await draft(c.token, { agencyCode: 'H41', formData: {} });
    expect(agency.json().errors).toContainEqual(expect.objectContaining({ path: 'agencyCode' }));
    expect((await draft(c.token, { procedureCode: '9.999999', formData: {} })).statusCode).toBe(404);
  });

  it("a draft refuses another user's file id, and a document the procedure does not have", async () => {
    const owner = await p.citizen();
    const other = await p.citizen();
    const theirs = await upload(owner.token);
    const stolen = await draft(other.token, { formData: {}, attachments: [{ documentId: 'to_khai', fileId: theirs }] });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().errors).toContainEqual(
      expect.objectContaining({ path: 'attachments.0.fileId', code: 'FILE_NOT_FOUND' }),
    );
    const mine = await upload(other.token);
    const unknownDoc = await draft(other.token, { formData: {}, attachments: [{ documentId: 'khac', fileId: mine }] });
    expect(unknownDoc.json().errors).toContainEqual(
      expect.objectContaining({ path: 'attachments.0.documentId', code: 'UNKNOWN_DOCUMENT' }),
    );
    const ok = await draft(other.token, { formData: {}, attachments: [{ documentId: 'to_khai', fileId: mine }] });
    expect(ok.statusCode).toBe(201);
    // Staff do not keep drafts (they file at the counter).
    const reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    expect((await draft(reception.token, { formData: {} })).statusCode).toBe(403);
    expect((await p.call('POST', '/api/dossier-drafts', { body: { procedureCode: '1.001193' } })).statusCode).toBe(401);
  });

  it("a business cannot apply for a citizens' procedure, nor a citizen for a business one", async () => {
    const biz = await business();
    const c = await p.citizen();
    const formData = { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' };
    const submit = async (token: string, procedureCode: string) =>
      p.call('POST', '/api/dossiers', {
        token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {
          procedureCode,
          agencyCode: 'H26',
          formData,
          attachments: [
            { documentId: 'to_khai', fileId: await upload(token) },
            { documentId: 'giay_chung_sinh', fileId: await upload(token) },
          ],
        },
      });
    const bizToCitizen = await submit(biz.token, '1.001193');
    expect(bizToCitizen.statusCode).toBe(403);
    expect(bizToCitizen.json()).toMatchObject({ code: 'PROCEDURE_NOT_FOR_APPLICANT', params: { kind: 'business' } });
    expect((await draft(biz.token, { formData: {} })).json().code).toBe('PROCEDURE_NOT_FOR_APPLICANT');
    const citizenToBiz = await submit(c.token, '2.001611');
    expect(citizenToBiz.json().code).toBe('PROCEDURE_NOT_FOR_APPLICANT');
    expect((await submit(biz.token, '2.001611')).statusCode).toBe(201);
    expect((await submit(c.token, '1.001193')).statusCode).toBe(201);
    // At the counter the applicant's number says who applies.
    const reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    const counter = await fileAtCounter(p, reception.token, {
      formData,
      applicant: { idNumber: biz.taxCode, fullName: 'Công ty TNHH Thử Nghiệm' },
      attachments: [
        { documentId: 'to_khai', fileId: await upload(reception.token) },
        { documentId: 'giay_chung_sinh', fileId: await upload(reception.token) },
      ],
    });
    expect(counter.statusCode).toBe(422);
    expect(counter.json().errors).toContainEqual(
      expect.objectContaining({ path: 'applicant.idNumber', code: 'PROCEDURE_NOT_FOR_APPLICANT' }),
    );
  });
});
