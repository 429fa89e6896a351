import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { createStaffUser } from '../apps/server/src/modules/identity/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, measureHttp, type Result } from './harness.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** Bulk-load `n` dossiers from id `from` on, over the agencies and the year before `now`. */
function dossierBatch(from: number, to: number, agencies: string[], now: Date, recent: boolean) {
  const list = sql.raw(`array[${agencies.map((a) => `'${a}'`).join(',')}]`);
  const at = recent
    ? sql`${now.toISOString()}::timestamptz - (g % 600) * interval '1 second'`
    : sql`${now.toISOString()}::timestamptz - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second'`;
  return sql`
    insert into dossiers.dossiers (id, code, procedure_code, procedure_version, procedure_name, agency_code,
      applicant_id, applicant_name, channel, submitted_by, form_data, state, status_code, submitted_at,
      received_at, due_at, finished_at, result_file_id, online, fee_collection, fee_amount, fee_paid_at,
      fee_paid_online, created_at, updated_at)
    select 'dos_bench' || g, 'BENCH-' || g, '1.000777', 1, 'Đăng ký khai sinh',
      (${list})[1 + g % ${sql.raw(String(agencies.length))}], 'usr_bench', 'Công dân ' || g,
      case when g % 3 = 0 then 'counter' else 'online' end, 'usr_bench', '{}'::jsonb,
      case when g % 4 = 0 then 'returned' else 'processing' end, case when g % 4 = 0 then 10 else 4 end,
      t, t, t + interval '5 days',
      case when g % 4 = 0 then t + (g % 7) * interval '1 day' end,
      case when g % 8 = 0 then 'fil_bench' end,
      g % 3 <> 0, case when g % 5 = 0 then 'after' else 'free' end, case when g % 5 = 0 then 50000 else 0 end,
      case when g % 10 = 0 then t end, g % 10 = 0, t, ${recent ? sql`now()` : sql`t`}
    from (select g, ${at} as t from generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) g) s`;
}

/**
 * Decision 766 / Resolution 17 indicators over bulk-loaded dossiers: the first refresh of the day
 * facts (every key), an incremental refresh after a burst of new submissions, then the dashboard
 * reads (country, one province) and the public scores over HTTP.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const N = Number(process.env.BENCH_REPORTING_DOSSIERS ?? (kind === 'postgres' ? 1_000_000 : 100_000));
  const BURST = Number(process.env.BENCH_REPORTING_BURST ?? 5_000);
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const p = await buildPlatform(benchConfig(dir, databaseUrl, { PUBLIC_URL: base }));
  const db = p.deps.db;
  const results: Result[] = [];
  const timed = (name: string, ms: number, n = 1): Result => {
    console.log(`${name.padEnd(52)} ${ms.toFixed(0)} ms`);
    return { name, requests: n, seconds: ms / 1000, perSecond: (n * 1000) / ms, p50: ms, p95: ms, p99: ms, errors: 0 };
  };
  try {
    await seedReferenceData(p);
    await p.app.listen({ port, host: '127.0.0.1' });
    const agencies = (
      (await db.execute(sql`select code from directory.agencies order by code`)) as unknown as {
        rows: { code: string }[];
      }
    ).rows.map((r) => r.code);
    const now = new Date();
    let t0 = Date.now();
    for (let i = 1; i <= N; i += 100_000)
      await db.execute(dossierBatch(i, Math.min(N, i + 99_999), agencies, now, false));
    await db.execute(sql.raw('analyze dossiers.dossiers'));
    console.log(`  bulk-loaded ${N} dossiers in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    t0 = performance.now();
    const first = await p.reporting.refresh();
    results.push(
      timed(`[${kind}] first refresh of the day facts, ${N} dossiers (${first.rows} keys)`, performance.now() - t0),
    );
    await db.execute(sql.raw('analyze reporting.day_facts'));
    await db.execute(sql.raw('analyze reporting.month_facts'));
    // A burst of new submissions, then the incremental refresh (only the keys they touched).
    await db.execute(dossierBatch(N + 1, N + BURST, agencies, new Date(), true));
    t0 = performance.now();
    const inc = await p.reporting.refresh();
    results.push(
      timed(`[${kind}] incremental refresh after ${BURST} new dossiers (${inc.rows} keys)`, performance.now() - t0),
    );

    await createStaffUser(p.identity, systemActor, null, {
      username: 'bench.tw',
      password: 'Bench@12345',
      fullName: 'Bench',
      roles: ['leader'],
      agencyCode: 'G22',
    });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench.tw', password: 'Bench@12345' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const y = now.getFullYear();
    const auth = { authorization: `Bearer ${token}` };
    results.push(
      await measureHttp(`[${kind}] GET /api/indicators national, year, over ${N} dossiers, c=8`, {
        baseUrl: base,
        requests: [{ method: 'GET', path: `/api/indicators?from=${y - 1}-01-01&to=${y}-12-31`, headers: auth }],
        seconds: 15,
        concurrency: 8,
      }),
    );
    // Answers are cached until the next refresh: the rows above are mostly hits. Here each request asks
    // for another range (ragged ends: day facts at both ends, month facts inside), so each one computes.
    const day = (d: number) => new Date(Date.UTC(y - 1, 0, 1 + d)).toISOString().slice(0, 10);
    const misses = Array.from({ length: 3650 }, (_, i) => ({
      method: 'GET' as const,
      path: `/api/indicators?from=${day(i % 365)}&to=${y}-12-${String(31 - Math.floor(i / 365)).padStart(2, '0')}`,
      headers: auth,
    }));
    results.push(
      await measureHttp(`[${kind}] GET /api/indicators national, another range each request (computed), c=8`, {
        baseUrl: base,
        requests: misses,
        seconds: 15,
        concurrency: 8,
      }),
    );
    results.push(
      await measureHttp(`[${kind}] GET /api/indicators?scope=H26 (province drill-down), c=8`, {
        baseUrl: base,
        requests: [
          { method: 'GET', path: `/api/indicators?scope=H26&from=${y - 1}-01-01&to=${y}-12-31`, headers: auth },
        ],
        seconds: 15,
        concurrency: 8,
      }),
    );
    results.push(
      await measureHttp(`[${kind}] GET /api/public/scores?period=${y} (34 provinces), c=8`, {
        baseUrl: base,
        requests: [{ method: 'GET', path: `/api/public/scores?period=${y}` }],
        seconds: 10,
        concurrency: 8,
      }),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
