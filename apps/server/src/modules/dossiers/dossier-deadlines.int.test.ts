import { execFileSync } from 'node:child_process';
import { listOutbox } from '../../platform/mail/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

const pdfText = (buf: Buffer) =>
  execFileSync('pdftotext', ['-', '-'], { input: buf }).toString('utf8').normalize('NFC');

/** Deadlines against the real 2026 calendar: Giỗ Tổ on Sunday 26/4 (Monday 27/4 off), 30/4 and 1/5. */
describe('statutory deadlines, reminders, apology letters and statistics', () => {
  let p: TestPlatform;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let specialist: Awaited<ReturnType<TestPlatform['staff']>>;
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;
  let citizen: Awaited<ReturnType<TestPlatform['citizen']>>;
  let pdf: Buffer;

  // Sessions expire on the injected clock, so log in again after every jump in time.
  const tok = (u: { username: string; password: string }) => p.login(u.username, u.password);
  const upload = async (token: string) => {
    const b = 'bnd';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    return (
      await p.app.inject({
        method: 'POST',
        url: '/api/files',
        payload,
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${b}` },
      })
    ).json().id as string;
  };
  const body = async (token: string) => ({
    procedureCode: '1.000777',
    agencyCode: 'H26',
    formData: { childName: 'Trần Bảo Ngọc', childBirthDate: '2026-04-01', childGender: 'female' },
    attachments: [
      { documentId: 'to_khai', fileId: await upload(token) },
      { documentId: 'giay_chung_sinh', fileId: await upload(token) },
    ],
  });

  beforeAll(async () => {
    p = await createTestPlatform('pglite');
    p.clock.set(new Date('2026-04-23T03:00:00Z')); // Thursday 10:00 in Hà Nội
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.000777', { processingDays: 5, onlineMode: 'partial' });
    await p.seal('H26');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    citizen = await p.citizen();
  });
  afterAll(async () => p?.close());

  it('counts 5 working days across the holidays, reminds the specialist the day before, and reschedules once', async () => {
    const { code } = (
      await p.call('POST', '/api/dossiers', {
        token: citizen.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: await body(citizen.token),
      })
    ).json();
    const act = (token: string, b: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${code}/actions`, { token, body: b });
    const received = (await act(reception.token, { action: 'receive' })).json();
    // Received Thu 23/4 10:00 → Fri 24, Tue 28, Wed 29 (27 off; 30/4, 1/5 holidays), Mon 4/5, Tue 5/5 at 17:00.
    expect(received.dueAt).toBe('2026-05-05T10:00:00.000Z');
    await act(reception.token, { action: 'assign', assigneeId: specialist.id });

    p.clock.set(new Date('2026-05-03T12:00:00Z'));
    await p.deps.jobs.runOnce(); // the reminder is due from 4/5 10:00Z
    p.clock.set(new Date('2026-05-04T10:30:00Z'));
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 100)).filter(
      (m: { to: string }) => m.to === `${specialist.username}@test.vn`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Sắp đến hạn: hồ sơ ${code}`);

    const leaderToken = await tok(leader);
    const ext = await p.call('POST', `/api/dossiers/${code}/extend`, {
      token: leaderToken,
      body: { newDueAt: '2026-05-08T10:00:00.000Z', reason: 'Chờ xác minh thông tin với cơ quan khác' },
    });
    expect(ext.json()).toMatchObject({
      dueAt: '2026-05-08T10:00:00.000Z',
      originalDueAt: '2026-05-05T10:00:00.000Z',
      extended: true,
    });
    expect(ext.json().history.at(-1)).toMatchObject({
      action: 'extend',
      note: 'Chờ xác minh thông tin với cơ quan khác',
    });
    const twice = await p.call('POST', `/api/dossiers/${code}/extend`, {
      token: leaderToken,
      body: { newDueAt: '2026-05-12T10:00:00.000Z', reason: 'Lần hai không được phép' },
    });
    expect(twice.json().code).toBe('ALREADY_EXTENDED');
    // The printed forms: receipt (Mẫu 01) and apology letter (Mẫu 04) with both dates; no refusal here.
    for (const form of ['receipt', 'apology', 'control-sheet']) {
      const pdf = await p.call('GET', `/api/dossiers/${code}/${form}.pdf`, { token: leaderToken });
      expect(pdf.statusCode, form).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain(code);
      if (form === 'apology') expect(text).toMatch(/08\/05\/2026|ngày 08 tháng 05 năm 2026/);
    }
    expect((await p.call('GET', `/api/dossiers/${code}/refusal.pdf`, { token: leaderToken })).json().code).toBe(
      'FORM_NOT_APPLICABLE',
    );
    expect((await p.call('GET', `/api/dossiers/${code}/receipt.pdf`, { token: await tok(citizen) })).statusCode).toBe(
      200,
    );
    expect(
      (await p.call('GET', `/api/dossiers/${code}/receipt.pdf`, { token: (await p.citizen()).token })).statusCode,
    ).toBe(404);
    const byCitizen = await p.call('POST', `/api/dossiers/${code}/extend`, {
      token: await tok(citizen),
      body: { newDueAt: '2026-05-12T10:00:00.000Z', reason: 'Tôi muốn gia hạn' },
    });
    expect(byCitizen.statusCode).toBe(404);

    // Finished on Monday 11/5, after the new date: overdue.
    p.clock.set(new Date('2026-05-11T03:00:00Z'));
    const [s2, l2, r2] = [await tok(specialist), await tok(leader), await tok(reception)];
    await act(s2, { action: 'submit_for_approval' });
    await act(l2, { action: 'approve' });
    const issued = await act(l2, { action: 'issue_result', resultFileId: await upload(l2) });
    expect(issued.json()).toMatchObject({ status: 'result_issued', statusCode: 9, timeliness: 'overdue' });
    expect((await act(r2, { action: 'return_result' })).json()).toMatchObject({ status: 'returned', statusCode: 10 });
  });

  it('an intake at 15:30 on a Friday counts from the next working day (the counter receives on the spot)', async () => {
    p.clock.set(new Date('2026-04-24T08:30:00Z')); // Friday 15:30
    const t = await tok(reception);
    const b = await body(t);
    const r = await p.call('POST', '/api/dossiers', {
      token: t,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { ...b, channel: 'counter', applicant: { idNumber: citizen.username, fullName: 'Nguyễn Văn Thử' } },
    });
    // Received Tue 28/4 (Mon 27 off) → Wed 29, Mon 4/5, Tue 5/5, Wed 6/5, Thu 7/5.
    expect(r.json().dueAt).toBe('2026-05-07T10:00:00.000Z');
  });

  it('declared days change deadlines: a make-up working Saturday counts', async () => {
    p.clock.set(new Date('2026-05-07T02:00:00Z')); // Thursday 9:00
    const admin = await p.staff({ roles: ['admin'] });
    expect(
      (
        await p.call('PUT', '/api/admin/calendar/2026-05-09', {
          token: admin.token,
          body: { kind: 'working_day', note: 'Làm bù' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await p.call('PUT', '/api/admin/calendar/2026-05-09', {
          token: await tok(citizen),
          body: { kind: 'day_off', note: 'Nghỉ' },
        })
      ).statusCode,
    ).toBe(403);
    const t = await tok(reception);
    const b = await body(t);
    const r = await p.call('POST', '/api/dossiers', {
      token: t,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { ...b, channel: 'counter', applicant: { idNumber: citizen.username, fullName: 'Nguyễn Văn Thử' } },
    });
    // Fri 8, Sat 9 (declared), Mon 11, Tue 12, Wed 13.
    expect(r.json().dueAt).toBe('2026-05-13T10:00:00.000Z');
    const cal = (await p.call('GET', '/api/calendar?year=2026')).json();
    expect(cal.declared).toEqual([{ date: '2026-05-09', kind: 'working_day', note: 'Làm bù' }]);
    expect(cal.holidays.map((h: { date: string }) => h.date)).toEqual(
      expect.arrayContaining(['2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']),
    );
    await p.call('DELETE', '/api/admin/calendar/2026-05-09', { token: admin.token });
  });

  it('reports Decision 766 figures to leaders of the agency only', async () => {
    const r = await p.call('GET', '/api/stats/dossiers?from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z', {
      token: await tok(leader),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().totals).toMatchObject({
      received: 3,
      online: 1,
      resolved: 1,
      overdue: 1,
      early: 0,
      onTime: 0,
      onlineShare: 1 / 3,
      onTimeShare: 0,
    });
    expect(r.json().rows[0]).toMatchObject({ agencyCode: 'H26', procedureCode: '1.000777' });
    expect(
      (await p.call('GET', '/api/stats/dossiers?from=2026-04-01&to=2026-06-01', { token: await tok(citizen) }))
        .statusCode,
    ).toBe(403);
    expect(
      (await p.call('GET', '/api/stats/dossiers?from=2026-04-01&to=2026-06-01', { token: await tok(reception) }))
        .statusCode,
    ).toBe(403);
    const other = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
    expect(
      (await p.call('GET', '/api/stats/dossiers?from=2026-04-01&to=2026-06-01', { token: other.token })).json().totals
        .received,
    ).toBe(0);
  });
});
