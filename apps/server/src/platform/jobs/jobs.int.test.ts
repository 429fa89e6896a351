import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { jobs } from './db/schema.js';
import { enqueueJob, JobRunner } from './index.js';

describe.each(DB_KINDS)('durable jobs on %s', (kind) => {
  let p: TestPlatform;
  let runner: JobRunner;
  const seen: string[] = [];
  let failuresLeft = 0;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    runner = new JobRunner(p.deps.db, p.clock, pino({ level: 'silent' }), { pollMs: 10, visibilityMs: 60_000 });
    runner.register('test.flaky', async (payload) => {
      if (failuresLeft-- > 0) throw new Error('temporary failure');
      seen.push(String(payload.n));
    });
    runner.register('test.broken', async () => {
      throw new Error('always fails');
    });
  });
  afterAll(async () => p?.close());

  const row = async (id: string) => (await p.deps.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

  it('a job enqueued in a rolled-back transaction never exists', async () => {
    await p.deps.db
      .transaction(async (tx) => {
        await enqueueJob(tx, 'test.flaky', { n: 'rolled-back' });
        throw new Error('business change failed');
      })
      .catch(() => undefined);
    await runner.drain();
    expect(seen).not.toContain('rolled-back');
  });

  it('retries with exponential backoff, then succeeds once', async () => {
    failuresLeft = 2;
    const id = await enqueueJob(p.deps.db, 'test.flaky', { n: 1 });
    await runner.runOnce();
    let j = await row(id);
    expect(j).toMatchObject({ status: 'pending', attempts: 1, lastError: 'temporary failure' });
    expect(j.runAt!.getTime() - p.clock.now().getTime()).toBeGreaterThan(1500);
    expect(j.runAt!.getTime() - p.clock.now().getTime()).toBeLessThanOrEqual(2000);
    await runner.runOnce(); // not due yet
    expect((await row(id)).attempts).toBe(1);
    p.clock.advance(2000);
    await runner.runOnce();
    j = await row(id);
    expect(j).toMatchObject({ status: 'pending', attempts: 2 });
    expect(j.runAt!.getTime() - p.clock.now().getTime()).toBeGreaterThan(3500);
    expect(j.runAt!.getTime() - p.clock.now().getTime()).toBeLessThanOrEqual(4000);
    p.clock.advance(4000);
    await runner.runOnce();
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(seen.filter((s) => s === '1')).toHaveLength(1);
  });

  it('dead-letters after maxAttempts, shows it to admins, and an admin can retry it', async () => {
    const id = await enqueueJob(p.deps.db, 'test.broken', {}, { maxAttempts: 2 });
    await runner.runOnce();
    p.clock.advance(10_000);
    await runner.runOnce();
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'always fails' });
    const admin = (await p.staff({ roles: ['admin'] })).token;
    const list = await p.call('GET', '/api/admin/jobs?status=dead', { token: admin });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect(list.json().counts.dead).toBeGreaterThanOrEqual(1);
    const retry = await p.call('POST', `/api/admin/jobs/${id}/retry`, { token: admin });
    expect(retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await runner.runOnce(); // due at once after a retry
    expect((await row(id)).attempts).toBe(1);
  });

  it('a job whose worker died is reclaimed after its lock expires, and runs once', async () => {
    const id = await enqueueJob(p.deps.db, 'test.flaky', { n: 'crash' });
    // Simulate a worker that claimed the job and crashed.
    await p.deps.db
      .update(jobs)
      .set({
        status: 'running',
        attempts: 1,
        lockedBy: 'dead-worker',
        lockedUntil: new Date(p.clock.now().getTime() + 60_000),
      })
      .where(eq(jobs.id, id));
    await runner.runOnce();
    expect((await row(id)).status).toBe('running');
    p.clock.advance(61_000);
    await runner.runOnce();
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(seen.filter((s) => s === 'crash')).toHaveLength(1);
  });

  it('the only process on an embedded database takes back a crashed predecessor’s running jobs at start, not after the lock', async () => {
    const id = await enqueueJob(p.deps.db, 'test.flaky', { n: 'restart' });
    await p.deps.db
      .update(jobs)
      .set({
        status: 'running',
        attempts: 1,
        lockedBy: 'previous-process',
        lockedUntil: new Date(p.clock.now().getTime() + 300_000),
      })
      .where(eq(jobs.id, id));
    const shared = new JobRunner(p.deps.db, p.clock, pino({ level: 'silent' }), { pollMs: 10 });
    shared.register('test.flaky', async (payload) => void seen.push(String(payload.n)));
    await shared.runOnce();
    expect((await row(id)).status).toBe('running'); // shared database: someone else may hold it
    const exclusive = new JobRunner(p.deps.db, p.clock, pino({ level: 'silent' }), { pollMs: 10, exclusive: true });
    exclusive.register('test.flaky', async (payload) => void seen.push(String(payload.n)));
    expect(await exclusive.recoverAbandoned()).toBe(1);
    await exclusive.runOnce();
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(seen.filter((s) => s === 'restart')).toHaveLength(1);
  });

  it('a dedupe key makes enqueueing idempotent', async () => {
    await enqueueJob(p.deps.db, 'test.flaky', { n: 'd' }, { dedupeKey: 'k1' });
    await enqueueJob(p.deps.db, 'test.flaky', { n: 'd' }, { dedupeKey: 'k1' });
    const n = await p.deps.db.execute(sql`select count(*)::int as n from platform.jobs where dedupe_key = 'k1'`);
    expect((n as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });
});
