import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../platform/jobs/index.js';
import { listOutbox } from '../../platform/mail/index.js';
import { publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { FEEDBACK_CLEAN_UPLOADS_JOB } from './feedback-contract.js';
import { UNFILED_UPLOAD_MAX } from './use-cases/submit.js';

type Citizen = Awaited<ReturnType<TestPlatform['citizen']>>;

/** Bytes no one else has: a PDF with a text of its own. */
async function uniquePdf() {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(`Ban nhap ${crypto.randomUUID()}`);
  return Buffer.from(await doc.save());
}

describe.each(DB_KINDS)('feedback uploads before filing on %s', (kind) => {
  let p: TestPlatform;

  const multipart = (bytes: Buffer, name: string) => {
    const b = `fbup${Math.random().toString(36).slice(2)}`;
    return {
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
      type: `multipart/form-data; boundary=${b}`,
    };
  };
  /** `POST /api/feedback/uploads` as this bearer (or none). */
  const uploadMine = (token: string | null, bytes: Buffer, name = 'don.pdf') => {
    const m = multipart(bytes, name);
    return p.app.inject({
      method: 'POST',
      url: '/api/feedback/uploads',
      payload: m.payload,
      headers: { 'content-type': m.type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  };
  const uploadAnonymously = (verificationId: string, token: string, bytes: Buffer, name = 'anh.pdf') => {
    const m = multipart(bytes, name);
    return p.app.inject({
      method: 'POST',
      url: `/api/feedback/contact-codes/${verificationId}/files`,
      payload: m.payload,
      headers: { 'content-type': m.type, 'upload-token': token },
    });
  };
  const removeMine = (token: string | undefined, fileId: string) =>
    p.call('DELETE', `/api/feedback/uploads/${fileId}`, { token });
  const fileRow = async (id: string) => {
    const res = await p.database.db.execute(sql`select sha256 from platform.files where id = ${id}`);
    return (res as unknown as { rows: { sha256: string }[] }).rows[0] ?? null;
  };
  const body = (over: Record<string, unknown>) => ({
    contentType: 'official_conduct',
    procedureCode: '1.001193',
    title: 'Cán bộ hẹn trả kết quả quá hạn',
    text: `Tôi nộp hồ sơ từ tháng trước, cán bộ hẹn nhiều lần vẫn chưa trả kết quả ${crypto.randomUUID()}.`,
    allowPublish: false,
    ...over,
  });
  const file = (token: string | undefined, over: Record<string, unknown>) =>
    p.call('POST', '/api/feedback', { token, headers: { 'idempotency-key': crypto.randomUUID() }, body: body(over) });
  /** Past the store's minimum age of a blob it may delete (an hour), with a fresh session. */
  const later = async (c: Citizen, ms = 61 * 60_000) => {
    p.clock.advance(ms);
    return p.login(c.username, c.password);
  };
  const clean = async () => {
    await enqueueJob(p.database.db, FEEDBACK_CLEAN_UPLOADS_JOB, {});
    await p.deps.jobs.drain();
  };
  let pdf: Buffer;

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193', { implementingAgencies: ['H26'] });
    pdf = await uniquePdf();
  }, 120_000);
  afterAll(() => p?.close());

  it('a logged-in filer uploads to the form and files with it (and with his own /api/files upload); a filed file cannot be removed', async () => {
    const c = await p.citizen();
    const up = await uploadMine(c.token, pdf, 'giấy hẹn.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;
    expect(up.json()).toMatchObject({ name: 'giấy hẹn.pdf', mediaType: 'application/pdf', size: pdf.length });
    // Not his account's file: feedback keeps it for his filings.
    expect((await p.call('GET', `/api/files/${fileId}`, { token: c.token })).statusCode).toBe(404);
    const legacy = await p.upload(c.token, pdf, 'cu.pdf');
    const r = await file(c.token, { attachments: [fileId, legacy] });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().code as string;
    const mine = (await p.call('GET', `/api/feedback/${code}`, { token: c.token })).json();
    expect(mine.attachments.map((a: { fileId: string }) => a.fileId)).toEqual([fileId, legacy]);
    expect((await p.call('GET', `/api/feedback/${code}/attachments/${fileId}`, { token: c.token })).statusCode).toBe(
      200,
    );
    const refused = await removeMine(c.token, fileId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ATTACHMENT_FILED');
    expect(await fileRow(fileId)).not.toBeNull();
  });

  it('needs a login (401), is for citizens (403), and another’s upload is not found (404) to remove or to file', async () => {
    const a = await p.citizen();
    const b = await p.citizen();
    expect((await uploadMine(null, pdf)).statusCode).toBe(401);
    const staff = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    const byStaff = await uploadMine(staff.token, pdf);
    expect(byStaff.statusCode).toBe(403);
    expect(byStaff.json().code).toBe('FEEDBACK_CITIZENS_ONLY');
    const fileId = (await uploadMine(a.token, pdf)).json().id as string;
    expect((await removeMine(undefined, fileId)).statusCode).toBe(401);
    const other = await removeMine(b.token, fileId);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('FILE_NOT_FOUND');
    expect((await removeMine(b.token, 'fil_01jzzzzzzzzzzzzzzzzzzzzzzz')).statusCode).toBe(404);
    const filedByB = await file(b.token, { attachments: [fileId] });
    expect(filedByB.statusCode).toBe(422);
    expect(filedByB.json().errors[0]).toMatchObject({ path: 'attachments.0', code: 'FILE_NOT_FOUND' });
    // His own /api/files upload is his account's, not the form's: not removed from here.
    const own = await p.upload(a.token, pdf, 'tai-khoan.pdf');
    expect((await removeMine(a.token, own)).statusCode).toBe(404);
    expect(await fileRow(own)).not.toBeNull();
    expect(await fileRow(fileId)).not.toBeNull();
  });

  it('removing an upload deletes its row, then its bytes when nothing else names them (at once when old enough, else by a job)', async () => {
    const c = await p.citizen();
    // Removed at once: the row goes now; the young blob (a put of the same bytes may be in flight)
    // goes by the job an hour later.
    const bytes1 = await uniquePdf();
    const f1 = (await uploadMine(c.token, bytes1)).json().id as string;
    const sha1 = (await fileRow(f1))!.sha256;
    const gone = await removeMine(c.token, f1);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await fileRow(f1)).toBeNull();
    expect(await p.deps.files.exists(sha1)).toBe(true);
    await p.deps.jobs.drain();
    expect(await p.deps.files.exists(sha1)).toBe(true);
    let token = await later(c);
    await p.deps.jobs.drain();
    expect(await p.deps.files.exists(sha1)).toBe(false);
    expect((await removeMine(token, f1)).statusCode).toBe(404);

    // Removed after an hour: the bytes go with it.
    const bytes2 = await uniquePdf();
    const f2 = (await uploadMine(token, bytes2)).json().id as string;
    const sha2 = (await fileRow(f2))!.sha256;
    token = await later(c);
    expect((await removeMine(token, f2)).statusCode).toBe(200);
    expect(await fileRow(f2)).toBeNull();
    expect(await p.deps.files.exists(sha2)).toBe(false);

    // The same bytes are another citizen's file too: they stay, for him.
    const bytes3 = await uniquePdf();
    const other = await p.citizen();
    const theirs = await p.upload(other.token, bytes3, 'cua-nguoi-khac.pdf');
    const f3 = (await uploadMine(token, bytes3)).json().id as string;
    const sha3 = (await fileRow(f3))!.sha256;
    token = await later(c);
    expect((await removeMine(token, f3)).statusCode).toBe(200);
    expect(await fileRow(f3)).toBeNull();
    await later(c);
    await p.deps.jobs.drain();
    expect(await p.deps.files.exists(sha3)).toBe(true);
    const theirToken = await p.login(other.username, other.password);
    const dl = await p.call('GET', `/api/files/${theirs}`, { token: theirToken });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(bytes3)).toBe(true);
  });

  it(`holds at most ${UNFILED_UPLOAD_MAX} unfiled uploads per filer, even uploaded at once; removing or filing makes room`, async () => {
    const c = await p.citizen();
    const r = await Promise.all(
      Array.from({ length: UNFILED_UPLOAD_MAX + 2 }, (_, i) => uploadMine(c.token, pdf, `t-${i}.pdf`)),
    );
    const codes = r.map((x) => x.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(UNFILED_UPLOAD_MAX);
    expect(codes.filter((s) => s === 409)).toHaveLength(2);
    const over = r.find((x) => x.statusCode === 409)!.json();
    expect(over).toMatchObject({ code: 'TOO_MANY_UNFILED_UPLOADS', params: { max: UNFILED_UPLOAD_MAX } });
    const ids = r.filter((x) => x.statusCode === 201).map((x) => x.json().id as string);
    expect((await uploadMine(c.token, pdf)).statusCode).toBe(409);
    expect((await removeMine(c.token, ids[0]!)).statusCode).toBe(200);
    expect((await uploadMine(c.token, pdf)).statusCode).toBe(201);
    // Filed files no longer count.
    expect((await file(c.token, { attachments: ids.slice(1, 3) })).statusCode).toBe(201);
    expect((await uploadMine(c.token, pdf)).statusCode).toBe(201);
    expect((await uploadMine(c.token, pdf)).statusCode).toBe(201);
    expect((await uploadMine(c.token, pdf)).statusCode).toBe(409);
  });

  it('the clean-up removes a logged-in filer’s unfiled uploads after FEEDBACK_UNFILED_UPLOAD_HOURS (24), with their bytes; filed ones and account uploads stay', async () => {
    const c = await p.citizen();
    const lone = await uniquePdf();
    const unfiled = (await uploadMine(c.token, lone, 'bo-quen.pdf')).json().id as string;
    const loneBlob = (await fileRow(unfiled))!.sha256;
    const filedBytes = await uniquePdf();
    const filed = (await uploadMine(c.token, filedBytes, 'nop.pdf')).json().id as string;
    const r = await file(c.token, { attachments: [filed] });
    expect(r.statusCode, r.body).toBe(201);
    const own = await p.upload(c.token, await uniquePdf(), 'tai-khoan.pdf');

    await later(c, 23 * 3_600_000);
    await clean();
    for (const id of [unfiled, filed, own]) expect(await fileRow(id), id).not.toBeNull();

    const token = await later(c, 2 * 3_600_000);
    await clean();
    expect(await fileRow(unfiled)).toBeNull();
    expect(await p.deps.files.exists(loneBlob)).toBe(false);
    expect(await fileRow(filed)).not.toBeNull();
    expect(await fileRow(own)).not.toBeNull();
    const dl = await p.call('GET', `/api/feedback/${r.json().code}/attachments/${filed}`, { token });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(filedBytes)).toBe(true);
  });

  it('an anonymous filer removes an upload with the verification’s upload token only; a filed one stays', async () => {
    const email = `an.danh.${crypto.randomUUID().slice(0, 8)}@example.vn`;
    const v = (await p.call('POST', '/api/feedback/contact-codes', { body: { email } })).json();
    const other = (
      await p.call('POST', '/api/feedback/contact-codes', { body: { email: `khac.${crypto.randomUUID()}@example.vn` } })
    ).json();
    const a = (await uploadAnonymously(v.verificationId, v.uploadToken, await uniquePdf())).json().id as string;
    const b = (await uploadAnonymously(v.verificationId, v.uploadToken, await uniquePdf())).json().id as string;
    const remove = (verificationId: string, fileId: string, token?: string) =>
      p.call('DELETE', `/api/feedback/contact-codes/${verificationId}/files/${fileId}`, {
        headers: token ? { 'upload-token': token } : {},
      });
    for (const [vid, token] of [
      [v.verificationId, undefined],
      [v.verificationId, other.uploadToken],
      [v.verificationId, `${v.uploadToken}x`],
    ] as const) {
      const r = await remove(vid, a, token);
      expect(r.statusCode, String(token)).toBe(404);
      expect(r.json().code).toBe('VERIFICATION_NOT_FOUND');
    }
    // Another verification, with its own token, does not reach this one's file.
    const cross = await remove(other.verificationId, a, other.uploadToken);
    expect(cross.statusCode).toBe(404);
    expect(cross.json().code).toBe('FILE_NOT_FOUND');
    expect(await fileRow(a)).not.toBeNull();

    const ok = await remove(v.verificationId, a, v.uploadToken);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await fileRow(a)).toBeNull();
    expect((await remove(v.verificationId, a, v.uploadToken)).statusCode).toBe(404);

    await p.deps.jobs.drain();
    const mail = (await listOutbox(p.deps.db, 500)).find((m) => m.to === email && m.subject.startsWith('Mã xác nhận'))!;
    const otp = /(\d{6})/.exec(mail.subject)![1]!;
    // The removed file cannot be filed any more; the other one can, and then stays.
    const withRemoved = await file(undefined, {
      contact: { email },
      verification: { id: v.verificationId, code: otp },
      attachments: [b, a],
    });
    expect(withRemoved.json().errors[0]).toMatchObject({ path: 'attachments.1', code: 'FILE_NOT_FOUND' });
    const filed = await file(undefined, {
      contact: { email },
      verification: { id: v.verificationId, code: otp },
      attachments: [b],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const refused = await remove(v.verificationId, b, v.uploadToken);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ATTACHMENT_FILED');
    expect(await fileRow(b)).not.toBeNull();
  });
});
