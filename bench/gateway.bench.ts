import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { DIRECTORY_PROVIDER } from '../apps/server/src/modules/gateway/index.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, measure, type Result } from './harness.js';

const CODES = ['H26', 'G22', 'G09', '000.00.00.H26', 'H57', 'G01', 'H41', 'G10'];

/**
 * The gateway's overhead per call: the same service (an agency read from the database) called directly and
 * through `gateway.call` in process (client and provider side on one deployment: shape checks,
 * rate and quota counters, registry, purpose and right lookups, two signed log records with the
 * members' seals), then the batch stamp (chain + one RFC 3161 token) of everything logged.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const seconds = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const p = await buildPlatform(
    benchConfig(dir, databaseUrl, { DATABASE_POOL_SIZE: '10', GATEWAY_BACKEND_ALLOW: '127.0.0.1' }),
  );
  // A provider's own REST back end (node:http on this machine): answers a small JSON record at once.
  const backend = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: req.url!.split('/').pop(), name: 'Ủy ban nhân dân thành phố Hà Nội' }));
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/api`;
  try {
    await seedReferenceData(p);
    await p.signatures.init(systemActor);
    await p.signatures.seedDemoCertificates(systemActor, { usernames: [], agencyCodes: ['G22', 'H26'] });
    // The service both rows call: one agency read from the database (as a registry lookup is).
    const lookup = async (code: string) => {
      const r = (await p.deps.db.execute(
        sql`select code, name from directory.agencies where code = ${code} or legacy_code = ${code}`,
      )) as unknown as { rows: { code: string; name: string }[] };
      return r.rows[0] ?? null;
    };
    p.gateway.registerLocalService({
      code: 'bench.agency.v1',
      provider: DIRECTORY_PROVIDER,
      purposes: ['dossier-processing'],
      handle: async (req) => {
        const a = await lookup(req.params.code ?? '');
        return a ? { status: 200, body: a } : { status: 404, body: null };
      },
    });
    await p.gateway.seedDemo(null);
    const openapi = {
      openapi: '3.1.0',
      info: { title: 'bench', version: '1' },
      paths: { '/agencies/{code}': { get: {} } },
    };
    const purposes = [{ code: 'dossier-processing', name: 'Giải quyết hồ sơ', legalBasis: 'bench' }];
    await p.deps.db.execute(
      sql`insert into gateway.services (id, code, provider_id, name, purposes, openapi, backend_url, status, created_at)
          values ('gws_benchrest', 'bench.agencyrest.v1', ${DIRECTORY_PROVIDER}, 'bench REST',
                  ${JSON.stringify(purposes)}::jsonb, ${JSON.stringify(openapi)}::jsonb, ${backendUrl}, 'active', now())`,
    );
    await p.deps.db.execute(
      sql`insert into gateway.rights (id, service_id, client_id, granted_at)
          select 'gwr_' || code, id, 'VN:GOV:H26:motcua', now() from gateway.services
          where code in ('bench.agency.v1', 'bench.agencyrest.v1')`,
    );
    // The bench measures the pipeline, not the demo client's limits.
    await p.deps.db.execute(sql`update gateway.subsystems set rate_per_minute = 100000000, quota_per_day = 100000000`);
    let i = 0;
    const results: Result[] = [];
    const direct = await measure(
      `[${kind}] direct: agency lookup (one query)`,
      async () => {
        if (!(await lookup(CODES[i++ % CODES.length]!))) throw new Error('not found');
      },
      { seconds, concurrency: 4 },
    );
    const through = await measure(
      `[${kind}] gateway.call: same lookup, logged and signed both sides`,
      async () => {
        const r = await p.gateway.call({
          client: 'VN:GOV:H26:motcua',
          service: 'bench.agency.v1',
          provider: DIRECTORY_PROVIDER,
          purpose: 'dossier-processing',
          actor: { kind: 'official', accountId: 'usr_bench', agencyCode: 'H26' },
          params: { code: CODES[i++ % CODES.length]! },
        });
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      },
      { seconds, concurrency: 4 },
    );
    const ratio = (through.p50 / direct.p50).toFixed(1);
    const throughputRatio = (direct.perSecond / through.perSecond).toFixed(1);
    console.log(`  overhead: p50 ×${ratio}, throughput ÷${throughputRatio}`);
    results.push(direct, {
      ...through,
      name: `${through.name} (p50 ×${ratio} of direct, throughput ÷${throughputRatio})`,
    });
    const directHttp = await measure(
      `[${kind}] direct: HTTP GET to a REST back end (node:http, same machine)`,
      async () => {
        const r = await fetch(`${backendUrl}/agencies/${CODES[i++ % CODES.length]!}`);
        if (r.status !== 200) throw new Error(`status ${r.status}`);
        await r.json();
      },
      { seconds, concurrency: 4 },
    );
    const forwarded = await measure(
      `[${kind}] gateway.call forwarded to that back end, logged and signed both sides`,
      async () => {
        const r = await p.gateway.call({
          client: 'VN:GOV:H26:motcua',
          service: 'bench.agencyrest.v1',
          provider: DIRECTORY_PROVIDER,
          purpose: 'dossier-processing',
          actor: { kind: 'official', accountId: 'usr_bench', agencyCode: 'H26' },
          path: `/agencies/${CODES[i++ % CODES.length]!}`,
          params: {},
        });
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      },
      { seconds, concurrency: 4 },
    );
    const fRatio = (forwarded.p50 / directHttp.p50).toFixed(1);
    const fThroughput = (directHttp.perSecond / forwarded.perSecond).toFixed(1);
    console.log(`  forwarding overhead: p50 ×${fRatio}, throughput ÷${fThroughput}`);
    results.push(directHttp, {
      ...forwarded,
      name: `${forwarded.name} (p50 ×${fRatio} of direct HTTP, throughput ÷${fThroughput})`,
    });
    const records = (through.requests + forwarded.requests) * 2;
    const t = performance.now();
    const chained = await p.gateway.stampPending();
    const s = (performance.now() - t) / 1000;
    console.log(`  stamped ${chained} records in ${s.toFixed(2)} s`);
    results.push({
      name: `[${kind}] batch stamp: chain ${records} records + RFC 3161 token per 2,000`,
      requests: chained,
      seconds: s,
      perSecond: chained / s,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      errors: chained === records ? 0 : Math.abs(records - chained),
    });
    return results;
  } finally {
    backend.close();
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
