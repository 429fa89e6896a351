import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../platform/mail/index.js';
import { blankPdf, buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

describe.each(DB_KINDS)('feedback on %s', (kind) => {
  let p: TestPlatform;
  let reception: Staff;
  let specialist: Staff;
  let leader: Staff;
  let otherLeader: Staff;
  let s01: Staff;

  const mailsTo = async (to: string) => {
    await p.deps.jobs.drain();
    return (await listOutbox(p.deps.db, 500)).filter((m) => m.to === to);
  };
  /** An anonymous filing: the code mailed, then the feedback with it. */
  async function fileAnonymously(
    over: Record<string, unknown> = {},
    email = `dan.${crypto.randomUUID().slice(0, 8)}@example.vn`,
  ) {
    const c = await p.call('POST', '/api/feedback/contact-codes', { body: { email } });
    expect(c.statusCode).toBe(201);
    const mail = (await mailsTo(email)).find((m) => m.subject.startsWith('Mã xác nhận'))!;
    const code = /(\d{6})/.exec(mail.subject)![1]!;
    const r = await p.call('POST', '/api/feedback', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        contentType: 'official_conduct',
        procedureCode: '1.001193',
        title: 'Cán bộ yêu cầu giấy tờ ngoài quy định',
        text: `Tôi là Trần Thị Bích, CCCD 001190012345, số điện thoại 0912345678. Cán bộ Nguyễn Văn Hùng yêu cầu nộp thêm bản sao sổ hộ khẩu ${crypto.randomUUID()}.`,
        allowPublish: true,
        contact: { name: 'Trần Thị Bích', email },
        verification: { id: c.json().verificationId, code },
        ...over,
      },
    });
    return { r, email };
  }
  const act = (code: string, token: string | undefined, body: Record<string, unknown>) =>
    p.call('POST', `/api/feedback/${code}/actions`, { token, body });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    for (const [code, agencies] of [
      ['1.001193', ['H26']],
      ['2.000001', ['H26.S01', 'H26.S02']],
    ] as const) {
      const c = await p.call('POST', '/api/procedures', {
        token: admin,
        body: { code, ...buildProcedureContent({ implementingAgencies: agencies }) },
      });
      expect(c.statusCode).toBe(201);
      expect((await p.call('POST', `/api/procedures/${code}/publish`, { token: admin })).statusCode).toBe(200);
    }
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    otherLeader = await p.staff({ roles: ['leader'], agencyCode: 'H41' });
    s01 = await p.staff({ roles: ['reception'], agencyCode: 'H26.S01' });
  }, 120_000);
  afterAll(() => p?.close());

  it('an anonymous citizen files with a verified e-mail; it is routed to the procedure’s agency with a working-day limit', async () => {
    const { r, email } = await fileAnonymously();
    expect(r.statusCode).toBe(201);
    const b = r.json();
    expect(b).toMatchObject({ status: 'routed', agencyCode: 'H26', duplicateOf: null });
    expect(b.code).toMatch(/^PA\d{2}-[0-9A-Z]{8}$/);
    expect(b.followToken).toBeTruthy();
    expect((await mailsTo(email)).some((m) => m.subject.includes(b.code))).toBe(true);

    const open = (await p.call('GET', `/api/feedback/${b.code}`)).json();
    expect(open).toMatchObject({ status: 'routed', title: null, text: null, access: { submitter: false } });
    const mine = (await p.call('GET', `/api/feedback/${b.code}?token=${b.followToken}`)).json();
    expect(mine.title).toBe('Cán bộ yêu cầu giấy tờ ngoài quy định');
    expect(mine.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'routed']);
    // Fifteen working days (FEEDBACK_ANSWER_DAYS) on the working calendar from the filing.
    expect(new Date(b.dueAt).getTime()).toBe(p.calendar.dueDate(new Date(mine.createdAt), 15).getTime());
  });

  it('refuses a wrong one-time code (counted), a missing subject and a bad type, naming the field', async () => {
    const email = 'sai.ma@example.vn';
    const c = (await p.call('POST', '/api/feedback/contact-codes', { body: { email } })).json();
    const base = {
      contentType: 'unsuited',
      procedureCode: '1.001193',
      title: 'Quy định chưa phù hợp',
      text: 'Nội dung',
      allowPublish: false,
      contact: { email },
    };
    const wrong = await p.call('POST', '/api/feedback', {
      body: { ...base, verification: { id: c.verificationId, code: '000000' } },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().errors[0]).toMatchObject({ path: 'verification.code', code: 'CODE_INVALID' });

    const none = await p.call('POST', '/api/feedback', {
      body: { ...base, procedureCode: undefined, verification: { id: c.verificationId, code: '111111' } },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].path).toBe('procedureCode');

    const badType = await p.call('POST', '/api/feedback', { body: { ...base, contentType: 'gossip' } });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().errors[0].path).toBe('contentType');

    const noContact = await p.call('POST', '/api/feedback', { body: { ...base, contact: undefined } });
    expect(noContact.json().errors[0].path).toBe('contact.email');
  });

  it('a repeated filing with the same Idempotency-Key answers the first one', async () => {
    const c = await p.citizen();
    const key = crypto.randomUUID();
    const body = {
      contentType: 'other',
      agencyCode: 'H26',
      title: 'Giờ làm việc',
      text: `Bộ phận một cửa mở cửa muộn ${key}`,
      allowPublish: false,
    };
    const a = await p.call('POST', '/api/feedback', { token: c.token, headers: { 'idempotency-key': key }, body });
    const b = await p.call('POST', '/api/feedback', { token: c.token, headers: { 'idempotency-key': key }, body });
    expect(a.statusCode).toBe(201);
    expect(b.json().code).toBe(a.json().code);
    const mine = (await p.call('GET', '/api/feedback?mine=true', { token: c.token })).json();
    expect(mine.items.map((i: { code: string }) => i.code)).toEqual([a.json().code]);
  });

  it('is answered, approved by a leader and published with the personal data masked; the citizen rates it once', async () => {
    const { r, email } = await fileAnonymously();
    const { code, followToken } = r.json();
    expect((await act(code, undefined, { action: 'answer', text: 'x' })).statusCode).toBe(401);
    const early = await act(code, leader.token, { action: 'approve' });
    expect(early.statusCode).toBe(409); // nothing drafted yet
    expect(early.json().code).toBe('FEEDBACK_ACTION_NOT_ALLOWED');
    const drafted = await act(code, specialist.token, {
      action: 'answer',
      text: 'Cơ quan đã nhắc nhở cán bộ Nguyễn Văn Hùng; bà Trần Thị Bích không phải nộp sổ hộ khẩu.',
    });
    expect(drafted.statusCode).toBe(200);
    expect((await act(code, specialist.token, { action: 'approve' })).json().code).toBe('FORBIDDEN_ROLE');
    const other = await act(code, otherLeader.token, { action: 'approve' });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FEEDBACK_OTHER_AGENCY');
    expect((await act(code, leader.token, { action: 'approve' })).json().status).toBe('approved');
    expect((await mailsTo(email)).some((m) => m.text.includes('không phải nộp sổ hộ khẩu'))).toBe(true);

    const published = (await act(code, reception.token, { action: 'publish' })).json();
    expect(published.status).toBe('published');
    for (const secret of ['Bích', '001190012345', '0912345678', 'Hùng'])
      expect(JSON.stringify(published.public)).not.toContain(secret);
    expect(published.public.answer).toContain('không phải nộp sổ hộ khẩu');

    const found = (await p.call('GET', `/api/public/feedback?q=${encodeURIComponent('so ho khau')}&agency=H26`)).json();
    expect(found.items.map((i: { code: string }) => i.code)).toContain(code);
    expect(JSON.stringify(found)).not.toContain('001190012345');

    expect((await act(code, undefined, { action: 'rate', rating: 5 })).statusCode).toBe(403);
    expect((await act(code, undefined, { action: 'rate', rating: 9, token: followToken })).json().errors[0].path).toBe(
      'rating',
    );
    expect((await act(code, undefined, { action: 'rate', rating: 4, token: followToken })).statusCode).toBe(200);
    expect((await act(code, undefined, { action: 'rate', rating: 1, token: followToken })).json().code).toBe(
      'ALREADY_RATED',
    );
  });

  it('refuses to publish what the citizen did not allow', async () => {
    const { r } = await fileAnonymously({ allowPublish: false });
    const { code } = r.json();
    await act(code, specialist.token, { action: 'answer', text: 'Đã xử lý.' });
    await act(code, leader.token, { action: 'approve' });
    const pub = await act(code, reception.token, { action: 'publish' });
    expect(pub.statusCode).toBe(409);
    expect(pub.json().code).toBe('PUBLISH_NOT_ALLOWED');
  });

  it('waits for an operator when the procedure has several agencies; route and transfer are on the timeline', async () => {
    const { r } = await fileAnonymously({ procedureCode: '2.000001' });
    const { code } = r.json();
    expect(r.json()).toMatchObject({ status: 'received', agencyCode: null });
    const box = (await p.call('GET', '/api/feedback?box=unrouted', { token: s01.token })).json();
    expect(box.items.map((i: { code: string }) => i.code)).toContain(code);
    const otherBox = (await p.call('GET', '/api/feedback?box=unrouted', { token: otherLeader.token })).json();
    expect(otherBox.items.map((i: { code: string }) => i.code)).not.toContain(code);
    expect((await p.call('GET', '/api/feedback?box=unrouted', { token: (await p.citizen()).token })).statusCode).toBe(
      403,
    );

    expect((await act(code, otherLeader.token, { action: 'route', agencyCode: 'H41' })).statusCode).toBe(403);
    const bad = await act(code, s01.token, { action: 'route', agencyCode: 'Z99' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('agencyCode');
    expect((await act(code, s01.token, { action: 'route', agencyCode: 'H26.S01' })).json().status).toBe('routed');
    const moved = (
      await act(code, s01.token, { action: 'transfer', agencyCode: 'H26.S02', reason: 'Thuộc thẩm quyền Sở S02' })
    ).json();
    expect(moved.agencyCode).toBe('H26.S02');
    expect(moved.timeline.at(-1)).toMatchObject({ kind: 'transferred', fromAgency: 'H26.S01', toAgency: 'H26.S02' });
    // S01 no longer holds it.
    expect((await act(code, s01.token, { action: 'transfer', agencyCode: 'H26.S03', reason: 'x' })).statusCode).toBe(
      403,
    );
  });
  it('groups a near-identical text with the first one, and an operator merges it', async () => {
    const c = await p.citizen();
    const text =
      'Bộ phận một cửa phường yêu cầu bản sao chứng thực sổ hộ khẩu dù quy định đã bãi bỏ sổ hộ khẩu từ năm 2023.';
    const file = (t: string) =>
      p.call('POST', '/api/feedback', {
        token: c.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {
          contentType: 'official_conduct',
          procedureCode: '1.001193',
          title: 'Sổ hộ khẩu',
          text: t,
          allowPublish: true,
        },
      });
    const first = (await file(text)).json();
    const second = (await file(text.replace('năm 2023', 'năm 2023!'))).json();
    const unrelated = (await file('Thời gian chờ tại quầy quá lâu, cần thêm ghế ngồi cho người cao tuổi.')).json();
    expect(second.duplicateOf).toBe(first.code);
    expect(unrelated.duplicateOf).toBeNull();

    const view = (await p.call('GET', `/api/feedback/${first.code}`, { token: reception.token })).json();
    expect(view.duplicates.map((d: { code: string }) => d.code)).toEqual([second.code]);

    expect((await act(second.code, otherLeader.token, { action: 'merge', into: first.code })).statusCode).toBe(403);
    const bad = await act(second.code, reception.token, { action: 'merge', into: 'PA26-00000000' });
    expect(bad.json().errors[0].path).toBe('into');
    const merged = (await act(second.code, reception.token, { action: 'merge', into: first.code })).json();
    expect(merged).toMatchObject({ status: 'merged', mergedInto: first.code });
    expect((await act(second.code, specialist.token, { action: 'answer', text: 'x' })).statusCode).toBe(409);

    // The answer to the first reaches whoever filed the merged one too.
    await act(first.code, specialist.token, { action: 'answer', text: 'Đã chấn chỉnh bộ phận một cửa.' });
    await act(first.code, leader.token, { action: 'approve' });
    expect((await mailsTo(c.email)).filter((m) => m.text.includes('Đã chấn chỉnh')).length).toBe(2);
  });

  it('names one of the caller’s own dossiers, and is routed to the dossier’s agency', async () => {
    const c = await p.citizen();
    const pdf = await blankPdf();
    const upload = () => p.upload(c.token, pdf, 'a.pdf', 'application/pdf');
    const d = await p.call('POST', '/api/dossiers', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: await upload() },
          { documentId: 'giay_chung_sinh', fileId: await upload() },
        ],
      },
    });
    expect(d.statusCode).toBe(201);
    const dossierCode = d.json().code as string;
    const body = {
      contentType: 'official_conduct',
      dossierCode,
      title: 'Hồ sơ chậm',
      text: 'Hồ sơ của tôi chưa được xử lý.',
      allowPublish: false,
    };
    const r = await p.call('POST', '/api/feedback', {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'routed', agencyCode: 'H26' });
    expect((await p.call('GET', `/api/feedback/${r.json().code}`, { token: c.token })).json().dossierCode).toBe(
      dossierCode,
    );

    // Someone else's dossier is not theirs to name.
    const other = await p.citizen();
    const refused = await p.call('POST', '/api/feedback', { token: other.token, body });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ path: 'dossierCode', code: 'DOSSIER_NOT_FOUND' });
    // Officials do not file feedback.
    expect((await p.call('POST', '/api/feedback', { token: reception.token, body })).json().code).toBe(
      'FEEDBACK_CITIZENS_ONLY',
    );
  });

  it('gives statistics per agency and stable CSV/JSON exports of what was published', async () => {
    const { r } = await fileAnonymously();
    const { code, followToken } = r.json();
    await act(code, specialist.token, { action: 'answer', text: 'Đã hướng dẫn lại thủ tục.' });
    await act(code, leader.token, { action: 'approve' });
    await act(code, reception.token, { action: 'publish' });
    await act(code, undefined, { action: 'rate', rating: 2, token: followToken });
    const now = p.clock.now();
    const range = `from=${new Date(now.getTime() - 86_400_000).toISOString()}&to=${new Date(now.getTime() + 86_400_000).toISOString()}`;
    const stats = (await p.call('GET', `/api/stats/feedback?agency=H26&${range}`)).json();
    const h26 = stats.items.find((i: { agencyCode: string }) => i.agencyCode === 'H26');
    expect(h26.received).toBeGreaterThanOrEqual(h26.answered);
    expect(h26.answeredOnTime).toBeGreaterThanOrEqual(1);
    expect(h26.rated).toBeGreaterThanOrEqual(1);
    expect(h26.satisfaction).toBeGreaterThan(0);
    expect(stats.items.every((i: { agencyCode: string }) => i.agencyCode.startsWith('H26'))).toBe(true);
    expect((await p.call('GET', '/api/stats/feedback?agency=H26&from=yesterday')).json().errors[0].path).toBe('from');

    const csv = await p.call('GET', `/api/public/feedback/export.csv?agency=H26`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFcode,contentType,agencyCode,procedureCode,title,text,answer,createdAt,answeredAt,publishedAt,onTime,rating',
    );
    expect(csv.body).toContain(code);
    expect(csv.body).not.toContain('001190012345');
    const json = (await p.call('GET', `/api/public/feedback/export.json?agency=H26`)).json();
    expect(json.find((i: { code: string }) => i.code === code)).toMatchObject({
      answer: 'Đã hướng dẫn lại thủ tục.',
      rating: 2,
    });
    const statsCsv = await p.call('GET', `/api/stats/feedback/export.csv?agency=H26&${range}`);
    expect(statsCsv.body).toContain('H26,');
  });

  it('escalates feedback still unanswered at its limit to the agency’s leader, once', async () => {
    const { r } = await fileAnonymously();
    const { code, dueAt } = r.json();
    await p.deps.jobs.drain();
    expect((await p.call('GET', `/api/feedback/${code}`, { token: reception.token })).json().escalatedAt).toBeNull();

    p.clock.set(new Date(new Date(dueAt).getTime() + 60_000));
    await p.deps.jobs.drain();
    // Weeks later: the sessions of the morning expired.
    for (const s of [reception, specialist, leader]) s.token = await p.login(s.username, s.password);
    const v = (await p.call('GET', `/api/feedback/${code}`, { token: reception.token })).json();
    expect(v.escalatedAt).not.toBeNull();
    expect(v.timeline.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(1);
    const leaderMail = (await mailsTo(`${leader.username}@test.vn`)).filter((m) => m.subject.includes(code));
    expect(leaderMail).toHaveLength(1);
    const overdue = (await p.call('GET', '/api/feedback?box=overdue', { token: leader.token })).json();
    expect(overdue.items.find((i: { code: string }) => i.code === code)).toMatchObject({ overdue: true });

    // Answered late: approval is on the timeline as late.
    await act(code, specialist.token, { action: 'answer', text: 'Trả lời muộn.' });
    const approved = (await act(code, leader.token, { action: 'approve' })).json();
    expect(approved.timeline.at(-1)).toMatchObject({ kind: 'approved', late: true });
  });
});

describe.each(DB_KINDS)('feedback rate limits on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind, { env: { RATE_LIMIT_ENABLED: 'true' } });
  }, 120_000);
  afterAll(() => p?.close());

  it('limits one-time codes per e-mail (contact.email, 5 an hour) with 429 and Retry-After', async () => {
    const email = 'spam@example.vn';
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await p.call('POST', '/api/feedback/contact-codes', { body: { email } }));
    expect(codes.slice(0, 5).every((r) => r.statusCode === 201)).toBe(true);
    expect(codes[5]!.statusCode).toBe(429);
    expect(codes[5]!.json().code).toBe('RATE_LIMITED');
    expect(Number(codes[5]!.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back by it.
    expect(
      (await p.call('POST', '/api/feedback/contact-codes', { body: { email: 'khac@example.vn' } })).statusCode,
    ).toBe(201);
  });
});
