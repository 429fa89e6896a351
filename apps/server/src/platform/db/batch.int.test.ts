import { sql } from 'drizzle-orm';
import { jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { runBatch } from './batch.js';
import { insertInto } from './insert.js';
import { isUniqueViolation } from './index.js';

const scratch = pgSchema('batch_test');
const items = scratch.table('items', {
  id: text('id').primaryKey(),
  body: jsonb('body').$type<Record<string, unknown>>(),
  tags: text('tags').array(),
  at: timestamp('at', { withTimezone: true, precision: 3 }),
});

describe.each(DB_KINDS)('runBatch (one transaction, one round trip on PostgreSQL) on %s', (kind) => {
  let p: TestPlatform;
  const rows = async () =>
    (
      (await p.deps.db.execute(sql`select id, body, tags, at from batch_test.items order by id`)) as unknown as {
        rows: { id: string; body: unknown; tags: string[] | null; at: Date | string | null }[];
      }
    ).rows;

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.deps.db.execute(sql`create schema batch_test`);
    await p.deps.db.execute(
      sql`create table batch_test.items (id text primary key, body jsonb, tags text[], at timestamptz(3))`,
    );
  });
  afterAll(async () => p?.close());

  it('commits every statement, with values bound as parameters (quotes, $1, JSON, arrays, dates, null)', async () => {
    const db = p.deps.db;
    const nasty = `O'Brien; drop table batch_test.items; -- $1 \\ "Văn phòng"`;
    await runBatch(db, [
      db
        .insert(items)
        .values({ id: 'a', body: { name: nasty, n: 1 }, tags: ['x', "y'z"], at: new Date('2026-12-01T01:02:03.456Z') }),
      db.insert(items).values({ id: 'b', body: null, tags: null, at: null }),
      db
        .update(items)
        .set({ body: { name: 'changed' } })
        .where(sql`${items.id} = ${'b'}`),
    ]);
    const r = await rows();
    expect(r.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r[0]!.body).toEqual({ name: nasty, n: 1 });
    expect(r[0]!.tags).toEqual(['x', "y'z"]);
    expect(new Date(r[0]!.at!).toISOString()).toBe('2026-12-01T01:02:03.456Z');
    expect(r[1]!.body).toEqual({ name: 'changed' });
  });

  it('rolls back the statements before a failing one, skips the ones after, and the pool stays usable', async () => {
    const db = p.deps.db;
    const err = await runBatch(db, [
      db.insert(items).values({ id: 'c' }),
      db.insert(items).values({ id: 'a' }), // taken: unique violation
      db.insert(items).values({ id: 'd' }),
    ]).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((await rows()).map((x) => x.id)).toEqual(['a', 'b']);
    // Every connection of the pool still works (a broken one would fail here).
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        runBatch(db, [db.insert(items).values({ id: `p${String(i).padStart(2, '0')}` })]),
      ),
    );
    expect((await rows()).filter((x) => x.id.startsWith('p'))).toHaveLength(25);
  });

  it('concurrent batches each commit whole', async () => {
    const db = p.deps.db;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        runBatch(db, [
          db.insert(items).values({ id: `k${i}-1` }),
          db.insert(items).values({ id: `k${i}-2` }),
          db.insert(items).values({ id: `k${i}-3` }),
        ]),
      ),
    );
    expect((await rows()).filter((x) => x.id.startsWith('k'))).toHaveLength(120);
  });

  it('insertInto writes what the query builder writes (JSON, arrays, dates, null, defaults), and skips a conflict when asked', async () => {
    const db = p.deps.db;
    const row = {
      body: { name: `O'Brien $2`, nested: [1, { a: 'Việt' }] },
      tags: ['a', 'b"c'],
      at: new Date('2026-01-02T03:04:05.678Z'),
    };
    await db.insert(items).values({ id: 'built', ...row });
    await runBatch(db, [
      insertInto(items, [
        { id: 'raw1', ...row },
        { id: 'raw2', body: null, tags: undefined, at: undefined },
      ]),
    ]);
    const r = await rows();
    const built = r.find((x) => x.id === 'built')!;
    const raw1 = r.find((x) => x.id === 'raw1')!;
    expect({ ...raw1, id: 'built' }).toEqual(built);
    expect(r.find((x) => x.id === 'raw2')).toMatchObject({ body: null, tags: null, at: null });
    await runBatch(db, [
      insertInto(items, [{ id: 'raw1', body: { other: true } }], { onConflictDoNothing: [items.id] }),
      insertInto(items, [{ id: 'raw3' }]),
    ]);
    expect((await rows()).find((x) => x.id === 'raw1')!.body).toEqual(row.body);
    expect((await rows()).some((x) => x.id === 'raw3')).toBe(true);
  });
});
