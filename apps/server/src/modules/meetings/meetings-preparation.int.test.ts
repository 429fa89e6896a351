import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../platform/mail/index.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { pdf } from './meetings.test-support.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/**
 * What the secretary needs to prepare a meeting in the browser: people picked by name, the agenda
 * reordered, papers from the documents module, opinions noted without a request to speak, and the
 * tasks the owner agency sees and reports — each refused to the wrong caller.
 */
describe.each(DB_KINDS)('meetings: preparing in the browser on %s', (kind) => {
  let p: TestPlatform;
  let secretary: Staff;
  let chair: Staff;
  let member: Staff;
  let unitSpecialist: Staff;
  let reception: Staff;
  let outsider: Staff;
  let elsewhere: Staff;
  let meetingId = '';
  let items: string[] = [];

  const errs = (r: { json(): { errors?: { path: string; code: string }[] } }) =>
    (r.json().errors ?? []).map((e) => `${e.path}:${e.code}`);

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    secretary = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    chair = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    member = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    unitSpecialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26.S01' });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26.S01' });
    outsider = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    elsewhere = await p.staff({ roles: ['specialist'], agencyCode: 'H41' });
    const created = await p.call('POST', '/api/meetings', {
      token: secretary.token,
      headers: { 'idempotency-key': `prep-${kind}-1` },
      body: {
        title: 'Phiên họp chuyên đề về chuyển đổi số',
        kind: 'thematic',
        startsAt: '2026-12-15T08:00:00+07:00',
        place: 'Phòng họp số 1',
        chairId: chair.id,
        memberIds: [member.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    meetingId = created.json().id;
    for (const title of ['Tờ trình thứ nhất', 'Tờ trình thứ hai', 'Báo cáo thứ ba']) {
      const headers = { 'idempotency-key': `prep-${kind}-item-${title.length}` };
      const r = await p.call('POST', `/api/meetings/${meetingId}/items`, {
        token: secretary.token,
        body: { title },
        headers,
      });
      // A double click (the same key) answers the same item, not a second one.
      const again = await p.call('POST', `/api/meetings/${meetingId}/items`, {
        token: secretary.token,
        body: { title },
        headers,
      });
      expect([r.statusCode, again.json().id]).toEqual([201, r.json().id]);
      items.push(r.json().id);
    }
  });
  afterAll(async () => p?.close());

  it('the people picker: by name, within my agency (organisers: the body above), never another agency', async () => {
    const url = (q: string, agency?: string) =>
      `/api/meetings/people?q=${encodeURIComponent(q)}${agency ? `&agency=${agency}` : ''}`;
    expect((await p.call('GET', url('can bo'))).statusCode).toBe(401);
    const citizen = await p.citizen();
    const c = await p.call('GET', url('can bo'), { token: citizen.token });
    expect([c.statusCode, c.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    // A reception officer of a unit finds colleagues of his unit, not the province above it.
    const r = await p.call('GET', url('can bo', 'H26'), { token: reception.token });
    expect([r.statusCode, r.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const own = (await p.call('GET', url(`can bo ${unitSpecialist.username}`), { token: reception.token })).json();
    expect(own.items.map((x: { id: string }) => x.id)).toEqual([unitSpecialist.id]);
    const e = await p.call('GET', url('can bo', 'H26'), { token: elsewhere.token });
    expect([e.statusCode, e.json().code]).toEqual([403, 'FORBIDDEN_AGENCY']);
    const unknown = await p.call('GET', url('x', 'Z99'), { token: secretary.token });
    expect(unknown.statusCode).toBe(422);
    expect(errs(unknown)).toEqual(['agency:AGENCY_NOT_FOUND']);

    // Accent-insensitive, the province and its units; nobody of Nghệ An.
    const found = (await p.call('GET', url(`CÁN BỘ ${member.username}`), { token: secretary.token })).json();
    expect(found.items).toEqual([
      { id: member.id, fullName: `Cán bộ ${member.username}`, agencyCode: 'H26', agencyName: expect.any(String) },
    ]);
    const unit = (await p.call('GET', url(`can bo ${unitSpecialist.username}`), { token: secretary.token })).json();
    expect(unit.items.map((x: { agencyCode: string }) => x.agencyCode)).toEqual(['H26.S01']);
    const none = (await p.call('GET', url(`can bo ${elsewhere.username}`), { token: secretary.token })).json();
    expect(none.items).toEqual([]);
  });

  it('reordering the agenda: the secretary only, every item once; 401, 403 member, 404 outsider, 422 naming the field', async () => {
    const url = `/api/meetings/${meetingId}/items/order`;
    const order = [items[2], items[0], items[1]];
    expect((await p.call('PUT', url, { body: { itemIds: order } })).statusCode).toBe(401);
    const m = await p.call('PUT', url, { token: member.token, body: { itemIds: order } });
    expect([m.statusCode, m.json().code]).toEqual([403, 'MEETING_ROLE_FORBIDDEN']);
    expect((await p.call('PUT', url, { token: outsider.token, body: { itemIds: order } })).statusCode).toBe(404);
    expect((await p.call('PUT', url, { token: elsewhere.token, body: { itemIds: order } })).statusCode).toBe(404);
    const bad = await p.call('PUT', url, { token: secretary.token, body: { itemIds: [items[0], items[0], items[1]] } });
    expect(bad.statusCode).toBe(422);
    expect(errs(bad)).toEqual(['itemIds:ITEMS_MISMATCH']);
    const ok = await p.call('PUT', url, { token: secretary.token, body: { itemIds: order } });
    expect(ok.statusCode, ok.body).toBe(200);
    // The same order again (a retry) answers the same agenda.
    expect((await p.call('PUT', url, { token: secretary.token, body: { itemIds: order } })).statusCode).toBe(200);
    const view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: member.token })).json();
    expect(view.items.map((i: { id: string; seq: number }) => [i.seq, i.id])).toEqual([
      [1, items[2]],
      [2, items[0]],
      [3, items[1]],
    ]);
    items = order as string[];
  });

  it('a paper from the documents module: only a document the secretary may read; versions; idempotent per key', async () => {
    const draftFile = await p.upload(secretary.token, await pdf(2), 'du-thao.pdf', 'application/pdf');
    const doc = await p.call('POST', '/api/documents', {
      token: secretary.token,
      body: { type: 'CV', subject: 'Về kế hoạch chuyển đổi số năm 2027', fileIds: [draftFile] },
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const foreignFile = await p.upload(elsewhere.token, await pdf(1), 'ngoai.pdf', 'application/pdf');
    const foreign = (
      await p.call('POST', '/api/documents', {
        token: elsewhere.token,
        body: { type: 'CV', subject: 'Về việc của tỉnh Nghệ An', fileIds: [foreignFile] },
      })
    ).json().id;
    const url = `/api/meetings/${meetingId}/items/${items[0]}/papers`;
    const add = (token: string, body: Record<string, unknown>, key?: string) =>
      p.call('POST', url, { token, body, headers: key ? { 'idempotency-key': key } : {} });

    expect((await p.call('POST', url, { body: { documentId: doc.json().id } })).statusCode).toBe(401);
    expect((await add(outsider.token, { documentId: doc.json().id })).statusCode).toBe(404);
    const byMember = await add(member.token, { documentId: doc.json().id });
    expect([byMember.statusCode, byMember.json().code]).toEqual([403, 'MEETING_ROLE_FORBIDDEN']);
    // A document of another agency is not revealed, and cannot be attached.
    const other = await add(secretary.token, { documentId: foreign });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(errs(other)).toEqual(['documentId:DOCUMENT_NOT_FOUND']);
    expect(errs(await add(secretary.token, {}))).toEqual(['fileId:REQUIRED']);

    const key = `prep-${kind}-paper-1`;
    const a = await add(secretary.token, { documentId: doc.json().id }, key);
    expect(a.statusCode, a.body).toBe(201);
    const b = await add(secretary.token, { documentId: doc.json().id }, key);
    expect(b.json().id).toBe(a.json().id);
    let view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: member.token })).json();
    const papers = view.items[0].papers;
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      name: 'Dự thảo – Về kế hoạch chuyển đổi số năm 2027.pdf',
      pages: 2,
      late: false,
    });
    const read = await p.call('GET', `/api/meetings/${meetingId}/papers/${papers[0].id}`, { token: member.token });
    expect([read.statusCode, read.headers['content-type']]).toEqual([200, 'application/pdf']);

    // After convening, a new version (an upload) is marked new to the members.
    expect(
      (
        await p.call('POST', `/api/meetings/${meetingId}/actions`, {
          token: secretary.token,
          body: { action: 'convene' },
        })
      ).statusCode,
    ).toBe(200);
    const v2 = await p.upload(secretary.token, await pdf(3), 'du-thao-v2.pdf', 'application/pdf');
    const c = await add(secretary.token, { fileId: v2, paperKey: a.json().paperKey });
    expect(c.json()).toMatchObject({ paperKey: a.json().paperKey, version: 2 });
    view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: member.token })).json();
    expect(view.items[0].papers[0]).toMatchObject({ version: 2, late: true, pages: 3 });
  });

  it('a member who sent a deputy has answered: no confirming, declining or second deputy (409)', async () => {
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/meetings/${meetingId}/actions`, { token, body });
    expect((await act(member.token, { action: 'delegate', delegateId: unitSpecialist.id })).statusCode).toBe(200);
    const view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: member.token })).json();
    expect(view.myReply).toBe('delegated');
    expect(view.allowedActions).toEqual([]);
    for (const body of [{ action: 'confirm' }, { action: 'delegate', delegateId: outsider.id }]) {
      const r = await act(member.token, body);
      expect([r.statusCode, r.json().code]).toEqual([409, 'MEETING_DEPUTY_SENT']);
    }
    const after = (await p.call('GET', `/api/meetings/${meetingId}`, { token: secretary.token })).json();
    expect(after.participants.filter((x: { delegateFor: string | null }) => x.delegateFor)).toHaveLength(1);
  });

  it('in session the secretary notes what a participant said on an item; a member may not (403)', async () => {
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/meetings/${meetingId}/actions`, { token, body });
    for (const who of [chair, member])
      expect(
        (await act(secretary.token, { action: 'attendance', userId: who.id, attendance: 'present' })).statusCode,
      ).toBe(200);
    expect((await act(chair.token, { action: 'open' })).statusCode).toBe(200);
    const note = { action: 'note_opinion', itemId: items[0], userId: member.id, opinion: 'Đề nghị bổ sung kinh phí.' };
    expect((await act('', note)).statusCode).toBe(401);
    expect((await act(outsider.token, note)).statusCode).toBe(404);
    expect((await act(member.token, note)).statusCode).toBe(403);
    const missing = await act(secretary.token, { ...note, userId: outsider.id });
    expect(errs(missing)).toEqual(['userId:NOT_A_PARTICIPANT']);
    expect((await act(secretary.token, note)).statusCode).toBe(200);
    const view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: chair.token })).json();
    expect(view.items[0].speeches).toEqual([
      expect.objectContaining({ fullName: `Cán bộ ${member.username}`, opinion: 'Đề nghị bổ sung kinh phí.' }),
    ]);
  });

  it('tasks: the owner agency sees its tasks and reports them done; another agency neither sees nor reports', async () => {
    const assign = () =>
      p.call('POST', `/api/meetings/${meetingId}/actions`, {
        token: secretary.token,
        body: {
          action: 'assign_task',
          itemId: items[0],
          title: 'Hoàn thiện kế hoạch chuyển đổi số',
          ownerAgency: 'H26.S01',
          dueDate: '2027-01-31',
        },
      });
    // A double submit (two at once) and a retry: one task, one mail to each of the owner's people.
    const [r, twice] = await Promise.all([assign(), assign()]);
    expect([r.statusCode, twice.statusCode], r.body).toEqual([200, 200]);
    expect((await assign()).statusCode).toBe(200);
    const view0 = (await p.call('GET', `/api/meetings/${meetingId}`, { token: secretary.token })).json();
    expect(view0.tasks).toHaveLength(1);
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 200)).filter((x) => x.subject.startsWith('Nhiệm vụ được giao'));
    expect(mails.map((x) => x.to).sort()).toEqual(
      [unitSpecialist, reception].map((u) => `${u.username}@test.vn`).sort(),
    );
    expect(mails[0]).toMatchObject({
      subject: 'Nhiệm vụ được giao: Hoàn thiện kế hoạch chuyển đổi số',
      text: expect.stringContaining('Thời hạn: 31/01/2027.'),
    });
    expect(mails[0]!.text).toContain('Phiên họp chuyên đề về chuyển đổi số');
    // The link opens the task itself (not only the tasks section).
    const link = /(https?:\/\/[^\s]+\/staff\/meetings\/tasks\/(mtk_[0-9a-z]{26}))\n/.exec(mails[0]!.text);
    expect(link?.[2]).toBe(view0.tasks[0].id);
    expect((await p.call('GET', '/api/meetings/tasks')).statusCode).toBe(401);
    const citizen = await p.citizen();
    expect((await p.call('GET', '/api/meetings/tasks', { token: citizen.token })).statusCode).toBe(403);
    expect((await p.call('GET', '/api/meetings/tasks', { token: elsewhere.token })).json().items).toEqual([]);
    const mine = (await p.call('GET', '/api/meetings/tasks?status=open', { token: unitSpecialist.token })).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        meetingId,
        meetingTitle: 'Phiên họp chuyên đề về chuyển đổi số',
        title: 'Hoàn thiện kế hoạch chuyển đổi số',
        ownerAgency: 'H26.S01',
        ownerAgencyName: expect.not.stringMatching(/^H26/),
        status: 'open',
      }),
    ]);
    const taskId = mine.items[0].id;
    // The page the link opens reads the task: for the owner agency's people only (404 to anyone else).
    const one = await p.call('GET', `/api/meetings/tasks/${taskId}`, { token: reception.token });
    expect([one.statusCode, one.json()]).toEqual([200, mine.items[0]]);
    expect((await p.call('GET', `/api/meetings/tasks/${taskId}`)).statusCode).toBe(401);
    expect((await p.call('GET', `/api/meetings/tasks/${taskId}`, { token: citizen.token })).statusCode).toBe(403);
    const foreign = await p.call('GET', `/api/meetings/tasks/${taskId}`, { token: elsewhere.token });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'TASK_NOT_FOUND']);
    // The body that assigned it sees the task on the meeting, not as its own agency's task.
    expect((await p.call('GET', `/api/meetings/tasks/${taskId}`, { token: secretary.token })).statusCode).toBe(404);
    const report = (token: string) =>
      p.call('POST', `/api/meetings/${meetingId}/tasks/${taskId}/report`, {
        token,
        body: { report: 'Đã trình kế hoạch.' },
      });
    expect((await report(elsewhere.token)).statusCode).toBe(404);
    expect((await report(unitSpecialist.token)).statusCode).toBe(200);
    const done = (await p.call('GET', '/api/meetings/tasks', { token: unitSpecialist.token })).json();
    expect(done.items[0]).toMatchObject({ status: 'done', report: 'Đã trình kế hoạch.' });
    expect(done).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: secretary.token })).json();
    expect(view.tasks[0]).toMatchObject({ status: 'done', ownerAgencyName: mine.items[0].ownerAgencyName });
  });

  it('tasks are listed a page at a time (open first, by due date); a bad page size names the field', async () => {
    for (const [n, due] of [
      [1, '2027-03-01'],
      [2, '2027-02-01'],
      [3, '2027-04-01'],
    ] as const) {
      const r = await p.call('POST', `/api/meetings/${meetingId}/actions`, {
        token: secretary.token,
        body: { action: 'assign_task', title: `Nhiệm vụ phân trang ${n}`, ownerAgency: 'H26.S01', dueDate: due },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const page = async (n: number) =>
      (await p.call('GET', `/api/meetings/tasks?page=${n}&pageSize=2`, { token: unitSpecialist.token })).json() as {
        items: { title: string; status: string }[];
        total: number;
        page: number;
      };
    const [one, two, three] = [await page(1), await page(2), await page(3)];
    expect(one.total).toBe(4);
    expect(one.items.map((x) => x.title)).toEqual(['Nhiệm vụ phân trang 2', 'Nhiệm vụ phân trang 1']);
    expect(two.items.map((x) => x.title)).toEqual(['Nhiệm vụ phân trang 3', 'Hoàn thiện kế hoạch chuyển đổi số']);
    expect([two.items[1]!.status, two.page, three.items]).toEqual(['done', 2, []]);
    const open = (
      await p.call('GET', '/api/meetings/tasks?status=open&pageSize=1', { token: unitSpecialist.token })
    ).json();
    expect([open.total, open.items.length]).toEqual([3, 1]);
    const bad = await p.call('GET', '/api/meetings/tasks?pageSize=500', { token: unitSpecialist.token });
    expect([bad.statusCode, errs(bad).map((e) => e.split(':')[0])]).toEqual([422, ['pageSize']]);
  });
});
