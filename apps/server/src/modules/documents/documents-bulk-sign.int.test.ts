import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { makePdf, type Signer, signingStaff, upload } from './documents.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** Ký số hàng loạt: one confirmation for a reviewed list, one signature and one audit event per document. */
describe.each(DB_KINDS)('bulk signing on %s', (kind) => {
  let p: TestPlatform;
  let specialist: Staff;
  let leader: Signer;
  let admin: Staff;

  async function submitted(by: Staff, subject: string) {
    const fileId = await upload(p, by.token, await makePdf(1));
    const r = await p.call('POST', '/api/documents', {
      token: by.token,
      body: { type: 'CV', subject, recipients: [], fileIds: [fileId] },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect(
      (await p.call('POST', `/api/documents/${id}/actions`, { token: by.token, body: { action: 'submit' } }))
        .statusCode,
    ).toBe(200);
    return id;
  }
  const audits = async (action: string) =>
    (await p.call('GET', `/api/audit/events?action=${action}&pageSize=100`, { token: admin.token })).json()
      .total as number;
  const bulk = (token: string, body: Record<string, unknown>, key?: string) =>
    p.call('POST', '/api/documents/bulk-sign', { token, body, headers: key ? { 'idempotency-key': key } : {} });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    admin = await p.staff({ roles: ['admin'] });
    leader = await signingStaff(p, 'H26');
  });
  afterAll(async () => p?.close());

  it('signs every listed document with one code, reports each, and a retry signs nothing twice', async () => {
    const ids = [
      await submitted(specialist, 'Công văn số một về cải cách'),
      await submitted(specialist, 'Công văn số hai về cải cách'),
    ];
    const other = await submitted(
      await p.staff({ roles: ['specialist'], agencyCode: 'H41' }),
      'Công văn của tỉnh khác',
    );
    const [signatures, confirmations] = [await audits('signature.created'), await audits('user.action_confirmed')];

    const body = { documentIds: [...ids, other], signerPosition: 'Chủ tịch', otp: leader.otp() };
    const r = await bulk(leader.token, body, 'bulk-sign-0001');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { id: string; outcome: string; code: string | null }[];
    expect(items.map((i) => [i.id, i.outcome])).toEqual([
      [ids[0], 'signed'],
      [ids[1], 'signed'],
      [other, 'failed'],
    ]);
    expect(items[2]!.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    // One confirmation for the list; a signature (and its audit) per document.
    expect(await audits('user.action_confirmed')).toBe(confirmations + 1);
    expect(await audits('signature.created')).toBe(signatures + 2);
    for (const id of ids) {
      const d = (await p.call('GET', `/api/documents/${id}`, { token: leader.token })).json();
      expect(d).toMatchObject({ status: 'signed', signatures: { report: { indication: 'TOTAL_PASSED' } } });
    }

    // The same request again (a lost answer): the first answer, nothing signed again.
    const again = await bulk(leader.token, body, 'bulk-sign-0001');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(r.json());
    // Without the key, with the spent code: what he signed is reported as signed, the code is not asked for.
    const retry = await bulk(leader.token, { ...body, documentIds: ids });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().items.map((i: { outcome: string }) => i.outcome)).toEqual(['already_signed', 'already_signed']);
    expect(await audits('signature.created')).toBe(signatures + 2);
  });

  it('a wrong code signs nothing and names the field', async () => {
    const id = await submitted(specialist, 'Công văn chờ ký với mã sai');
    const r = await bulk(leader.token, { documentIds: [id], signerPosition: 'Chủ tịch', otp: '000000' });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0]).toMatchObject({ path: 'otp', code: 'INVALID_OTP' });
    expect((await p.call('GET', `/api/documents/${id}`, { token: leader.token })).json().status).toBe('in_review');
  });

  it('needs a login, the leader role, a second factor and the documents of his agency', async () => {
    const id = await submitted(specialist, 'Công văn kiểm tra quyền ký');
    const body = { documentIds: [id], signerPosition: 'Chủ tịch', otp: '123456' };
    expect((await p.call('POST', '/api/documents/bulk-sign', { body })).statusCode).toBe(401);
    const wrongRole = await bulk(specialist.token, body);
    expect(wrongRole.statusCode).toBe(403);
    // A leader without two-step verification is told to set it up, before any code is looked at.
    const plain = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const stepUp = await bulk(plain.token, body);
    expect(stepUp.statusCode).toBe(403);
    expect(stepUp.json().code).toBe('STEP_UP_REQUIRED');
    // A leader of another agency: each document is refused on its own, nothing is signed, no code spent.
    const elsewhere = await signingStaff(p, 'H41');
    const foreign = await bulk(elsewhere.token, { ...body, otp: elsewhere.otp() });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().items).toEqual([
      expect.objectContaining({ id, outcome: 'failed', code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) }),
    ]);
    expect((await p.call('GET', `/api/documents/${id}`, { token: leader.token })).json().status).toBe('in_review');
    // Bad input names the field.
    const bad = await bulk(leader.token, { documentIds: [], signerPosition: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['documentIds', 'signerPosition']),
    );
  });
});
