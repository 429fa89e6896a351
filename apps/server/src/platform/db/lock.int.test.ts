import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-lock-'));
    const release = lockDataDir(dir);
    // Same process again: a second platform in this process must also be refused.
    writeFileSync(join(dir, 'egov.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    writeFileSync(join(dir, 'egov.lock'), '999999999'); // no such process
    const again = lockDataDir(dir);
    again();
  });

  it('a second server process on the same DATA_DIR exits with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-lock-'));
    writeFileSync(join(dir, 'egov.lock'), String(process.pid)); // this test process holds it
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toContain(`in use by another process (pid ${process.pid})`);
  });
});
