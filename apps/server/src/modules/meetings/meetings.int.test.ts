import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { listOutbox } from '../../platform/mail/index.js';
import { pdf, signer } from './meetings.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Signer = Awaited<ReturnType<typeof signer>>;

/** A session of a provincial People's Committee from convening to the conclusions, role by role. */
describe.each(DB_KINDS)('meetings (e-Cabinet) on %s', (kind) => {
  let p: TestPlatform;
  let secretary: Staff;
  let chair: Signer;
  let m1: Staff;
  let m2: Staff;
  let m3: Staff;
  let deputy: Staff;
  let guest: Staff;
  let outsider: Staff;
  let clerk: Staff;
  let meetingId = '';
  const items: string[] = [];
  let port = 0;

  const get = (token: string) => p.call('GET', `/api/meetings/${meetingId}`, { token });
  const act = (token: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/meetings/${meetingId}/actions`, { token, body });
  const position = (token: string, item: string, body: Record<string, unknown>) =>
    p.call('PUT', `/api/meetings/${meetingId}/items/${item}/position`, { token, body });
  const vote = (token: string, item: string, body: Record<string, unknown>) =>
    p.call('POST', `/api/meetings/${meetingId}/items/${item}/votes`, { token, body });

  beforeAll(async () => {
    port = await freePort();
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await p.app.listen({ port, host: '127.0.0.1' });
    secretary = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    chair = await signer(p);
    [m1, m2, m3, deputy, guest] = await Promise.all([
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['leader'], agencyCode: 'H26' }),
      p.staff({ roles: ['specialist'], agencyCode: 'H26.S01' }),
    ]);
    outsider = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    await p.seal('H26');
  });
  afterAll(async () => p?.close());

  const body = () => ({
    agencyCode: 'H26',
    title: 'Phiên họp thường kỳ tháng 12 của Ủy ban nhân dân thành phố',
    kind: 'regular',
    startsAt: '2026-12-10T08:00:00+07:00',
    endsAt: '2026-12-10T11:30:00+07:00',
    place: 'Phòng họp tầng 3, trụ sở UBND',
    video: true,
    chairId: chair.id,
    memberIds: [m1.id, m2.id, m3.id],
    guests: [{ userId: guest.id, itemSeqs: [2] }],
  });

  it('creating: 401 without login, 403 for a citizen, a wrong role or another agency, 422 naming the field, idempotent per key', async () => {
    expect((await p.call('POST', '/api/meetings', { body: body() })).statusCode).toBe(401);
    const citizen = await p.citizen();
    const key = { 'idempotency-key': `mtg-${kind}-create-1` };
    expect(
      (await p.call('POST', '/api/meetings', { token: citizen.token, body: body(), headers: key })).statusCode,
    ).toBe(403);
    const reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    const r403 = await p.call('POST', '/api/meetings', { token: reception.token, body: body(), headers: key });
    expect(r403.statusCode).toBe(403);
    expect(r403.json().code).toBe('FORBIDDEN_ROLE');
    const elsewhere = await p.staff({ roles: ['specialist'], agencyCode: 'H41' });
    const other = await p.call('POST', '/api/meetings', { token: elsewhere.token, body: body(), headers: key });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN_AGENCY');
    const bad = await p.call('POST', '/api/meetings', {
      token: secretary.token,
      body: { ...body(), chairId: citizen.id, memberIds: [m1.id, m1.id] },
      headers: key,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['chairId', 'memberIds.1']);
    expect((await p.call('POST', '/api/meetings', { token: secretary.token, body: body() })).statusCode).toBe(400);

    const a = await p.call('POST', '/api/meetings', { token: secretary.token, body: body(), headers: key });
    expect(a.statusCode, a.body).toBe(201);
    const b = await p.call('POST', '/api/meetings', { token: secretary.token, body: body(), headers: key });
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    meetingId = a.json().id;
    const mine = (await p.call('GET', '/api/meetings?status=draft', { token: secretary.token })).json();
    expect(mine.items.filter((x: { id: string }) => x.id === meetingId)).toHaveLength(1);
    expect((await p.call('GET', '/api/meetings', { token: outsider.token })).json().total).toBe(0);
  });

  it('the agenda: the secretary adds items with papers; a member may not (403), an outsider sees nothing (404)', async () => {
    const file = await p.upload(secretary.token, await pdf(3), 'to-trinh.pdf', 'application/pdf');
    for (const [n, title] of [
      'Tờ trình về kế hoạch đầu tư công năm 2027',
      'Đề án chuyển đổi số trong cơ quan nhà nước',
      'Báo cáo tình hình kinh tế – xã hội tháng 11',
    ].entries()) {
      const r = await p.call('POST', `/api/meetings/${meetingId}/items`, {
        token: secretary.token,
        body: { title, presenterId: m1.id, agencies: ['H26.S01'], fileIds: n === 0 ? [file] : [] },
      });
      expect(r.statusCode, r.body).toBe(201);
      items.push(r.json().id);
    }
    const member = await p.call('POST', `/api/meetings/${meetingId}/items`, { token: m1.token, body: { title: 'X' } });
    expect(member.statusCode).toBe(403);
    expect((await get(outsider.token)).statusCode).toBe(404);
    expect(
      (await p.call('GET', `/api/meetings/${meetingId}/consent-agenda`, { token: outsider.token })).statusCode,
    ).toBe(404);
    expect((await get('')).statusCode).toBe(401);

    const view = (await get(secretary.token)).json();
    expect(view.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3]);
    expect(view.items[0].papers[0]).toMatchObject({ name: 'to-trinh.pdf', version: 1, pages: 3, late: false });
    expect(view.videoLink).toMatch(/^https:\/\/meet\.jit\.si\/egov-[0-9a-f]{20}$/);
    expect(view.allowedActions).toEqual(expect.arrayContaining(['convene', 'cancel']));
    // The guest sees only the item he is invited to (bound by its number when invited).
    const g = (await get(guest.token)).json();
    expect(g.items.map((i: { id: string }) => i.id)).toEqual([items[1]]);
    expect(g.allowedActions).toEqual([]);
    const paper = view.items[0].papers[0].id;
    expect((await p.call('GET', `/api/meetings/${meetingId}/papers/${paper}`, { token: guest.token })).statusCode).toBe(
      404,
    );
    const read = await p.call('GET', `/api/meetings/${meetingId}/papers/${paper}`, { token: m2.token });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-disposition']).toMatch(/^inline/);
  });

  it('convening invites by e-mail; members record positions; the consent agenda is what nobody objected to or wants to discuss', async () => {
    expect((await position(m1.token, items[0]!, { position: 'agree' })).statusCode).toBe(409);
    expect((await act(m1.token, { action: 'convene' })).statusCode).toBe(403);
    const c = await act(secretary.token, { action: 'convene' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('convened');
    expect((await act(secretary.token, { action: 'convene' })).statusCode).toBe(409);
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 200)).filter((x) => x.subject.startsWith('Giấy mời họp'));
    expect(mails.map((x) => x.to).sort()).toEqual(
      [chair, m1, m2, m3, guest, secretary].map((u) => `${u.username}@test.vn`).sort(),
    );

    const objection = await position(m1.token, items[0]!, { position: 'object' });
    expect(objection.statusCode).toBe(422);
    expect(objection.json().errors[0].path).toBe('note');
    expect((await position(m1.token, items[0]!, { position: 'object', note: 'Chưa cân đối vốn' })).statusCode).toBe(
      200,
    );
    expect((await position(m2.token, items[1]!, { position: 'speak', note: 'Cần làm rõ kinh phí' })).statusCode).toBe(
      200,
    );
    for (const u of [m1, m2, chair]) {
      const r = await position(u.token, items[2]!, { position: 'agree' });
      expect(r.statusCode, r.body).toBe(200);
    }
    // A retry is one position (an upsert), not two.
    expect((await position(m1.token, items[2]!, { position: 'agree' })).statusCode).toBe(200);
    expect((await position(guest.token, items[1]!, { position: 'agree' })).statusCode).toBe(403);
    expect((await position(guest.token, items[0]!, { position: 'agree' })).statusCode).toBe(404);
    expect((await position(outsider.token, items[0]!, { position: 'agree' })).statusCode).toBe(404);
    expect((await position(secretary.token, items[0]!, { position: 'agree' })).statusCode).toBe(403);

    const consent = await p.call('GET', `/api/meetings/${meetingId}/consent-agenda`, { token: chair.token });
    expect(consent.json().items).toEqual([expect.objectContaining({ id: items[2], agree: 3 })]);
    expect((await p.call('GET', `/api/meetings/${meetingId}/consent-agenda`, { token: guest.token })).statusCode).toBe(
      403,
    );
    const v = (await get(chair.token)).json();
    expect(v.items[2].positions).toEqual({ agree: 3, object: 0, speak: 0 });
    expect(v.items[0].positionDetails).toEqual([
      { fullName: expect.any(String), position: 'object', note: 'Chưa cân đối vốn' },
    ]);
  });

  it('a member delegates to a deputy; the session opens only with a quorum', async () => {
    expect((await act(m3.token, { action: 'delegate', delegateId: m1.id })).statusCode).toBe(422);
    const d = await act(m3.token, { action: 'delegate', delegateId: deputy.id });
    expect(d.statusCode, d.body).toBe(200);
    const dv = (await get(deputy.token)).json();
    expect(dv).toMatchObject({ myRole: 'member', delegateFor: m3.id });
    expect(dv.allowedActions).not.toContain('delegate');
    expect((await act(m1.token, { action: 'confirm' })).statusCode).toBe(200);

    expect((await act(chair.token, { action: 'open' })).json().code).toBe('QUORUM_NOT_MET');
    expect((await act(m1.token, { action: 'attendance', userId: m2.id, attendance: 'present' })).statusCode).toBe(403);
    for (const [u, a] of [
      [chair, 'present'],
      [m1, 'online'],
      [m2, 'present'],
      [deputy, 'present'],
    ] as const) {
      const r = await act(secretary.token, { action: 'attendance', userId: u.id, attendance: a });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await act(secretary.token, { action: 'open' })).statusCode).toBe(403);
    const o = await act(chair.token, { action: 'open' });
    expect(o.statusCode, o.body).toBe(200);
    expect(o.json().status).toBe('in_session');
  });

  it('a late paper shows as new, live to every follower (server-sent events)', async () => {
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/events`, {
      headers: { authorization: `Bearer ${m2.token}` },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const file = await p.upload(secretary.token, await pdf(1), 'to-trinh-sua-doi.pdf', 'application/pdf');
    const key = (await get(secretary.token)).json().items[0].papers[0].paperKey;
    const added = await p.call('POST', `/api/meetings/${meetingId}/items/${items[0]}/papers`, {
      token: secretary.token,
      body: { fileId: file, paperKey: key },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().version).toBe(2);
    let text = '';
    while (!text.includes('paper_added')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toContain(`"itemId":"${items[0]}"`);
    const paper = (await get(m1.token)).json().items[0].papers[0];
    expect(paper).toMatchObject({ version: 2, late: true });
    expect(paper.versions).toHaveLength(2);
    const outsiderStream = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/events`, {
      headers: { authorization: `Bearer ${outsider.token}` },
    });
    expect(outsiderStream.status).toBe(404);
  });

  it('the consent block is adopted once; a vote is taken electronically, one ballot per member', async () => {
    expect((await act(secretary.token, { action: 'adopt_consent' })).statusCode).toBe(403);
    expect((await act(chair.token, { action: 'adopt_consent' })).statusCode).toBe(200);
    expect((await act(chair.token, { action: 'adopt_consent' })).json().code).toBe('CONSENT_ALREADY_ADOPTED');
    const afterConsent = (await get(chair.token)).json();
    expect(afterConsent.items.map((i: { outcome: string; byConsent: boolean }) => [i.outcome, i.byConsent])).toEqual([
      ['pending', false],
      ['pending', false],
      ['adopted', true],
    ]);

    expect(
      (await vote(m1.token, items[0]!, { method: 'electronic', question: 'Thông qua tờ trình?' })).statusCode,
    ).toBe(403);
    const opened = await vote(secretary.token, items[0]!, { method: 'electronic', question: 'Thông qua tờ trình?' });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await vote(secretary.token, items[0]!, { method: 'electronic', question: 'Lần hai' })).json().code).toBe(
      'VOTE_ALREADY_OPEN',
    );
    expect((await vote(m1.token, items[0]!, { choice: 'no' })).statusCode).toBe(200);
    expect((await vote(m1.token, items[0]!, { choice: 'no' })).statusCode).toBe(200);
    expect((await vote(m1.token, items[0]!, { choice: 'yes' })).json().code).toBe('BALLOT_ALREADY_CAST');
    for (const u of [m2, deputy, chair])
      expect((await vote(u.token, items[0]!, { choice: 'yes' })).statusCode).toBe(200);
    // The member who delegated does not vote; the guest is not invited to this item; the secretary does not vote.
    expect((await vote(m3.token, items[0]!, { choice: 'yes' })).statusCode).toBe(403);
    expect((await vote(guest.token, items[0]!, { choice: 'yes' })).statusCode).toBe(404);
    expect((await vote(secretary.token, items[0]!, { choice: 'yes' })).statusCode).toBe(403);
    const closed = await vote(chair.token, items[0]!, { close: true });
    expect(closed.json()).toMatchObject({ status: 'closed', yes: 3, no: 1, abstain: 0, result: 'adopted' });

    const tooMany = await vote(secretary.token, items[1]!, {
      method: 'show_of_hands',
      question: 'Hoãn?',
      yes: 9,
      no: 0,
    });
    expect(tooMany.statusCode).toBe(422);
    const hands = await vote(secretary.token, items[1]!, { method: 'show_of_hands', question: 'Hoãn?', yes: 3, no: 1 });
    expect(hands.json()).toMatchObject({ status: 'closed', result: 'adopted' });
  });

  it('speakers, opinions, decisions and tasks; the chair closes; minutes are drafted in the documents module and issued with a number', async () => {
    expect((await act(m2.token, { action: 'request_speech', itemId: items[1] })).statusCode).toBe(200);
    const speech = (await get(secretary.token)).json().items[1].speeches[0];
    expect(
      (await act(secretary.token, { action: 'note_opinion', speechId: speech.id, opinion: 'Đề nghị bổ sung kinh phí' }))
        .statusCode,
    ).toBe(200);
    const dec = await act(chair.token, {
      action: 'decide',
      itemId: items[0],
      outcome: 'adopted',
      decision: 'Thông qua tờ trình.',
    });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(
      (await act(chair.token, { action: 'decide', itemId: items[1], outcome: 'deferred' })).json().errors[0].path,
    ).toBe('decision');
    await act(chair.token, {
      action: 'decide',
      itemId: items[1],
      outcome: 'deferred',
      decision: 'Hoàn thiện đề án, trình lại.',
    });
    const task = await act(secretary.token, {
      action: 'assign_task',
      itemId: items[1],
      title: 'Hoàn thiện Đề án chuyển đổi số',
      ownerAgency: 'H26.S01',
      dueDate: '2027-01-15',
    });
    expect(task.statusCode, task.body).toBe(200);
    expect(
      (await p.call('POST', `/api/meetings/${meetingId}/minutes`, { token: secretary.token, body: {} })).statusCode,
    ).toBe(409);
    expect((await act(secretary.token, { action: 'close' })).statusCode).toBe(403);
    expect((await act(chair.token, { action: 'close' })).json().status).toBe('closed');

    expect((await p.call('POST', `/api/meetings/${meetingId}/minutes`, { token: m1.token, body: {} })).statusCode).toBe(
      403,
    );
    expect(
      (await p.call('POST', `/api/meetings/${meetingId}/minutes`, { token: outsider.token, body: {} })).statusCode,
    ).toBe(404);
    const tb = await p.call('POST', `/api/meetings/${meetingId}/minutes`, {
      token: secretary.token,
      body: { kind: 'conclusions' },
    });
    expect(tb.statusCode, tb.body).toBe(201);
    const again = await p.call('POST', `/api/meetings/${meetingId}/minutes`, {
      token: secretary.token,
      body: { kind: 'conclusions' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().documentId).toBe(tb.json().documentId);
    const docId = tb.json().documentId as string;
    expect((await act(secretary.token, { action: 'issue_minutes' })).json().code).toBe('MINUTES_NOT_ISSUED');

    // Through the documents module: submitted, signed by the chair (TOTP), issued with its number by the clerk.
    const doc = (await p.call('GET', `/api/documents/${docId}`, { token: secretary.token })).json();
    expect(doc).toMatchObject({ typeCode: 'TB', status: 'draft', subject: expect.stringContaining('Kết luận') });
    const da = (token: string, b: Record<string, unknown>) =>
      p.call('POST', `/api/documents/${docId}/actions`, { token, body: b });
    expect((await da(secretary.token, { action: 'submit' })).statusCode).toBe(200);
    const signed = await da(chair.token, { action: 'sign', signerPosition: 'Chủ tọa', otp: chair.otp() });
    expect(signed.statusCode, signed.body).toBe(200);
    const issued = await da(clerk.token, { action: 'issue' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().codeNotation).toBe('TB-UBND');
    const done = await act(secretary.token, { action: 'issue_minutes' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('minutes_issued');

    // The owner agency reports the task done; a member of the meeting outside it may not.
    const t = (await get(secretary.token)).json().tasks[0];
    const rep = (token: string) =>
      p.call('POST', `/api/meetings/${meetingId}/tasks/${t.id}/report`, { token, body: { report: 'Đã trình lại' } });
    expect((await rep(m1.token)).statusCode).toBe(403);
    expect((await rep(outsider.token)).statusCode).toBe(404);
    expect((await rep(guest.token)).json().status).toBe('done');
    expect(await p.meetings.openTasks('H26.S01')).toBe(0);
  });

  it('statistics: meetings, pages saved, consent share; only staff with an office role', async () => {
    expect((await p.call('GET', '/api/meetings/stats')).statusCode).toBe(401);
    const s = (await p.call('GET', '/api/meetings/stats', { token: chair.token })).json();
    expect(s).toMatchObject({ meetings: 1, held: 1, papers: 2, pages: 4, decided: 3, byConsent: 1 });
    // Seven people (chair, secretary, three members, the deputy, the guest) each spared a paper copy of the four pages.
    expect(s.pagesSaved).toBe(4 * 7);
    expect(s.consentShare).toBeCloseTo(1 / 3);
    const citizen = await p.citizen();
    expect((await p.call('GET', '/api/meetings/stats', { token: citizen.token })).statusCode).toBe(403);
  });
});
