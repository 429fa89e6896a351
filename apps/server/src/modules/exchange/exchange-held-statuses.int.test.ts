import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { buildDocumentPackage } from './edxml/build.js';
import { samplePackage } from './edxml/test-data.js';

const xml = { 'content-type': 'application/xml' };

/** Run the seal jobs and the outbox until nothing is left. */
async function settle(p: TestPlatform) {
  for (let i = 0; i < 5; i++) {
    await p.deps.jobs.drain();
    await p.exchange.worker.drain();
  }
}

type Pkg = {
  id: string;
  statusCode: string | null;
  state: string;
  reason: string | null;
  inReplyTo: string | null;
  localDocumentId: string | null;
  events: { state: string }[];
};

/** ADR 0013: the statuses of an agency without a usable seal wait for one, visibly, and go out once it is issued. */
describe.each(DB_KINDS)('statuses held until the agency has a seal (%s)', (kind) => {
  let p: TestPlatform;
  type Staff = { username: string; password: string; token: string };
  let sender: Staff;
  let clerk: Staff;
  let admin: Staff;
  let sentId = '';

  const statuses = async (token: string, query = '') =>
    (await p.call('GET', `/api/exchange/packages?box=outgoing&kind=status&pageSize=100${query}`, { token })).json()
      .items as Pkg[];
  const sealJobs = async () =>
    (
      (await p.deps.db.execute(
        sql`select count(*)::int as n from platform.jobs where name = 'exchange.seal-message'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;
  const deadJobs = async () =>
    (
      (await p.deps.db.execute(
        sql`select name, status, attempts, last_error from platform.jobs where name like 'exchange.%' and status <> 'done' and attempts > 0`,
      )) as unknown as { rows: unknown[] }
    ).rows;
  const sentPackage = async () =>
    (await p.call('GET', `/api/exchange/packages/${sentId}`, { token: sender.token })).json() as Pkg;

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    // H26 sends; Hải Phòng (H31, a province: nothing above it) receives and has no seal yet.
    await p.seal('H26');
    await p.exchange.worker.sync();
    sender = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H31' });
    admin = await p.staff({ roles: ['admin'] });
    const body = buildDocumentPackage(
      samplePackage({ to: [{ organId: '000.00.00.H31', organName: 'UBND thành phố Hải Phòng' }] }),
    );
    const r = await p.call('POST', '/api/exchange/packages', { token: sender.token, body, headers: xml });
    expect(r.statusCode, r.body).toBe(201);
    sentId = Object.values(r.json().packageIds as Record<string, string>)[0]!;
    await settle(p);
  });
  afterAll(() => p?.close());

  it('the arrival is accepted; its 01 is held with the reason, not queued for sealing, and never dead-letters', async () => {
    const jobsBefore = await sealJobs();
    const held = await statuses(clerk.token);
    expect(held).toEqual([
      expect.objectContaining({
        statusCode: '01',
        state: 'awaiting_seal',
        reason: 'SEAL_CERTIFICATE_MISSING',
        inReplyTo: sentId,
      }),
    ]);
    // A day of retries later nothing has failed: there is nothing to retry.
    p.clock.advance(26 * 3600_000);
    await settle(p);
    // Sessions do not last a day: log in again.
    for (const u of [sender, clerk, admin]) u.token = await p.login(u.username, u.password);
    expect(await p.exchange.worker.releaseHeld()).toBe(0);
    expect(await statuses(clerk.token)).toEqual([
      expect.objectContaining({ statusCode: '01', state: 'awaiting_seal' }),
    ]);
    expect(await sealJobs()).toBe(jobsBefore);
    expect(await deadJobs()).toEqual([]);
    // The sender has no status yet: its package is delivered, not 01.
    expect((await sentPackage()).state).toBe('delivered');
  });

  it("the clerk's register step is not refused for it: the document is registered and its 03 is held too", async () => {
    const localId = (await statuses(clerk.token))[0]!.localDocumentId!;
    const reg = await p.call('POST', `/api/documents/${localId}/actions`, {
      token: clerk.token,
      body: { action: 'register' },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json().status).toBe('registered');
    // What the clerk's page shows for this document: the statuses back to the sender, each held with its reason.
    const forDoc = (await p.call('GET', `/api/exchange/packages?document=${localId}`, { token: clerk.token })).json()
      .items as Pkg[];
    expect(forDoc.map((x) => [x.statusCode, x.state, x.reason])).toEqual([
      ['01', 'awaiting_seal', 'SEAL_CERTIFICATE_MISSING'],
      ['03', 'awaiting_seal', 'SEAL_CERTIFICATE_MISSING'],
    ]);
  });

  it('the operator lists every held status; another agency’s clerk does not see them; a citizen is refused', async () => {
    const all = await statuses(admin.token, '&state=awaiting_seal');
    expect(all.map((x) => x.statusCode).sort()).toEqual(['01', '03']);
    const other = await p.staff({ roles: ['clerk'], agencyCode: 'H41' });
    expect(await statuses(other.token, '&state=awaiting_seal')).toEqual([]);
    const citizen = await p.citizen();
    expect(
      (await p.call('GET', '/api/exchange/packages?box=outgoing&kind=status', { token: citizen.token })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('GET', '/api/exchange/packages?box=outgoing&kind=status&state=held', { token: admin.token }))
        .statusCode,
    ).toBe(422);
  });

  it('an ECDSA seal does not release them: the reason becomes SEAL_ALGORITHM_NOT_ACCEPTED', async () => {
    const r = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'seal', agencyCode: 'H31', keyAlgorithm: 'ECDSA-P256' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(await p.exchange.worker.releaseHeld()).toBe(0);
    expect((await statuses(clerk.token)).map((x) => [x.state, x.reason])).toEqual([
      ['awaiting_seal', 'SEAL_ALGORITHM_NOT_ACCEPTED'],
      ['awaiting_seal', 'SEAL_ALGORITHM_NOT_ACCEPTED'],
    ]);
    expect(
      (
        await p.call('POST', `/api/pki/certificates/${r.json().id}/revoke`, {
          token: admin.token,
          body: { reason: 'superseded' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('once an RSA seal is issued they are sealed and sent: the sender gets 01 and 03 and stays at 03', async () => {
    await p.seal('H31');
    expect(await p.exchange.worker.releaseHeld()).toBe(2);
    await settle(p);
    expect((await statuses(clerk.token)).every((x) => x.state !== 'awaiting_seal' && x.reason === null)).toBe(true);
    const sent = await sentPackage();
    expect(sent.state).toBe('03');
    expect(sent.events.map((e) => e.state)).toEqual(expect.arrayContaining(['01', '03']));
    // Deliveries run in parallel, so 01 may land after 03: the package's state never moves back.
    // And a new status goes straight out.
    const next = await p.call('POST', `/api/exchange/packages/${sentId}/status`, {
      token: clerk.token,
      body: { statusCode: '05', description: 'Đang xử lý' },
    });
    expect(next.statusCode, next.body).toBe(202);
    expect((await statuses(clerk.token)).find((x) => x.statusCode === '05')).toMatchObject({
      state: 'queued',
      reason: null,
    });
    await settle(p);
    expect((await sentPackage()).state).toBe('05');
    expect(await p.exchange.worker.releaseHeld()).toBe(0);
  });

  it('a status queued while the seal was there, whose seal is revoked before it is sealed, is held rather than retried', async () => {
    const q = await p.call('POST', `/api/exchange/packages/${sentId}/status`, {
      token: clerk.token,
      body: { statusCode: '06', description: 'Hoàn thành' },
    });
    expect(q.statusCode, q.body).toBe(202);
    const seals = (
      await p.call('GET', '/api/pki/certificates?profile=seal&pageSize=100', { token: admin.token })
    ).json().items as { id: string; ownerAgencyCode: string | null; status: string }[];
    const active = seals.filter((x) => x.ownerAgencyCode === 'H31' && x.status === 'active');
    expect(active).toHaveLength(1);
    for (const c of active) {
      expect(
        (
          await p.call('POST', `/api/pki/certificates/${c.id}/revoke`, {
            token: admin.token,
            body: { reason: 'keyCompromise' },
          })
        ).statusCode,
      ).toBe(200);
    }
    await settle(p);
    expect((await statuses(clerk.token)).find((x) => x.statusCode === '06')).toMatchObject({
      state: 'awaiting_seal',
      reason: 'SEAL_CERTIFICATE_MISSING',
    });
    expect(await deadJobs()).toEqual([]);
    expect((await sentPackage()).state).toBe('05');
  });
});
