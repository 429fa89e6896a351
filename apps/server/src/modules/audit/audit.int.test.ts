import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { AuditSealer, recordAudit, sealAudit, verifyAuditChain } from './index.js';

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
    const r = await p.call('POST', '/api/agencies', {
      token: admin,
      body: { code: 'G22', name: 'Trùng', level: 'central' },
    });
    expect(r.statusCode).toBe(409);
    expect((await p.call('GET', '/api/audit/events?pageSize=1', { token: admin })).json().total).toBe(before);
  });

  it('detects an edited row, a deleted row and a deleted tail', async () => {
    const db = p.deps.db;
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await db.execute(sql`update audit.events set actor_name = 'mallory' where seq = 5`);
    const edited = await verifyAuditChain(db);
    expect(edited).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'HASH_MISMATCH' });
    const id5 = (await db.execute(sql`select id from audit.events where seq = 5`)) as unknown as {
      rows: { id: string }[];
    };
    expect(edited.firstBrokenId).toBe(id5.rows[0]!.id);

    const fresh = await createTestPlatform(kind);
    try {
      await fresh.citizen();
      await sealAudit(fresh.deps.db);
      await fresh.deps.db.execute(sql`delete from audit.events where seq = 3`);
      expect(await verifyAuditChain(fresh.deps.db)).toMatchObject({
        ok: false,
        firstBrokenSeq: 3,
        reason: 'SEQUENCE_GAP',
      });
    } finally {
      await fresh.close();
    }
    const tail = await createTestPlatform(kind);
    try {
      await tail.citizen();
      await sealAudit(tail.deps.db);
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

  // On their own platform: the tamper test above breaks p's chain on purpose.
  it('writers do not wait for the chain: events committed concurrently are chained once each, in one unbroken chain', async () => {
    const q = await createTestPlatform(kind);
    onTestFinished(() => q.close());
    const db = q.deps.db;
    await sealAudit(db);
    const before = (await db.execute(sql`select coalesce(max(seq), 0)::int as n from audit.events`)) as unknown as {
      rows: { n: number }[];
    };
    // 200 transactions at once, as 200 requests would; a tenth of them roll back.
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, systemActor, { action: 'test.concurrent', subjectType: 'test', subjectId: `c${i}` });
          if (i % 10 === 0) throw new Error('rolled back');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(180);
    const pending = (await db.execute(
      sql`select count(*)::int as n from audit.events where seq is null`,
    )) as unknown as { rows: { n: number }[] };
    expect(pending.rows[0]!.n).toBe(180);
    // Two sealers racing (two processes, or the background sealer and a reader): each event gets one place.
    const [a, b] = await Promise.all([sealAudit(db, 50), sealAudit(db, 50)]);
    expect(a + b).toBe(180);
    const rows = (await db.execute(
      sql`select subject_id, seq from audit.events where action = 'test.concurrent' order by seq`,
    )) as unknown as { rows: { subject_id: string; seq: number }[] };
    expect(rows.rows.map((r) => Number(r.seq))).toEqual(
      Array.from({ length: 180 }, (_, i) => before.rows[0]!.n + 1 + i),
    );
    expect(new Set(rows.rows.map((r) => r.subject_id)).size).toBe(180);
    expect(rows.rows.some((r) => r.subject_id === 'c0')).toBe(false);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('the background sealer chains new events, and stopping it seals what is left', async () => {
    const q = await createTestPlatform(kind);
    onTestFinished(() => q.close());
    const db = q.deps.db;
    const sealer = new AuditSealer(db, q.deps.log, 20);
    sealer.start();
    await db.transaction((tx) =>
      recordAudit(tx, systemActor, { action: 'test.background', subjectType: 'test', subjectId: 'b1' }),
    );
    await expect
      .poll(
        async () =>
          (
            (await db.execute(sql`select seq from audit.events where action = 'test.background'`)) as unknown as {
              rows: { seq: number | null }[];
            }
          ).rows[0]!.seq,
        { timeout: 5000 },
      )
      .not.toBeNull();
    await db.transaction((tx) =>
      recordAudit(tx, systemActor, { action: 'test.at_stop', subjectType: 'test', subjectId: 'b2' }),
    );
    await sealer.stop();
    const last = (await db.execute(
      sql`select seq, hash from audit.events where action = 'test.at_stop'`,
    )) as unknown as { rows: { seq: number | null; hash: string | null }[] };
    expect(last.rows[0]!.seq).not.toBeNull();
    expect(last.rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
