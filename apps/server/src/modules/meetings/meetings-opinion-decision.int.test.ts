import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { pdfText } from '../../platform/pdf/testing.js';
import { signer } from './meetings.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Signer = Awaited<ReturnType<typeof signer>>;

/**
 * A closed written-opinion round becomes a decision document (issue 15): drafted in the documents module from
 * the tally, then submitted, signed and issued with a number there, as the conclusions of a meeting are.
 */
describe.each(DB_KINDS)('the result of a written opinion round as a document on %s', (kind) => {
  let p: TestPlatform;
  let secretary: Staff;
  let colleague: Staff;
  let elsewhere: Staff;
  let clerk: Staff;
  let leader: Signer;
  let a: Signer;
  let b: Signer;
  let c: Signer;
  let requestId = '';
  const question = 'Thông qua dự thảo Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân thành phố';

  const decision = (token: string | undefined, body: Record<string, unknown>) =>
    p.call('POST', `/api/opinion-requests/${requestId}/decision`, { ...(token ? { token } : {}), body });
  const body = { type: 'QD', signerName: 'Nguyễn Văn Chủ Tịch', signerPosition: 'Chủ tịch' };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    [secretary, colleague, elsewhere, clerk] = await Promise.all([
      p.staff({ roles: ['specialist'], agencyCode: 'H26' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H26' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H41' }),
      p.staff({ roles: ['clerk'], agencyCode: 'H26' }),
    ]);
    [leader, a, b, c] = [await signer(p), await signer(p), await signer(p), await signer(p)];
    await p.seal('H26');
    const r = await p.call('POST', '/api/opinion-requests', {
      token: secretary.token,
      headers: { 'idempotency-key': `opinion-decision-${kind}` },
      body: {
        question,
        deadline: new Date(p.clock.now().getTime() + 48 * 3_600_000).toISOString(),
        memberIds: [a.id, b.id, c.id],
        agencyCode: 'H26',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    requestId = r.json().id;
    const answer = (u: Signer, x: Record<string, unknown>) =>
      p.call('POST', `/api/opinion-requests/${requestId}/answers`, {
        token: u.token,
        body: { ...x, certificateId: u.certificateId, otp: u.otp() },
      });
    expect((await answer(a, { answer: 'agree', text: 'Nhất trí với dự thảo' })).statusCode).toBe(201);
    expect((await answer(b, { answer: 'agree' })).statusCode).toBe(201);
  });
  afterAll(async () => p?.close());

  it('refused while the round is open (409), to a member asked (403), to anyone else (404), without login (401); 422 names the field', async () => {
    const open = await decision(secretary.token, body);
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('OPINION_NOT_CLOSED');
    const tally = (token: string) =>
      p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token }).then((r) => r.json().mayDraftDecision);
    expect(await tally(secretary.token)).toBe(false);
    // While open, only who sent it is offered to close it.
    const mayClose = (token: string) =>
      p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token }).then((r) => r.json().mayClose);
    expect([await mayClose(secretary.token), await mayClose(a.token)]).toEqual([true, false]);
    const byMember = await p.call('POST', `/api/opinion-requests/${requestId}/close`, { token: a.token });
    expect([byMember.statusCode, byMember.json().code]).toEqual([403, 'OPINION_OWNER_ONLY']);
    const closed = await p.call('POST', `/api/opinion-requests/${requestId}/close`, { token: secretary.token });
    expect(closed.json()).toMatchObject({ status: 'closed', result: 'agreed' });
    // The tally tells the page who may draft the result: who sent the question, not a member asked.
    expect([await tally(secretary.token), await tally(a.token)]).toEqual([true, false]);
    expect(await mayClose(secretary.token)).toBe(false);

    expect((await decision(undefined, body)).statusCode).toBe(401);
    const member = await decision(a.token, body);
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('OPINION_OWNER_ONLY');
    // Another organiser of the same agency, and a civil servant of another province, do not see the round.
    expect((await decision(colleague.token, body)).statusCode).toBe(404);
    expect((await decision(elsewhere.token, body)).statusCode).toBe(404);
    const citizen = await p.citizen();
    expect((await decision(citizen.token, body)).statusCode).toBe(403);
    const bad = await decision(secretary.token, { ...body, signerName: ' ', type: 'CV' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['signerName', 'type']);
  });

  it('the tally becomes a Quyết định draft in the documents module, once; signed by the leader and issued with its number', async () => {
    const r = await decision(secretary.token, body);
    expect(r.statusCode, r.body).toBe(201);
    const documentId = r.json().documentId as string;
    const again = await decision(secretary.token, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ documentId, created: false });

    const doc = (await p.call('GET', `/api/documents/${documentId}`, { token: secretary.token })).json();
    expect(doc).toMatchObject({ typeCode: 'QD', status: 'draft', subject: expect.stringContaining(question) });
    const file = async (fileId: string) =>
      new Uint8Array(
        (await p.call('GET', `/api/documents/${documentId}/files/${fileId}`, { token: secretary.token })).rawPayload,
      );
    const text = pdfText(await file(doc.fileId));
    // The tally's content: the question, who answered what (and who did not), the counts and the result.
    expect(text).toContain('Câu hỏi lấy ý kiến: Thông qua dự thảo Quyết định');
    expect(text).toContain(`Cán bộ ${a.username}: Đồng ý – Nhất trí với dự thảo`);
    expect(text).toContain(`Cán bộ ${b.username}: Đồng ý (`);
    expect(text).toContain(`Cán bộ ${c.username}: không trả lời`);
    expect(text).toContain('Đồng ý: 2; không đồng ý: 0; ý kiến khác: 0; không trả lời: 1.');
    expect(text).toContain('đa số thành viên được lấy ý kiến (2/3) đồng ý');

    const act = (token: string, x: Record<string, unknown>) =>
      p.call('POST', `/api/documents/${documentId}/actions`, { token, body: x });
    expect((await act(secretary.token, { action: 'submit' })).statusCode).toBe(200);
    const signed = await act(leader.token, { action: 'sign', signerPosition: 'Chủ tịch', otp: leader.otp() });
    expect(signed.statusCode, signed.body).toBe(200);
    const issued = await act(clerk.token, { action: 'issue' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().codeNotation).toBe('QĐ-UBND');
    expect(String(issued.json().codeNumber)).toMatch(/^\d+$/);
    expect(pdfText(await file(issued.json().fileId))).toContain(`Cán bộ ${a.username}: Đồng ý`);
  });
});
