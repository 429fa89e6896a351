import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlatform } from '../apps/server/src/app.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { recordAudit, sealAudit } from '../apps/server/src/modules/audit/index.js';
import { seedDemo, seedReferenceData, DEMO_CITIZEN } from '../apps/server/src/seed.js';
import { benchConfig, measure, measureHttp, type Result } from './harness.js';

/** Foundation: login, authenticated reads, directory search over real HTTP on loopback; audit records and sealing. */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const config = benchConfig(dir, databaseUrl);
  const p = await buildPlatform(config);
  try {
    await seedReferenceData(p);
    await seedDemo(p);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const post = (url: string, body: unknown) =>
      fetch(base + url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await (
      await post('/api/auth/login', { username: DEMO_CITIZEN.username, password: DEMO_CITIZEN.password })
    ).json();
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const http = (
      name: string,
      path: string,
      concurrency: number,
      o: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
    ) =>
      measureHttp(`[${kind}] ${name}, c=${concurrency}`, {
        baseUrl: base,
        requests: [{ method: o.method ?? 'GET', path, body: o.body, headers: o.headers }],
        seconds: 5,
        concurrency,
      });
    const results: Result[] = [];
    results.push(
      await http('POST /api/auth/login (argon2id)', '/api/auth/login', 4, {
        method: 'POST',
        body: JSON.stringify({ username: DEMO_CITIZEN.username, password: DEMO_CITIZEN.password }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    results.push(await http('GET /api/me (bearer session)', '/api/me', 16, { headers: auth }));
    results.push(await http('GET /api/agencies?q=ha noi (unaccent)', '/api/agencies?q=ha%20noi', 16));
    results.push(await http('GET /api/agencies/000.00.00.G22', '/api/agencies/000.00.00.G22', 16));
    // Audited writes record their event in their own transaction; the sealer chains them after (ADR 0012).
    results.push(
      await measure(
        `[${kind}] audit record (1 tx each), c=8`,
        () =>
          p.deps.db.transaction(
            async (tx) => void (await recordAudit(tx, systemActor, { action: 'bench.ran', subjectType: 'bench' })),
          ),
        {
          seconds: 5,
          concurrency: 8,
        },
      ),
    );
    const t0 = performance.now();
    const sealed = await sealAudit(p.deps.db);
    const s = (performance.now() - t0) / 1000;
    const sealRow: Result = {
      name: `[${kind}] audit seal (chain ${sealed} events, batches of 1000)`,
      requests: sealed,
      seconds: s,
      perSecond: sealed / s,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      errors: 0,
    };
    console.log(`${sealRow.name.padEnd(52)} ${sealRow.perSecond.toFixed(1).padStart(9)}/s`);
    results.push(sealRow);
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
