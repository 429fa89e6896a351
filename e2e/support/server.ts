import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The last lines the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL the server (a crash), keeping its data directory so it can be started again on it. */
  kill(): Promise<void>;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * Start the real server as `npm start` does (`node tools/start.mjs`: the bundled server) on a free port with a fresh data directory
 * and the demo seed, and wait until GET /health answers 200.
 */
export async function startServer({
  timeoutMs = 120_000,
  env = {},
  port: fixedPort,
  dataDir: existingDir,
}: { timeoutMs?: number; env?: Record<string, string>; port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const port = fixedPort ?? (await freePort());
  const dataDir = existingDir ?? mkdtempSync(join(tmpdir(), 'egov-e2e-'));
  // The browser uses "localhost": WebAuthn refuses IP addresses as relying-party IDs, and it is a secure context.
  const url = `http://localhost:${port}`;
  const healthUrl = `http://127.0.0.1:${port}/health`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['tools/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      // The journeys read mails (reset links) from the development outbox, as the system administrator.
      DEV_MAIL_OUTBOX: 'true',
      // The journeys log the demo accounts in many times from one address; the limits themselves are
      // tested in rate-limits.int.test.ts, so here they only stop a runaway loop.
      RATE_LIMITS: 'login.ip=600/60,login.account=200/300,code.account=200/300,anonymous.ip=3000/60',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so kill() reaches whatever the server starts as well.
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n'));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((res) =>
    child.once('exit', (code) => {
      exited = code;
      res();
    }),
  );

  const output = () => lines.join('\n');
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const kill = async () => {
    if (exited === undefined && child.pid) {
      process.kill(-child.pid, 'SIGKILL');
      await exitPromise;
    }
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`server exited with code ${exited} before becoming healthy:\n${output()}`);
    }
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { url, port, dataDir, output, stop, kill };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

/** A bearer token for a user of a running server (API setup beside the browser). */
export async function apiToken(server: { port: number }, username: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !body.accessToken)
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}
