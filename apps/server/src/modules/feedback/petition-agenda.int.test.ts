import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Citizen = Awaited<ReturnType<TestPlatform['citizen']>>;

/**
 * A petition past its threshold proposes an agenda item to the addressed agency's meetings
 * (feedback's `proposeAgendaItem` port, wired in app.ts to the meetings facade): once, even when the
 * threshold is crossed by supports arriving together; the agency's organisers add it to a draft
 * meeting or decline it; other roles and agencies cannot.
 */
describe.each(DB_KINDS)('petition → agenda proposal on %s', (kind) => {
  let p: TestPlatform;
  let citizens: Citizen[];
  let secretary: Staff;
  let clerk: Staff;
  let chair: Staff;
  let member: Staff;
  let reception: Staff;
  let otherClerk: Staff;

  const openPetition = async (title: string) => {
    const r = await p.call('POST', '/api/petitions', {
      token: citizens[0]!.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { title, text: 'Người lao động không thể đến trong giờ hành chính.', agencyCode: 'H26' },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const proposals = (token: string, q = '') => p.call('GET', `/api/meetings/proposals${q}`, { token });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const body = { threshold: 3, windowDays: 30, responseWorkingDays: 10 };
    expect((await p.call('PUT', '/api/petitions/settings/H26', { token: admin, body })).statusCode).toBe(200);
    citizens = [];
    for (let i = 0; i < 5; i++) {
      const c = await p.citizen();
      await p.verifyAtDesk(c);
      citizens.push(c);
    }
    secretary = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    chair = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    member = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    otherClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H41' });
  }, 180_000);
  afterAll(() => p?.close());

  let petitionId = '';
  let proposalId = '';

  it('crossing the threshold (five supports at once) proposes one agenda item, however often it is proposed again', async () => {
    petitionId = await openPetition('Mở thêm điểm tiếp nhận hồ sơ buổi tối');
    const r = await Promise.all(
      citizens.map((c) => p.call('POST', `/api/petitions/${petitionId}/supports`, { token: c.token })),
    );
    expect(r.map((x) => x.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect((await proposals(clerk.token)).json().total).toBe(0);
    await p.deps.jobs.drain();
    const list = (await proposals(clerk.token)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      agencyCode: 'H26',
      sourceKind: 'petition',
      sourceId: petitionId,
      title: 'Kiến nghị tập thể: Mở thêm điểm tiếp nhận hồ sơ buổi tối',
      status: 'proposed',
      link: `http://localhost:3000/kien-nghi/${petitionId}`,
    });
    expect(list.items[0].summary).toMatch(/^5 người ủng hộ \(ngưỡng 3\)/);
    proposalId = list.items[0].id;
    // The facade again, twice at once (a retried job, a second crossing): still one proposal.
    const again = await Promise.all(
      [1, 2].map(() =>
        p.meetings.proposeAgendaItem({
          agencyCode: 'H26',
          sourceKind: 'petition',
          sourceId: petitionId,
          title: 'x',
        }),
      ),
    );
    expect(again).toEqual([
      { id: proposalId, created: false },
      { id: proposalId, created: false },
    ]);
    expect((await proposals(clerk.token)).json().total).toBe(1);
  });

  it('lists proposals only for the agency’s organisers: 401, 403 for a citizen or a wrong role, nothing of another agency', async () => {
    expect((await p.call('GET', '/api/meetings/proposals')).statusCode).toBe(401);
    const citizen = await proposals(citizens[1]!.token);
    expect(citizen.statusCode).toBe(403);
    const wrongRole = await proposals(reception.token);
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('FORBIDDEN_ROLE');
    expect((await proposals(otherClerk.token)).json()).toMatchObject({ total: 0, items: [] });
    expect((await proposals(secretary.token, '?status=proposed')).json().total).toBe(1);
    expect((await proposals(secretary.token, '?status=declined')).json().total).toBe(0);
  });

  it('the meeting’s secretary puts it on a draft meeting once; another agency, a wrong role, a non-participant cannot', async () => {
    const m = await p.call('POST', '/api/meetings', {
      token: secretary.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        agencyCode: 'H26',
        title: 'Phiên họp thường kỳ tháng 12',
        kind: 'regular',
        startsAt: '2026-12-10T08:00:00+07:00',
        place: 'Phòng họp tầng 3',
        chairId: chair.id,
        memberIds: [member.id],
      },
    });
    expect(m.statusCode, m.body).toBe(201);
    const meetingId = m.json().id as string;
    const add = (token: string) =>
      p.call('POST', `/api/meetings/proposals/${proposalId}/add`, { token, body: { meetingId } });
    expect((await add(otherClerk.token)).json().code).toBe('FORBIDDEN_AGENCY');
    expect((await add(reception.token)).json().code).toBe('FORBIDDEN_ROLE');
    // The clerk organises meetings of the agency but is not in this one: it is not revealed to him.
    expect((await add(clerk.token)).statusCode).toBe(404);
    const bad = await p.call('POST', `/api/meetings/proposals/${proposalId}/add`, {
      token: secretary.token,
      body: {},
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('meetingId');

    // A double click: one item, the other answer says it was added already.
    const both = await Promise.all([add(secretary.token), add(secretary.token)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const ok = both.find((r) => r.statusCode === 200)!.json();
    expect(ok).toMatchObject({ status: 'added', meetingId });
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('PROPOSAL_DECIDED');
    const view = (await p.call('GET', `/api/meetings/${meetingId}`, { token: secretary.token })).json();
    expect(view.items.map((i: { id: string; title: string }) => [i.id, i.title])).toEqual([
      [ok.itemId, 'Kiến nghị tập thể: Mở thêm điểm tiếp nhận hồ sơ buổi tối'],
    ]);
    expect((await proposals(clerk.token, '?status=added')).json().items[0].itemId).toBe(ok.itemId);

    // The item deleted from the draft: the proposal goes back to the list, and can be put on the agenda again.
    const del = await p.call('DELETE', `/api/meetings/${meetingId}/items/${ok.itemId}`, { token: secretary.token });
    expect(del.statusCode, del.body).toBe(200);
    const back = (await proposals(clerk.token, '?status=proposed')).json().items;
    expect(back.find((x: { id: string }) => x.id === proposalId)).toMatchObject({ status: 'proposed', itemId: null });
    expect((await proposals(clerk.token, '?status=added')).json().items).toEqual([]);
    const again = await add(secretary.token);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'added', meetingId });
    expect(again.json().itemId).not.toBe(ok.itemId);
  });

  it('an organiser declines a proposal with a reason, once; another agency cannot', async () => {
    const id = await openPetition('Lắp thêm đèn đường khu dân cư số 3');
    for (const c of citizens.slice(0, 3))
      expect((await p.call('POST', `/api/petitions/${id}/supports`, { token: c.token })).statusCode).toBe(201);
    await p.deps.jobs.drain();
    const prop = (await proposals(clerk.token, '?status=proposed')).json().items[0];
    expect(prop.sourceId).toBe(id);
    const decline = (token: string, body: unknown) =>
      p.call('POST', `/api/meetings/proposals/${prop.id}/decline`, { token, body });
    expect((await decline(otherClerk.token, { reason: 'Không thuộc thẩm quyền' })).statusCode).toBe(403);
    expect((await decline(clerk.token, { reason: '' })).json().errors[0].path).toBe('reason');
    const r = await decline(clerk.token, { reason: 'Đã giao Sở Xây dựng trả lời trực tiếp' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'declined', reason: 'Đã giao Sở Xây dựng trả lời trực tiếp' });
    expect((await decline(clerk.token, { reason: 'lần nữa' })).statusCode).toBe(409);
  });
});
