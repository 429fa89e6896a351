#!/usr/bin/env node
// Measures `npm start` to a healthy /health: cold (fresh data dir, web app built) and warm (same data dir,
// web app already built), on PGlite. Prints the figures for docs/benchmarks.md; asserts nothing.
// Besides the wall time it prints the CPU time the started processes had used by then (from /proc): on a
// machine shared with other work the wall time grows with the load, the CPU time much less.
//   node bench/start-time.mjs [runs=3] [--warm-only] [--tsx]
// --tsx starts the sources under tsx (as `npm start` did before the bundle, and `npm run dev` does) instead.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const warmOnly = args.includes('--warm-only');
const command = args.includes('--tsx')
  ? [process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts']]
  : ['npm', ['start', '--silent']];

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** utime + stime of the live processes of a process group, in ms (Linux /proc; 0 elsewhere). */
function groupCpuMs(pgid) {
  let ticks = 0;
  for (const pid of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid) ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      /* gone */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function startOnce(dataDir, env = {}) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(command[0], command[1], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health`);
        if (r.status === 200) return { wall: performance.now() - t0, cpu: groupCpuMs(child.pid) };
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

const fmt = (r) => `${(r.wall / 1000).toFixed(1)} s (CPU ${(r.cpu / 1000).toFixed(1)} s)`;
const median = (a) => [...a].sort((x, y) => x.wall - y.wall)[Math.floor(a.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'egov-start-'));
if (warmOnly) {
  await startOnce(dir, { SEED_DEMO: 'false' });
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await startOnce(dir, { SEED_DEMO: 'false' }));
  console.log(`warm restart, ${command[1].join(' ')} (median of ${runs}): ${fmt(median(warm))}`);
} else {
  rmSync(join(root, 'apps/web/dist/.build-stamp'), { force: true });
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
  console.log(`fresh data dir, web app built, no demo seed (median of ${runs}): ${fmt(median(cold))}`);
  console.log(`warm restart, same data dir, web app unchanged (median of ${runs}): ${fmt(median(warm))}`);
}
rmSync(dir, { recursive: true, force: true });
