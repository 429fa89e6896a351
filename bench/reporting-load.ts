import { sql } from 'drizzle-orm';
import type { Db } from '../apps/server/src/platform/db/index.js';
import { PROCEDURE_SEED } from '../apps/server/src/modules/procedures/seed/procedures.seed.js';

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as Rows<T>).rows;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: (string | number)[]) =>
  `array[${xs.map((x) => (typeof x === 'number' ? String(x) : lit(x))).join(',')}]`;

/**
 * One INSERT … SELECT of dossiers `from`..`to`, generated in the database (no row crosses to Node):
 * over the seeded procedures (each with its own fee rule) and agencies (some busier than others:
 * the agency index is drawn with a skew), channels (online 70 %, counter 25 %, postal 5 %), local
 * office hours of the `days` days before `now`; a dossier older than its due time is mostly finished
 * (returned, most on time, most with an electronic result), a recent one mostly in progress; about a
 * third of those with fees paid online.
 */
export function dossierBatch(
  from: number,
  to: number,
  agencies: string[],
  now: Date,
  days: number,
  /** New rows (a burst): changed now, as a submission would be; else when they last changed. */
  fresh = false,
) {
  const procs = PROCEDURE_SEED;
  const codes = sql.raw(arr(procs.map((p) => p.code)));
  const names = sql.raw(arr(procs.map((p) => p.name)));
  const fees = sql.raw(arr(procs.map((p) => p.fees[0]?.amount ?? 0)));
  const collect = sql.raw(arr(procs.map((p) => p.feeCollection ?? (p.fees.length ? 'before' : 'free'))));
  const list = sql.raw(arr(agencies));
  const na = sql.raw(String(agencies.length));
  const np = sql.raw(String(procs.length));
  const nowIso = now.toISOString();
  return sql`
    insert into dossiers.dossiers (id, code, procedure_code, procedure_version, procedure_name, agency_code,
      applicant_id, applicant_name, channel, submitted_by, form_data, state, status_code, submitted_at,
      received_at, due_at, finished_at, returned_at, result_file_id, online, fee_collection, fee_amount,
      fee_paid_at, fee_paid_online, created_at, updated_at)
    select 'dos_bench' || g, 'BENCH-' || g, (${codes})[pi], 1, (${names})[pi], (${list})[ai],
      'usr_bench', 'Công dân ' || g, ch, 'usr_bench', '{}'::jsonb,
      case when fin is not null then 'returned' when r5 < 0.5 then 'processing' else 'received' end,
      case when fin is not null then 10 when r5 < 0.5 then 4 else 2 end,
      t, t, t + due, fin, fin, case when fin is not null and r5 < 0.8 then 'fil_bench' end,
      ch = 'online', (${collect})[pi], (${fees})[pi],
      case when (${fees})[pi] > 0 and r6 < 0.9 then t + interval '1 hour' end,
      (${fees})[pi] > 0 and r6 < 0.9 and ch = 'online' and r7 < 0.5,
      t, ${fresh ? sql`now()` : sql`coalesce(fin, t)`}
    from (
      select g, pi, ai, ch, t, due, r5, r6, r7,
        -- Finished when its (slightly late, for some) finishing time has passed.
        case when t + due * (0.3 + r4 * 0.85) < ${nowIso}::timestamptz then t + due * (0.3 + r4 * 0.85) end as fin
      from (
        select g, r5, r6, r7, r4, r8,
          1 + floor(r1 * ${np})::int as pi,
          1 + floor(power(r2, 1.6) * ${na})::int as ai,
          case when r3 < 0.7 then 'online' when r3 < 0.95 then 'counter' else 'postal' end as ch,
          -- A local working day (08:00–17:00, UTC+7) among the last ${sql.raw(String(days))}.
          least(${nowIso}::timestamptz, date_trunc('day', ${nowIso}::timestamptz) - floor(r8 * ${sql.raw(String(days))}) * interval '1 day'
            + interval '1 hour' + r5 * interval '9 hours') as t,
          (3 + floor(r6 * 13)::int) * interval '1 day' as due
        from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
                random() r7, random() r8 from generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) g) r
      ) s
    ) x`;
}

/**
 * Load `n` dossiers the way a bulk import would: the table's indexes and key constraints dropped
 * (and the foreign keys that need them), batches of 1M rows generated in SQL, then the constraints
 * and indexes built again on the full table (with more maintenance memory, `parallel` at a time), then
 * VACUUM ANALYZE (what
 * autovacuum would leave). Returns the seconds spent loading and indexing.
 */
export async function bulkLoadDossiers(
  db: Db,
  n: number,
  agencies: string[],
  now: Date,
  parallel = 1,
  log = console.log,
) {
  const t0 = Date.now();
  const indexes = await rows<{ name: string; def: string }>(
    db,
    sql`select indexname as name, indexdef as def from pg_indexes i where schemaname = 'dossiers'
        and tablename = 'dossiers' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  const keys = await rows<{ name: string; def: string }>(
    db,
    sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = 'dossiers.dossiers'::regclass and contype in ('p', 'u')`,
  );
  const fks = await rows<{ tbl: string; name: string; def: string }>(
    db,
    sql`select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where confrelid = 'dossiers.dossiers'::regclass and contype = 'f'`,
  );
  for (const f of fks) await db.execute(sql.raw(`alter table ${f.tbl} drop constraint ${f.name}`));
  for (const i of indexes) await db.execute(sql.raw(`drop index dossiers.${i.name}`));
  for (const k of keys) await db.execute(sql.raw(`alter table dossiers.dossiers drop constraint ${k.name}`));
  const BATCH = 1_000_000;
  for (let i = 1; i <= n; i += BATCH) {
    await db.execute(dossierBatch(i, Math.min(n, i + BATCH - 1), agencies, now, 365));
    log(`  ${Math.min(n, i + BATCH - 1)} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const loaded = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
    for (const k of keys) await tx.execute(sql.raw(`alter table dossiers.dossiers add constraint ${k.name} ${k.def}`));
  });
  // `parallel` builds at a time, each on its own connection (PostgreSQL; PGlite has one); the
  // trigram (GIN) indexes, the longest, first.
  const gin = (d: string) => Number(/using gin/i.test(d));
  const queue = [...indexes].sort((a, b) => gin(b.def) - gin(a.def));
  const build = async () => {
    for (let i = queue.shift(); i; i = queue.shift()) {
      const t = Date.now();
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local maintenance_work_mem = '256MB'`));
        await tx.execute(sql.raw(i.def));
      });
      log(`  index ${i.name} ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, build));
  for (const f of fks) await db.execute(sql.raw(`alter table ${f.tbl} add constraint ${f.name} ${f.def}`));
  const indexed = (Date.now() - t1) / 1000;
  const t2 = Date.now();
  await db.execute(sql.raw('vacuum analyze dossiers.dossiers'));
  return { loaded, indexed, vacuumed: (Date.now() - t2) / 1000 };
}
