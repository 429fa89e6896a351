import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { OuterConnectionInTransactionError } from './tx-guard.js';

describe.each(DB_KINDS)('a query on the outer connection inside a transaction on %s', (kind) => {
  let p: TestPlatform;
  const count = async () =>
    Number(
      (
        (await p.deps.db.execute(sql`select count(*)::int as n from guard_test.items`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.deps.db.execute(sql`create schema guard_test`);
    await p.deps.db.execute(sql`create table guard_test.items (id text primary key)`);
  });
  afterAll(() => p.close());

  it('throws a clear error (instead of waiting forever on PGlite) and rolls the transaction back', async () => {
    const db = p.deps.db;
    const run = db.transaction(async (tx) => {
      await tx.execute(sql`insert into guard_test.items values ('a')`);
      await db.execute(sql`select 1`); // the trap: `db`, not `tx`
    });
    await expect(run).rejects.toBeInstanceOf(OuterConnectionInTransactionError);
    await expect(run).rejects.toThrow(/use the transaction callback's `tx`/);
    expect(await count()).toBe(0);
  });

  it('catches query builders and a second outer transaction, however deep the call', async () => {
    const db = p.deps.db;
    const facade = async () => db.select({ one: sql<number>`1` }).from(sql`guard_test.items`);
    await expect(db.transaction(async () => void (await facade()))).rejects.toBeInstanceOf(
      OuterConnectionInTransactionError,
    );
    await expect(db.transaction(async () => db.transaction(async () => undefined))).rejects.toBeInstanceOf(
      OuterConnectionInTransactionError,
    );
  });

  it('leaves `tx`, savepoints, other requests and work outliving the transaction alone', async () => {
    const db = p.deps.db;
    let committed!: () => void;
    const afterCommit = new Promise<void>((r) => (committed = r));
    let later: Promise<number> | undefined;
    const run = db.transaction(async (tx) => {
      await tx.execute(sql`insert into guard_test.items values ('b')`);
      await tx.transaction(async (sp) => sp.execute(sql`insert into guard_test.items values ('c')`));
      // Started inside, run after the commit: it finds the mark closed.
      later = afterCommit.then(count);
    });
    // A concurrent caller outside the transaction's async context is not refused (it waits its turn).
    const outside = count();
    await run;
    committed();
    expect([0, 2]).toContain(await outside);
    expect(await later).toBe(2);
  });
});
