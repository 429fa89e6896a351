import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { makePdf, RecordingOutbox, type Signer, signingStaff, upload } from './documents.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

describe.each(DB_KINDS)('outgoing documents on %s', (kind) => {
  let p: TestPlatform;
  let outbox: RecordingOutbox;
  let specialist: Staff;
  let leader: Signer;
  let clerk: Staff;
  const year = () => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

  const act = (token: string, id: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/documents/${id}/actions`, { token, body });
  async function draft(over: Record<string, unknown> = {}, token = specialist.token) {
    const fileId = await upload(p, token, await makePdf(2));
    const r = await p.call('POST', '/api/documents', {
      token,
      body: {
        type: 'QD',
        subject: 'Quyết định phê duyệt kế hoạch chuyển đổi số',
        recipients: ['H41', 'G09'],
        fileIds: [fileId],
        ...over,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  }
  /** Draft → submit → sign: ready for the clerk. */
  async function signed(over: Record<string, unknown> = {}) {
    const id = await draft(over);
    expect((await act(specialist.token, id, { action: 'submit' })).statusCode).toBe(200);
    const s = await act(leader.token, id, {
      action: 'sign',
      signerPosition: 'Chủ tịch',
      signerCompetence: 'TM. ỦY BAN NHÂN DÂN',
      otp: leader.otp(),
    });
    expect(s.statusCode, s.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    outbox = new RecordingOutbox();
    p.documents.exchange = outbox;
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    leader = await signingStaff(p, 'H26');
    await p.seal('H26');
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it('drafts with versions and comments; the leader returns with a reason, then signs; the clerk issues 01/QĐ-UBND stamped on the PDF', async () => {
    const key = crypto.randomUUID();
    const fileId = await upload(p, specialist.token, await makePdf(1));
    const body = {
      type: 'QD',
      subject: 'Quyết định thành lập Tổ công tác chuyển đổi số',
      recipients: ['H41', 'G09'],
      fileIds: [fileId],
      urgency: 'urgent',
      dueDate: '2030-12-31',
    };
    const first = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const id = first.json().id as string;
    expect(
      (await p.call('GET', '/api/documents?box=drafts&q=to cong tac', { token: specialist.token })).json().total,
    ).toBe(1);

    const v2 = await act(specialist.token, id, {
      action: 'add_version',
      fileIds: [await upload(p, specialist.token, await makePdf(3), 'du-thao-v2.pdf')],
      note: 'Sửa theo góp ý',
    });
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    await act(leader.token, id, { action: 'comment', note: 'Bổ sung căn cứ Nghị định 30/2020/NĐ-CP' });
    expect((await act(specialist.token, id, { action: 'submit' })).json()).toMatchObject({ status: 'in_review' });
    expect((await act(leader.token, id, { action: 'return' })).json().errors[0]).toMatchObject({
      path: 'note',
      code: 'REQUIRED',
    });
    expect((await act(leader.token, id, { action: 'return', note: 'Sửa trích yếu' })).json().status).toBe('returned');
    await act(specialist.token, id, { action: 'submit' });
    expect((await act(leader.token, id, { action: 'review' })).json().status).toBe('to_sign');
    expect((await act(leader.token, id, { action: 'sign' })).json().errors[0]).toMatchObject({
      path: 'signerPosition',
      code: 'REQUIRED',
    });
    const s = (
      await act(leader.token, id, {
        action: 'sign',
        signerPosition: 'Chủ tịch',
        signerCompetence: 'TM. ỦY BAN NHÂN DÂN',
        otp: leader.otp(),
      })
    ).json();
    expect(s).toMatchObject({
      status: 'signed',
      signer: { position: 'Chủ tịch' },
      signatures: { digital: true, report: { indication: 'TOTAL_PASSED' } },
      allowedActions: ['comment'],
    });
    expect(s.signatures.report.signatures.map((x: { signer: { commonName: string } }) => x.signer.commonName)).toEqual([
      `Cán bộ ${leader.username}`,
    ]);
    expect((await p.call('GET', `/api/documents/${id}`, { token: clerk.token })).json().allowedActions).toEqual([
      'comment',
      'issue',
    ]);

    const issued = (await act(clerk.token, id, { action: 'issue' })).json();
    expect(issued).toMatchObject({
      status: 'issued',
      code: '01/QĐ-UBND',
      codeNumber: '01',
      codeNotation: 'QĐ-UBND',
      series: 'normal',
      pageCount: 3,
      allowedActions: ['comment', 'send'],
    });
    expect(issued.registerEntries).toEqual([
      expect.objectContaining({ book: 'outgoing', series: 'normal', year: year(), number: 1 }),
    ]);
    expect(issued.metadata).toMatchObject({
      TypeName: 'Quyết định (cá biệt)',
      CodeNumber: '01',
      CodeNotation: 'QĐ-UBND',
      Priority: 1,
      IssuedAmount: 2,
      DueDate: '2030-12-31',
      Language: 'vi',
    });
    expect(issued.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'add_version',
      'submit',
      'return',
      'submit',
      'review',
      'sign',
      'issue',
    ]);
    expect(issued.comments[0]).toMatchObject({ body: 'Bổ sung căn cứ Nghị định 30/2020/NĐ-CP' });

    // The number and the time are on page 1 of the issued PDF (pdftotext reads them back).
    const pdf = await p.call('GET', `/api/documents/${id}/files/${issued.fileId}`, { token: clerk.token });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'doc-'));
    writeFileSync(join(dir, 'issued.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'issued.pdf'), '-']).toString();
    expect(text).toContain('Số: 01/QĐ-UBND');
    expect(text).toMatch(/Thời gian: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
  });

  it('numbers one series per agency and year, Công văn without type, secret documents in their own series', async () => {
    const cv = await signed({ type: 'CV', subject: 'Về việc cử cán bộ tham dự tập huấn', draftingUnit: 'VP' });
    expect((await act(clerk.token, cv, { action: 'issue' })).json().code).toBe('02/UBND-VP');
    const secret = await signed({ type: 'BC', subject: 'Báo cáo tình hình an ninh trật tự', secrecy: 'secret' });
    expect((await act(clerk.token, secret, { action: 'issue' })).json()).toMatchObject({
      code: '01/BC-UBND',
      series: 'secret',
    });
    const dept = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S02' });
    const deptLeader = await signingStaff(p, 'H26.S02');
    const deptClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26.S02' });
    const fileId = await upload(p, dept.token, await makePdf());
    const id = (
      await p.call('POST', '/api/documents', {
        token: dept.token,
        body: { type: 'TB', subject: 'Thông báo lịch trực Sở Tư pháp', recipients: [], fileIds: [fileId] },
      })
    ).json().id;
    await act(dept.token, id, { action: 'submit' });
    expect(
      (await act(deptLeader.token, id, { action: 'sign', signerPosition: 'Giám đốc', otp: deptLeader.otp() }))
        .statusCode,
    ).toBe(200);
    expect((await act(deptClerk.token, id, { action: 'issue' })).json().code).toBe('01/TB-STP');
  });

  it('gives unique consecutive numbers when clerks issue at the same time, and a double click issues once', async () => {
    // Signed one after another: each signature spends the leader's next authenticator code.
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await signed({ type: 'GM', subject: `Giấy mời họp số ${i}` }));
    const codes = (await Promise.all(ids.map((id) => act(clerk.token, id, { action: 'issue' })))).map(
      (r) => r.json().codeNumber as string,
    );
    expect(new Set(codes).size).toBe(6);
    const numbers = codes.map(Number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => numbers[0]! + i));
    const one = await signed({ type: 'GM', subject: 'Giấy mời họp giao ban' });
    const [a, b] = await Promise.all([
      act(clerk.token, one, { action: 'issue' }),
      act(clerk.token, one, { action: 'issue' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await p.call('GET', `/api/documents/${one}`, { token: clerk.token })).json().registerEntries).toHaveLength(
      1,
    );
  });

  it('a failure while issuing (the seal step throws) gives the number back: nothing half-issued, no gap', async () => {
    const a = await signed({ type: 'TB', subject: 'Thông báo kết luận giao ban' });
    const b = await signed({ type: 'TB', subject: 'Thông báo lịch làm việc' });
    const before = (await act(clerk.token, a, { action: 'issue' })).json().codeNumber as string;
    const real = p.documents.signing;
    p.documents.signing = { ...real, seal: async () => Promise.reject(new Error('HSM unreachable')) };
    try {
      expect((await act(clerk.token, b, { action: 'issue' })).statusCode).toBe(500);
    } finally {
      p.documents.signing = real;
    }
    const mid = (await p.call('GET', `/api/documents/${b}`, { token: clerk.token })).json();
    expect(mid).toMatchObject({ status: 'signed', code: null, registerEntries: [] });
    expect(mid.history.map((h: { action: string }) => h.action)).not.toContain('issue');
    const after = (await act(clerk.token, b, { action: 'issue' })).json().codeNumber as string;
    expect(Number(after)).toBe(Number(before) + 1);
  });

  it('sends through the exchange outbox once; statuses come back per recipient', async () => {
    const id = await signed({ type: 'KH', subject: 'Kế hoạch cải cách hành chính năm 2026' });
    await act(clerk.token, id, { action: 'issue' });
    const before = outbox.documents.length;
    const [s1, s2] = await Promise.all([
      act(clerk.token, id, { action: 'send' }),
      act(clerk.token, id, { action: 'send' }),
    ]);
    expect([s1.statusCode, s2.statusCode].sort()).toEqual([200, 409]);
    expect(outbox.documents.length).toBe(before + 1);
    const msg = outbox.documents.at(-1)!;
    expect(msg).toMatchObject({
      localDocumentId: id,
      from: { organId: '000.00.00.H26' },
      business: { type: 'new', paper: false },
    });
    expect(msg.to.map((t) => t.organId).sort()).toEqual(['000.00.00.G09', '000.00.00.H41']);
    expect(msg.header).toMatchObject({
      codeNotation: 'KH-UBND',
      // As real senders write it (the national exchange's samples): Type 1 and SteeringType 1.
      documentType: { type: 1, typeName: 'Kế hoạch' },
      steeringType: 1,
      signerInfo: { competence: 'TM. ỦY BAN NHÂN DÂN', position: 'Chủ tịch' },
    });
    expect(msg.attachments[0]!.mediaType).toBe('application/pdf');

    const inbox = (await import('./index.js')).documentsInbox(p.documents);
    const doc = (await p.call('GET', `/api/documents/${id}`, { token: clerk.token })).json();
    const ref = {
      organId: '000.00.00.H26',
      code: doc.code,
      promulgationDate: doc.issuedDate,
      documentId: `000.00.00.H26,${doc.issuedDate.replaceAll('-', '/')},${doc.code}`,
    };
    for (const code of ['01', '03', '04'] as const) {
      await p.database.db.transaction((tx) =>
        inbox.statusArrived(tx, {
          localDocumentId: id,
          from: { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
          responseFor: ref,
          statusCode: code,
          timestamp: new Date(),
        }),
      );
    }
    await p.database.db.transaction((tx) =>
      inbox.statusArrived(tx, {
        localDocumentId: id,
        from: { organId: 'G09', organName: 'Bộ Nội vụ' },
        responseFor: ref,
        statusCode: '02',
        description: 'Sai nơi nhận',
        timestamp: new Date(),
      }),
    );
    const seen = (await p.call('GET', `/api/documents/${id}`, { token: clerk.token })).json();
    expect(seen.recipients).toEqual([
      expect.objectContaining({ agencyCode: 'G09', statusCode: '02', description: 'Sai nơi nhận' }),
      expect.objectContaining({ agencyCode: 'H41', statusCode: '04' }),
    ]);
    expect(
      seen.exchangeStatuses
        .filter((s: { agencyCode: string }) => s.agencyCode === 'H41')
        .map((s: { statusCode: string }) => s.statusCode),
    ).toEqual(['01', '03', '04']);

    const revoke = await act(clerk.token, id, { action: 'revoke', note: 'Ban hành nhầm' });
    expect(revoke.json().recipients.map((r: { state: string }) => r.state)).toEqual([
      'revoke_requested',
      'revoke_requested',
    ]);
    expect(outbox.documents.at(-1)).toMatchObject({
      business: { type: 'revoke', reason: 'Ban hành nhầm', target: ref },
    });
  });

  it('never sends a secret document: no send action, and a clear error code', async () => {
    const id = await signed({ type: 'CV', subject: 'Về việc bảo vệ bí mật nhà nước', secrecy: 'top_secret' });
    const issued = (await act(clerk.token, id, { action: 'issue' })).json();
    expect(issued.allowedActions).not.toContain('send');
    const before = outbox.documents.length;
    const r = await act(clerk.token, id, { action: 'send' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'SECRET_DOCUMENT_NOT_EXCHANGEABLE', params: { secrecy: 'top_secret' } });
    expect(outbox.documents.length).toBe(before);
  });

  it('keeps the outgoing register with the Phụ lục IV columns, exported to PDF and Excel', async () => {
    const r = await p.call('GET', `/api/registers/outgoing?year=${year()}`, { token: clerk.token });
    expect(r.statusCode).toBe(200);
    const reg = r.json();
    expect(reg.columns.map((c: { header: string }) => c.header)).toEqual([
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Người ký',
      'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu',
      'Số lượng bản',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    const first = reg.rows.find((x: { code: string }) => x.code === '01/QĐ-UBND');
    expect(first).toMatchObject({
      typeAndSubject: 'Quyết định (cá biệt): Quyết định thành lập Tổ công tác chuyển đổi số',
      signer: expect.stringContaining('TM. ỦY BAN NHÂN DÂN Chủ tịch Cán bộ'),
      copies: 3,
    });
    expect(reg.rows.find((x: { code: string }) => x.code === '01/BC-UBND').note).toContain('Sổ mật');

    const pdf = await p.call('GET', `/api/registers/outgoing/export?year=${year()}&format=pdf`, { token: clerk.token });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'reg-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString();
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain('01/QĐ-UBND');

    const xlsx = await p.call('GET', `/api/registers/outgoing/export?year=${year()}&format=xlsx`, {
      token: clerk.token,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws!.getRow(3).getCell(1).value).toBe('Số, ký hiệu văn bản');
    expect(ws!.getRow(4).getCell(1).value).toBe(reg.rows[0].code);
    expect(ws!.rowCount).toBe(3 + reg.rows.length);
  });

  it('groups documents in a record coded OrganId.year.FileNotation', async () => {
    const r = await p.call('POST', '/api/records', {
      token: clerk.token,
      body: { fileNotation: '01.TH', title: 'Hồ sơ chuyển đổi số năm nay', maintenance: '10 năm' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().code).toBe(`000.00.00.H26.${year()}.01.TH`);
    expect(
      (
        await p.call('POST', '/api/records', {
          token: clerk.token,
          body: { fileNotation: '01.TH', title: 'Trùng', maintenance: '10 năm' },
        })
      ).json().code,
    ).toBe('RECORD_CODE_TAKEN');
    expect(
      (
        await p.call('POST', '/api/records', {
          token: clerk.token,
          body: { fileNotation: '01 th', title: 'Sai', maintenance: '10 năm' },
        })
      ).json().errors[0],
    ).toMatchObject({ path: 'fileNotation', code: 'INVALID_FILE_NOTATION' });
    const id = await signed({ type: 'TTR', subject: 'Tờ trình phê duyệt đề án' });
    await act(clerk.token, id, { action: 'issue' });
    const rec = (
      await p.call('POST', `/api/records/${r.json().id}/documents`, { token: clerk.token, body: { documentId: id } })
    ).json();
    expect(rec).toMatchObject({
      docTotal: 1,
      pageTotal: 2,
      fileCode: { organId: '000.00.00.H26', fileCatalog: year(), fileNotation: '01.TH' },
    });
    expect(rec.documents[0]).toMatchObject({ ordinal: 1, typeName: 'Tờ trình' });
    expect((await p.call('GET', `/api/documents/${id}`, { token: clerk.token })).json().record.code).toBe(
      r.json().code,
    );
  });
});
