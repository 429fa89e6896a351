import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../platform/mail/index.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

type Citizen = Awaited<ReturnType<TestPlatform['citizen']>>;

describe.each(DB_KINDS)('petitions on %s', (kind) => {
  let p: TestPlatform;
  let verified: Citizen[];
  let leader: string;

  const verifiedCitizen = async () => {
    const c = await p.citizen();
    await p.verifyAtDesk(c);
    return c;
  };
  const open = (token: string, over: Record<string, unknown> = {}) =>
    p.call('POST', '/api/petitions', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        title: 'Mở thêm điểm tiếp nhận hồ sơ buổi tối',
        text: 'Người lao động không thể đến trong giờ hành chính.',
        agencyCode: 'H26',
        ...over,
      },
    });
  const support = (id: string, token: string) => p.call('POST', `/api/petitions/${id}/supports`, { token });
  const withdraw = (id: string, token: string) => p.call('DELETE', `/api/petitions/${id}/supports/mine`, { token });
  const countOf = async (q: ReturnType<typeof sql>) => {
    const r = (await p.database.db.execute(q)) as unknown as { rows: { n: number }[] };
    return Number(r.rows[0]!.n);
  };
  const audited = (id: string, action: string) =>
    countOf(sql`select count(*)::int as n from audit.events where subject_id = ${id} and action = ${action}`);

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    const other = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' })).token;
    const body = { threshold: 3, windowDays: 30, responseWorkingDays: 10 };
    expect((await p.call('PUT', '/api/petitions/settings/H26', { token: other, body })).statusCode).toBe(403);
    expect((await p.call('PUT', '/api/petitions/settings/H26', { token: admin, body })).statusCode).toBe(200);
    leader = (await p.staff({ roles: ['leader'], agencyCode: 'H26', username: `lanhdao.${kind}` })).token;
    verified = [];
    for (let i = 0; i < 6; i++) verified.push(await verifiedCitizen());
  }, 180_000);
  afterAll(() => p?.close());

  it('needs a verified identity to open or support, and a known agency', async () => {
    expect(
      (await p.call('POST', '/api/petitions', { body: { title: 'a', text: 'b', agencyCode: 'H26' } })).statusCode,
    ).toBe(401);
    const selfDeclared = await p.citizen();
    const r = await open(selfDeclared.token);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('IDENTITY_NOT_VERIFIED');
    const staff = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    expect((await open(staff.token)).json().code).toBe('PETITION_CITIZENS_ONLY');
    const bad = await open(verified[0]!.token, { agencyCode: 'Z99' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('agencyCode');
    const empty = await open(verified[0]!.token, { title: '' });
    expect(empty.json().errors[0].path).toBe('title');

    const pet = (await open(verified[0]!.token)).json();
    const s = await support(pet.id, selfDeclared.token);
    expect(s.statusCode).toBe(403);
    expect(s.json().code).toBe('IDENTITY_NOT_VERIFIED');
  });

  it('counts each person once under concurrent supports, crosses the threshold into a response case, and is answered', async () => {
    const pet = (await open(verified[0]!.token, { title: 'Kiến nghị song song' })).json();
    expect(pet.threshold).toBe(3);
    // Every citizen clicks four times at once.
    const all = await Promise.all(verified.flatMap((c) => [1, 2, 3, 4].map(() => support(pet.id, c.token))));
    expect(all.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(all.filter((r) => r.statusCode === 201)).toHaveLength(verified.length);

    const view = (await p.call('GET', `/api/petitions/${pet.id}`)).json();
    expect(view.supportCount).toBe(verified.length);
    const rows = await p.database.db.execute(
      sql`select count(*)::int as n from feedback.supports where petition_id = ${pet.id}`,
    );
    const n = Number((rows as unknown as { rows: { n: number }[] }).rows[0]!.n);
    expect(n).toBe(verified.length);
    expect(view.status).toBe('responding');
    expect(view.responseDueAt).not.toBeNull();
    // One audit event per support added (none for the repeats), the threshold crossed once.
    expect(await audited(pet.id, 'petition.supported')).toBe(verified.length);
    expect(await audited(pet.id, 'petition.threshold_reached')).toBe(1);
    expect((await p.call('GET', `/api/petitions/${pet.id}`, { token: verified[1]!.token })).json().supportedByMe).toBe(
      true,
    );

    await p.deps.jobs.drain();
    const leaderMail = (await listOutbox(p.deps.db, 500)).filter((m) => m.to === `lanhdao.${kind}@test.vn`);
    expect(leaderMail.some((m) => m.subject.includes('Kiến nghị song song'))).toBe(true);

    const otherLeader = (await p.staff({ roles: ['leader'], agencyCode: 'H41' })).token;
    const answer = { text: 'Từ tháng sau, bộ phận một cửa mở đến 20 giờ thứ Năm.' };
    expect(
      (await p.call('POST', `/api/petitions/${pet.id}/answer`, { token: otherLeader, body: answer })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('POST', `/api/petitions/${pet.id}/answer`, { token: verified[0]!.token, body: answer })).statusCode,
    ).toBe(403);
    const answered = (await p.call('POST', `/api/petitions/${pet.id}/answer`, { token: leader, body: answer })).json();
    expect(answered).toMatchObject({ status: 'answered', answer: answer.text });
    await p.deps.jobs.drain();
    const toSupporter = (await listOutbox(p.deps.db, 500)).filter((m) => m.to === verified[2]!.email);
    expect(toSupporter.some((m) => m.text.includes('mở đến 20 giờ'))).toBe(true);

    const pub = (await p.call('GET', '/api/public/petitions?agency=H26&status=answered')).json();
    expect(pub.items.map((i: { id: string }) => i.id)).toContain(pet.id);
  });

  it('keeps the count equal to the rows when supports and withdrawals race', async () => {
    const pet = (await open(verified[0]!.token, { title: 'Kiến nghị rút và ủng hộ đồng thời' })).json();
    await Promise.all(verified.map((c) => support(pet.id, c.token)));
    const [a, b] = [verified.slice(0, 3), verified.slice(3)];
    // The first three withdraw twice at once; the others withdraw and support again at once.
    const raced = await Promise.all([
      ...a.flatMap((c) => [withdraw(pet.id, c.token), withdraw(pet.id, c.token)]),
      ...b.flatMap((c) => [withdraw(pet.id, c.token), support(pet.id, c.token)]),
    ]);
    for (let i = 0; i < a.length; i++) {
      const codes = [raced[2 * i]!.statusCode, raced[2 * i + 1]!.statusCode].sort();
      expect(codes).toEqual([200, 404]);
    }
    for (let i = a.length; i < verified.length; i++) {
      expect(raced[2 * i]!.statusCode).toBe(200);
      expect([200, 201]).toContain(raced[2 * i + 1]!.statusCode);
    }
    const rows = await countOf(sql`select count(*)::int as n from feedback.supports where petition_id = ${pet.id}`);
    // A withdrawal that ran after the repeat support leaves that person without a support: 0 to 3.
    expect(rows).toBeGreaterThanOrEqual(0);
    expect(rows).toBeLessThanOrEqual(b.length);
    const mine = await Promise.all(
      verified.map(async (c) => (await p.call('GET', `/api/petitions/${pet.id}`, { token: c.token })).json()),
    );
    expect(mine[0]).toMatchObject({ supportCount: rows });
    expect(mine.filter((v) => v.supportedByMe === true)).toHaveLength(rows);
    expect(mine.slice(0, 3).every((v) => v.supportedByMe === false)).toBe(true);
    // Every change audited: supports added minus withdrawals done is what is left.
    const added = await audited(pet.id, 'petition.supported');
    const withdrawn = await audited(pet.id, 'petition.support_withdrawn');
    expect(added - withdrawn).toBe(rows);
    expect(withdrawn).toBe(a.length + b.length);
  });

  it('a support is withdrawn until the petition closes', async () => {
    const pet = (await open(verified[0]!.token, { title: 'Kiến nghị rút ủng hộ' })).json();
    const c = verified[3]!;
    expect((await support(pet.id, c.token)).json().supportCount).toBe(1);
    const w = await p.call('DELETE', `/api/petitions/${pet.id}/supports/mine`, { token: c.token });
    expect(w.json()).toMatchObject({ supported: false, supportCount: 0 });
    expect((await p.call('DELETE', `/api/petitions/${pet.id}/supports/mine`, { token: c.token })).json().code).toBe(
      'SUPPORT_NOT_FOUND',
    );
    expect((await support(pet.id, c.token)).json().supportCount).toBe(1);

    p.clock.set(new Date(new Date(pet.closesAt).getTime() + 1000));
    const token = await p.login(c.username, c.password);
    const late = await p.call('DELETE', `/api/petitions/${pet.id}/supports/mine`, { token });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('PETITION_CLOSED');
    expect((await support(pet.id, token)).json().code).toBe('PETITION_CLOSED');
    expect((await p.call('GET', `/api/petitions/${pet.id}`)).json()).toMatchObject({
      status: 'closed',
      supportCount: 1,
    });
  });
});
