import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { listOutbox } from '../../platform/mail/index.js';
import { pdfText } from '../../platform/pdf/testing.js';
import { pdf, signer } from './meetings.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Signer = Awaited<ReturnType<typeof signer>>;

const derToPem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** Written opinions (Phiếu lấy ý kiến): signed answers OpenSSL accepts, reminders, the tally that closes the round. */
describe.each(DB_KINDS)('written opinions on %s', (kind) => {
  let p: TestPlatform;
  let secretary: Staff;
  let a: Signer;
  let b: Signer;
  let c: Signer;
  let outsider: Signer;
  let requestId = '';
  const dir = mkdtempSync(join(tmpdir(), 'opinions-'));
  let rootPem = '';

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    secretary = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    [a, b, c, outsider] = [await signer(p), await signer(p), await signer(p), await signer(p)];
    rootPem = join(dir, `root-${kind}.pem`);
    writeFileSync(rootPem, derToPem(new Uint8Array((await p.call('GET', '/pki/root.crt')).rawPayload)));
  });
  afterAll(async () => p?.close());

  const ask = (token: string, body: Record<string, unknown>, key = `opr-${kind}-1`) =>
    p.call('POST', '/api/opinion-requests', { token, body, headers: { 'idempotency-key': key } });
  const answer = (u: Signer, body: Record<string, unknown>) =>
    p.call('POST', `/api/opinion-requests/${requestId}/answers`, { token: u.token, body });

  it('the secretary sends a question with papers and a deadline; 401, 403, 422 as the contract says; idempotent per key', async () => {
    const file = await p.upload(secretary.token, await pdf(2), 'du-thao-nghi-quyet.pdf', 'application/pdf');
    const body = {
      question: 'Thông qua dự thảo Nghị quyết về chính sách hỗ trợ doanh nghiệp nhỏ và vừa',
      deadline: new Date(p.clock.now().getTime() + 26 * 3_600_000).toISOString(),
      memberIds: [a.id, b.id, c.id],
      fileIds: [file],
      agencyCode: 'H26',
    };
    expect((await p.call('POST', '/api/opinion-requests', { body })).statusCode).toBe(401);
    expect((await ask('not-a-token', body)).statusCode).toBe(401);
    const citizen = await p.citizen();
    expect((await ask(citizen.token, body)).statusCode).toBe(403);
    const elsewhere = await p.staff({ roles: ['specialist'], agencyCode: 'H41' });
    expect((await ask(elsewhere.token, body)).json().code).toBe('FORBIDDEN_AGENCY');
    const past = await ask(secretary.token, { ...body, deadline: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('deadline');
    const r = await ask(secretary.token, body);
    expect(r.statusCode, r.body).toBe(201);
    const again = await ask(secretary.token, body);
    expect(again.json().id).toBe(r.json().id);
    requestId = r.json().id;
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 200)).filter((m) => m.subject.startsWith('Phiếu lấy ý kiến'));
    expect(mails.map((m) => m.to).sort()).toEqual([a, b, c].map((u) => `${u.username}@test.vn`).sort());
    expect(
      (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: outsider.token })).statusCode,
    ).toBe(404);
  });

  it('a member answers, signing with his certificate and a TOTP code: openssl cms -verify accepts the signed sheet', async () => {
    const wrong = await answer(a, { answer: 'agree', certificateId: a.certificateId, otp: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_OTP');
    expect((await answer(a, { answer: 'agree', certificateId: b.certificateId, otp: a.otp() })).statusCode).toBe(403);
    expect(
      (await answer(outsider, { answer: 'agree', certificateId: outsider.certificateId, otp: outsider.otp() }))
        .statusCode,
    ).toBe(404);
    const noText = await answer(b, { answer: 'disagree', certificateId: b.certificateId, otp: b.otp() });
    expect(noText.json().errors[0].path).toBe('text');

    const r = await answer(a, { answer: 'agree', text: 'Nhất trí', certificateId: a.certificateId, otp: a.otp() });
    expect(r.statusCode, r.body).toBe(201);
    const twice = await answer(a, { answer: 'disagree', text: 'Đổi ý', certificateId: a.certificateId, otp: a.otp() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('OPINION_ALREADY_ANSWERED');

    const files = (part: string) =>
      p.call('GET', `/api/opinion-requests/${requestId}/answers/${a.id}/${part}`, { token: secretary.token });
    const content = (await files('content')).rawPayload;
    const signature = (await files('signature')).rawPayload;
    expect(content.toString('utf8')).toContain('Ý kiến: Đồng ý');
    expect(content.toString('utf8')).toContain(a.username);
    const sheet = join(dir, `sheet-${kind}.txt`);
    const p7s = join(dir, `sheet-${kind}.p7s`);
    writeFileSync(sheet, content);
    writeFileSync(p7s, signature);
    const ok = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        p7s,
        '-content',
        sheet,
        '-CAfile',
        rootPem,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Verification successful');
    // A changed sheet fails.
    writeFileSync(sheet, Buffer.concat([content, Buffer.from('x')]));
    const bad = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        p7s,
        '-content',
        sheet,
        '-CAfile',
        rootPem,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
    // The signer is the member: his certificate is in the CMS.
    const certs = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', p7s, '-print_certs', '-noout'], {
      encoding: 'utf8',
    });
    expect(certs).toContain('subject=');
    // Another member may not fetch someone else's sheet; the member may fetch his own.
    expect(
      (await p.call('GET', `/api/opinion-requests/${requestId}/answers/${a.id}/signature`, { token: b.token }))
        .statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', `/api/opinion-requests/${requestId}/answers/${a.id}/signature`, { token: a.token }))
        .statusCode,
    ).toBe(200);
  });

  it('reminders go to who has not answered; the last answer closes the round with the result', async () => {
    // The reminder is due a day before the deadline (sessions last 8 hours: the clock moves 3).
    p.clock.advance(3 * 3_600_000);
    await p.deps.jobs.drain();
    const reminders = (await listOutbox(p.deps.db, 200)).filter((m) => m.subject.startsWith('Nhắc: phiếu lấy ý kiến'));
    expect(reminders.map((m) => m.to).sort()).toEqual([b, c].map((u) => `${u.username}@test.vn`).sort());

    const rb = await answer(b, {
      answer: 'disagree',
      text: 'Chưa đánh giá tác động ngân sách',
      certificateId: b.certificateId,
      otp: b.otp(),
    });
    expect(rb.statusCode, rb.body).toBe(201);
    let t = (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: secretary.token })).json();
    expect(t).toMatchObject({ status: 'open', asked: 3, answered: 2, agree: 1, disagree: 1 });
    const rc = await answer(c, { answer: 'agree', certificateId: c.certificateId, otp: c.otp() });
    expect(rc.statusCode, rc.body).toBe(201);
    t = (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: a.token })).json();
    expect(t).toMatchObject({ status: 'closed', result: 'agreed', answered: 3, agree: 2, disagree: 1, mine: 'agree' });
    expect(t.answers.every((x: { inTime: boolean }) => x.inTime)).toBe(true);
    // A member may fetch only his own signed sheet; who sent the question, every one.
    expect(
      t.answers.filter((x: { canDownload: boolean }) => x.canDownload).map((x: { userId: string }) => x.userId),
    ).toEqual([a.id]);
    const all = (await p.call('GET', `/api/opinion-requests/${requestId}/tally`, { token: secretary.token })).json();
    expect(all.answers.every((x: { canDownload: boolean }) => x.canDownload)).toBe(true);
    const list = (await p.call('GET', '/api/opinion-requests', { token: b.token })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: requestId, mine: 'disagree', askedMe: true })]);
    const stats = (await p.call('GET', '/api/meetings/stats', { token: secretary.token })).json();
    expect(stats).toMatchObject({ opinionsAsked: 3, opinionsAnswered: 3, opinionsInTime: 3, inTimeShare: 1 });
  });

  it('a closed session: papers are watermarked with the reader’s name, never a download', async () => {
    const chair = a;
    const created = await p.call('POST', '/api/meetings', {
      token: secretary.token,
      headers: { 'idempotency-key': `mtg-secret-${kind}` },
      body: {
        agencyCode: 'H26',
        title: 'Phiên họp chuyên đề (mật)',
        kind: 'thematic',
        startsAt: '2026-12-20T08:00:00+07:00',
        place: 'Phòng họp số 1',
        secret: true,
        chairId: chair.id,
        memberIds: [b.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const file = await p.upload(secretary.token, await pdf(1), 'bao-cao-mat.pdf', 'application/pdf');
    await p.call('POST', `/api/meetings/${id}/items`, {
      token: secretary.token,
      body: { title: 'Báo cáo', fileIds: [file] },
    });
    const paper = (await p.call('GET', `/api/meetings/${id}`, { token: b.token })).json().items[0].papers[0].id;
    const r = await p.call('GET', `/api/meetings/${id}/papers/${paper}`, { token: b.token });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-disposition']).toMatch(/^inline/);
    const text = await pdfText(new Uint8Array(r.rawPayload));
    expect(text).toContain('MẬT');
    expect(text).toContain(`Cán bộ ${b.username}`);
    expect((await p.call('GET', `/api/meetings/${id}/papers/${paper}`, { token: outsider.token })).statusCode).toBe(
      404,
    );
  });
});
