import { and, eq, gt } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { jobs } from '../../platform/jobs/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { PORTAL_SYNC_JOB, portalSandboxToken } from './portal-sync/portal-sync.js';

/**
 * Dossier statuses reach the national portal (DVCQG codes 1–10) through a retrying outbox, over real HTTP to the
 * portal simulator: every step is sent, a portal that is down gets the status later, and nothing is sent twice
 * for one step when the job is retried.
 */
describe.each(DB_KINDS)('status sync to the national portal on %s', (kind) => {
  let p: TestPlatform;
  let base: string;
  let portal: (path: string, init?: RequestInit) => Promise<Response>;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: base, DVCQG_SYNC_SANDBOX: 'true' } });
    await p.app.listen({ port, host: '127.0.0.1' });
    const token = portalSandboxToken(p.deps.appSecret);
    portal = (path, init = {}) =>
      fetch(`${base}/sandbox/dvcqg-sync${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await p.call('POST', '/api/procedures', { token: admin, body: { code: '1.001193', ...buildProcedureContent() } });
    await p.call('POST', '/api/procedures/1.001193/publish', { token: admin });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  async function submitOnline() {
    const c = await p.citizen();
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    const attachments = [
      { documentId: 'to_khai', fileId: await p.upload(c.token, pdf, 'to-khai.pdf') },
      { documentId: 'giay_chung_sinh', fileId: await p.upload(c.token, pdf, 'giay-chung-sinh.pdf') },
    ];
    const r = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments,
      },
    });
    expect(r.statusCode).toBe(201);
    return { code: r.json().code as string, citizen: c };
  }
  const received = async (code: string) =>
    (
      (await (await portal(`/received?MaHoSo=${encodeURIComponent(code)}`)).json()) as {
        items: { message: Record<string, unknown> }[];
      }
    ).items.map((i) => i.message);

  it('sends the submission (1) and the receipt (2) with the portal field names, channel and dates', async () => {
    const { code, citizen } = await submitOnline();
    await p.deps.jobs.drain();
    const first = await received(code);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.001193',
      MaDonViTiepNhan: 'H26',
      DonViXuLy: 'Ủy ban nhân dân thành phố Hà Nội',
      TrangThai: 1,
      KenhThucHien: 2,
      SoDinhDanh: citizen.username,
      NgayNop: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
      NgayTiepNhan: null,
    });

    const act = await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, {
      token: reception.token,
      body: { action: 'receive' },
    });
    expect(act.statusCode).toBe(200);
    await p.deps.jobs.drain();
    const after = await received(code);
    expect(after.map((m) => m.TrangThai)).toEqual([1, 2]);
    expect(after[1]!.NgayTiepNhan).toEqual(expect.stringMatching(/\+07:00$/));
    expect(after[1]!.NgayHenTra).toEqual(expect.stringMatching(/\+07:00$/));
  });

  it('a portal that is down gets the status later, once, from the retried job', async () => {
    const { code } = await submitOnline();
    expect((await portal('/down', { method: 'POST', body: JSON.stringify({ calls: 2 }) })).status).toBe(200);
    await p.deps.jobs.drain();
    expect(await received(code)).toEqual([]);
    const failed = await p.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, PORTAL_SYNC_JOB), eq(jobs.status, 'pending'), gt(jobs.attempts, 0)));
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain('HTTP 503');

    // Backoff: 2 s after the first failure, 4 s after the second.
    p.clock.advance(3_000);
    await p.deps.jobs.drain();
    expect(await received(code)).toEqual([]);
    p.clock.advance(5_000);
    await p.deps.jobs.drain();
    const got = await received(code);
    expect(got.map((m) => m.TrangThai)).toEqual([1]);
    p.clock.advance(3_600_000);
    await p.deps.jobs.drain();
    expect(await received(code)).toHaveLength(1);
  });

  it('the simulator refuses a wrong token and a message without its fields, as the portal would', async () => {
    const wrong = await fetch(`${base}/sandbox/dvcqg-sync/CapNhatTrangThai`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const bad = await portal('/CapNhatTrangThai', {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: 'x', TrangThai: 11 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/MaHoSo.*MaTTHC.*TrangThai/);
  });

  it('a dossier received across boundaries names the receiving centre and the competent agency', async () => {
    // Decree 118/2025 Art 14(2) (reported): phường Cửa Nam's desk receives for phường Hoàn Kiếm.
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const created = await p.call('POST', '/api/procedures', {
      token: admin,
      body: { code: '1.009001', ...buildProcedureContent({ implementingAgencies: ['H26.X001', 'H26.X002'] }) },
    });
    expect(created.statusCode, created.body).toBe(201);
    await p.call('POST', '/api/procedures/1.009001/publish', { token: admin });
    const desk = await p.staff({ roles: ['reception'], agencyCode: 'H26.X002' });
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    const upload = () => p.upload(desk.token, pdf, 'giay-to.pdf', 'application/pdf');
    const r = await p.call('POST', '/api/dossiers', {
      token: desk.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.009001',
        agencyCode: 'H26.X001',
        channel: 'counter',
        applicant: { idNumber: '001090000123', fullName: 'Trần Thị Liên Thông', phone: '0912000111' },
        formData: { childName: 'Trần Minh Khôi', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload() },
          { documentId: 'giay_chung_sinh', fileId: await upload() },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().code as string;
    await p.deps.jobs.drain();
    // What the simulated portal recorded: the receiving centre's code, the competent agency's name.
    const got = await received(code);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.009001',
      MaDonViTiepNhan: 'H26.X002',
      DonViXuLy: 'Ủy ban nhân dân phường Hoàn Kiếm',
      KenhThucHien: 1,
      TrangThai: 2,
    });
    expect(code.startsWith('H26.X002-')).toBe(true);
    // A message that does not say who received it is refused, as the portal would.
    const { MaDonViTiepNhan: _drop, ...rest } = got[0]!;
    const bad = await portal('/CapNhatTrangThai', { method: 'POST', body: JSON.stringify(rest) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('Dữ liệu không hợp lệ: MaDonViTiepNhan');
  });

  it('a portal URL without its token stops the start, naming the setting', () => {
    expect(() => loadConfig({ DVCQG_SYNC_URL: 'https://dichvucong.gov.vn/sync' })).toThrow(/DVCQG_SYNC_TOKEN/);
  });
});
