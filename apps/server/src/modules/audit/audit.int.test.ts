import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { verifyAuditChain } from './index.js';

describe.each(DB_KINDS)('audit trail on %s', (kind) => {
  let p: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = (await p.staff({ roles: ['admin'] })).token;
    await p.citizen();
  });
  afterAll(async () => p?.close());

  it('records who did what, from where, in the same transaction, and verifies the chain', async () => {
    const events = (await p.call('GET', '/api/audit/events?action=user.registered', { token: admin })).json();
    expect(events.items[0]).toMatchObject({ action: 'user.registered', subjectType: 'user', ip: '127.0.0.1' });
    expect(events.items[0].actorId).toBe(events.items[0].subjectId);
    const v = await p.call('GET', '/api/audit/verify', { token: admin });
    expect(v.json()).toMatchObject({ ok: true });
    expect(v.json().checked).toBeGreaterThan(10);
  });

  it('a failed change leaves no audit event (same transaction)', async () => {
    const before = (await p.call('GET', '/api/audit/events?pageSize=1', { token: admin })).json().total;
    const r = await p.call('POST', '/api/agencies', { token: admin, body: { code: 'G22', name: 'Trùng', level: 'central' } });
    expect(r.statusCode).toBe(409);
    expect((await p.call('GET', '/api/audit/events?pageSize=1', { token: admin })).json().total).toBe(before);
  });

  it('detects an edited row, a deleted row and a deleted tail', async () => {
    const db = p.deps.db;
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await db.execute(sql`update audit.events set actor_name = 'mallory' where seq = 5`);
    const edited = await verifyAuditChain(db);
    expect(edited).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'HASH_MISMATCH' });
    const id5 = (await db.execute(sql`select id from audit.events where seq = 5`)) as unknown as { rows: { id: string }[] };
    expect(edited.firstBrokenId).toBe(id5.rows[0].id);

    const fresh = await createTestPlatform(kind);
    try {
      await fresh.citizen();
      await fresh.deps.db.execute(sql`delete from audit.events where seq = 3`);
      expect(await verifyAuditChain(fresh.deps.db)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'SEQUENCE_GAP' });
    } finally {
      await fresh.close();
    }
    const tail = await createTestPlatform(kind);
    try {
      await tail.citizen();
      await tail.deps.db.execute(sql`delete from audit.events where seq = (select max(seq) from audit.events)`);
      expect(await verifyAuditChain(tail.deps.db)).toMatchObject({ ok: false, reason: 'TAIL_MISSING' });
    } finally {
      await tail.close();
    }
  });

  it('an agency admin reads only the events of their agency', async () => {
    const hn = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await p.call('PATCH', '/api/agencies/H26.S01', { token: hn, body: { phone: '024 0000 0001' } });
    const r = await p.call('GET', '/api/audit/events?pageSize=200', { token: hn });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    expect(r.json().items.every((e: { agencyCode: string }) => e.agencyCode === 'H26')).toBe(true);
    expect((await p.call('GET', '/api/audit/verify', { token: hn })).statusCode).toBe(403);
  });
});
