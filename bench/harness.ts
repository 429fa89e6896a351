import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../apps/server/src/config/index.js';

export interface Result {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** HTTP rows: the server's main-thread CPU time per request (ms). */
  cpuMs?: number;
}

/** Run `op` with `concurrency` loops for `seconds` (bounded), measuring each call. */
export async function measure(
  name: string,
  op: () => Promise<void>,
  o: { seconds: number; concurrency: number; maxRequests?: number },
): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + o.seconds * 1000;
  const max = o.maxRequests ?? Number.POSITIVE_INFINITY;
  const start = performance.now();
  let started = 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < end && started < max) {
        started++;
        const t = performance.now();
        try {
          await op();
          lat.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarise(name, lat, errors, (performance.now() - start) / 1000);
}

function summarise(name: string, lat: number[], errors: number, seconds: number): Result {
  lat.sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : Number.NaN);
  const r = {
    name,
    requests: lat.length,
    seconds,
    perSecond: lat.length / seconds,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    errors,
  };
  console.log(
    `${name.padEnd(52)} ${r.perSecond.toFixed(1).padStart(9)}/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${errors}`,
  );
  return r;
}

/** One request of a load pattern; a header value `{uuid}` becomes a fresh UUID per request. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** Binary bodies (OCSP, RFC 3161 requests) cross to the worker as bytes. */
  body?: string | Uint8Array;
}

export interface LoadSpec {
  baseUrl: string;
  /** Sent in turn, round-robin. */
  requests: LoadRequest[];
  seconds: number;
  concurrency: number;
  maxRequests?: number;
}

/** This thread's CPU time (Node 23.9+; not yet in the @types/node this repository pins). */
const threadCpuUsage = (prev?: NodeJS.CpuUsage): NodeJS.CpuUsage =>
  (process as unknown as { threadCpuUsage(prev?: NodeJS.CpuUsage): NodeJS.CpuUsage }).threadCpuUsage(prev);

/**
 * HTTP load from a separate thread (bench/load-worker.ts): the server's event loop serves requests
 * only, as it would with clients elsewhere. Latency is measured client-side, per request.
 */
export async function measureHttp(name: string, spec: LoadSpec): Promise<Result> {
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = threadCpuUsage();
  const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: spec });
  const r = await new Promise<{ lat: number[]; errors: number; firstError: string | null; seconds: number }>(
    (res, rej) => {
      w.once('message', res);
      w.once('error', rej);
    },
  );
  // How busy the server's event loop was: near 100 % means the Node process is the limit; well
  // below, the time goes waiting (the database, locks).
  // Event-loop time is wall time: on a shared, loaded machine a callback descheduled mid-way counts
  // in full. The main thread's CPU time (user + system) is what the server spent on the requests.
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = threadCpuUsage(cpu0);
  await w.terminate();
  if (r.firstError) console.log(`  first error: ${r.firstError}`);
  const n = Math.max(1, r.lat.length);
  console.log(
    `  server event loop busy ${(elu.utilization * 100).toFixed(0)} %, ${(elu.active / n).toFixed(2)} ms per request; main-thread CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms per request`,
  );
  return { ...summarise(name, r.lat, r.errors, r.seconds), cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));

const NOTES_KEPT = 'Notes kept from before this run (each names the run it speaks of):';

/**
 * Replace this suite's section of docs/benchmarks.md: the new rows, the previous rows of operations this run did
 * not measure, and the notes written by hand under the previous table.
 */
export function writeSection(suite: string, intro: string, results: Result[]) {
  const path = new URL('../docs/benchmarks.md', import.meta.url);
  const head =
    '# Benchmarks\n\nWritten by `npm run bench`; each suite rewrites its own section. Figures are from the machine named in each section; compare runs on the same machine only.\n';
  const body = existsSync(path) ? readFileSync(path, 'utf8') : head;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  // Keep the previous rows this run did not measure again (BENCH_KINDS=postgres, or a suite's parts such as
  // BENCH_FEEDBACK_PARTS=search): a row is the same operation when its name is, but for the load and CPU figures.
  const operation = (name: string) => name.replace(/ \[load [^\]]*\]/, '').trim();
  const measured = new Set(results.map((r) => operation(r.name)));
  const prevSection = new RegExp(`## ${suite}\\n[\\s\\S]*?(?=\\n## |$)`).exec(body)?.[0] ?? '';
  const prevLines = prevSection.split('\n');
  const tableStart = prevLines.findIndex((l) => l.startsWith('| operation |'));
  let tableEnd = tableStart;
  while (tableEnd >= 0 && tableEnd < prevLines.length && prevLines[tableEnd]!.startsWith('|')) tableEnd++;
  const kept = prevLines
    .slice(Math.max(tableStart, 0), Math.max(tableEnd, 0))
    .filter((l) => l.startsWith('| [') && !measured.has(operation(l.split(' | ')[0]!.slice(2))));
  // And what was written by hand after the table (analyses, before/after tables), which names its own runs.
  let notes = tableStart < 0 ? '' : prevLines.slice(tableEnd).join('\n').trim();
  if (notes.startsWith(NOTES_KEPT)) notes = notes.slice(NOTES_KEPT.length).trim();
  const table = [
    `## ${suite}`,
    '',
    `${intro}`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}${kept.length ? ` (with ${kept.length} rows kept from earlier runs, of operations this one did not measure)` : ''}.`,
    '',
    '| operation | requests | throughput (/s) | p50 (ms) | p95 (ms) | p99 (ms) | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...kept,
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} |`,
    ),
    '',
    ...(notes ? [NOTES_KEPT, '', notes, ''] : []),
  ].join('\n');
  const re = new RegExp(`## ${suite}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = re.test(body) ? body.replace(re, () => table) : `${body.trimEnd()}\n\n${table}`;
  writeFileSync(path, `${next.trimEnd()}\n`);
}

/**
 * The configuration every benchmark starts from: its own data directory, no workers, no web app, no
 * rate limits (throughput of the code, not of the abuse limits: a 429 would end the run), a fixed
 * secret; `env` adds or overrides.
 */
export function benchConfig(dataDir: string, databaseUrl: string | undefined, env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'false',
    SERVE_WEB: 'false',
    WORKERS: 'false',
    APP_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
    DATABASE_URL: databaseUrl,
    ...env,
  });
}
