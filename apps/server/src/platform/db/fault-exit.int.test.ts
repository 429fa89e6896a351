import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../test/harness.js';

const PRELOAD = resolve('apps/server/test/fixtures/pglite-fault-preload.mjs');

/**
 * ADR 0016 in a real process: `node main.ts` on PGlite, the embedded database faults under it, /health says so
 * with 503 and the process exits with 70 (EX_SOFTWARE) so that systemd's Restart=on-failure starts it again.
 */
describe('a fault of the embedded database in a running server', () => {
  it('turns /health to 503 DATABASE_FAULTED and ends the process with exit code 70', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-fault-'));
    const flag = join(dir, 'fault-now');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', PRELOAD, 'apps/server/src/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: join(dir, 'data'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        SERVE_WEB: 'false',
        SEED_DEMO: 'false',
        PGLITE_FAULT_FILE: flag,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    try {
      const base = `http://127.0.0.1:${port}`;
      let healthy = false;
      for (let i = 0; i < 240 && !healthy && child.exitCode === null; i++) {
        healthy = await fetch(`${base}/health`)
          .then((r) => r.status === 200)
          .catch(() => false);
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      expect(healthy, out).toBe(true);

      writeFileSync(flag, '');
      // The probe that meets the fault already names it, and so does the next request.
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`${base}/health`);
        expect(r.status).toBe(503);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        expect(((await r.json()) as { code: string }).code).toBe('DATABASE_FAULTED');
      }

      expect(await exited).toBe(70);
      expect(out).toContain('the embedded database faulted');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
