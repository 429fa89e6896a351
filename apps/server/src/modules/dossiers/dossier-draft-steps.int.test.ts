import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { seedProcedures } from '../procedures/index.js';

const HOAN_KIEM = {
  province: '01',
  provinceName: 'Thành phố Hà Nội',
  commune: '00070',
  communeName: 'Phường Hoàn Kiếm',
  street: 'Số 5 phố Hàng Gai',
};

/** Issue 14 item 9 (ADR 0031): a draft resumes at its step, is the owner's only, and goes with the submission. */
describe.each(DB_KINDS)('drafts across steps, and the seeded forms’ addresses, on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  const formData = { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' };

  const saveDraft = (token: string, body: Record<string, unknown>, id?: string) =>
    p.call(id ? 'PUT' : 'POST', id ? `/api/dossier-drafts/${id}` : '/api/dossier-drafts', {
      token,
      body: { procedureCode: '1.001193', agencyCode: 'H26', ...body },
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const doc = await PDFDocument.create();
    doc.addPage();
    pdf = Buffer.from(await doc.save());
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await p.call('POST', '/api/procedures', { token: admin, body: { code: '1.001193', ...buildProcedureContent() } });
    await p.call('POST', '/api/procedures/1.001193/publish', { token: admin });
    // The demo catalogue, whose forms pick addresses from the 2025 units.
    await seedProcedures(p.procedures, systemActor);
  });
  afterAll(async () => p?.close());

  it('a draft keeps the step the applicant was at and resumes there; only its owner sees or changes it', async () => {
    const c = await p.citizen();
    const first = await saveDraft(c.token, { formData: { childName: 'Khang' }, step: 1 });
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().id as string;
    expect(first.json().step).toBe(1);
    const moved = await saveDraft(c.token, { formData: formData, step: 2 }, id);
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await p.call('GET', `/api/dossier-drafts/${id}`, { token: c.token });
    expect(back.json()).toMatchObject({ id, step: 2, formData });
    expect((await p.call('GET', '/api/dossier-drafts', { token: c.token })).json().items).toEqual([
      expect.objectContaining({ id, step: 2 }),
    ]);
    // A step out of range is refused, naming the field.
    const wild = await saveDraft(c.token, { formData, step: 999 }, id);
    expect(wild.statusCode).toBe(422);
    expect(JSON.stringify(wild.json())).toContain('step');

    // Another citizen: as if it did not exist (404), for reading, writing and deleting.
    const other = await p.citizen();
    expect((await p.call('GET', `/api/dossier-drafts/${id}`, { token: other.token })).statusCode).toBe(404);
    expect((await saveDraft(other.token, { formData: {}, step: 0 }, id)).statusCode).toBe(404);
    expect((await p.call('DELETE', `/api/dossier-drafts/${id}`, { token: other.token })).statusCode).toBe(404);
    expect((await p.call('GET', '/api/dossier-drafts', { token: other.token })).json().items).toEqual([]);
    // Staff keep no drafts: refused to write (403), and a citizen's draft is not theirs to read (404).
    const desk = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    expect((await saveDraft(desk.token, { formData: {} })).statusCode).toBe(403);
    expect((await p.call('GET', `/api/dossier-drafts/${id}`, { token: desk.token })).statusCode).toBe(404);
    // No login.
    expect((await p.call('GET', `/api/dossier-drafts/${id}`)).statusCode).toBe(401);
    expect((await p.call('GET', '/api/dossier-drafts')).statusCode).toBe(401);
    // Nothing changed for the owner.
    expect((await p.call('GET', `/api/dossier-drafts/${id}`, { token: c.token })).json()).toMatchObject({ step: 2 });
  });

  it('submitting a draft deletes it with the dossier; a repeated submit answers the same dossier', async () => {
    const c = await p.citizen();
    const stranger = await p.citizen();
    const id = (await saveDraft(c.token, { formData, step: 2 })).json().id as string;
    const theirs = (await saveDraft(stranger.token, { formData, step: 1 })).json().id as string;
    const attachments = [
      { documentId: 'to_khai', fileId: await p.upload(c.token, pdf, 'to-khai.pdf', 'application/pdf') },
      { documentId: 'giay_chung_sinh', fileId: await p.upload(c.token, pdf, 'chung-sinh.pdf', 'application/pdf') },
    ];
    const key = crypto.randomUUID();
    const submit = (draftId: string) =>
      p.call('POST', '/api/dossiers', {
        token: c.token,
        headers: { 'idempotency-key': key },
        body: { procedureCode: '1.001193', agencyCode: 'H26', formData, attachments, draftId },
      });
    const [a, b] = await Promise.all([submit(id), submit(id)]);
    const codes = [a, b].filter((r) => r.statusCode === 201).map((r) => r.json().code);
    expect(codes.length, `${a.body} ${b.body}`).toBeGreaterThanOrEqual(1);
    const again = await submit(id);
    expect(again.statusCode, again.body).toBe(201);
    expect(new Set([...codes, again.json().code]).size).toBe(1);
    const mine = await p.call('GET', '/api/dossiers', { token: c.token });
    expect(mine.json().items.filter((d: { code: string }) => d.code === codes[0])).toHaveLength(1);
    expect(mine.json().total).toBe(1);
    expect((await p.call('GET', `/api/dossier-drafts/${id}`, { token: c.token })).statusCode).toBe(404);

    // A draft id that is not the submitter's deletes nothing.
    const other = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { procedureCode: '1.001193', agencyCode: 'H26', formData, attachments, draftId: theirs },
    });
    expect(other.statusCode, other.body).toBe(201);
    expect((await p.call('GET', `/api/dossier-drafts/${theirs}`, { token: stranger.token })).statusCode).toBe(200);
  });

  it('the seeded forms take addresses from the 2025 units: a commune of another province is refused at the field', async () => {
    const c = await p.citizen();
    const save = (newAddress: Record<string, unknown>) =>
      p.call('POST', '/api/dossier-drafts', {
        token: c.token,
        body: { procedureCode: '1.004222', formData: { newAddress } },
      });
    const ok = await save(HOAN_KIEM);
    expect(ok.statusCode, ok.body).toBe(201);
    const wrong = await save({ ...HOAN_KIEM, commune: '16681', communeName: 'Phường Thành Vinh' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toContainEqual(
      expect.objectContaining({ path: 'formData.newAddress.commune', code: 'COMMUNE_NOT_IN_PROVINCE' }),
    );
    const unknown = await save({ ...HOAN_KIEM, province: '99' });
    expect(unknown.json().errors).toContainEqual(
      expect.objectContaining({ path: 'formData.newAddress.province', code: 'UNKNOWN_PROVINCE' }),
    );
    // A text where the form now wants the picked block is a type error, not stored.
    const text = await save('Số 5 phố Hàng Gai, Hà Nội' as unknown as Record<string, unknown>);
    expect(text.statusCode).toBe(422);
    expect(text.json().errors).toContainEqual(expect.objectContaining({ path: 'formData.newAddress' }));
  });
});
