#!/usr/bin/env node
// `npm start` runs the server from one bundled file, apps/server/dist/main.mjs, built by esbuild (which tsx
// already brings) from apps/server/src, packages left as imports. Loading ~400 TypeScript files through tsx
// cost about a second of a warm restart (transpile, source maps, module resolution); one file does not
// (docs/benchmarks.md, "start"). Like the web app's build, the bundle is made again only when a source changed:
// a SHA-256 over the server's sources, tsconfig.json and the lock file, in apps/server/dist/.build-stamp.
//   node tools/server/build-if-changed.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'apps/server/src');
export const SERVER_DIST = join(root, 'apps/server/dist');
export const SERVER_ENTRY = join(SERVER_DIST, 'main.mjs');
const stampFile = join(SERVER_DIST, '.build-stamp');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\.test\.ts$/.test(f));
}

function sourceStamp() {
  const hash = createHash('sha256');
  const inputs = [...files(src), join(root, 'tsconfig.json'), join(root, 'package-lock.json')].sort();
  for (const f of inputs) hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/** Bundle the server when its sources changed since the last bundle; returns the entry file. */
export async function ensureServerBuilt({ force = false } = {}) {
  const stamp = sourceStamp();
  const built = existsSync(SERVER_ENTRY) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp;
  if (built && !force) return SERVER_ENTRY;
  const { build } = await import('esbuild');
  mkdirSync(SERVER_DIST, { recursive: true });
  // Write beside, then rename: two starts at once (the browser tests start several servers) never load half a file.
  const tmp = join(SERVER_DIST, `main.${process.pid}.tmp.mjs`);
  await build({
    entryPoints: [join(src, 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: tmp,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
  });
  renameSync(`${tmp}.map`, `${SERVER_ENTRY}.map`);
  // The map is linked by file name; the bundle keeps the temporary name in its last line, so point it home.
  const code = readFileSync(tmp, 'utf8').replace(
    /\/\/# sourceMappingURL=\S+\s*$/,
    '//# sourceMappingURL=main.mjs.map\n',
  );
  writeFileSync(tmp, code);
  renameSync(tmp, SERVER_ENTRY);
  writeFileSync(stampFile, `${stamp}\n`);
  return SERVER_ENTRY;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureServerBuilt({ force: process.argv.includes('--force') });
}
