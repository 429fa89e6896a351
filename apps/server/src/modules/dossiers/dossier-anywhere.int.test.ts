import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { pdfPagesText, pdfText } from '../../platform/pdf/testing.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/**
 * Decree 118/2025/NĐ-CP Art 14(2): a one-stop desk of the province receives a dossier for another
 * competent agency of the same province and hands it on; Mẫu 07, the desk's register.
 */
describe.each(DB_KINDS)('receipt regardless of administrative boundaries on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  /** Desk of phường Cửa Nam (H26.X002): receives for phường Hoàn Kiếm (H26.X001). */
  let desk: Staff;
  /** Hoàn Kiếm's own desk, leader and specialist: the competent agency. */
  let homeDesk: Staff;
  let homeLeader: Staff;
  let homeSpecialist: Staff;
  const PROCEDURE = '1.009001';

  const upload = (token: string) => p.upload(token, pdf, 'giay-to.pdf', 'application/pdf');
  async function file(by: Staff, agencyCode: string, over: Record<string, unknown> = {}) {
    return p.call('POST', '/api/dossiers', {
      token: by.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: PROCEDURE,
        agencyCode,
        channel: 'counter',
        applicant: { idNumber: '001090000123', fullName: 'Trần Thị Liên Thông', phone: '0912000111' },
        formData: { childName: 'Trần Minh Khôi', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload(by.token) },
          { documentId: 'giay_chung_sinh', fileId: await upload(by.token) },
        ],
        ...over,
      },
    });
  }
  const act = (token: string, code: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, { token, body });
  const list = async (token: string, box: string) =>
    (await p.call('GET', `/api/dossiers?box=${box}`, { token })).json().items.map((x: { code: string }) => x.code);

  beforeAll(async () => {
    // One working day for a paper dossier to reach the competent agency (the default is none).
    p = await createTestPlatform(kind, {
      env: { ONE_STOP_TRANSFER_DAYS: '1', ONE_STOP_TRANSFER_BASIS: 'Quy chế phối hợp của thành phố Hà Nội' },
    });
    // The province's seal: results of its wards are sealed with it.
    await p.seal('H26');
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const created = await p.call('POST', '/api/procedures', {
      token: admin,
      body: {
        code: PROCEDURE,
        ...buildProcedureContent({ implementingAgencies: ['H26.X001', 'H26.X002', 'H41.X001'] }),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await p.call('POST', `/api/procedures/${PROCEDURE}/publish`, { token: admin })).statusCode).toBe(200);
    [desk, homeDesk, homeLeader, homeSpecialist] = await Promise.all([
      p.staff({ roles: ['reception'], agencyCode: 'H26.X002' }),
      p.staff({ roles: ['reception'], agencyCode: 'H26.X001' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26.X001' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H26.X001' }),
    ]);
  });
  afterAll(async () => p?.close());

  it('the desk picks the competent agency from the agencies of its province that handle the procedure', async () => {
    const r = await p.call('GET', `/api/dossiers/competent-agencies?procedureCode=${PROCEDURE}`, {
      token: desk.token,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      province: 'H26',
      basis: 'Nghị định 118/2025/NĐ-CP, Điều 14 khoản 2',
      // The transfer time and its legal reference, both configured (the decree's wording was not found).
      transfer: { days: 1, basis: 'Quy chế phối hợp của thành phố Hà Nội' },
    });
    expect(r.json().items).toEqual([
      { code: 'H26.X002', name: 'Ủy ban nhân dân phường Cửa Nam', level: 'commune', own: true },
      { code: 'H26.X001', name: 'Ủy ban nhân dân phường Hoàn Kiếm', level: 'commune', own: false },
    ]);
    const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X002' });
    const wrongRole = await p.call('GET', `/api/dossiers/competent-agencies?procedureCode=${PROCEDURE}`, {
      token: specialist.token,
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('FORBIDDEN_ROLE');
    const unknown = await p.call('GET', '/api/dossiers/competent-agencies?procedureCode=9.999999', {
      token: desk.token,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'procedureCode', code: 'PROCEDURE_NOT_FOUND' });
    expect((await p.call('GET', `/api/dossiers/competent-agencies?procedureCode=${PROCEDURE}`)).statusCode).toBe(401);
  });

  it('receives for another commune of the province, records both agencies, hands it on and counts the transfer day', async () => {
    const own = await file(homeDesk, 'H26.X001');
    expect(own.statusCode, own.body).toBe(201);
    const r = await file(desk, 'H26.X001');
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().code as string;
    const d = (await p.call('GET', `/api/dossiers/${code}`, { token: desk.token })).json();
    expect(d).toMatchObject({
      agencyCode: 'H26.X001',
      receivingAgencyCode: 'H26.X002',
      resultAtReceiving: true,
      status: 'received',
      statusCode: 2,
    });
    // Received and handed on at once; the transfer is on the control sheet with its legal basis.
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'receive', 'transfer']);
    expect(d.history[2].note).toBe(
      'Ủy ban nhân dân phường Cửa Nam chuyển hồ sơ đến Ủy ban nhân dân phường Hoàn Kiếm (Nghị định 118/2025/NĐ-CP, Điều 14 khoản 2); ' +
        'thời gian chuyển hồ sơ: 1 ngày làm việc (Quy chế phối hợp của thành phố Hà Nội)',
    );
    // The receipt (Mẫu 01) is the receiving desk's; it names the competent agency and where the result is collected.
    const receipt = await p.call('GET', `/api/dossiers/${code}/receipt.pdf`, { token: desk.token });
    expect(receipt.statusCode).toBe(200);
    const receiptText = pdfText(new Uint8Array(receipt.rawPayload));
    for (const s of [
      'ỦY BAN NHÂN DÂN PHƯỜNG CỬA NAM',
      'cơ quan có thẩm quyền giải quyết: Ủy ban nhân dân phường Hoàn Kiếm',
      'Bộ phận tiếp nhận và trả kết quả, Ủy ban nhân dân phường Cửa Nam',
    ])
      expect(receiptText).toContain(s);
    // The control sheet (Mẫu 06) prints the hand-over with the transfer time and its configured reference.
    const sheet = await p.call('GET', `/api/dossiers/${code}/control-sheet.pdf`, { token: desk.token });
    expect(sheet.statusCode).toBe(200);
    expect(pdfText(new Uint8Array(sheet.rawPayload))).toContain(
      'thời gian chuyển hồ sơ: 1 ngày làm việc (Quy chế phối hợp của thành phố Hà Nội)',
    );
    // The appointment: the procedure's 3 working days, counted after the 1 working day the transfer may take.
    const received = new Date(d.receivedAt);
    expect(new Date(d.dueAt).getTime()).toBe(p.calendar.dueDate(received, 4).getTime());
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(own.json().dueAt).getTime());
    // The receiving desk reads it but does not process it.
    expect(d.allowedActions).toEqual([]);
    expect(await list(desk.token, 'forwarded')).toContain(code);
    expect(await list(desk.token, 'all')).not.toContain(code);
    const assign = await act(desk.token, code, { action: 'assign', assigneeId: homeSpecialist.id });
    expect(assign.statusCode).toBe(403);
    expect(assign.json().code).toBe('ACTION_FORBIDDEN_FOR_ROLE');
    expect((await act(desk.token, code, { action: 'refuse', note: 'Thiếu giấy tờ' })).statusCode).toBe(403);

    // The competent agency has it in its queues and processes it.
    expect(await list(homeDesk.token, 'all')).toContain(code);
    expect(await list(homeDesk.token, 'forwarded')).not.toContain(code);
    const assigned = await act(homeDesk.token, code, { action: 'assign', assigneeId: homeSpecialist.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(await list(homeSpecialist.token, 'mine')).toContain(code);
    expect((await act(homeSpecialist.token, code, { action: 'submit_for_approval' })).statusCode).toBe(200);
    expect((await act(homeLeader.token, code, { action: 'approve' })).json().status).toBe('approved');
    const issued = await act(homeLeader.token, code, {
      action: 'issue_result',
      resultFileId: await upload(homeLeader.token),
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().status).toBe('result_issued');

    // The citizen collects the result where they filed: the receiving desk hands it over.
    const seen = (await p.call('GET', `/api/dossiers/${code}`, { token: desk.token })).json();
    expect(seen.allowedActions).toEqual(['return_result']);
    const result = await p.call('GET', `/api/dossiers/${code}/files/${seen.resultFileId}`, { token: desk.token });
    expect(result.statusCode).toBe(200);
    const returned = await act(desk.token, code, { action: 'return_result' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', statusCode: 10 });
  });

  it('when the citizen collects at the competent agency, the receiving desk only reads', async () => {
    const r = await file(desk, 'H26.X001', { resultAtReceiving: false });
    expect(r.statusCode, r.body).toBe(201);
    const d = (await p.call('GET', `/api/dossiers/${r.json().code}`, { token: desk.token })).json();
    expect(d).toMatchObject({ resultAtReceiving: false, allowedActions: [] });
    // Another desk of the province, not the receiving one, does not see it at all.
    const third = await p.staff({ roles: ['reception'], agencyCode: 'H26.X003' });
    expect((await p.call('GET', `/api/dossiers/${r.json().code}`, { token: third.token })).statusCode).toBe(404);
  });

  it('a fee due before receipt: the receiving desk takes it in, takes the payment, then receives it itself', async () => {
    const FEE_PROCEDURE = '1.009002';
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const created = await p.call('POST', '/api/procedures', {
      token: admin,
      body: {
        code: FEE_PROCEDURE,
        ...buildProcedureContent({
          name: 'Thủ tục thu phí trước khi tiếp nhận',
          implementingAgencies: ['H26.X001', 'H26.X002'],
          fees: [{ label: 'Lệ phí', amount: 50_000 }],
          feeCollection: 'before',
        }),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await p.call('POST', `/api/procedures/${FEE_PROCEDURE}/publish`, { token: admin })).statusCode).toBe(200);
    const r = await file(desk, 'H26.X001', { procedureCode: FEE_PROCEDURE });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().code as string;
    const read = async (token = desk.token) =>
      (await p.call('GET', `/api/dossiers/${encodeURIComponent(code)}`, { token })).json();
    // Taken in and handed on, but not received: the fee comes first (status 6, no appointment yet).
    const before = await read();
    expect(before).toMatchObject({ status: 'submitted', statusCode: 6, receivedAt: null, dueAt: null });
    expect(before.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'transfer']);
    // Not offered while the fee is unpaid; refused with the reason if tried.
    expect(before.allowedActions).toEqual([]);
    const early = await act(desk.token, code, { action: 'receive' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'FEE_NOT_PAID']);
    // Only the receipt: the desk still cannot refuse or assign what it only took in.
    expect((await act(desk.token, code, { action: 'refuse', note: 'Thiếu giấy tờ' })).statusCode).toBe(403);

    // The applicant pays in cash at the desk where he stands (twice clicked: recorded once).
    const key = crypto.randomUUID();
    const pay = () =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/payments/desk`, {
        token: desk.token,
        headers: { 'idempotency-key': key },
        body: { method: 'cash', amount: 50_000, payerName: 'Trần Thị Liên Thông' },
      });
    const [paid, again] = await Promise.all([pay(), pay()]);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(again.json().id).toBe(paid.json().id);
    await p.deps.jobs.drain(); // the payment reaches the dossier as a fee event

    const paidView = await read();
    expect(paidView.fee, JSON.stringify(paidView)).toMatchObject({ due: false });
    expect(paidView.allowedActions).toEqual(['receive']);
    const received = await act(desk.token, code, { action: 'receive' });
    expect(received.statusCode, received.body).toBe(200);
    const after = await read();
    expect(after).toMatchObject({
      status: 'received',
      statusCode: 2,
      agencyCode: 'H26.X001',
      receivingAgencyCode: 'H26.X002',
    });
    expect(after.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'transfer',
      'fee_paid',
      'receive',
    ]);
    // The appointment counts the transfer day first, as a receipt on the spot does.
    expect(new Date(after.dueAt).getTime()).toBe(p.calendar.dueDate(new Date(after.receivedAt), 4).getTime());
    // Received once: the desk goes back to reading; the competent agency assigns it.
    expect(after.allowedActions).toEqual([]);
    expect((await act(desk.token, code, { action: 'receive' })).statusCode).toBe(403);
    expect((await read(homeDesk.token)).allowedActions).toContain('assign');
  });

  it('refuses a desk of another province, the wrong role, and an agency that does not handle the procedure', async () => {
    const nghean = await p.staff({ roles: ['reception'], agencyCode: 'H41.X001' });
    const other = await file(nghean, 'H26.X001');
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.json()).toMatchObject({
      code: 'RECEIPT_OUTSIDE_PROVINCE',
      params: { receivingProvince: 'H41', competentProvince: 'H26' },
    });
    const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26.X002' });
    expect((await file(specialist, 'H26.X001')).json().code).toBe('FORBIDDEN_ROLE');
    // A department's own desk is not a service centre: it receives for its own agency only.
    const department = await p.staff({ roles: ['reception'], agencyCode: 'H26.S01' });
    expect((await file(department, 'H26.X001')).json().code).toBe('FORBIDDEN_AGENCY');
    const notCompetent = await file(desk, 'H26.X003');
    expect(notCompetent.statusCode).toBe(422);
    expect(notCompetent.json().errors[0]).toMatchObject({ path: 'agencyCode', code: 'AGENCY_NOT_COMPETENT' });
  });

  describe('Mẫu 07, the desk register', () => {
    const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const get = (token: string | undefined, query: string) =>
      p.call('GET', `/api/dossier-register?${query}`, token ? { token } : {});

    it('lists what the desk received, its own and for other agencies, as PDF (landscape, header repeated), Excel and CSV', async () => {
      // Enough rows for the table to run over onto more pages.
      for (let i = 0; i < 30; i++) expect((await file(desk, i % 2 ? 'H26.X001' : 'H26.X002')).statusCode).toBe(201);
      const r = await get(desk.token, `from=${today()}&to=${today()}&format=pdf`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toContain(`so-theo-doi-ho-so-H26.X002-${today()}`);
      const bytes = new Uint8Array(r.rawPayload);
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBeGreaterThan(1);
      const { width, height } = doc.getPage(0).getSize();
      expect(width).toBeGreaterThan(height);
      const text = pdfText(bytes);
      for (const s of [
        'Mẫu số 07',
        'SỔ THEO DÕI HỒ SƠ',
        'Cơ quan chủ trì giải quyết',
        'Ủy ban nhân dân phường Hoàn Kiếm',
      ])
        expect(text).toContain(s.normalize('NFC'));
      expect(text).toContain('Trần Thị Liên Thông');
      expect(text).toContain('Liên thông; trả kết quả tại nơi tiếp nhận');
      // The header row is on every page.
      const pages = pdfPagesText(bytes).map((t) => t.replace(/\s+/g, ' '));
      expect(pages).toHaveLength(doc.getPageCount());
      for (const page of pages) expect(page).toContain('STT Quyển số Mã hồ sơ Tên thủ tục hành chính');

      const csv = await get(desk.token, `from=${today()}&to=${today()}&format=csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^STT,Quyển số,Mã hồ sơ,Tên thủ tục hành chính,Số lượng hồ sơ \(bộ\)/);
      // STT is the entry each dossier took in the desk's book at reception: 1..33 in order.
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
      // The three dossiers of the earlier tests received here, and these 30; not those of Hoàn Kiếm’s own desk.
      expect(lines.length - 1).toBe(33);
      expect(csv.body).toContain('0912000111');

      const xlsx = await get(desk.token, `from=${today()}&to=${today()}&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(4).getCell(1).value).toBe('STT');
      expect(ws.getRow(4).getCell(8).value).toBe('Cơ quan chủ trì giải quyết');
      expect(ws.rowCount).toBe(4 + 33);
      expect(ws.getRow(5).getCell(8).value).toBe('Ủy ban nhân dân phường Hoàn Kiếm');
      expect(ws.getRow(5).getCell(17).value).toBe('Liên thông; trả kết quả tại nơi tiếp nhận');

      // Hoàn Kiếm's desk: its own receipts, not what Cửa Nam received for it.
      const home = await get(homeDesk.token, `from=${today()}&to=${today()}&format=csv`);
      expect(
        home.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n').length - 1,
      ).toBe(1);
    });

    it('is for the desk’s own agency and roles only, and names bad fields', async () => {
      const other = await get(desk.token, `from=${today()}&to=${today()}&agency=H26.X001`);
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('FORBIDDEN_AGENCY');
      const specialist = await get(homeSpecialist.token, `from=${today()}&to=${today()}`);
      expect(specialist.statusCode).toBe(403);
      expect(specialist.json().code).toBe('FORBIDDEN_ROLE');
      expect((await get(undefined, `from=${today()}&to=${today()}`)).statusCode).toBe(401);
      const backwards = await get(desk.token, `from=2026-03-02&to=2026-03-01`);
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json().errors[0].path).toBe('to');
      const bad = await get(desk.token, `from=2026-13-40&to=2026-03-01`);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().errors[0].path).toBe('from');
      // A city leader keeps the register of a commune below it.
      const cityLeader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
      expect((await get(cityLeader.token, `from=${today()}&to=${today()}&agency=H26.X002&format=csv`)).statusCode).toBe(
        200,
      );
    });
  });
});
