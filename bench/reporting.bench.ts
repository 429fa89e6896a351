import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { createStaffUser, makePersonalId, registerAccount } from '../apps/server/src/modules/identity/index.js';
import { seedProcedures } from '../apps/server/src/modules/procedures/index.js';
import { buildProcedureContent } from '../apps/server/test/factories.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, measureHttp, type LoadRequest, type Result } from './harness.js';
import { bulkLoadDossiers, dossierBatch } from './reporting-load.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** The local (UTC+7) date of an instant, as the facts key days. */
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

interface PacedResult {
  done: number[];
  lat: number[];
  errors: number;
  firstError: string | null;
  seconds: number;
  behind: number;
  polls: { at: number; value: number }[];
}

/**
 * Decision 766 / Resolution 17 indicators over bulk-loaded dossiers (generated in SQL, indexes
 * built after the load): the first refresh of the day facts (every key), an incremental refresh
 * after a burst, the dashboard reads (country, one province) and the public scores over HTTP, then
 * freshness under load: submissions through POST /api/dossiers at a fixed rate while the serving
 * process's own refresh timer runs as in production, and the lag from each submission's answer
 * (after its commit) to the first dashboard answer whose figures include it.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const N = Number(process.env.BENCH_REPORTING_DOSSIERS ?? (kind === 'postgres' ? 10_000_000 : 100_000));
  const BURST = Number(process.env.BENCH_REPORTING_BURST ?? 5_000);
  const RATE = Number(process.env.BENCH_REPORTING_RATE ?? (kind === 'postgres' ? 500 : 100));
  const LOAD_SECONDS = Number(process.env.BENCH_REPORTING_LOAD_SECONDS ?? (kind === 'postgres' ? 60 : 30));
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // WORKERS on, as a serving process runs: nothing runs before p.start() (the freshness row).
  const p = await buildPlatform(
    benchConfig(dir, databaseUrl, { PUBLIC_URL: base, WORKERS: 'true', DATABASE_POOL_SIZE: '20' }),
  );
  const db = p.deps.db;
  const results: Result[] = [];
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
  const timed = (name: string, ms: number, n = 1): Result => {
    console.log(`${name.padEnd(52)} ${ms.toFixed(0)} ms`);
    return { name, requests: n, seconds: ms / 1000, perSecond: (n * 1000) / ms, p50: ms, p95: ms, p99: ms, errors: 0 };
  };
  try {
    console.log(`  load average ${load()} at the start`);
    await seedReferenceData(p);
    await seedProcedures(p.procedures, systemActor);
    await p.app.listen({ port, host: '127.0.0.1' });
    // Agencies in a fixed shuffled order (the load's skew then falls on ministries, provinces and
    // communes alike, not on the first codes).
    const agencies = (
      (await db.execute(sql`select code from directory.agencies order by md5(code)`)) as unknown as {
        rows: { code: string }[];
      }
    ).rows.map((r) => r.code);
    const now = new Date();
    const loaded = await bulkLoadDossiers(db, N, agencies, now, kind === 'postgres' ? 3 : 1);
    results.push(
      timed(
        `[${kind}] bulk load of ${N} dossiers (generated in SQL; ${loaded.loaded.toFixed(0)} s rows, ${loaded.indexed.toFixed(0)} s indexes, ${loaded.vacuumed.toFixed(0)} s vacuum)`,
        (loaded.loaded + loaded.indexed + loaded.vacuumed) * 1000,
      ),
    );

    let t0 = performance.now();
    const first = await p.reporting.refresh();
    results.push(
      timed(`[${kind}] first refresh of the day facts, ${N} dossiers (${first.rows} keys)`, performance.now() - t0),
    );
    await db.execute(sql.raw('analyze reporting.day_facts'));
    await db.execute(sql.raw('analyze reporting.month_facts'));
    // A burst of new submissions (today's), then the incremental refresh (only the keys they touched).
    await db.execute(dossierBatch(N + 1, N + BURST, agencies, new Date(), 1, true));
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
    const misses = (scope: string) =>
      Array.from({ length: 3650 }, (_, i) => ({
        method: 'GET' as const,
        path: `/api/indicators?from=${day(i % 365)}&to=${y}-12-${String(31 - Math.floor(i / 365)).padStart(2, '0')}${scope}`,
        headers: auth,
      }));
    results.push(
      await measureHttp(`[${kind}] GET /api/indicators national, another range each request (computed), c=8`, {
        baseUrl: base,
        requests: misses(''),
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
      await measureHttp(`[${kind}] GET /api/indicators?scope=H26, another range each request (computed), c=8`, {
        baseUrl: base,
        requests: misses('&scope=H26'),
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
    results.push(...(await freshness(p, kind, base, auth, { rate: RATE, seconds: LOAD_SECONDS, load })));
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Submissions through POST /api/dossiers (20 citizens, a procedure every province implements) at
 * `rate` per second for `seconds`, open-loop from a worker thread, while the serving process runs
 * its workers (p.start(): the job runner, the reporting refresh timer, every module's pollers); the
 * same worker asks the dashboard (GET /api/indicators, today, the country) every 250 ms. A
 * submission is in the figures at the first answer whose count of today's dossiers reaches it (in
 * the order they were answered: a refresh sees every dossier committed before it began).
 */
export async function freshness(
  p: Awaited<ReturnType<typeof buildPlatform>>,
  kind: string,
  base: string,
  auth: Record<string, string>,
  o: { rate: number; seconds: number; load: () => string; seq?: number },
): Promise<Result[]> {
  const admin = {
    userId: 'usr_bench',
    username: 'bench',
    fullName: 'Bench',
    kind: 'staff' as const,
    roles: ['admin'],
    agencyId: null,
    agencyCode: null,
    acr: 2 as const,
    sessionId: null,
    via: 'bearer' as const,
  };
  // A second run on the same database (bench/… scripts) uses another procedure and other citizens.
  const seq = o.seq ?? 0;
  const procedure = `1.0099${String(1 + seq).padStart(2, '0')}`;
  const provinces = (await p.directory.search({ level: 'province', page: 1, pageSize: 100 })).items.map((a) => a.code);
  await p.procedures.create(
    systemActor,
    admin,
    procedure,
    buildProcedureContent({ requiredDocuments: [], implementingAgencies: provinces }),
  );
  await p.procedures.publish(systemActor, admin, procedure);
  const tokens: string[] = [];
  for (let i = 0; i < 20; i++) {
    const idNumber = makePersonalId('001', '1990-01-01', 'male', 900000 + seq * 100 + i);
    await registerAccount(p.identity, systemActor, {
      idNumber,
      fullName: `Công dân ${i}`,
      dateOfBirth: '1990-01-01',
      gender: 'male',
      email: `bench${seq}.${i}@bench.vn`,
      phone: '0912345678',
      password: 'Bench@12345',
    });
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: idNumber, password: 'Bench@12345' }),
    });
    tokens.push(((await r.json()) as { accessToken: string }).accessToken);
  }
  const requests: LoadRequest[] = provinces.flatMap((agencyCode, i) => [
    {
      method: 'POST' as const,
      path: '/api/dossiers',
      body: JSON.stringify({
        procedureCode: procedure,
        agencyCode,
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [],
      }),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        'idempotency-key': '{uuid}',
      },
    },
  ]);
  // The facts are current before the load; then the serving process's own timer refreshes them.
  await p.reporting.refresh();
  const today = vnDay(new Date());
  console.log(`  load average ${o.load()} before the submissions`);
  p.start();
  const w = new Worker(new URL('./paced-worker.mjs', import.meta.url), {
    workerData: {
      baseUrl: base,
      requests,
      rate: o.rate,
      seconds: o.seconds,
      maxInFlight: 128,
      poll: { path: `/api/indicators?from=${today}&to=${today}`, headers: auth, everyMs: 250 },
      settleSeconds: 180,
    },
  });
  const r = await new Promise<PacedResult>((res, rej) => {
    w.once('message', res);
    w.once('error', rej);
  });
  await w.terminate();
  console.log(`  load average ${o.load()} after the submissions`);
  if (r.firstError) console.log(`  first error: ${r.firstError}`);
  const baseline = r.polls[0]?.value ?? 0;
  const done = [...r.done].sort((a, b) => a - b);
  const lags: number[] = [];
  let j = 0;
  for (let k = 0; k < done.length; k++) {
    while (j < r.polls.length && (r.polls[j]!.at < done[k]! || r.polls[j]!.value - baseline < k + 1)) j++;
    if (j === r.polls.length) break;
    lags.push(r.polls[j]!.at - done[k]!);
  }
  const missing = done.length - lags.length;
  const q = (xs: number[], f: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))] ?? NaN;
  const achieved = done.length / r.seconds;
  const updates = new Set(r.polls.map((x) => x.value)).size - 1;
  console.log(
    `  ${done.length} submissions in ${r.seconds.toFixed(1)} s (${achieved.toFixed(0)}/s, asked ${o.rate}/s; ${r.behind} sends waited for a free slot), ${r.errors} errors; the figures changed ${updates} times; ${missing} not in the figures after the settling time`,
  );
  const lagS = lags.map((x) => x / 1000);
  console.log(
    `  lag commit → dashboard: p50 ${q(lagS, 0.5).toFixed(1)} s, p95 ${q(lagS, 0.95).toFixed(1)} s, max ${Math.max(...lagS).toFixed(1)} s`,
  );
  const sub = [...r.lat].sort((a, b) => a - b);
  return [
    {
      name: `[${kind}] POST /api/dossiers at ${o.rate}/s asked for ${o.seconds} s, open loop (achieved ${achieved.toFixed(0)}/s), workers running`,
      requests: done.length,
      seconds: r.seconds,
      perSecond: achieved,
      p50: q(sub, 0.5),
      p95: q(sub, 0.95),
      p99: q(sub, 0.99),
      errors: r.errors,
    },
    {
      name: `[${kind}] freshness: submission answered → in GET /api/indicators figures, in ms (p99 column: the max; ${missing} never)`,
      requests: lags.length,
      seconds: r.seconds,
      perSecond: achieved,
      p50: q(lags, 0.5),
      p95: q(lags, 0.95),
      p99: Math.max(...lags),
      errors: missing,
    },
  ];
}
