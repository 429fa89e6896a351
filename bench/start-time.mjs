#!/usr/bin/env node
// Measures `npm start` to a healthy /health: cold (fresh data dir, web app built) and warm (same data dir,
// web app already built), on PGlite. Prints the figures for docs/benchmarks.md; asserts nothing.
//   node bench/start-time.mjs [runs=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 3);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startOnce(dataDir, env = {}) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health`);
        if (r.status === 200) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - t0 > 300_000) throw new Error('no healthy /health after 300 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
const stamp = join(root, 'apps/web/dist/.build-stamp');
rmSync(stamp, { force: true });
const dir = mkdtempSync(join(tmpdir(), 'egov-start-'));
const first = await startOnce(dir);
console.log(`first start (web build, initdb, migrations, demo seed): ${fmt(first)}`);
const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const fresh = mkdtempSync(join(tmpdir(), 'egov-start-'));
  cold.push(await startOnce(fresh, { SEED_DEMO: 'false' }));
  rmSync(fresh, { recursive: true, force: true });
  warm.push(await startOnce(dir));
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`fresh data dir, web app built, no demo seed (median of ${runs}): ${fmt(median(cold))}`);
console.log(`warm restart, same data dir, web app unchanged (median of ${runs}): ${fmt(median(warm))}`);
rmSync(dir, { recursive: true, force: true });
