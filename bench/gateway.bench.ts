import { mkdtempSync, rmSync } from 'node:fs';
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
  const p = await buildPlatform(benchConfig(dir, databaseUrl, { DATABASE_POOL_SIZE: '10' }));
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
    await p.deps.db.execute(
      sql`insert into gateway.rights (id, service_id, client_id, granted_at)
          select 'gwr_bench', id, 'VN:GOV:H26:motcua', now() from gateway.services where code = 'bench.agency.v1'`,
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
    const records = through.requests * 2;
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
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
