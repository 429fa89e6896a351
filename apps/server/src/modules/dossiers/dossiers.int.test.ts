import { sql } from 'drizzle-orm';
import { listOutbox } from '../../platform/mail/index.js';
import { pdfText } from '../../platform/pdf/testing.js';
import pino from 'pino';
import { JobRunner } from '../../platform/jobs/index.js';
import { registerMailJob } from '../../platform/mail/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, buildProcedureContent, fileAtCounter, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

describe.each(DB_KINDS)('dossiers on %s', (kind) => {
  let p: TestPlatform;
  let pdf: Buffer;
  let reception: Awaited<ReturnType<TestPlatform['staff']>>;
  let specialist: Awaited<ReturnType<TestPlatform['staff']>>;
  let leader: Awaited<ReturnType<TestPlatform['staff']>>;

  const upload = (token: string, name = 'giay-to.pdf') => p.upload(token, pdf, name, 'application/pdf');
  const formData = { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' };
  async function submit(token: string, over: Record<string, unknown> = {}, key = crypto.randomUUID()) {
    const attachments = over.attachments ?? [
      { documentId: 'to_khai', fileId: await upload(token) },
      { documentId: 'giay_chung_sinh', fileId: await upload(token) },
    ];
    return p.call('POST', '/api/dossiers', {
      token,
      headers: { 'idempotency-key': key },
      body: { procedureCode: '1.001193', agencyCode: 'H26', formData, ...over, attachments },
    });
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    pdf = await blankPdf();
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193');
    await publishProcedure(p, admin, '1.000894', {
      name: 'Thủ tục chỉ nộp trực tiếp',
      onlineMode: 'none',
      channels: ['counter'],
    });
    await p.call('POST', '/api/procedures', {
      token: admin,
      body: { code: '1.000895', ...buildProcedureContent({ name: 'Thủ tục chưa công bố' }) },
    });
    // The province's seal: results of its units are sealed with it (wards have none in this test).
    await p.seal('H26');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S02' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
  });
  afterAll(async () => p?.close());

  it('a citizen submits online; the same Idempotency-Key replays the answer and creates nothing new', async () => {
    const c = await p.citizen();
    const key = crypto.randomUUID();
    const first = await submit(c.token, {}, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      code: expect.stringMatching(/^000\.00\.00\.H26-\d{6}-\d{4}$/),
      status: 'submitted',
      statusCode: 1,
    });
    const attachments = (await p.call('GET', `/api/dossiers/${first.json().code}`, { token: c.token }))
      .json()
      .attachments.map((a: { documentId: string; fileId: string }) => ({ documentId: a.documentId, fileId: a.fileId }));
    const again = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': key },
      body: { procedureCode: '1.001193', agencyCode: 'H26', formData, attachments },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await p.call('GET', '/api/dossiers?mine=true', { token: c.token })).json().total).toBe(1);
    const changed = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': key },
      body: { procedureCode: '1.001193', agencyCode: 'H26', formData: { ...formData, childName: 'Khác' }, attachments },
    });
    expect(changed.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const noKey = await p.call('POST', '/api/dossiers', {
      token: c.token,
      body: { procedureCode: '1.001193', agencyCode: 'H26', formData, attachments },
    });
    expect(noKey.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('a double click (the same Idempotency-Key sent five times at once) files one dossier and answers each request with it', async () => {
    const c = await p.citizen();
    const key = crypto.randomUUID();
    const attachments = [
      { documentId: 'to_khai', fileId: await upload(c.token) },
      { documentId: 'giay_chung_sinh', fileId: await upload(c.token) },
    ];
    const body = { procedureCode: '1.001193', agencyCode: 'H26', formData, attachments };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        p.call('POST', '/api/dossiers', { token: c.token, headers: { 'idempotency-key': key }, body }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const codes = new Set(answers.map((a) => a.json().code));
    expect(codes.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    const mine = (await p.call('GET', '/api/dossiers?mine=true', { token: c.token })).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0].code).toBe([...codes][0]);
  });

  it('refuses bad form data and missing documents naming each field, unpublished and offline procedures with 409', async () => {
    const c = await p.citizen();
    const bad = await submit(c.token, { formData: { childName: 'A', childGender: 'other' }, attachments: [] });
    expect(bad.statusCode).toBe(422);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'formData.childName',
        'formData.childBirthDate',
        'formData.childGender',
        'attachments.to_khai',
        'attachments.giay_chung_sinh',
      ]),
    );
    expect(bad.json().errors.find((e: { path: string }) => e.path === 'attachments.to_khai').code).toBe(
      'REQUIRED_DOCUMENT_MISSING',
    );
    const someoneElsesFile = await upload((await p.citizen()).token);
    const stolen = await submit(c.token, {
      attachments: [
        { documentId: 'to_khai', fileId: someoneElsesFile },
        { documentId: 'giay_chung_sinh', fileId: someoneElsesFile },
      ],
    });
    expect(stolen.json().errors[0]).toMatchObject({ path: 'attachments.0.fileId', code: 'FILE_NOT_FOUND' });
    expect((await submit(c.token, { procedureCode: '1.000894' })).json().code).toBe('PROCEDURE_NOT_ONLINE');
    expect((await submit(c.token, { procedureCode: '1.000895' })).json().code).toBe('PROCEDURE_NOT_PUBLISHED');
    expect((await submit(c.token, { agencyCode: 'H41' })).json().errors[0]).toMatchObject({
      path: 'agencyCode',
      code: 'AGENCY_NOT_COMPETENT',
    });
  });

  it('walks the workflow to a returned result, with deadlines, history, allowed actions and e-mails', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    const seen = await p.call('GET', `/api/dossiers/${code}`, { token: reception.token });
    expect(seen.json()).toMatchObject({
      status: 'submitted',
      allowedActions: ['receive', 'request_supplement', 'refuse'],
      dueAt: null,
    });
    expect((await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json().allowedActions).toEqual([
      'withdraw',
    ]);

    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, { token, body });
    const received = await act(reception.token, { action: 'receive' });
    expect(received.json()).toMatchObject({ status: 'received', statusCode: 2 });
    expect(new Date(received.json().dueAt).getTime()).toBeGreaterThan(Date.now());
    expect((await act(leader.token, { action: 'approve' })).statusCode).toBe(409);
    // A specialist of the agency cannot assign (403); one of a department, not yet assigned, sees nothing (404).
    const ownSpecialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    expect((await act(ownSpecialist.token, { action: 'assign', assigneeId: specialist.id })).statusCode).toBe(403);
    expect((await act(specialist.token, { action: 'assign', assigneeId: specialist.id })).statusCode).toBe(404);
    const badAssignee = await act(reception.token, { action: 'assign', assigneeId: leader.id });
    expect(badAssignee.json().errors[0]).toMatchObject({ path: 'assigneeId', code: 'ASSIGNEE_NOT_ELIGIBLE' });
    expect((await act(reception.token, { action: 'assign', assigneeId: specialist.id })).json().status).toBe(
      'processing',
    );
    expect(
      (await p.call('GET', '/api/dossiers?box=mine', { token: specialist.token }))
        .json()
        .items.map((x: { code: string }) => x.code),
    ).toContain(code);
    const other = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S02' });
    expect((await act(other.token, { action: 'submit_for_approval' })).statusCode).toBe(404); // not the assignee: not even visible
    expect((await act(specialist.token, { action: 'submit_for_approval' })).json().status).toBe('pending_approval');
    expect((await act(leader.token, { action: 'return_to_specialist' })).statusCode).toBe(422); // note required
    expect(
      (await act(leader.token, { action: 'return_to_specialist', note: 'Bổ sung thông tin cha' })).json().status,
    ).toBe('processing');
    await act(specialist.token, { action: 'submit_for_approval' });
    expect((await act(leader.token, { action: 'approve' })).json().status).toBe('approved');
    const result = await upload(leader.token, 'giay-khai-sinh.pdf');
    const issued = await act(leader.token, { action: 'issue_result', resultFileId: result });
    // Full online: the result goes back electronically at once.
    // The result returned is the uploaded PDF sealed with the agency's seal: a new file.
    expect(issued.json()).toMatchObject({
      status: 'returned',
      statusCode: 10,
      resultFileId: expect.stringMatching(/^fil_/),
      timeliness: 'early',
    });
    expect(issued.json().resultFileId).not.toBe(result);
    const mine = (await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json();
    expect(mine.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'receive',
      'assign',
      'submit_for_approval',
      'return_to_specialist',
      'submit_for_approval',
      'approve',
      'issue_result',
      'return_result',
    ]);
    expect(mine.history[4]).toMatchObject({
      note: 'Bổ sung thông tin cha',
      actorName: expect.stringContaining('Cán bộ'),
    });
    expect((await act(c.token, { action: 'withdraw' })).statusCode).toBe(409);
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 100)).filter(
      (m: { to: string; subject: string }) => m.to === c.email && m.subject.includes(code),
    );
    expect(mails.length).toBeGreaterThanOrEqual(8);
  });

  it('seals the result with the agency seal; the applicant and the agency download the dossier files, nobody else', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, { token, body });
    await act(reception.token, { action: 'receive' });
    await act(reception.token, { action: 'assign', assigneeId: specialist.id });
    await act(specialist.token, { action: 'submit_for_approval' });
    await act(leader.token, { action: 'approve' });
    // Only a PDF can carry the seal.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
      'hex',
    );
    const boundary = 'b' + crypto.randomUUID();
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ket-qua.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const pngId = (
      await p.app.inject({
        method: 'POST',
        url: '/api/files',
        payload,
        headers: {
          authorization: `Bearer ${leader.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      })
    ).json().id;
    const notPdf = await act(leader.token, { action: 'issue_result', resultFileId: pngId });
    expect(notPdf.statusCode).toBe(422);
    expect(notPdf.json().errors[0]).toMatchObject({ path: 'resultFileId', code: 'RESULT_NOT_PDF' });
    const result = await upload(leader.token, 'giay-khai-sinh.pdf');
    const d = (await act(leader.token, { action: 'issue_result', resultFileId: result })).json();
    const url = (fileId: string) => `/api/dossiers/${encodeURIComponent(code)}/files/${fileId}`;
    const download = await p.call('GET', url(d.resultFileId), { token: c.token });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const report = await p.signing.validateBytes(new Uint8Array(download.rawPayload));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.signer?.commonName).toBe('Ủy ban nhân dân thành phố Hà Nội');
    expect(report.signatures[0]!.timestamp?.valid).toBe(true);
    // The agency's staff open the applicant's attachments; that read of personal data is audited.
    const attachment = d.attachments[0].fileId;
    expect((await p.call('GET', url(attachment), { token: reception.token })).statusCode).toBe(200);
    const admin = await p.staff({ roles: ['admin'] });
    const audit = (
      await p.call('GET', `/api/audit/events?action=dossier.file_viewed&subjectId=${encodeURIComponent(code)}`, {
        token: admin.token,
      })
    ).json();
    expect(
      audit.items.some(
        (e: { actorId: string; after: { fileId: string } }) =>
          e.actorId === reception.id && e.after.fileId === attachment,
      ),
    ).toBe(true);
    // Nobody else: another citizen, another province's officer, no login; and no file outside the dossier.
    expect((await p.call('GET', url(attachment), { token: (await p.citizen()).token })).statusCode).toBe(404);
    expect(
      (
        await p.call('GET', url(attachment), {
          token: (await p.staff({ roles: ['reception'], agencyCode: 'H41' })).token,
        })
      ).statusCode,
    ).toBe(404);
    expect((await p.call('GET', url(attachment))).statusCode).toBe(401);
    const elsewhere = await upload(c.token, 'khac.pdf');
    expect((await p.call('GET', url(elsewhere), { token: c.token })).json().code).toBe('FILE_NOT_FOUND');

    // Without a usable seal (the province's is revoked) the result cannot be issued: 409, and the dossier stays approved.
    const second = (await submit(c.token)).json().code as string;
    const act2 = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(second)}/actions`, { token, body });
    await act2(reception.token, { action: 'receive' });
    await act2(reception.token, { action: 'assign', assigneeId: specialist.id });
    await act2(specialist.token, { action: 'submit_for_approval' });
    await act2(leader.token, { action: 'approve' });
    const seals = (await p.call('GET', '/api/pki/certificates?owner=H26', { token: admin.token }))
      .json()
      .items.filter((x: { profile: string; status: string }) => x.profile === 'seal' && x.status === 'active');
    for (const s of seals)
      expect(
        (
          await p.call('POST', `/api/pki/certificates/${s.id}/revoke`, {
            token: admin.token,
            body: { reason: 'superseded' },
          })
        ).statusCode,
      ).toBe(200);
    const refused = await act2(leader.token, {
      action: 'issue_result',
      resultFileId: await upload(leader.token, 'kq.pdf'),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SEAL_CERTIFICATE_MISSING');
    expect((await p.call('GET', `/api/dossiers/${second}`, { token: c.token })).json().status).toBe('approved');
    await p.seal('H26');
  });

  it('keeps dossiers private: another citizen and another agency get 404; the public lookup shows no personal data', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    expect((await p.call('GET', `/api/dossiers/${code}`, { token: (await p.citizen()).token })).statusCode).toBe(404);
    const naOfficer = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
    expect((await p.call('GET', `/api/dossiers/${code}`, { token: naOfficer.token })).statusCode).toBe(404);
    expect(
      (await p.call('POST', `/api/dossiers/${code}/actions`, { token: naOfficer.token, body: { action: 'receive' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', '/api/dossiers?box=reception', { token: naOfficer.token }))
        .json()
        .items.map((d: { code: string }) => d.code),
    ).not.toContain(code);
    expect(
      (await p.call('GET', '/api/dossiers?box=reception', { token: reception.token }))
        .json()
        .items.map((d: { code: string }) => d.code),
    ).toContain(code);
    const pub = await p.call('GET', `/api/public/dossiers/${code}?idDigits=${c.username.slice(-4)}`);
    expect(Object.keys(pub.json()).sort()).toEqual([
      'code',
      'dueAt',
      'procedureName',
      'status',
      'statusCode',
      'statusLabel',
    ]);
    expect(JSON.stringify(pub.json())).not.toContain('Nguyễn Văn Thử');
    expect((await p.call('GET', '/api/dossiers/000.00.00.H26-990101-0001', { token: c.token })).statusCode).toBe(404);
  });

  it("searches ignoring diacritics, by name or code fragment, within the officer's agency, with a true total", async () => {
    const c = await p.citizen();
    const codes = [(await submit(c.token)).json().code as string, (await submit(c.token)).json().code as string];
    const search = (token: string, q: string, page = 1) =>
      p
        .call('GET', `/api/dossiers?q=${encodeURIComponent(q)}&pageSize=1&page=${page}`, { token })
        .then((r) => r.json());
    // Every test citizen is "Nguyễn Văn Thử"; the code fragment narrows to one of this citizen's dossiers.
    const byName = await search(reception.token, 'nguyen van thu');
    expect(byName.items).toHaveLength(1);
    expect(byName.total).toBeGreaterThanOrEqual(2);
    const byCode = await search(reception.token, codes[1]!.slice(-11));
    expect(byCode).toMatchObject({ total: 1, items: [{ code: codes[1], applicantName: 'Nguyễn Văn Thử' }] });
    // Past the last page: no items, and still the true total.
    expect(await search(reception.token, codes[1]!.slice(-11), 3)).toMatchObject({ total: 1, items: [] });
    const mine = await search(c.token, 'NGUYỄN văn thử');
    expect(mine.total).toBe(2);
    const naOfficer = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
    expect(await search(naOfficer.token, codes[1]!.slice(-11))).toMatchObject({ total: 0, items: [] });
  });

  it('a supplement request pauses the dossier; the citizen resubmits; receipt restarts the clock', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${code}/actions`, { token, body });
    await act(reception.token, { action: 'receive' });
    const sup = await act(reception.token, {
      action: 'request_supplement',
      note: 'Thiếu bản sao giấy đăng ký kết hôn',
    });
    expect(sup.json()).toMatchObject({ status: 'supplement_requested', statusCode: 5, allowedActions: [] });
    expect((await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json().allowedActions).toEqual([
      'resubmit',
      'withdraw',
    ]);
    const file = await upload(c.token, 'dang-ky-ket-hon.pdf');
    const re = await act(c.token, { action: 'resubmit', fileIds: [file] });
    expect(re.json().status).toBe('submitted');
    expect(re.json().attachments.map((a: { documentId: string }) => a.documentId)).toContain('supplement');
    p.clock.advance(3600_000);
    const again = await act(reception.token, { action: 'receive' });
    expect(new Date(again.json().receivedAt).getTime()).toBeGreaterThan(new Date(sup.json().receivedAt).getTime());
  });

  it('the head of the agency stops processing (status 8) with reasons; the notice is Mẫu 05 of TT 03/2025', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${code}/actions`, { token, body });
    const stop = { action: 'stop_processing', note: 'Người nộp không bổ sung giấy tờ trong thời hạn quy định.' };
    expect((await act(leader.token, stop)).statusCode).toBe(409); // not received yet: nothing to stop
    await act(reception.token, { action: 'receive' });
    expect((await act(reception.token, stop)).statusCode).toBe(403); // the desk cannot decide it
    expect((await act(leader.token, { action: 'stop_processing' })).statusCode).toBe(422); // the reasons are required
    const other = await p.staff({ roles: ['leader'], agencyCode: 'H01' });
    expect((await act(other.token, stop)).statusCode).toBe(404); // another province's leader does not see it
    const stopped = await act(leader.token, stop);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'stopped', statusCode: 8, allowedActions: [] });
    const seen = (await p.call('GET', `/api/dossiers/${code}`, { token: c.token })).json();
    expect(seen).toMatchObject({ statusCode: 8, allowedActions: [] });
    expect(seen.finishedAt).toEqual(expect.any(String));
    expect(seen.timeliness).toBeNull(); // ended without a result: not early, on time or late
    expect(seen.printouts).toContain('stop-notice');
    const pdf = await p.call('GET', `/api/dossiers/${code}/stop-notice.pdf`, { token: c.token });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(new Uint8Array(pdf.rawPayload));
    // The stage it was stopped in (received, not yet assigned); no fee on this procedure, so no fee line.
    for (const s of [
      'Mẫu số 05',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      code,
      stop.note,
      'Giai đoạn giải quyết tại thời điểm dừng: Đã tiếp nhận.',
    ])
      expect(text).toContain(s.normalize('NFC'));
    expect(text).not.toContain('Phí, lệ phí của hồ sơ');
    // Still received but not stopped: the notice does not apply.
    const { code: open } = (await submit(c.token)).json();
    expect((await p.call('GET', `/api/dossiers/${open}/stop-notice.pdf`, { token: c.token })).statusCode).toBe(409);
  });

  it('a desk officer files at the counter for a walk-in citizen: received on the spot, visible to that citizen once verified', async () => {
    const c = await p.citizen();
    const files = [await upload(reception.token), await upload(reception.token)];
    const r = await fileAtCounter(p, reception.token, {
      attachments: [
        { documentId: 'to_khai', fileId: files[0] },
        { documentId: 'giay_chung_sinh', fileId: files[1] },
      ],
      applicant: { idNumber: c.username, fullName: 'Nguyễn Văn Thử' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'received', statusCode: 2, dueAt: expect.any(String) });
    // A self-declared account does not see it (ADR 0015); verified at the desk, it does.
    expect((await p.call('GET', '/api/dossiers?mine=true', { token: c.token })).json().total).toBe(0);
    await p.verifyAtDesk(c);
    expect(
      (await p.call('GET', '/api/dossiers?mine=true', { token: c.token }))
        .json()
        .items.map((d: { code: string }) => d.code),
    ).toContain(r.json().code);
    const citizenAtCounter = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData,
        attachments: [],
        channel: 'counter',
        applicant: { idNumber: c.username, fullName: 'X Y' },
      },
    });
    expect(citizenAtCounter.statusCode).toBe(403);
  });

  it('a crash between "dossier saved" and "e-mail sent" loses neither: the mail job commits with the dossier', async () => {
    const c = await p.citizen();
    const { code } = (await submit(c.token)).json();
    // The process "dies" before any worker runs: the dossier and its notification are both in the database.
    const pending = await p.deps.db.execute(
      sql`select payload from platform.jobs where name = 'platform.send-mail' and status = 'pending'`,
    );
    const forIt = (pending as unknown as { rows: { payload: { to: string; subject: string } }[] }).rows.filter(
      (r) => r.payload.to === c.email && r.payload.subject.includes(code),
    );
    expect(forIt).toHaveLength(1);
    // A new worker (after the restart) delivers it exactly once.
    const runner = new JobRunner(p.deps.db, p.clock, pino({ level: 'silent' }), { pollMs: 10 });
    registerMailJob(runner, p.deps.mail);
    await runner.drain();
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 100)).filter(
      (m: { to: string; subject: string }) => m.to === c.email && m.subject.includes(code),
    );
    expect(mails).toHaveLength(1);
  });

  it('numbers concurrent submissions uniquely and consecutively for the agency and day', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => p.citizen()));
    const bodies = await Promise.all(
      users.map(async (u) => ({ u, files: [await upload(u.token), await upload(u.token)] })),
    );
    const rs = await Promise.all(
      bodies.map(({ u, files }) =>
        p.call('POST', '/api/dossiers', {
          token: u.token,
          headers: { 'idempotency-key': crypto.randomUUID() },
          body: {
            procedureCode: '1.001193',
            agencyCode: 'H26.S02',
            formData,
            attachments: [
              { documentId: 'to_khai', fileId: files[0] },
              { documentId: 'giay_chung_sinh', fileId: files[1] },
            ],
          },
        }),
      ),
    );
    const codes = rs.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(6);
    const seqs = codes.map((c) => Number(c.split('-').pop())).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
