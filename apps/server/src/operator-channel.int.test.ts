import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/harness.js';
import { run } from '../test/processes.js';

/**
 * ADR 0030 in real processes: `npm start` holds the embedded database (PGlite, one process), and the CLI's
 * admin commands, run as a second process, go through it with the token it wrote for the local operator.
 */
describe('the CLI beside a running server on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'egov-operator-'));
  const dataDir = join(dir, 'data');
  let port = 0;
  let base = '';
  let env: NodeJS.ProcessEnv = {};
  let server: ReturnType<typeof spawn>;
  let log = '';
  const egov = (...args: string[]) => run(['apps/server/src/cli.ts', ...args], env);

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SERVE_WEB: 'false',
      SEED_DEMO: 'false',
    };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (c) => (log += c));
    server.stderr!.on('data', (c) => (log += c));
    let healthy = false;
    for (let i = 0; i < 480 && !healthy && server.exitCode === null; i++) {
      healthy = await fetch(`${base}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy, log).toBe(true);
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.on('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the operator token for the account that runs it only (0600), with its pid and loopback address', () => {
    const path = join(dataDir, 'operator.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const f = JSON.parse(readFileSync(path, 'utf8'));
    expect(f).toMatchObject({ pid: server.pid, url: base });
    expect(f.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('creates a user through the running server; the user logs in to that server', async () => {
    const r = await egov(
      'user',
      'create',
      '--username',
      'op.quantri',
      '--password',
      'Vận-hành#2026',
      '--role',
      'admin',
      '--name',
      'Quản trị vận hành',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^created op\.quantri \(usr_[^)]+\) roles=admin\n$/);
    expect(r.err).toContain(`run by the server, pid ${server.pid}`);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'op.quantri', password: 'Vận-hành#2026' }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    // The same user twice: refused by the server, said by the CLI.
    const again = await egov(
      'user',
      'create',
      '--username',
      'op.quantri',
      '--password',
      'Vận-hành#2026',
      '--role',
      'admin',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('ACCOUNT_EXISTS: The username or e-mail is taken.');
  }, 120_000);

  it('registers an exchange node through the running server (the key made locally, no database)', async () => {
    const keygen = await egov('exchange', 'keygen');
    expect(keygen.code, keygen.err).toBe(0);
    const publicKey = /public key \(give it to the hub operator\): (\S+)/.exec(keygen.out)![1]!;
    const r = await egov(
      'exchange',
      'node',
      'add',
      '--id',
      'node-nghe-an',
      '--name',
      'Nghệ An',
      '--url',
      'http://127.0.0.1:9/',
      '--public-key',
      publicKey,
      '--agency',
      'h41',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('registered node node-nghe-an (http://127.0.0.1:9) serving H41\n');
    // The administrator created above sees it in the server's list.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'op.quantri', password: 'Vận-hành#2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const nodes = await fetch(`${base}/api/exchange/nodes`, { headers: { authorization: `Bearer ${token}` } });
    expect(nodes.status).toBe(200);
    expect(JSON.stringify(await nodes.json())).toContain('node-nghe-an');
  }, 120_000);

  it('initialises the PKI and issues a seal through the running server, once', async () => {
    const early = await egov('pki', 'seal', '--agency', 'H26');
    expect(early.code).toBe(2);
    expect(early.err).toContain('pki init` first');
    expect((await egov('pki', 'init')).code).toBe(0);
    const first = await egov('pki', 'seal', '--agency', 'H26');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^seal\s+created\s+crt_\w+\s+\S*H26\s/m);
    expect(first.err).toContain(`run by the server, pid ${server.pid}`);
    const again = await egov('pki', 'seal', '--agency', 'H26');
    expect(again.out).toMatch(/^seal\s+exists\s/m);
    const check = await egov('check');
    expect(check.out).toMatch(/✓ seals\s+1 of \d+ agencies/);
  }, 180_000);

  it('refuses a request without the token, with a wrong one, or forwarded by a proxy', async () => {
    const token = JSON.parse(readFileSync(join(dataDir, 'operator.json'), 'utf8')).token as string;
    const body = JSON.stringify({
      argv: ['user', 'create', '--username', 'ke.gian', '--password', 'Xâm-nhập#2026', '--role', 'admin'],
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/operator/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(((await none.json()) as { code: string }).code).toBe('OPERATOR_TOKEN_INVALID');
    const wrong = await post({ 'x-egov-operator-token': `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` });
    expect(wrong.status).toBe(401);
    const proxied = await post({ 'x-egov-operator-token': token, 'x-forwarded-for': '203.0.113.7' });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { code: string }).code).toBe('OPERATOR_LOOPBACK_ONLY');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ke.gian', password: 'Xâm-nhập#2026' }),
    });
    expect(login.status).toBe(401);
  });

  it('says exactly what to do for a command that needs the server stopped', async () => {
    // A bulk load of minutes is not sent through the server.
    const r = await egov('registries', 'generate', '--persons', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('does not run through the server');
    expect(r.err).toContain('Stop the server');
  }, 60_000);

  it('takes the file away when the server stops', async () => {
    const exited = new Promise<number | null>((r) => server.on('exit', r));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(() => statSync(join(dataDir, 'operator.json'))).toThrow();
    // With the server stopped, the CLI opens the data directory itself.
    const r = await egov('user', 'create', '--username', 'op.sau', '--password', 'Vận-hành#2027', '--role', 'admin');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^created op\.sau /);
    expect(r.err).not.toContain('run by the server');
  }, 120_000);
});
