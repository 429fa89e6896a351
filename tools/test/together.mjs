#!/usr/bin/env node
// `node tools/test/together.mjs typecheck lint`: run npm scripts at the same time and wait for all of them; exit
// with the first failure's code. For checks that each use one core (tsc, eslint), so that on a machine with two
// they take the time of the longer one, not of both. Each script's output is held and printed whole when it ends,
// under its name, so the two never interleave.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node tools/test/together.mjs SCRIPT...');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const codes = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((res) => {
        const started = Date.now();
        const chunks = [];
        const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => chunks.push(c));
        child.on('error', (e) => chunks.push(Buffer.from(String(e))));
        child.on('close', (code) => {
          const out = Buffer.concat(chunks).toString('utf8').trimEnd();
          const secs = ((Date.now() - started) / 1000).toFixed(0);
          console.log(
            `== ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${secs} s${out ? `\n${out}` : ''}`,
          );
          res(code ?? 1);
        });
      }),
  ),
);
process.exit(codes.find((c) => c !== 0) ?? 0);
