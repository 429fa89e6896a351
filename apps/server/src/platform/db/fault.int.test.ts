import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { openDatabase } from './index.js';

const nested = (levels: number) => '['.repeat(levels) + '1' + ']'.repeat(levels);

/**
 * PGlite 0.5 (PostgreSQL 18) stores and reads back the 1,000-level jsonb that trapped 0.3, but a much deeper one
 * still breaks it: the parser's recursion overflows the JavaScript stack in the middle of the WASM code. PGlite
 * swallows that exception and carries on (ADR 0016, addendum on 0.5): these tests hold the watch to noticing it.
 */
describe('the embedded database on deep jsonb', () => {
  it('stores 1,000 levels; 10,000 levels is a fault: that call fails and every later one is refused', async () => {
    const d = await openDatabase({});
    const faults: Error[] = [];
    d.onFault((e) => faults.push(e));
    const pg = d.pglite!;
    try {
      await pg.exec('create table deep (id int primary key, j jsonb)');
      await pg.query('insert into deep values (1, $1::jsonb)', [nested(1000)]);
      const back = await pg.query<{ n: number }>('select length(j::text)::int n from deep where id = 1');
      expect(back.rows).toEqual([{ n: 2001 }]);
      expect(d.fault()).toBeNull();

      // Through the simple protocol (no parameters) PGlite answers this INSERT without an error and writes
      // nothing; the watch turns it into the fault.
      await expect(pg.exec(`insert into deep values (2, '${nested(10_000)}')`)).rejects.toThrow(
        /Maximum call stack size exceeded|memory access out of bounds|RuntimeError/,
      );
      expect(faults).toHaveLength(1);
      expect(d.fault()).toBe(faults[0]);
      await expect(pg.query('select 1')).rejects.toBe(faults[0]);
      expect(faults).toHaveLength(1);
    } finally {
      await d.close();
    }
  }, 120_000);
});

/**
 * Issue 11 item 1: a fault of the embedded database must not leave a zombie. PGlite only (PostgreSQL answers
 * these queries). No request can carry the jsonb that breaks PGlite 0.5 (10,000 levels; `JSON_MAX_DEPTH` allows
 * 32 and at most 10,000, and the server's own serializers overflow first), so the fault is caused on the
 * platform's own database instance, under the running app, with the same query.
 */
describe('a fault of the embedded database', () => {
  let p: TestPlatform;
  const faults: Error[] = [];
  beforeAll(async () => {
    p = await createTestPlatform('pglite', { onDatabaseFault: (err) => faults.push(err) });
  });
  afterAll(async () => p?.close().catch(() => undefined));

  it('turns /health to 503 DATABASE_FAULTED and tells the process (which exits to be restarted)', async () => {
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    expect((await p.call('GET', '/api/me', { token: admin.token })).statusCode).toBe(200);

    await expect(p.database.pglite!.exec(`select '${nested(10_000)}'::jsonb`)).rejects.toThrow();
    expect(faults).toHaveLength(1);
    expect(faults[0]!.message).toMatch(/Maximum call stack size exceeded|memory access out of bounds/);
    // Requests now fail, and /health says why.
    expect((await p.call('GET', '/api/me', { token: admin.token })).statusCode).toBe(500);
    const health = await p.call('GET', '/health');
    expect(health.statusCode).toBe(503);
    expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(health.json()).toMatchObject({ code: 'DATABASE_FAULTED', params: { database: 'pglite' } });
    // Later failures do not call the listener again.
    await p.call('GET', '/api/me', { token: admin.token });
    expect(faults).toHaveLength(1);
  });
});
