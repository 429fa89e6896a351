import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import type { ExchangeInbox } from '../exchange/index.js';
import { arrival, makePdf, RecordingOutbox, upload } from './documents.test-support.js';
import { documentsInbox } from './index.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

describe.each(DB_KINDS)('incoming documents on %s', (kind) => {
  let p: TestPlatform;
  let outbox: RecordingOutbox;
  let inbox: ExchangeInbox;
  let clerk: Staff;
  let leader: Staff;
  let handler: Staff;
  let n = 0;
  const act = (token: string, id: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/documents/${id}/actions`, { token, body });
  const get = (token: string, id: string) => p.call('GET', `/api/documents/${id}`, { token });
  /** Exchange stores the attachment, then calls documentArrived in its own transaction. */
  async function arrive(o: Partial<Parameters<typeof arrival>[0]> = {}) {
    const packageId = o.packageId ?? `pkg_in_${kind}_${++n}`;
    // The sender's issued PDF carries its seal (PAdES), as an issued document does.
    const fileId = await upload(
      p,
      clerk.token,
      Buffer.from(await p.signing.sealPdf('H41', await makePdf(2), { visible: true })),
      'den.pdf',
    );
    const msg = arrival({
      packageId,
      recipient: '000.00.00.H26',
      fileId,
      documentId: `000.00.00.H41,2026/03/02,${n}/UBND-VP`,
      ...o,
    });
    const { localDocumentId } = await p.database.db.transaction((tx) => inbox.documentArrived(tx, msg));
    return { id: localDocumentId, packageId, msg };
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    outbox = new RecordingOutbox();
    p.documents.exchange = outbox;
    inbox = documentsInbox(p.documents);
    await p.seal('H41');
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    handler = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S02' });
  });
  afterAll(async () => p?.close());

  it('an arrival lands in the inbox once and keeps its signature report (exchange answers 01); the sender sees 03, 04, 05, 06 as it is handled', async () => {
    const { id, packageId, msg } = await arrive();
    const again = await p.database.db.transaction((tx) => inbox.documentArrived(tx, msg));
    expect(again.localDocumentId).toBe(id);
    expect(outbox.codesFor(packageId)).toEqual([]);
    const d = (await get(clerk.token, id)).json();
    expect(d).toMatchObject({
      direction: 'incoming',
      status: 'arrived',
      source: 'exchange',
      code: '15/UBND-VP',
      typeName: 'Công văn',
      urgency: 'urgent',
      urgent: true,
      senderName: 'Ủy ban nhân dân tỉnh Nghệ An',
      signer: { competence: 'KT. CHỦ TỊCH' },
    });
    // The package's seal as the exchange checked it, and the attached PDF's own signatures validated now.
    expect(d.signatures).toMatchObject({
      digital: true,
      packageReport: { indication: 'TOTAL_PASSED' },
      report: { indication: 'TOTAL_PASSED', mediaType: 'application/pdf' },
    });
    expect(d.signatures.report.signatures.map((x: { signer: { commonName: string } }) => x.signer.commonName)).toEqual([
      'Ủy ban nhân dân tỉnh Nghệ An',
    ]);
    expect(new Date(d.registerDueAt).getTime()).toBeGreaterThan(new Date(d.arrivedAt).getTime());
    expect(d.allowedActions).toEqual(['comment', 'register', 'reject']);
    const listed = (
      await p.call('GET', '/api/documents?box=incoming&q=xuc tien dau tu', { token: clerk.token })
    ).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(
      (await p.call('GET', '/api/documents?box=tasks', { token: clerk.token }))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(id);

    const reg = (await act(clerk.token, id, { action: 'register' })).json();
    expect(reg).toMatchObject({ status: 'registered', arrivalNumber: expect.any(Number) });
    expect(reg.metadata).toMatchObject({
      ArrivalNumber: reg.arrivalNumber,
      ArrivalDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect((await act(clerk.token, id, { action: 'register' })).statusCode).toBe(409);

    const bad = await act(leader.token, id, {
      action: 'assign',
      leadUnit: 'H41.S02',
      handlerId: clerk.id,
      supportingUnits: ['G09'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'leadUnit:UNIT_NOT_IN_AGENCY',
      'handlerId:HANDLER_NOT_ELIGIBLE',
      'supportingUnits.0:UNIT_NOT_IN_AGENCY',
    ]);
    const assigned = (
      await act(leader.token, id, {
        action: 'assign',
        leadUnit: 'H26.S02',
        handlerId: handler.id,
        supportingUnits: ['H26.S03'],
        handlingDueDate: '2030-01-15',
      })
    ).json();
    expect(assigned).toMatchObject({
      status: 'assigned',
      leadUnit: 'H26.S02',
      handlerId: handler.id,
      supportingUnits: ['H26.S03'],
      handlingDueDate: '2030-01-15',
    });

    // The handler works in a department: the document reaches them through the assignment.
    expect(
      (await p.call('GET', '/api/documents?box=tasks', { token: handler.token }))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(id);
    expect((await get(handler.token, id)).json().allowedActions).toEqual(['comment', 'progress', 'complete']);
    expect((await act(handler.token, id, { action: 'progress' })).json().errors[0]).toMatchObject({
      path: 'note',
      code: 'REQUIRED',
    });
    await act(handler.token, id, { action: 'progress', note: 'Đã dự thảo văn bản trả lời' });
    await act(handler.token, id, { action: 'progress', note: 'Đang xin ý kiến Sở Nội vụ' });
    const done = (await act(handler.token, id, { action: 'complete', note: 'Đã trả lời bằng Công văn 12/STP' })).json();
    expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    expect(outbox.codesFor(packageId)).toEqual(['03', '04', '05', '06']);
    expect(done.exchangeStatuses.map((s: { statusCode: string }) => s.statusCode)).toEqual([
      '01',
      '03',
      '04',
      '05',
      '06',
    ]);
    expect(done.history.map((h: { action: string }) => h.action)).toEqual([
      'arrive',
      'register',
      'assign',
      'progress',
      'progress',
      'complete',
    ]);
  });

  it('arrival numbers run per agency and year; the incoming register has the Phụ lục IV columns', async () => {
    const a = await arrive();
    const b = await arrive();
    const na = (await act(clerk.token, a.id, { action: 'register' })).json().arrivalNumber;
    const nb = (await act(clerk.token, b.id, { action: 'register' })).json().arrivalNumber;
    expect(nb).toBe(na + 1);
    const reg = (await p.call('GET', '/api/registers/incoming', { token: leader.token })).json();
    expect(reg.columns.map((c: { header: string }) => c.header)).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số, ký hiệu',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Đơn vị hoặc người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(reg.rows.find((r: { documentId: string }) => r.documentId === b.id)).toMatchObject({
      arrivalNumber: nb,
      author: 'Ủy ban nhân dân tỉnh Nghệ An',
      code: '15/UBND-VP',
      date: '02/03/2026',
      note: 'Điện tử; Khẩn',
    });
  });

  it('the clerk rejects with a reason (02); a paper document with its scan is registered too', async () => {
    const { id, packageId } = await arrive();
    expect((await act(clerk.token, id, { action: 'reject' })).json().errors[0]).toMatchObject({
      path: 'note',
      code: 'REQUIRED',
    });
    expect((await act(clerk.token, id, { action: 'reject', note: 'Gửi nhầm nơi nhận' })).json().status).toBe(
      'rejected',
    );
    expect(outbox.statuses.filter((s) => s.packageId === packageId).at(-1)).toMatchObject({
      statusCode: '02',
      description: 'Gửi nhầm nơi nhận',
    });

    const scan = await upload(p, clerk.token, await makePdf(3), 'ban-quet.pdf');
    const paper = await p.call('POST', '/api/documents/incoming', {
      token: clerk.token,
      body: {
        type: 'CV',
        subject: 'Về việc đề nghị cung cấp thông tin',
        senderName: 'Công ty Cổ phần Demo',
        fileIds: [scan],
        pageCount: 3,
      },
    });
    expect(paper.statusCode, paper.body).toBe(201);
    const before = outbox.statuses.length;
    const reg = (await act(clerk.token, paper.json().id, { action: 'register' })).json();
    expect(reg).toMatchObject({ status: 'registered', source: 'paper', arrivalNumber: expect.any(Number) });
    expect(outbox.statuses.length).toBe(before); // nothing to tell: it did not come through the exchange
    const png = await upload(
      p,
      clerk.token,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
      'anh.png',
    );
    const notPdf = await p.call('POST', '/api/documents/incoming', {
      token: clerk.token,
      body: { type: 'CV', subject: 'Văn bản quét dạng ảnh', senderName: 'Ai đó', fileIds: [png] },
    });
    expect(notPdf.json().errors[0]).toMatchObject({ path: 'fileIds.0', code: 'SCAN_NOT_PDF' });
  });

  it('a revoke from the sender waits for the clerk: agree (15) revokes, refuse (16) keeps; a replacement arrives as a new document', async () => {
    const first = await arrive();
    await act(clerk.token, first.id, { action: 'register' });
    const revokeFile = await upload(p, clerk.token, await makePdf(1));
    const revoke = arrival({
      packageId: `pkg_rv_${kind}`,
      recipient: '000.00.00.H26',
      fileId: revokeFile,
      business: {
        type: 'revoke',
        reason: 'Ban hành nhầm',
        target: {
          organId: '000.00.00.H41',
          code: '15/UBND-VP',
          promulgationDate: '2026-03-02',
          documentId: first.msg.documentId,
        },
      },
    });
    const r = await p.database.db.transaction((tx) => inbox.documentArrived(tx, revoke));
    expect(r.localDocumentId).toBe(first.id);
    const pending = (await get(clerk.token, first.id)).json();
    expect(pending.pendingChange).toMatchObject({
      type: 'revoke',
      reason: 'Ban hành nhầm',
      packageId: `pkg_rv_${kind}`,
    });
    expect(pending.allowedActions).toEqual(expect.arrayContaining(['accept_change', 'refuse_change']));
    const agreed = (await act(clerk.token, first.id, { action: 'accept_change' })).json();
    expect(agreed).toMatchObject({ status: 'revoked', pendingChange: null });
    expect(outbox.codesFor(`pkg_rv_${kind}`)).toEqual(['15']);

    const second = await arrive();
    const replacement = arrival({
      packageId: `pkg_rp_${kind}`,
      recipient: '000.00.00.H26',
      fileId: revokeFile,
      subject: 'Về việc phối hợp (thay thế)',
      business: {
        type: 'replace',
        reason: 'Sửa ngày họp',
        target: {
          organId: '000.00.00.H41',
          code: '15/UBND-VP',
          promulgationDate: '2026-03-02',
          documentId: second.msg.documentId,
        },
      },
    });
    const rr = await p.database.db.transaction((tx) => inbox.documentArrived(tx, replacement));
    expect(rr.localDocumentId).not.toBe(second.id);
    expect((await get(clerk.token, rr.localDocumentId)).json()).toMatchObject({
      status: 'arrived',
      supersedesId: second.id,
      subject: 'Về việc phối hợp (thay thế)',
    });
    expect((await act(clerk.token, second.id, { action: 'refuse_change' })).json().errors[0]).toMatchObject({
      path: 'note',
    });
    expect(
      (await act(clerk.token, second.id, { action: 'refuse_change', note: 'Đã xử lý xong' })).json(),
    ).toMatchObject({ status: 'arrived', pendingChange: null });
    expect(outbox.codesFor(`pkg_rp_${kind}`)).toEqual(['16']);

    // The sender takes one back with a status 13 instead of a package.
    const third = await arrive();
    await p.database.db.transaction((tx) =>
      inbox.statusArrived(tx, {
        packageId: third.packageId,
        from: third.msg.from,
        responseFor: {
          organId: '000.00.00.H41',
          code: '15/UBND-VP',
          promulgationDate: '2026-03-02',
          documentId: third.msg.documentId,
        },
        statusCode: '13',
        description: 'Thu hồi',
        timestamp: new Date(),
      }),
    );
    expect((await get(clerk.token, third.id)).json().pendingChange).toMatchObject({
      type: 'revoke',
      reason: 'Thu hồi',
    });
  });
});
