import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/harness.js';
import { run } from '../test/processes.js';

const SAMPLE = readFileSync(new URL('./modules/exchange/edxml/fixtures/hand-made-sample.edxml', import.meta.url));

/** One deployment as the README sets it up: `npm start` (main.ts) on its own embedded database, no demo data. */
interface Deployment {
  name: string;
  base: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  log: () => string;
  /** `npm run egov -- …` on this deployment's machine: through the running server (ADR 0030). */
  egov: (...args: string[]) => Promise<{ code: number | null; out: string; err: string }>;
}

/**
 * The README's "A hub and two nodes", walked with real processes and its own commands: keys from
 * `exchange keygen`, the nodes registered on the running hub with `exchange node add`, the nodes' PKI and seals
 * with `pki init` and `pki seal`, a clerk with `user create`; then H26 on node A sends a document to G09 on node B
 * through the hub, and B validates A's seal against the federation's roots (the trust the nodes registered).
 */
describe('the README’s hub and two nodes, in real processes, with the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'egov-hub-nodes-'));
  const running: Deployment[] = [];
  let hub: Deployment;
  let a: Deployment;
  let b: Deployment;

  async function deploy(name: string, port: number, extra: Record<string, string>): Promise<Deployment> {
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: join(dir, name),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      SEED_DEMO: 'false',
      EXCHANGE_RETRY_MAX_MS: '1000',
      EXCHANGE_POLL_MS: '200',
      EXCHANGE_SYNC_MS: '1000',
      JOBS_POLL_MS: '200',
      ...extra,
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (c) => (log += c));
    child.stderr!.on('data', (c) => (log += c));
    const d: Deployment = {
      name,
      base,
      env,
      process: child,
      log: () => log,
      egov: (...args) => run(['apps/server/src/cli.ts', ...args], env),
    };
    running.push(d);
    let healthy = false;
    for (let i = 0; i < 600 && !healthy && child.exitCode === null; i++) {
      healthy = await fetch(`${base}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy, log).toBe(true);
    return d;
  }
  const login = async (d: Deployment, username: string, password: string) => {
    const r = await fetch(`${d.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  const get = async (d: Deployment, path: string, token: string) =>
    (await fetch(`${d.base}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) =>
      r.json(),
    )) as Record<
      string,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
      any
    >;
  async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 90_000): Promise<T> {
    const end = Date.now() + ms;
    let v = await what();
    while (!ok(v) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 300));
      v = await what();
    }
    return v;
  }
  /** Step 2: `exchange keygen` prints the private key line for the environment and the public key. */
  async function keygen() {
    const k = await run(['apps/server/src/cli.ts', 'exchange', 'keygen'], { ...process.env, DATA_DIR: join(dir, 'k') });
    expect(k.code, k.err).toBe(0);
    const priv = /^EXCHANGE_NODE_KEY=(\S+)$/m.exec(k.out)?.[1];
    const pub = /public key \(give it to the hub operator\): (\S+)/.exec(k.out)?.[1];
    expect(priv && pub, k.out).toBeTruthy();
    return { priv: priv!, pub: pub! };
  }

  beforeAll(async () => {
    const [hubKey, aKey, bKey] = await Promise.all([keygen(), keygen(), keygen()]);
    const [hubPort, aPort, bPort] = [await freePort(), await freePort(), await freePort()];
    hub = await deploy('hub', hubPort, {
      EXCHANGE_ROLE: 'hub',
      EXCHANGE_NODE_ID: 'hub',
      EXCHANGE_NODE_KEY: hubKey.priv,
    });
    // Step 4, on the hub's machine while it runs: the two nodes, their URL, public key and agencies.
    for (const [id, name, port, key, agency] of [
      ['node-a', 'UBND thành phố Hà Nội', aPort, aKey, 'H26'],
      ['node-b', 'Bộ Nội vụ', bPort, bKey, 'G09'],
    ] as const) {
      const added = await hub.egov(
        'exchange',
        'node',
        'add',
        '--id',
        id,
        '--name',
        name,
        '--url',
        `http://127.0.0.1:${port}`,
        '--public-key',
        key.pub,
        '--agency',
        agency,
      );
      expect(added.code, added.err).toBe(0);
      expect(added.out).toContain(`registered node ${id}`);
    }
    // Step 3: each node's environment.
    const nodeEnv = (id: string, key: { priv: string }, agencies: string) => ({
      EXCHANGE_ROLE: 'node',
      EXCHANGE_NODE_ID: id,
      EXCHANGE_HUB_URL: hub.base,
      EXCHANGE_HUB_KEY: hubKey.pub,
      EXCHANGE_NODE_KEY: key.priv,
      EXCHANGE_AGENCIES: agencies,
    });
    [a, b] = await Promise.all([
      deploy('node-a', aPort, nodeEnv('node-a', aKey, 'H26')),
      deploy('node-b', bPort, nodeEnv('node-b', bKey, 'G09')),
    ]);
    // The first-run checklist on each node: PKI, the seals of its agencies (step 6), a clerk.
    // The two nodes' machines work at the same time.
    await Promise.all(
      (
        [
          [a, 'H26', 'a.vanthu'],
          [b, 'G09', 'b.vanthu'],
        ] as const
      ).map(async ([d, agency, clerk]) => {
        const init = await d.egov('pki', 'init');
        expect(init.code, init.err).toBe(0);
        const seal = await d.egov('pki', 'seal', '--agency', agency);
        expect(seal.code, seal.err).toBe(0);
        expect(seal.out).toMatch(new RegExp(`created\\s+\\S+\\s+${agency}\\s`));
        const user = await d.egov(
          'user',
          'create',
          '--username',
          clerk,
          '--password',
          'Vanthu@2026x',
          '--role',
          'clerk',
          '--agency',
          agency,
        );
        expect(user.code, user.err).toBe(0);
      }),
    );
  }, 600_000);

  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const d of running) console.error(`--- ${d.name} (last lines)\n${d.log().slice(-4000)}`);
  });
  afterAll(async () => {
    await Promise.all(
      running
        .filter((d) => d.process.exitCode === null)
        .map((d) => {
          const exited = new Promise((r) => d.process.on('exit', r));
          d.process.kill('SIGTERM');
          return exited;
        }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('a document from H26 on node A reaches G09 on node B through the hub, its seal trusted there', async () => {
    // Step 5: once started, each node registered its agencies and its root CA with the hub.
    const hubToken = await hubAdminToken();
    const nodes = await until(
      async () => (await get(hub, '/api/exchange/nodes', hubToken)).items as { id: string; caCertificates: string[] }[],
      (items) => items.filter((n) => n.caCertificates?.length > 0).length === 2,
    );
    expect(nodes.map((n) => [n.id, n.caCertificates.length > 0]).sort()).toEqual([
      ['node-a', true],
      ['node-b', true],
    ]);
    const aClerk = await login(a, 'a.vanthu', 'Vanthu@2026x');
    const bClerk = await login(b, 'b.vanthu', 'Vanthu@2026x');
    const sent = await fetch(`${a.base}/api/exchange/packages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aClerk}`, 'content-type': 'application/xml' },
      body: new Uint8Array(SAMPLE),
    });
    const sentBody = (await sent.json()) as { localDocumentId: string; packageIds: Record<string, string> };
    expect(sent.status, JSON.stringify(sentBody)).toBe(201);
    const pkgId = sentBody.packageIds['000.00.00.G09']!;
    const arrived = await until(
      async () =>
        ((await get(b, '/api/exchange/packages?box=incoming&pageSize=50', bClerk)).items ?? []) as {
          id: string;
          state: string;
        }[],
      (items) => items.some((p) => p.id === pkgId && p.state === '01'),
    );
    expect(arrived.find((p) => p.id === pkgId)?.state).toBe('01');
    // B registered it as an incoming document whose package seal validates against A's root, as the hub
    // distributed it: federation trust, not a certificate B was given by hand.
    const pkg = await get(b, `/api/exchange/packages/${pkgId}`, bClerk);
    const doc = await get(b, `/api/documents/${pkg.localDocumentId}`, bClerk);
    expect(doc).toMatchObject({ direction: 'incoming', source: 'exchange' });
    expect(doc.signatures.packageReport).toMatchObject({ indication: 'TOTAL_PASSED' });
    // A hears of the delivery back through the hub.
    const onA = await until(
      async () =>
        ((await get(a, `/api/exchange/packages?document=${sentBody.localDocumentId}`, aClerk)).items ?? [])[0] as
          { state: string } | undefined,
      (p) => p?.state === '01',
    );
    expect(onA?.state).toBe('01');
  }, 300_000);

  async function hubAdminToken(): Promise<string> {
    // The hub has no demo data either: its administrator is made with `user create`, as the README says.
    const made = await hub.egov(
      'user',
      'create',
      '--username',
      'hub.admin',
      '--password',
      'Hubadmin@2026',
      '--role',
      'admin',
    );
    expect(made.code, made.err).toBe(0);
    return login(hub, 'hub.admin', 'Hubadmin@2026');
  }
});
