import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { makePdf, RecordingOutbox, signingStaff, upload } from './documents.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/** Every endpoint: not logged in (401), wrong role (403), wrong agency (404 or 403); bad input names the field (422). */
describe.each(DB_KINDS)('documents access on %s', (kind) => {
  let p: TestPlatform;
  let specialist: Staff;
  let clerk: Staff;
  let otherClerk: Staff;
  let otherLeader: Staff;
  let citizen: Awaited<ReturnType<TestPlatform['citizen']>>;
  let docId = '';
  let fileId = '';
  let recordId = '';

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    p.documents.exchange = new RecordingOutbox();
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    otherClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H41' });
    otherLeader = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
    citizen = await p.citizen();
    fileId = await upload(p, specialist.token, await makePdf());
    docId = (
      await p.call('POST', '/api/documents', {
        token: specialist.token,
        body: { type: 'CV', subject: 'Về việc kiểm tra quyền truy cập', recipients: ['H41'], fileIds: [fileId] },
      })
    ).json().id;
    recordId = (
      await p.call('POST', '/api/records', {
        token: clerk.token,
        body: { fileNotation: '02.KT', title: 'Hồ sơ kiểm tra', maintenance: '5 năm' },
      })
    ).json().id;
  });
  afterAll(async () => p?.close());

  const endpoints = () => [
    { method: 'GET' as const, url: '/api/document-types' },
    {
      method: 'POST' as const,
      url: '/api/documents',
      body: { type: 'CV', subject: 'Văn bản thử nghiệm', recipients: [], fileIds: [fileId] },
    },
    {
      method: 'POST' as const,
      url: '/api/documents/incoming',
      body: { type: 'CV', subject: 'Văn bản giấy thử', senderName: 'Bộ Nội vụ', fileIds: [fileId] },
    },
    { method: 'GET' as const, url: '/api/documents?box=outgoing' },
    { method: 'GET' as const, url: '/api/documents/assignees?unit=H26' },
    { method: 'GET' as const, url: `/api/documents/${docId}` },
    { method: 'POST' as const, url: `/api/documents/${docId}/actions`, body: { action: 'comment', note: 'Ý kiến' } },
    { method: 'GET' as const, url: `/api/documents/${docId}/files/${fileId}` },
    { method: 'GET' as const, url: '/api/registers/outgoing' },
    { method: 'GET' as const, url: '/api/registers/incoming/export?format=xlsx' },
    { method: 'GET' as const, url: '/api/document-settings' },
    { method: 'PUT' as const, url: '/api/document-settings/H26', body: { abbreviation: 'UBND', place: 'Hà Nội' } },
    {
      method: 'POST' as const,
      url: '/api/records',
      body: { fileNotation: '03.KT', title: 'Hồ sơ', maintenance: '5 năm' },
    },
    { method: 'GET' as const, url: '/api/records' },
    { method: 'GET' as const, url: `/api/records/${recordId}` },
    { method: 'POST' as const, url: `/api/records/${recordId}/documents`, body: { documentId: docId } },
  ];

  it('answers 401 on every endpoint without a login', async () => {
    for (const e of endpoints()) {
      const r = await p.call(e.method, e.url, { body: e.body });
      expect(r.statusCode, `${e.method} ${e.url}`).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 403 to a citizen on every endpoint except the public reference list', async () => {
    for (const e of endpoints().slice(1)) {
      const r = await p.call(e.method, e.url, { token: citizen.token, body: e.body });
      expect(r.statusCode, `${e.method} ${e.url}`).toBe(403);
    }
  });

  it('refuses the wrong role for each role-bound action', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        clerk.token,
        'POST /api/documents',
        { type: 'CV', subject: 'Văn thư không soạn', recipients: [], fileIds: [fileId] },
        'FORBIDDEN_ROLE',
      ],
      [
        specialist.token,
        'POST /api/documents/incoming',
        { type: 'CV', subject: 'Chuyên viên không vào sổ', senderName: 'Bộ Nội vụ', fileIds: [fileId] },
        'FORBIDDEN_ROLE',
      ],
      [specialist.token, 'GET /api/registers/outgoing', {}, 'FORBIDDEN_ROLE'],
      [specialist.token, 'GET /api/documents/assignees?unit=H26', {}, 'FORBIDDEN_ROLE'],
      [clerk.token, 'PUT /api/document-settings/H26', { abbreviation: 'UB' }, 'FORBIDDEN_ROLE'],
      [clerk.token, `POST /api/documents/${docId}/actions`, { action: 'submit' }, 'ACTION_FORBIDDEN_FOR_ROLE'],
      [
        specialist.token,
        `POST /api/documents/${docId}/actions`,
        { action: 'sign', signerPosition: 'Chủ tịch' },
        'ACTION_FORBIDDEN_FOR_ROLE',
      ],
    ];
    for (const [token, route, body, code] of cases) {
      const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
      const r = await p.call(method, url, { token, body: method === 'GET' ? undefined : body });
      expect(r.statusCode, route).toBe(403);
      expect(r.json().code, route).toBe(code);
    }
  });

  it('hides another agency’s documents and records (404) and refuses its registers, units and settings (403)', async () => {
    expect((await p.call('GET', `/api/documents/${docId}`, { token: otherClerk.token })).json().code).toBe(
      'DOCUMENT_NOT_FOUND',
    );
    expect(
      (
        await p.call('POST', `/api/documents/${docId}/actions`, {
          token: otherLeader.token,
          body: { action: 'comment', note: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', `/api/documents/${docId}/files/${fileId}`, { token: otherClerk.token })).statusCode,
    ).toBe(404);
    expect((await p.call('GET', `/api/records/${recordId}`, { token: otherClerk.token })).statusCode).toBe(404);
    expect(
      (
        await p.call('POST', `/api/records/${recordId}/documents`, {
          token: otherClerk.token,
          body: { documentId: docId },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', '/api/documents?box=outgoing', { token: otherClerk.token }))
        .json()
        .items.map((d: { id: string }) => d.id),
    ).not.toContain(docId);
    expect((await p.call('GET', '/api/registers/outgoing?agency=H26', { token: otherClerk.token })).json().code).toBe(
      'FORBIDDEN_AGENCY',
    );
    expect(
      (await p.call('GET', '/api/documents/assignees?unit=H26.S02', { token: otherLeader.token })).json().code,
    ).toBe('FORBIDDEN_AGENCY');
    const admin41 = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    expect(
      (await p.call('PUT', '/api/document-settings/H26', { token: admin41.token, body: { abbreviation: 'X' } })).json()
        .code,
    ).toBe('FORBIDDEN_AGENCY');
    // A file of the drafter that is not part of the document is not served through it.
    const stray = await upload(p, specialist.token, await makePdf());
    expect(
      (await p.call('GET', `/api/documents/${docId}/files/${stray}`, { token: specialist.token })).statusCode,
    ).toBe(404);
  });

  it('names each bad field with a stable code (422)', async () => {
    const other = await upload(p, clerk.token, await makePdf());
    const r = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: {
        type: 'CV',
        subject: 'Về việc thử lỗi',
        recipients: ['ZZ9', 'H41', 'H41'],
        fileIds: [other],
        dueDate: '31/12/2026',
      },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([expect.objectContaining({ path: 'dueDate', code: 'INVALID_DATE' })]);
    const r2 = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: { type: 'CV', subject: 'Về việc thử lỗi', recipients: ['ZZ9', 'H41', 'H41'], fileIds: [other] },
    });
    expect(r2.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'recipients.0:AGENCY_NOT_FOUND',
      'recipients.2:DUPLICATE_RECIPIENT',
    ]);
    const r3 = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: { type: 'XX', subject: 'Về việc thử lỗi', recipients: [], fileIds: [other] },
    });
    expect(r3.json().errors[0]).toMatchObject({ path: 'type', code: 'UNKNOWN_DOCUMENT_TYPE' });
    const r4 = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: { type: 'CV', subject: 'Về việc thử lỗi', recipients: [], fileIds: [other] },
    });
    expect(r4.json().errors[0]).toMatchObject({ path: 'fileIds.0', code: 'FILE_NOT_FOUND' });
    const r5 = await p.call('POST', '/api/documents', { token: specialist.token, body: { subject: 'x', fileIds: [] } });
    expect(
      r5
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['subject', 'type']);
    // No file and no template (drafting from a template needs none): the document itself is missing.
    const r5b = await p.call('POST', '/api/documents', {
      token: specialist.token,
      body: { type: 'CV', subject: 'Về việc thử lỗi', recipients: [], fileIds: [] },
    });
    expect(r5b.statusCode).toBe(422);
    expect(r5b.json().errors[0]).toMatchObject({ path: 'fileIds', code: 'REQUIRED' });
    const r6 = await p.call('POST', `/api/documents/${docId}/actions`, {
      token: specialist.token,
      body: { action: 'fly' },
    });
    expect(r6.json().errors[0]).toMatchObject({ path: 'action', code: 'UNKNOWN_ACTION' });
    const r7 = await p.call('PUT', '/api/document-settings/H26', {
      token: (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token,
      body: { abbreviation: 'U B' },
    });
    expect(r7.json().errors[0]).toMatchObject({ path: 'abbreviation', code: 'INVALID_ABBREVIATION' });
  });

  it('issues nothing without the agency abbreviation, and sending needs a wired exchange', async () => {
    const admin = await p.staff({ roles: ['admin'] });
    const dept = await signingStaff(p, 'H41.S02', ['specialist', 'leader', 'clerk']);
    await p.seal('H41');
    const act = (body: Record<string, unknown>) =>
      p.call('POST', `/api/documents/${id}/actions`, { token: dept.token, body });
    const f = await upload(p, dept.token, await makePdf());
    const id = (
      await p.call('POST', '/api/documents', {
        token: dept.token,
        body: { type: 'TB', subject: 'Thông báo của Sở Tư pháp Nghệ An', recipients: ['H26'], fileIds: [f] },
      })
    ).json().id;
    await act({ action: 'submit' });
    expect((await act({ action: 'sign', signerPosition: 'Giám đốc', otp: dept.otp() })).statusCode).toBe(200);
    const missing = await act({ action: 'issue' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({ code: 'AGENCY_ABBREVIATION_MISSING', params: { agencyCode: 'H41.S02' } });
    expect((await p.call('GET', `/api/documents/${id}`, { token: dept.token })).json().registerEntries).toEqual([]);
    expect(
      (
        await p.call('PUT', '/api/document-settings/H41.S02', {
          token: admin.token,
          body: { abbreviation: 'STP', place: 'Nghệ An' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await act({ action: 'issue' })).json().code).toBe('01/TB-STP');
    const wired = p.documents.exchange;
    p.documents.exchange = null;
    try {
      const r = await act({ action: 'send' });
      expect(r.statusCode).toBe(503);
      expect(r.json().code).toBe('EXCHANGE_NOT_AVAILABLE');
    } finally {
      p.documents.exchange = wired;
    }
    expect((await act({ action: 'send' })).json().status).toBe('sent');
  });
});
