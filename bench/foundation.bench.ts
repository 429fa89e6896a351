import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlatform } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/index.js';
import { systemActor } from '../apps/server/src/platform/http/auth.js';
import { recordAudit } from '../apps/server/src/modules/audit/index.js';
import { seedDemo, seedReferenceData, DEMO_CITIZEN } from '../apps/server/src/seed.js';
import { measure, type Result } from './harness.js';

/** Foundation: login, authenticated reads, directory search, audit appends, over real HTTP on loopback. */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', WORKERS: 'false', APP_SECRET: 'bench-secret-0123456789-abcdefghijklmnop', DATABASE_URL: databaseUrl });
  const p = await buildPlatform(config);
  try {
    await seedReferenceData(p);
    await seedDemo(p);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const post = (url: string, body: unknown) => fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const login = await (await post('/api/auth/login', { username: DEMO_CITIZEN.username, password: DEMO_CITIZEN.password })).json();
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const ok = async (r: Promise<Response>) => {
      const res = await r;
      await res.arrayBuffer();
      if (!res.ok) throw new Error(String(res.status));
    };
    const results: Result[] = [];
    results.push(await measure(`[${kind}] POST /api/auth/login (argon2id), c=4`, () => ok(post('/api/auth/login', { username: DEMO_CITIZEN.username, password: DEMO_CITIZEN.password })), { seconds: 5, concurrency: 4 }));
    results.push(await measure(`[${kind}] GET /api/me (bearer session), c=16`, () => ok(fetch(`${base}/api/me`, { headers: auth })), { seconds: 5, concurrency: 16 }));
    results.push(await measure(`[${kind}] GET /api/agencies?q=ha noi (unaccent), c=16`, () => ok(fetch(`${base}/api/agencies?q=ha%20noi`)), { seconds: 5, concurrency: 16 }));
    results.push(await measure(`[${kind}] GET /api/agencies/000.00.00.G22, c=16`, () => ok(fetch(`${base}/api/agencies/000.00.00.G22`)), { seconds: 5, concurrency: 16 }));
    results.push(
      await measure(`[${kind}] audit append (hash chain, 1 tx each), c=8`, () => p.deps.db.transaction(async (tx) => void (await recordAudit(tx, systemActor, { action: 'bench.ran', subjectType: 'bench' }))), {
        seconds: 5,
        concurrency: 8,
      }),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
