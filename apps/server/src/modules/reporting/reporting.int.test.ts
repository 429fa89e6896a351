import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../platform/mail/index.js';
import { vnIsoDate } from '../../platform/time/vn-time.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

const template = {
  indicators: [
    { code: 'C01', name: 'Số hồ sơ tiếp nhận', unit: 'hồ sơ', type: 'integer', aggregation: 'sum', required: true },
    { code: 'C02', name: 'Số hồ sơ trực tuyến', unit: 'hồ sơ', type: 'integer', aggregation: 'sum', required: true },
    {
      code: 'C03',
      name: 'Tỷ lệ trực tuyến',
      unit: '%',
      type: 'percent',
      aggregation: 'sum',
      formula: 'C02 / C01 * 100',
    },
    { code: 'C04', name: 'Mức độ hài lòng', unit: '%', type: 'percent', aggregation: 'avg', weightBy: 'C01' },
  ],
  sections: [{ code: 'S1', title: 'Đánh giá chung' }],
  rules: [{ left: 'C02', op: '<=', right: 'C01', message: 'Số hồ sơ trực tuyến không vượt quá số tiếp nhận' }],
};

describe.each(DB_KINDS)('report regimes and obligations on %s', (kind) => {
  let p: TestPlatform;
  let g22Admin: Staff;
  let g22Leader: Staff;
  let h26Leader: Staff;
  let h26Spec: Staff;
  let x1Spec: Staff;
  let x1Leader: Staff;
  let x2Spec: Staff;
  let x2Leader: Staff;
  let citizen: string;
  const ids: Record<string, string> = {};

  const put = (id: string, token: string, body: unknown) =>
    p.call('PUT', `/api/report-obligations/${id}`, { token, body });
  const act = (id: string, token: string, body: unknown, headers?: Record<string, string>) =>
    p.call('POST', `/api/report-obligations/${id}/actions`, { token, body, headers });
  const relogin = async (s: Staff) => ({ ...s, token: await p.login(s.username, s.password) });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    // Today is before the December cut-off (the 14th): the period is open, nobody is late yet.
    p.clock.set(new Date('2026-12-07T03:00:00Z'));
    g22Admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    g22Leader = await p.staff({ roles: ['leader'], agencyCode: 'G22' });
    h26Leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    h26Spec = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    x1Spec = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X001' });
    x1Leader = await p.staff({ roles: ['leader'], agencyCode: 'H26.X001' });
    x2Spec = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X002' });
    x2Leader = await p.staff({ roles: ['leader'], agencyCode: 'H26.X002' });
    citizen = (await p.citizen()).token;
  }, 120_000);
  afterAll(() => p?.close());

  const regime = {
    code: 'BC-TTHC',
    name: 'Báo cáo tình hình giải quyết thủ tục hành chính',
    legalBasis: 'Nghị định 09/2019/NĐ-CP; Thông tư 01/2020/TT-VPCP',
    periodicity: 'month',
    deadlineDays: 2,
    reportingRoot: 'H26',
    reportingLevels: ['province', 'commune'],
    receivingAgency: 'G22',
    template,
    // This file walks the workflow without signatures (reporting-signing.int.test.ts signs).
    signatureRequired: false,
  };

  it('defines a regime: login, role and a template that names what is wrong', async () => {
    expect((await p.call('POST', '/api/report-regimes', { body: regime })).statusCode).toBe(401);
    expect((await p.call('POST', '/api/report-regimes', { token: x1Spec.token, body: regime })).statusCode).toBe(403);
    expect((await p.call('POST', '/api/report-regimes', { token: citizen, body: regime })).statusCode).toBe(403);
    const bad = await p.call('POST', '/api/report-regimes', {
      token: g22Admin.token,
      body: {
        ...regime,
        template: {
          ...template,
          indicators: [...template.indicators, { ...template.indicators[2], code: 'C05', formula: 'C09 * 2' }],
        },
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'template.indicators.4.formula', code: 'UNKNOWN_INDICATOR' }),
    ]);
    // A province's administrator cannot make the Government Office a receiver.
    const h26Admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const notMine = await p.call('POST', '/api/report-regimes', { token: h26Admin.token, body: regime });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().errors[0]).toMatchObject({ path: 'receivingAgency', code: 'NOT_YOUR_AGENCY' });

    const r = await p.call('POST', '/api/report-regimes', { token: g22Admin.token, body: regime });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ code: 'BC-TTHC', periodicity: 'month', receivingAgency: 'G22' });
    expect((await p.call('POST', '/api/report-regimes', { token: g22Admin.token, body: regime })).statusCode).toBe(409);
  });

  it('opens a period once: one obligation per province and commune, due N working days after the cut-off', async () => {
    expect(
      (
        await p.call('POST', '/api/report-regimes/BC-TTHC/periods', {
          token: g22Admin.token,
          body: { period: '2026-Q4' },
        })
      ).json(),
    ).toMatchObject({ errors: [expect.objectContaining({ path: 'period', code: 'PERIOD_MISMATCH' })] });
    const r = await p.call('POST', '/api/report-regimes/BC-TTHC/periods', {
      token: g22Admin.token,
      body: { period: '2026-M12' },
    });
    expect(r.statusCode).toBe(200);
    // H26 and its four communes H26.X001–X004; its departments (H26.S0x) do not report.
    expect(r.json().opened).toBe(5);
    // 14/12/2026 is a Monday: two working days later is Wednesday 16/12.
    expect(vnIsoDate(new Date(r.json().dueAt))).toBe('2026-12-16');
    const again = await p.call('POST', '/api/report-regimes/BC-TTHC/periods', {
      token: g22Admin.token,
      body: { period: '2026-M12' },
    });
    expect(again.json().opened).toBe(0);

    const all = (
      await p.call('GET', '/api/report-obligations?regime=BC-TTHC&period=2026-M12', { token: g22Leader.token })
    ).json();
    expect(all.total).toBe(5);
    for (const o of all.items) ids[o.agencyCode] = o.id;
    const byAgency = Object.fromEntries(
      all.items.map((o: { agencyCode: string; receiverCode: string }) => [o.agencyCode, o.receiverCode]),
    );
    expect(byAgency).toEqual({
      H26: 'G22',
      'H26.X001': 'H26',
      'H26.X002': 'H26',
      'H26.X003': 'H26',
      'H26.X004': 'H26',
    });
    expect(all.items[0]).toMatchObject({ periodFrom: '2026-11-15', periodTo: '2026-12-14', status: 'open' });
  });

  it('lists what an agency owes or receives, and nothing of others', async () => {
    expect((await p.call('GET', '/api/report-obligations')).statusCode).toBe(401);
    expect((await p.call('GET', '/api/report-obligations', { token: citizen })).statusCode).toBe(403);
    const mine = (await p.call('GET', '/api/report-obligations', { token: x1Spec.token })).json();
    expect(mine.items.map((o: { agencyCode: string }) => o.agencyCode)).toEqual(['H26.X001']);
    const province = (await p.call('GET', '/api/report-obligations?period=2026-M12', { token: h26Spec.token })).json();
    expect(province.total).toBe(5);
    expect(
      (await p.call('GET', `/api/report-obligations/${ids['H26.X002']}`, { token: x1Spec.token })).statusCode,
    ).toBe(404);
    const other = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
    expect((await p.call('GET', '/api/report-obligations', { token: other.token })).json().total).toBe(0);
    expect((await p.call('GET', `/api/report-obligations/${ids.H26}`, { token: other.token })).statusCode).toBe(404);
  });

  it('fills a report: values validated by type and rule, errors name the indicator; only its own agency', async () => {
    const id = ids['H26.X001']!;
    expect((await put(id, x1Spec.token, { values: { C01: 1.5 } })).json().errors[0]).toMatchObject({
      path: 'values.C01',
      code: 'NOT_A_WHOLE_NUMBER',
    });
    expect((await put(id, x1Spec.token, { values: { C03: 50 } })).json().errors[0]).toMatchObject({
      code: 'COMPUTED_INDICATOR',
    });
    expect((await put(id, x1Spec.token, { values: { C01: 3, C02: 4 } })).json().errors[0]).toMatchObject({
      path: 'values.C02',
      code: 'RULE_VIOLATED',
    });
    expect((await put(id, x2Spec.token, { values: { C01: 3 } })).statusCode).toBe(404);
    expect((await put(id, h26Spec.token, { values: { C01: 3 } })).statusCode).toBe(403);
    // Submitting an incomplete report names the missing indicator.
    expect((await act(id, x1Leader.token, { action: 'submit' })).json().errors[0]).toMatchObject({
      path: 'values.C01',
      code: 'REQUIRED',
    });
    const ok = await put(id, x1Spec.token, {
      values: { C01: 120, C02: 90, C04: 80 },
      texts: { S1: 'Hoàn thành đúng hạn.' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().values).toEqual({ C01: 120, C02: 90, C03: 75, C04: 80 });
    // A stale version is refused, not silently overwritten.
    expect((await put(id, x1Spec.token, { values: { C01: 121 }, version: 1 })).statusCode).toBe(409);
  });

  it('submits once: a specialist may not, a retry with the same key answers the same, a second submit is 409', async () => {
    const id = ids['H26.X001']!;
    expect((await act(id, x1Spec.token, { action: 'submit' })).statusCode).toBe(403);
    const key = { 'idempotency-key': `submit-${id}` };
    const a = await act(id, x1Leader.token, { action: 'submit' }, key);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ status: 'submitted', late: false });
    const b = await act(id, x1Leader.token, { action: 'submit' }, key);
    expect(b.json()).toEqual(a.json());
    expect((await act(id, x1Leader.token, { action: 'submit' })).statusCode).toBe(409);
    const events = (await p.call('GET', `/api/report-obligations/${id}`, { token: x1Spec.token })).json().events;
    expect(events.filter((e: { action: string }) => e.action === 'submitted')).toHaveLength(1);
    expect((await put(id, x1Spec.token, { values: { C01: 1 } })).statusCode).toBe(409);
  });

  it('after the deadline the others are flagged late and reminded; a late submission stays late', async () => {
    p.clock.set(new Date('2026-12-17T02:00:00Z'));
    await p.deps.jobs.drain();
    x2Spec = await relogin(x2Spec);
    x2Leader = await relogin(x2Leader);
    h26Leader = await relogin(h26Leader);
    h26Spec = await relogin(h26Spec);
    g22Leader = await relogin(g22Leader);
    x1Leader = await relogin(x1Leader);
    const x2 = (await p.call('GET', `/api/report-obligations/${ids['H26.X002']}`, { token: x2Spec.token })).json();
    expect(x2).toMatchObject({ late: true, overdue: true });
    expect(x2.events.map((e: { action: string }) => e.action)).toContain('reminded');
    const mails = (await listOutbox(p.deps.db, 500)).filter((m) => m.to === `${x2Leader.username}@test.vn`);
    expect(mails.some((m) => m.subject.startsWith('Quá hạn gửi báo cáo'))).toBe(true);
    const x1 = (await p.call('GET', `/api/report-obligations/${ids['H26.X001']}`, { token: x1Leader.token })).json();
    expect(x1.late).toBe(false);

    expect((await put(ids['H26.X002']!, x2Spec.token, { values: { C01: 30, C02: 6, C04: 40 } })).statusCode).toBe(200);
    const s = await act(ids['H26.X002']!, x2Leader.token, { action: 'submit' });
    expect(s.json()).toMatchObject({ status: 'submitted', late: true });
    const late = (
      await p.call('GET', '/api/report-obligations?late=true&period=2026-M12', { token: h26Leader.token })
    ).json();
    expect(late.items.map((o: { agencyCode: string }) => o.agencyCode).sort()).toEqual([
      'H26',
      'H26.X002',
      'H26.X003',
      'H26.X004',
    ]);
  });

  it('the receiver accepts or returns with a comment; the reporting agency cannot decide its own', async () => {
    expect((await act(ids['H26.X001']!, x1Leader.token, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(ids['H26.X001']!, g22Leader.token, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(ids['H26.X001']!, h26Leader.token, { action: 'return' })).json().errors[0]).toMatchObject({
      path: 'comment',
    });
    expect((await act(ids['H26.X001']!, h26Leader.token, { action: 'accept' })).json().status).toBe('accepted');
    const ret = await act(ids['H26.X002']!, h26Spec.token, {
      action: 'return',
      comment: 'Số hồ sơ trực tuyến chưa khớp sổ theo dõi.',
    });
    expect(ret.json()).toMatchObject({
      status: 'returned',
      returnComment: 'Số hồ sơ trực tuyến chưa khớp sổ theo dõi.',
    });
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 500)).filter((m) => m.to === `${x2Spec.username}@test.vn`);
    expect(mails.some((m) => m.subject.startsWith('Báo cáo bị trả lại'))).toBe(true);
    expect((await put(ids['H26.X002']!, x2Spec.token, { values: { C02: 9 } })).json().values).toMatchObject({
      C01: 30,
      C02: 9,
    });
    expect((await act(ids['H26.X002']!, x2Leader.token, { action: 'submit' })).json()).toMatchObject({
      status: 'submitted',
      late: true,
    });
    expect((await act(ids['H26.X002']!, h26Leader.token, { action: 'accept' })).json().status).toBe('accepted');
    expect((await act(ids['H26.X002']!, h26Leader.token, { action: 'accept' })).statusCode).toBe(409);
  });

  it('aggregates accepted values up the tree; the sum equals a count by hand', async () => {
    // The province files its own figures and the Government Office accepts them.
    expect((await put(ids.H26!, h26Spec.token, { values: { C01: 50, C02: 25, C04: 60 } })).statusCode).toBe(200);
    expect((await act(ids.H26!, h26Leader.token, { action: 'submit' })).json().status).toBe('submitted');
    const province = (
      await p.call('GET', '/api/reports/aggregate?regime=BC-TTHC&period=2026-M12&scope=H26', { token: h26Leader.token })
    ).json();
    // Before the Government Office accepts H26's own report, only the two communes count.
    expect(province.agencies).toEqual(['H26.X001', 'H26.X002']);
    expect(province.values.C01).toBe(120 + 30);
    expect((await act(ids.H26!, g22Leader.token, { action: 'accept' })).json().status).toBe('accepted');

    const national = (
      await p.call('GET', '/api/reports/aggregate?regime=BC-TTHC&period=2026-M12', { token: g22Leader.token })
    ).json();
    const c01 = 120 + 30 + 50;
    const c02 = 90 + 9 + 25;
    expect(national.values).toEqual({
      C01: c01,
      C02: c02,
      C03: Math.round((c02 / c01) * 100 * 10_000) / 10_000,
      // Weighted by C01: (120·80 + 30·40 + 50·60) / 200.
      C04: (120 * 80 + 30 * 40 + 50 * 60) / c01,
    });
    expect(national.reports).toEqual({ expected: 5, accepted: 3, submitted: 0, open: 2, late: 4 });
    const one = (
      await p.call('GET', '/api/reports/aggregate?regime=BC-TTHC&period=2026-M12&scope=H26.X001', {
        token: x1Leader.token,
      })
    ).json();
    expect(one.values.C01).toBe(120);
    expect(
      (
        await p.call('GET', '/api/reports/aggregate?regime=BC-TTHC&period=2026-M12&scope=H26', {
          token: x1Leader.token,
        })
      ).statusCode,
    ).toBe(403);
    expect((await p.call('GET', '/api/reports/aggregate?regime=BC-TTHC&period=2026-M12')).statusCode).toBe(401);
  });

  it('exports a report to Excel in the template layout and reads a filled one back, errors named by cell', async () => {
    const id = ids['H26.X003']!;
    const x3 = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X003' });
    const ex = await p.call('GET', `/api/report-obligations/${id}/xlsx`, { token: x3.token });
    expect(ex.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ex.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('A6').value).toBe('C01');
    expect(ws.getCell('B7').value).toBe('Số hồ sơ trực tuyến');
    expect((ws.getCell('C8').value as { formula: string }).formula).toBe('IFERROR(C7 / C6 * 100,"")');
    const upload = async (w: ExcelJS.Workbook) =>
      p.app.inject({
        method: 'PUT',
        url: `/api/report-obligations/${id}/xlsx`,
        headers: {
          authorization: `Bearer ${x3.token}`,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        payload: Buffer.from(await w.xlsx.writeBuffer()),
      });
    ws.getCell('C6').value = 40;
    ws.getCell('C7').value = 'mười';
    const bad = await upload(wb);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'C7', code: 'NOT_A_NUMBER' })]);
    ws.getCell('C7').value = 50;
    const rule = await upload(wb);
    expect(rule.json().errors).toEqual([expect.objectContaining({ path: 'C7', code: 'RULE_VIOLATED' })]);
    ws.getCell('C7').value = 10;
    ws.getCell('C10').value = null;
    const sectionRow = [...Array(20).keys()].map((i) => i + 1).find((n) => ws.getCell(`A${n}`).value === 'S1')!;
    ws.getCell(`C${sectionRow}`).value = 'Nhập từ Excel';
    const ok = await upload(wb);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ values: { C01: 40, C02: 10, C03: 25 }, texts: { S1: 'Nhập từ Excel' } });
    const other = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X004' });
    expect((await p.call('GET', `/api/report-obligations/${id}/xlsx`, { token: other.token })).statusCode).toBe(404);
  });
});
