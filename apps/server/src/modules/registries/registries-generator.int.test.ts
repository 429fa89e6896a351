import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { generateRegistries } from './generator.js';
import { registriesRepository as repo } from './registries.repository.js';
import { readLogged } from './use-cases/read-batch.js';
import { serve } from './use-cases/serve.js';
import { isValidTaxCode, PROVINCES } from './vn-data.js';

type Row = {
  id: string;
  registry: string;
  record_key: string;
  data: Record<string, unknown>;
  subjects: string[];
  valid_from: string | Date;
  valid_to: string | Date | null;
  superseded_at: string | Date | null;
};

const rowsOf = async (p: TestPlatform, q: ReturnType<typeof sql>) =>
  ((await p.deps.db.execute(q)) as unknown as { rows: Row[] }).rows;

describe.each(DB_KINDS)('registries generate on %s', (kind) => {
  let p: TestPlatform;
  let first: { persons: number; inserted: number };
  let rows: Row[];

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    // Into an empty registry: on PostgreSQL the bulk load (COPY, indexes rebuilt), on PGlite batches.
    first = await generateRegistries(p.deps.db, { persons: 3000, seed: 5 });
    rows = await rowsOf(p, sql`select * from registries.records order by registry, record_key, valid_from`);
  }, 120_000);
  afterAll(() => p?.close());

  it('makes the people asked for, each version believed, with businesses and parcels', () => {
    expect(first.persons).toBe(3000);
    expect(first.inserted).toBe(rows.length);
    const people = new Set(rows.filter((r) => r.registry === 'population').map((r) => r.record_key));
    expect(people.size).toBe(3000);
    expect(rows.every((r) => r.superseded_at === null)).toBe(true);
    const business = rows.filter((r) => r.registry === 'business');
    const land = rows.filter((r) => r.registry === 'land');
    expect(business.length).toBeGreaterThan(30);
    expect(land.length).toBeGreaterThan(200);
    for (const b of business) {
      expect(isValidTaxCode(b.record_key), b.record_key).toBe(true);
      expect(b.subjects).toEqual([b.data.legalRepresentativeId]);
      expect(people.has(b.data.legalRepresentativeId as string)).toBe(true);
    }
    for (const l of land) expect(l.subjects).toEqual(l.data.holderIds);
  });

  it('gives valid ID numbers: the province’s birth code, the century-and-sex digit, the birth year', () => {
    const codes = new Set(PROVINCES.flatMap((x) => x.idCodes));
    for (const r of rows.filter((x) => x.registry === 'population')) {
      const d = r.data as { idNumber: string; dateOfBirth: string; sex: string; fullName: string };
      expect(d.idNumber).toBe(r.record_key);
      expect(d.idNumber).toMatch(/^\d{12}$/);
      expect(codes.has(d.idNumber.slice(0, 3))).toBe(true);
      const year = Number(d.dateOfBirth.slice(0, 4));
      expect(Number(d.idNumber[3])).toBe((Math.floor(year / 100) - 19) * 2 + (d.sex === 'female' ? 1 : 0));
      expect(d.idNumber.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
      expect(d.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps the history of people who moved: the old address until the move, the new one from it', async () => {
    const byKey = new Map<string, Row[]>();
    for (const r of rows.filter((x) => x.registry === 'population'))
      byKey.set(r.record_key, [...(byKey.get(r.record_key) ?? []), r]);
    const moved = [...byKey.values()].filter((v) => v.length === 2);
    // About 12 % of the adults.
    expect(moved.length).toBeGreaterThan(100);
    expect(moved.length).toBeLessThan(600);
    const [before, after] = moved[0]!;
    expect(new Date(before!.valid_to!).getTime()).toBe(new Date(after!.valid_from).getTime());
    expect(after!.valid_to).toBeNull();
    expect(before!.data.permanentAddress).not.toBe(after!.data.permanentAddress);
    const key = after!.record_key;
    const now = await repo.recordAt(p.deps.db, 'population', key, new Date(), null);
    expect(now?.data.permanentAddress).toBe(after!.data.permanentAddress);
    const then = await repo.recordAt(p.deps.db, 'population', key, new Date(before!.valid_from), null);
    expect(then?.data.permanentAddress).toBe(before!.data.permanentAddress);
  });

  it('logs every read of a group committed together; a read that fails alone fails only itself', async () => {
    const keys = [...new Set(rows.filter((r) => r.registry === 'population').map((r) => r.record_key))].slice(0, 40);
    const official = {
      client: 'VN:GOV:H26:one-stop',
      actor: { kind: 'official' as const, accountId: 'usr_bench', agencyCode: 'H26', name: 'Cán bộ' },
      purpose: 'investigation',
    };
    // Forty reads at once: they go out in groups, each answered with its own record.
    const answers = await Promise.all(
      keys.map((idNumber) =>
        serve(p.registries.context, { ...official, service: 'population.person.v1', params: { idNumber } }),
      ),
    );
    expect(answers.map((a) => (a as { key: string }).key)).toEqual(keys);
    const logged = (
      (await p.deps.db.execute(
        sql`select subject_id, count(*)::int as n from registries.access_log
          where actor_id = 'usr_bench' group by subject_id`,
      )) as unknown as { rows: { subject_id: string; n: number }[] }
    ).rows;
    expect(logged).toHaveLength(40);
    expect(logged.every((l) => l.n === 1 && keys.includes(l.subject_id))).toBe(true);
    // A read whose log row cannot be written (its id taken) fails; the others of its group do not.
    const taken = (
      (await p.deps.db.execute(sql`select id from registries.access_log limit 1`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]!.id;
    const read = (key: string, id: string) =>
      readLogged(p.deps.db, {
        q: { registry: 'population', key, validAt: new Date(), fallbackSubjects: [key] },
        log: {
          ids: [id],
          at: new Date(),
          service: 'population.person.v1',
          fields: ['fullName'],
          purpose: 'investigation',
          client: official.client,
          actorKind: 'official',
          actorId: 'usr_group',
          agencyCode: 'H26',
        },
      });
    const results = await Promise.allSettled([
      read(keys[0]!, 'rac_group_1'),
      read(keys[1]!, taken),
      read(keys[2]!, 'rac_group_3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const group = (
      (await p.deps.db.execute(
        sql`select id from registries.access_log where actor_id = 'usr_group' order by id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows.map((r) => r.id);
    expect(group).toEqual(['rac_group_1', 'rac_group_3']);
  });

  it('leaves the table with all its indexes, and a second run with the same seed adds nothing', async () => {
    const idx = (
      (await p.deps.db.execute(
        sql`select indexname from pg_indexes where schemaname = 'registries' and tablename = 'records' order by 1`,
      )) as unknown as { rows: { indexname: string }[] }
    ).rows.map((r) => r.indexname);
    expect(idx).toEqual(['records_current_uq', 'records_history_idx', 'records_pkey', 'records_subjects_idx']);
    const again = await generateRegistries(p.deps.db, { persons: 3000, seed: 5 });
    expect(again).toEqual({ persons: 3000, inserted: 0 });
    // Another seed adds other people, through the batch path (the table is no longer empty).
    const other = await generateRegistries(p.deps.db, { persons: 500, seed: 6 });
    expect(other.persons).toBe(500);
    expect(other.inserted).toBeGreaterThan(500);
  }, 120_000);
});
