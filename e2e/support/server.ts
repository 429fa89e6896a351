import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  /** A clean stop (SIGTERM, SIGKILL after 10 s); the data directory is removed unless `keepDataDir`. */
  stop(o?: { keepDataDir?: boolean }): Promise<void>;
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

interface StartOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  port?: number;
  dataDir?: string;
}

/**
 * Start the real server as `npm start` does (`node tools/start.mjs`: the bundled server) on a free port with a fresh data directory
 * and the demo seed, and wait until GET /health answers 200. Without a port or a data directory of the caller's, the
 * data directory is a copy of the run's seeded one for the same `env` (`seededCopy`) when there is one.
 */
export async function startServer(o: StartOptions = {}): Promise<RunningServer> {
  const { timeoutMs = 120_000, env = {} } = o;
  const seeded = o.port === undefined && o.dataDir === undefined ? await seededCopy(env, timeoutMs) : null;
  const port = o.port ?? seeded?.port ?? (await freePort());
  const dataDir = o.dataDir ?? seeded?.dataDir ?? mkdtempSync(join(tmpdir(), 'egov-e2e-'));
  return launch({ timeoutMs, env, port, dataDir });
}

/**
 * A copy of a data directory the demo seed has already filled, for servers started with the same `env`: the
 * seed (PGlite's initdb, the migrations, the demo PKI's keys, the accounts' password hashes) runs once a run
 * instead of once a server, about six seconds each time. The first server of an `env` is started on a fresh
 * directory and stopped (SIGTERM, a clean shutdown), and that directory is kept. The copy must run on the port
 * the seed ran on (the demo certificates name their CRL and OCSP addresses with PUBLIC_URL): when that port is
 * taken now (another server of the same `env` runs), the server seeds a directory of its own as before. Off
 * outside the e2e project's run (no E2E_SEEDED_DIR, set by `e2e/support/global-setup.ts`).
 */
async function seededCopy(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ dataDir: string; port: number } | null> {
  const root = process.env.E2E_SEEDED_DIR;
  if (!root) return null;
  const key = createHash('sha256')
    .update(JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex')
    .slice(0, 16);
  const seededDir = join(root, key);
  const portFile = join(root, `${key}.port`);
  if (!existsSync(portFile)) {
    const first = await launch({
      timeoutMs,
      env,
      port: await freePort(),
      dataDir: mkdtempSync(join(root, 'seeding-')),
    });
    await first.stop({ keepDataDir: true });
    renameSync(first.dataDir, seededDir);
    writeFileSync(portFile, String(first.port));
  }
  const port = Number(readFileSync(portFile, 'utf8'));
  if (!(await portIsFree(port))) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-e2e-'));
  cpSync(seededDir, dataDir, { recursive: true });
  return { dataDir, port };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

async function launch({
  timeoutMs,
  env,
  port,
  dataDir,
}: Required<Pick<StartOptions, 'timeoutMs' | 'env' | 'port' | 'dataDir'>>): Promise<RunningServer> {
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
  const stop = async ({ keepDataDir = false } = {}) => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
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
