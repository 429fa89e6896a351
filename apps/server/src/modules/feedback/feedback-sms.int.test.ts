import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishProcedure } from '../../../test/factories.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { FEEDBACK_CLEAN_UPLOADS_JOB } from './feedback-contract.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

/**
 * A local HTTP server playing the SMS Brandname gateway (SpeedSMS-shaped JSON API): the operator is
 * outside our control, so the platform talks to this fake over real HTTP, with the same protocol.
 */
function fakeGateway() {
  const received: {
    headers: IncomingHttpHeaders;
    body: { to: string[]; content: string; sms_type: number; sender: string };
  }[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) });
      res.setHeader('content-type', 'application/json');
      if (failNext > 0) {
        failNext--;
        res.statusCode = 200;
        res.end(JSON.stringify({ status: 'error', code: '300', message: 'balance is not enough' }));
        return;
      }
      res.end(JSON.stringify({ status: 'success', code: '00', data: { tranId: received.length, totalSMS: 1 } }));
    });
  });
  return {
    received,
    failOnce: () => (failNext = 1),
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.php/sms/send`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
let ipSeq = 1;

describe.each(DB_KINDS)('feedback by phone (SMS) with attachments on %s', (kind) => {
  let p: TestPlatform;
  const gw = fakeGateway();
  let specialist: Staff;
  let leader: Staff;
  let otherAgency: Staff;
  let pdf: Buffer;

  /** A request from its own client address (the SMS limits count per address). */
  const inject = (url: string, body: unknown, ip = `198.51.100.${ipSeq++ % 250}`) =>
    p.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
  const smsTo = async (e164: string) => {
    await p.deps.jobs.drain();
    return gw.received.filter((m) => m.body.to[0] === e164.replace('+', ''));
  };
  const otpOf = (content: string) => /(\d{6})/.exec(content)![1]!;
  const uploadAs = (verificationId: string, token: string | undefined, bytes: Buffer, name: string) => {
    const b = `fbsms${Math.random().toString(36).slice(2)}`;
    return p.app.inject({
      method: 'POST',
      url: `/api/feedback/contact-codes/${verificationId}/files`,
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${b}`, ...(token ? { 'upload-token': token } : {}) },
    });
  };
  const body = (over: Record<string, unknown>) => ({
    contentType: 'official_conduct',
    procedureCode: '1.001193',
    title: 'Cán bộ hẹn trả kết quả quá hạn',
    text: `Tôi nộp hồ sơ từ tháng trước, cán bộ hẹn nhiều lần vẫn chưa trả kết quả ${crypto.randomUUID()}.`,
    allowPublish: true,
    ...over,
  });

  beforeAll(async () => {
    const url = await gw.start();
    p = await createTestPlatform(kind, {
      env: {
        SMS_URL: url,
        SMS_TOKEN: 'speedsms-test-token-123',
        SMS_BRANDNAME: 'UBND-TEST',
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMITS: 'feedback.ip=1000/3600,track.ip=1000/60,anonymous.ip=10000/60',
      },
    });
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193', { implementingAgencies: ['H26'] });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    otherAgency = await p.staff({ roles: ['specialist', 'leader'], agencyCode: 'H41' });
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Giay hen tra ket qua');
    pdf = Buffer.from(await doc.save());
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    await gw.close();
  });

  it('sends the one-time code by SMS through the gateway over HTTP; files with the phone however written, with a PDF; answers go by SMS', async () => {
    const c = await inject('/api/feedback/contact-codes', { phone: '0912 345 678' });
    expect(c.statusCode).toBe(201);
    const v = c.json();
    expect(v).toMatchObject({ channel: 'sms', sentTo: '0912***678' });
    const [sms] = await smsTo('+84912345678');
    expect(sms!.headers.authorization).toBe(`Basic ${Buffer.from('speedsms-test-token-123:x').toString('base64')}`);
    expect(sms!.body).toMatchObject({ to: ['84912345678'], sms_type: 3, sender: 'UBND-TEST' });
    // Brandname SMS without diacritics.
    expect(sms!.body.content).toMatch(/^Ma xac nhan gui phan anh, kien nghi: \d{6}/);
    const otp = otpOf(sms!.body.content);

    // The upload token binds files to this verification; without it, nothing is stored.
    expect((await uploadAs(v.verificationId, undefined, pdf, 'giay-hen.pdf')).statusCode).toBe(404);
    expect((await uploadAs(v.verificationId, 'wrong-token', pdf, 'giay-hen.pdf')).statusCode).toBe(404);
    const xml = await uploadAs(v.verificationId, v.uploadToken, Buffer.from('<?xml version="1.0"?><a/>'), 'a.xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    // A PDF named .png: the content decides, and it does not match the name.
    expect((await uploadAs(v.verificationId, v.uploadToken, pdf, 'anh.png')).statusCode).toBe(415);
    const up = await uploadAs(v.verificationId, v.uploadToken, pdf, 'giấy hẹn.pdf');
    expect(up.statusCode).toBe(201);
    const fileId = up.json().id as string;
    expect(up.json()).toMatchObject({ mediaType: 'application/pdf', name: 'giấy hẹn.pdf' });
    // Nobody reads it through /api/files (it belongs to the verification, not to an account).
    const someone = await p.citizen();
    expect((await p.call('GET', `/api/files/${fileId}`, { token: someone.token })).statusCode).toBe(404);
    // Another citizen cannot take it into their own filing.
    const stolen = await p.call('POST', '/api/feedback', {
      token: someone.token,
      body: body({ attachments: [fileId] }),
    });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().errors[0]).toMatchObject({ path: 'attachments.0', code: 'FILE_NOT_FOUND' });

    const r = await p.call('POST', '/api/feedback', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: body({
        contact: { name: 'Lê Văn Tám', phone: '+84 912.345.678' },
        verification: { id: v.verificationId, code: otp },
        attachments: [fileId],
      }),
    });
    expect(r.statusCode).toBe(201);
    const f = r.json();
    const filed = (await smsTo('+84912345678')).at(-1)!;
    expect(filed.body.content).toBe(
      `PAKN ${f.code} dang duoc xu ly. Xem: http://localhost:3000/phan-anh/theo-doi/${f.code}`,
    );
    // The verification is spent: no more uploads with its token.
    expect((await uploadAs(v.verificationId, v.uploadToken, pdf, 'b.pdf')).statusCode).toBe(409);

    // The agency's officer sees the attachment and the phone; another agency and the public do not.
    const staffView = (await p.call('GET', `/api/feedback/${f.code}`, { token: specialist.token })).json();
    expect(staffView.attachments).toEqual([
      { fileId, name: 'giấy hẹn.pdf', mediaType: 'application/pdf', size: pdf.length, public: false },
    ]);
    // The list and detail show the phone masked; the full number only through the audited reveal.
    expect(staffView.contactPhone).toBe('0912***678');
    expect(JSON.stringify(staffView)).not.toContain('345 678');
    const phoneReads = async () => {
      const res = await p.database.db.execute(
        sql`select actor_id, after from audit.events where action = 'feedback.contact_phone_read' and subject_id = ${f.code}`,
      );
      return (res as unknown as { rows: { actor_id: string; after: { reason: string | null } }[] }).rows;
    };
    expect(await phoneReads()).toEqual([]);
    const reveal = (token: string | undefined, reason?: string) =>
      p.call('POST', `/api/feedback/${f.code}/contact-phone`, { token, body: reason ? { reason } : {} });
    const shown = await reveal(specialist.token, 'Gọi lại để hẹn trả kết quả');
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ phone: '0912 345 678' });
    expect(shown.headers['cache-control']).toBe('private, no-store');
    expect(await phoneReads()).toEqual([{ actor_id: specialist.id, after: { reason: 'Gọi lại để hẹn trả kết quả' } }]);
    expect((await reveal(specialist.token)).statusCode).toBe(200);
    expect((await phoneReads()).length).toBe(2);
    // Another agency's officer: 404; a citizen (even the filer's neighbour): 403; no login: 401.
    expect((await reveal(otherAgency.token)).statusCode).toBe(404);
    const citizen = await p.citizen();
    const refused = await reveal(citizen.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN_ROLE');
    expect((await reveal(undefined)).statusCode).toBe(401);
    expect((await phoneReads()).length).toBe(2);
    const dl = await p.call('GET', `/api/feedback/${f.code}/attachments/${fileId}`, { token: specialist.token });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(dl.rawPayload, pdf)).toBe(0);
    expect(
      (await p.call('GET', `/api/feedback/${f.code}/attachments/${fileId}`, { token: otherAgency.token })).statusCode,
    ).toBe(404);
    expect((await p.call('GET', `/api/feedback/${f.code}/attachments/${fileId}`)).statusCode).toBe(404);
    expect(
      (await p.call('GET', `/api/feedback/${f.code}/attachments/${fileId}?token=${f.followToken}`)).statusCode,
    ).toBe(200);
    const otherView = (await p.call('GET', `/api/feedback/${f.code}`, { token: otherAgency.token })).json();
    expect(otherView.attachments).toEqual([]);
    expect(otherView.contactPhone).toBeNull();

    // Answered, approved: the answer notice goes by SMS (short, with the link), not by mail.
    expect(
      (
        await p.call('POST', `/api/feedback/${f.code}/actions`, {
          token: specialist.token,
          body: { action: 'answer', text: 'Cơ quan đã trả kết quả cho ông Tám ngày 5/12.' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await p.call('POST', `/api/feedback/${f.code}/actions`, { token: leader.token, body: { action: 'approve' } }))
        .statusCode,
    ).toBe(200);
    expect((await smsTo('+84912345678')).at(-1)!.body.content).toBe(
      `PAKN ${f.code} da co tra loi. Xem: http://localhost:3000/phan-anh/theo-doi/${f.code}`,
    );
    // Published without picking the attachment: it stays private.
    expect(
      (await p.call('POST', `/api/feedback/${f.code}/actions`, { token: leader.token, body: { action: 'publish' } }))
        .statusCode,
    ).toBe(200);
    const pub = (await p.call('GET', `/api/feedback/${f.code}`)).json();
    expect(pub.public.attachments).toEqual([]);
    expect((await p.call('GET', `/api/feedback/${f.code}/attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('publishes an attachment only when the officer picks it', async () => {
    const c = (await inject('/api/feedback/contact-codes', { phone: '0987654321' })).json();
    const otp = otpOf((await smsTo('+84987654321')).at(-1)!.body.content);
    const a = (await uploadAs(c.verificationId, c.uploadToken, pdf, 'ban-do.pdf')).json().id as string;
    const filed = await p.call('POST', '/api/feedback', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: body({
        contact: { phone: '0987654321' },
        verification: { id: c.verificationId, code: otp },
        attachments: [a],
      }),
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const f = filed.json();
    for (const [token, b] of [
      [specialist.token, { action: 'answer', text: 'Đã xử lý.' }],
      [leader.token, { action: 'approve' }],
    ] as const)
      expect((await p.call('POST', `/api/feedback/${f.code}/actions`, { token, body: b })).statusCode).toBe(200);
    const notMine = await p.call('POST', `/api/feedback/${f.code}/actions`, {
      token: leader.token,
      body: { action: 'publish', publicAttachments: ['fil_01jzzzzzzzzzzzzzzzzzzzzzzz'] },
    });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().errors[0].path).toBe('publicAttachments.0');
    expect(
      (
        await p.call('POST', `/api/feedback/${f.code}/actions`, {
          token: leader.token,
          body: { action: 'publish', publicAttachments: [a] },
        })
      ).statusCode,
    ).toBe(200);
    const pub = (await p.call('GET', `/api/feedback/${f.code}`)).json();
    expect(pub.public.attachments).toEqual([{ fileId: a, name: 'ban-do.pdf' }]);
    expect((await p.call('GET', `/api/feedback/${f.code}/attachments/${a}`)).statusCode).toBe(200);
  });

  it('takes at most 5 files per verification, even uploaded at once', async () => {
    const c = (await inject('/api/feedback/contact-codes', { phone: '0977000555' })).json();
    const r = await Promise.all(
      Array.from({ length: 7 }, (_, i) => uploadAs(c.verificationId, c.uploadToken, pdf, `tep-${i}.pdf`)),
    );
    expect(r.map((x) => x.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 409, 409]);
    expect(r.find((x) => x.statusCode === 409)!.json().code).toBe('TOO_MANY_ATTACHMENTS');
  });

  it('refuses a file over 10 MB naming the 10 MB limit, not the store’s larger one', async () => {
    const c = (await inject('/api/feedback/contact-codes', { phone: '0977000556' })).json();
    // 15 MB: over the feedback limit, under the platform store's.
    const big = Buffer.concat([pdf, Buffer.alloc(15 * 1024 * 1024 - pdf.length, 0x20)]);
    const r = await uploadAs(c.verificationId, c.uploadToken, big, 'lon.pdf');
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      detail: `Files are limited to ${10 * 1024 * 1024} bytes.`,
      params: { maxBytes: 10 * 1024 * 1024 },
    });
    // Nothing was kept for the verification: five files still fit.
    const ok = await Promise.all(
      Array.from({ length: 5 }, (_, i) => uploadAs(c.verificationId, c.uploadToken, pdf, `t-${i}.pdf`)),
    );
    expect(ok.map((x) => x.statusCode)).toEqual([201, 201, 201, 201, 201]);
  });

  it('a logged-in filer attaches own uploads of the allowed types only', async () => {
    const c = await p.citizen();
    const ok = await p.upload(c.token, pdf, 'don.pdf');
    const xml = await p.upload(c.token, Buffer.from('<?xml version="1.0"?><to-khai/>'), 'to-khai.xml');
    const bad = await p.call('POST', '/api/feedback', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: body({ attachments: [ok, xml] }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'attachments.1', code: 'FILE_TYPE_NOT_ALLOWED' });
    const r = await p.call('POST', '/api/feedback', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: body({ attachments: [ok] }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const mine = (await p.call('GET', `/api/feedback/${r.json().code}`, { token: c.token })).json();
    expect(mine.attachments.map((a: { fileId: string }) => a.fileId)).toEqual([ok]);
    expect(
      (await p.call('GET', `/api/feedback/${r.json().code}/attachments/${ok}`, { token: c.token })).statusCode,
    ).toBe(200);
  });

  it('validates Vietnamese mobile numbers, naming the field', async () => {
    for (const phone of ['0123456789', '091234567', '+1 202 555 0143', '84-91-234-567']) {
      const r = await inject('/api/feedback/contact-codes', { phone });
      expect(r.statusCode, phone).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors[0].path).toBe('phone');
    }
    const both = await inject('/api/feedback/contact-codes', { phone: '0912345670', email: 'a@example.vn' });
    expect(both.json().errors[0]).toMatchObject({ path: 'email', code: 'CONTACT_REQUIRED' });
    const none = await inject('/api/feedback/contact-codes', {});
    expect(none.json().errors[0]).toMatchObject({ path: 'email', code: 'CONTACT_REQUIRED' });
  });

  it('locks a code after 5 wrong tries (the right code then fails too); a code sent to one phone does not verify another', async () => {
    const c = (await inject('/api/feedback/contact-codes', { phone: '0356000111' })).json();
    const otp = otpOf((await smsTo('+84356000111')).at(-1)!.body.content);
    const other = await p.call('POST', '/api/feedback', {
      body: body({ contact: { phone: '0356000112' }, verification: { id: c.verificationId, code: otp } }),
    });
    expect(other.json().errors[0]).toMatchObject({ path: 'verification.code', code: 'CODE_INVALID' });
    const wrongCode = otp === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const w = await p.call('POST', '/api/feedback', {
        body: body({ contact: { phone: '0356000111' }, verification: { id: c.verificationId, code: wrongCode } }),
      });
      expect(w.json().errors[0].code).toBe('CODE_INVALID');
    }
    const locked = await p.call('POST', '/api/feedback', {
      body: body({ contact: { phone: '0356000111' }, verification: { id: c.verificationId, code: otp } }),
    });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().errors[0]).toMatchObject({ path: 'verification.code', code: 'CODE_TOO_MANY_ATTEMPTS' });
  });

  it('limits codes per phone (however written) and per client address, with 429', async () => {
    const forms = ['0388000111', '+84388000111', '84388000111', '0388 000 111', '038.800.0111', '0388-000-111'];
    const codes = [];
    for (const phone of forms) codes.push((await inject('/api/feedback/contact-codes', { phone })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const ip = '203.0.113.77';
    const fromOne = [];
    for (let i = 0; i < 11; i++)
      fromOne.push(
        (await inject('/api/feedback/contact-codes', { phone: `07${String(i).padStart(8, '0')}` }, ip)).statusCode,
      );
    expect(fromOne.slice(0, 10).every((s) => s === 201)).toBe(true);
    const last = await inject('/api/feedback/contact-codes', { phone: '0799999999' }, ip);
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBeTruthy();
  });

  it('retries an SMS the gateway refused, later, and does not log the token', async () => {
    await p.deps.jobs.drain();
    gw.failOnce();
    const before = gw.received.length;
    expect((await inject('/api/feedback/contact-codes', { phone: '0909111222' })).statusCode).toBe(201);
    await p.deps.jobs.drain();
    expect(gw.received.length).toBe(before + 1);
    const res = await p.database.db.execute(
      sql`select status, last_error from platform.jobs where name = 'platform.send-sms' and status <> 'done'`,
    );
    const rows = (res as unknown as { rows: { status: string; last_error: string }[] }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.last_error).toContain('code 300');
    expect(rows[0]!.last_error).not.toContain('speedsms-test-token');
    p.clock.advance(10 * 60_000);
    await p.deps.jobs.drain();
    expect(gw.received.length).toBe(before + 2);
    expect(gw.received.at(-1)!.body.to).toEqual(['84909111222']);
  });

  it('removes anonymous uploads never filed after FEEDBACK_UNFILED_UPLOAD_HOURS (24), not before, with their bytes unless shared; filed ones and account uploads stay', async () => {
    const fileRow = async (id: string) => {
      const res = await p.database.db.execute(sql`select id from platform.files where id = ${id}`);
      return (res as unknown as { rows: unknown[] }).rows.length === 1;
    };
    const shaOf = async (id: string) => {
      const res = await p.database.db.execute(sql`select sha256 from platform.files where id = ${id}`);
      return (res as unknown as { rows: { sha256: string }[] }).rows[0]!.sha256;
    };
    // Bytes no one else has: uploaded once, never filed.
    const own1 = await PDFDocument.create();
    own1.addPage().drawText(`Ban nhap bo di ${crypto.randomUUID()}`);
    const lonePdf = Buffer.from(await own1.save());
    const clean = async () => {
      await enqueueJob(p.database.db, FEEDBACK_CLEAN_UPLOADS_JOB, {});
      await p.deps.jobs.drain();
    };
    // Never filed.
    const a = (await inject('/api/feedback/contact-codes', { phone: '0977000601' })).json();
    const orphan = (await uploadAs(a.verificationId, a.uploadToken, lonePdf, 'bo-quen.pdf')).json().id as string;
    const loneBlob = await shaOf(orphan);
    // Filed with one of its two uploads: the other one is not attached to anything.
    const bReq = await inject('/api/feedback/contact-codes', { phone: '0977000602' });
    const b = bReq.json();
    const filedFile = (await uploadAs(b.verificationId, b.uploadToken, pdf, 'nop.pdf')).json().id as string;
    const leftOver = (await uploadAs(b.verificationId, b.uploadToken, pdf, 'thua.pdf')).json().id as string;
    const otp = otpOf((await smsTo('+84977000602')).at(-1)!.body.content);
    const filed = await p.call('POST', '/api/feedback', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: body({
        contact: { phone: '0977000602' },
        verification: { id: b.verificationId, code: otp },
        attachments: [filedFile],
      }),
    });
    expect(filed.statusCode, filed.body).toBe(201);
    // A logged-in citizen's upload, not (yet) attached to anything.
    const c = await p.citizen();
    const own = await p.upload(c.token, pdf, 'cua-toi.pdf');

    p.clock.advance(23 * 3_600_000);
    await clean();
    for (const id of [orphan, filedFile, leftOver, own]) expect(await fileRow(id), id).toBe(true);
    expect(await p.deps.files.exists(loneBlob)).toBe(true);
    const sharedBlob = await shaOf(leftOver);
    expect(await shaOf(filedFile)).toBe(sharedBlob);

    p.clock.advance(2 * 3_600_000);
    await clean();
    expect(await fileRow(orphan)).toBe(false);
    expect(await fileRow(leftOver)).toBe(false);
    expect(await fileRow(filedFile)).toBe(true);
    expect(await fileRow(own)).toBe(true);
    // The bytes only the orphan had are gone from the file store; the bytes the left-over upload
    // shares with the filed attachment (and the citizen's own upload) stay.
    expect(await p.deps.files.exists(loneBlob)).toBe(false);
    expect(await p.deps.files.exists(sharedBlob)).toBe(true);
    // The filed attachment still opens for the agency; the citizen's own upload for him (fresh
    // sessions: the clock moved a day).
    const code = filed.json().code as string;
    const officer = await p.login(specialist.username, specialist.password);
    expect((await p.call('GET', `/api/feedback/${code}/attachments/${filedFile}`, { token: officer })).statusCode).toBe(
      200,
    );
    const citizen = await p.login(c.username, c.password);
    expect((await p.call('GET', `/api/files/${own}`, { token: citizen })).statusCode).toBe(200);
    // A second run finds nothing more.
    await clean();
    expect(await fileRow(filedFile)).toBe(true);
  });
});
