#!/usr/bin/env node
// `npm start`: build the web app only when its sources changed since the last build, so that a restart
// (part of recovering from a fault, ADR 0016) reaches a healthy /health in seconds, not after a Vite build.
// The stamp is a SHA-256 over the sources (apps/web/src, index.html, vite.config.ts) and the lock file,
// kept in apps/web/dist/.build-stamp; a missing dist/index.html or a different stamp rebuilds.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const web = join(root, 'apps/web');
const dist = join(web, 'dist');
const stampFile = join(dist, '.build-stamp');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\.test\.tsx?$/.test(f));
}

export function sourceStamp() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(web, 'src')),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ]
    .filter((f) => existsSync(f))
    .sort();
  for (const f of inputs) {
    hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

/** Build the web app when its sources changed since the last build (or always with force). */
export function ensureWebBuilt({ force = false } = {}) {
  const stamp = sourceStamp();
  const built =
    existsSync(join(dist, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp;
  if (built && !force) return 0;
  console.log('Building the web app (its sources changed since the last build) …');
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(web, 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) return r.status ?? 1;
  writeFileSync(stampFile, `${stamp}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(ensureWebBuilt({ force: process.argv[2] === '--force' }));
}
