import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { freePort, type RunningServer, startServer } from './support/server.js';

/*
 * A hub and two nodes as separate processes on loopback, talking signed HTTP: a province (H26)
 * on node A sends to a ministry (G09) on node B through the hub.
 */
const SAMPLE = readFileSync(
  new URL('../apps/server/src/modules/exchange/edxml/fixtures/hand-made-sample.edxml', import.meta.url),
);

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    priv: privateKey,
    privB64: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    pub: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}
const hubKey = keyPair();
const aKey = keyPair();
const bKey = keyPair();

let hub: RunningServer;
let a: RunningServer;
let b: RunningServer;
let bPort: number;
let tokens: { hubAdmin: string; aClerk: string; bClerk: string; bLeader: string; bSpecialist: string };
let bSpecialistId: string;

const base = (s: RunningServer) => `http://127.0.0.1:${s.port}`;
async function api(
  s: RunningServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  type = 'application/json',
) {
  const res = await fetch(`${base(s)}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': type } : {}),
    },
    body:
      body === undefined
        ? undefined
        : Buffer.isBuffer(body)
          ? new Uint8Array(body)
          : typeof body === 'string'
            ? body
            : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several endpoints, checked by the assertions
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, json, text };
}
async function login(s: RunningServer, username: string, password: string) {
  const r = await api(s, 'POST', '/api/auth/login', undefined, { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return r.json.accessToken as string;
}

const common = {
  EXCHANGE_RETRY_MAX_MS: '1000',
  EXCHANGE_POLL_MS: '100',
  EXCHANGE_SYNC_MS: '2000',
  JOBS_POLL_MS: '100',
  SERVE_WEB: 'false',
};
function nodeEnv(id: string, key: { privB64: string }, agencies: string) {
  return {
    ...common,
    EXCHANGE_ROLE: 'node',
    EXCHANGE_NODE_ID: id,
    EXCHANGE_NODE_KEY: key.privB64,
    EXCHANGE_HUB_KEY: hubKey.pub,
    EXCHANGE_HUB_URL: base(hub),
    EXCHANGE_AGENCIES: agencies,
  };
}

/** State per recipient of a document as node A sees it. */
async function stateOnA(localDocumentId: string) {
  const r = await api(a, 'GET', `/api/exchange/packages?document=${localDocumentId}`, tokens.aClerk);
  return r.json.items?.[0] as { state: string; events: { state: string }[]; reason: string | null } | undefined;
}

async function incomingOnB() {
  const r = await api(b, 'GET', '/api/exchange/packages?box=incoming&pageSize=200', tokens.bClerk);
  return (r.json.items ?? []) as { id: string; state: string }[];
}

beforeAll(async () => {
  hub = await startServer({
    env: {
      ...common,
      EXCHANGE_ROLE: 'hub',
      EXCHANGE_NODE_ID: 'hub',
      EXCHANGE_NODE_KEY: hubKey.privB64,
      EXCHANGE_AGENCIES: 'G22',
    },
  });
  const hubAdmin = await login(hub, 'admin', 'Admin@12345');
  const aPort = await freePort();
  bPort = await freePort();
  for (const [id, key, port, agency] of [
    ['node-a', aKey, aPort, 'H26'],
    ['node-b', bKey, bPort, 'G09'],
  ] as const) {
    const r = await api(hub, 'POST', '/api/exchange/nodes', hubAdmin, {
      id,
      name: `Nút ${agency}`,
      baseUrl: `http://127.0.0.1:${port}`,
      publicKey: key.pub,
      agencies: [agency],
    });
    expect(r.status, r.text).toBe(201);
  }
  [a, b] = await Promise.all([
    startServer({ port: aPort, env: nodeEnv('node-a', aKey, 'H26') }),
    startServer({ port: bPort, env: nodeEnv('node-b', bKey, 'G09') }),
  ]);
  const bAdmin = await login(b, 'admin', 'Admin@12345');
  const created = await api(b, 'POST', '/api/admin/users', bAdmin, {
    username: 'bnv.vanthu',
    password: 'Demo@12345',
    fullName: 'Văn thư Bộ Nội vụ',
    roles: ['clerk'],
    agencyCode: 'G09',
  });
  expect(created.status, created.text).toBe(201);
  // Each node has its own PKI (its signatures module): the demo seed issued H26's seal on A and G09's on B.
  for (const [username, fullName, role] of [
    ['bnv.lanhdao', 'Lãnh đạo Bộ Nội vụ', 'leader'],
    ['bnv.chuyenvien', 'Chuyên viên Bộ Nội vụ', 'specialist'],
  ]) {
    const u = await api(b, 'POST', '/api/admin/users', bAdmin, {
      username,
      password: 'Demo@12345',
      fullName,
      roles: [role],
      agencyCode: 'G09',
    });
    expect(u.status, u.text).toBe(201);
    if (role === 'specialist') bSpecialistId = u.json.id;
  }
  tokens = {
    hubAdmin,
    aClerk: await login(a, 'hn.vanthu', 'Demo@12345'),
    bClerk: await login(b, 'bnv.vanthu', 'Demo@12345'),
    bLeader: await login(b, 'bnv.lanhdao', 'Demo@12345'),
    bSpecialist: await login(b, 'bnv.chuyenvien', 'Demo@12345'),
  };
}, 300_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), hub?.stop()]);
});

// When a test fails, the three processes' warnings and errors say why (delivery retries, refusals).
afterEach((ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, s] of [
    ['hub', hub],
    ['node A', a],
    ['node B', b],
  ] as const)
    console.error(`--- ${name} (last lines)\n${s?.output().slice(-6000)}`);
});

describe('exchange between deployments (hub and two nodes, separate processes)', () => {
  it('H26 on node A sends to G09 on node B; B registers, assigns, completes; A sees 01 → 03 → 04 → 06', async () => {
    // Both nodes registered their agencies with the hub.
    await eventually(async () => {
      const r = await api(hub, 'GET', '/api/exchange/agencies?pageSize=200', tokens.hubAdmin);
      const items = (r.json.items ?? []) as { code: string; nodeId: string }[];
      return ['H26', 'G09'].map((c) => items.find((i) => i.code === c)?.nodeId);
    }, 60_000).toEqual(['node-a', 'node-b']);
    const sent = await api(a, 'POST', '/api/exchange/packages', tokens.aClerk, SAMPLE, 'application/xml');
    expect(sent.status, sent.text).toBe(201);
    const { localDocumentId, packageIds } = sent.json;
    const pkgId = packageIds['000.00.00.G09'];

    await eventually(async () => (await incomingOnB()).find((p) => p.id === pkgId)?.state, 60_000).toBe('01');
    await eventually(async () => (await stateOnA(localDocumentId))?.state, 60_000).toBe('01');
    // B handles it in its documents module: the clerk registers it (03), the leader assigns it (04),
    // the specialist completes it (06); each step goes back to A as an edXML status through the hub.
    const arrivedOnB = await api(b, 'GET', `/api/exchange/packages/${pkgId}`, tokens.bClerk);
    const docOnB = arrivedOnB.json.localDocumentId as string;
    expect(docOnB, arrivedOnB.text).toBeTruthy();
    const act = (token: string, body: object) => api(b, 'POST', `/api/documents/${docOnB}/actions`, token, body);
    const incoming = await api(b, 'GET', `/api/documents/${docOnB}`, tokens.bClerk);
    expect(incoming.json).toMatchObject({
      direction: 'incoming',
      status: 'arrived',
      source: 'exchange',
      allowedActions: expect.arrayContaining(['register']),
    });
    expect(incoming.json.signatures.packageReport).toMatchObject({ indication: 'TOTAL_PASSED' });
    const steps: [string, object, string][] = [
      [tokens.bClerk, { action: 'register' }, '03'],
      [
        tokens.bLeader,
        { action: 'assign', leadUnit: 'G09', handlerId: bSpecialistId, handlingDueDate: '2030-01-15' },
        '04',
      ],
      [tokens.bSpecialist, { action: 'complete', note: 'Đã xử lý xong' }, '06'],
    ];
    for (const [token, body, code] of steps) {
      const r = await act(token, body);
      expect(r.status, r.text).toBe(200);
      await eventually(async () => (await stateOnA(localDocumentId))?.state, 60_000).toBe(code);
    }
    expect((await api(b, 'GET', `/api/documents/${docOnB}`, tokens.bClerk)).json.status).toBe('completed');
    const events = (await stateOnA(localDocumentId))!.events.map((e) => e.state);
    expect(events.filter((s) => /^\d\d$/.test(s))).toEqual(['01', '03', '04', '06']);
    expect(events.slice(0, 3)).toEqual(['queued', 'sent', 'delivered']);

    // xmlsec1 verifies the package B received against node A's root CA as registered with the hub,
    // which is the root of node A's signatures module.
    const edxml = await api(b, 'GET', `/api/exchange/packages/${pkgId}/edxml`, tokens.bClerk);
    expect(edxml.status).toBe(200);
    const nodes = (await api(hub, 'GET', '/api/exchange/nodes', tokens.hubAdmin)).json.items as {
      id: string;
      caCertificates: string[];
    }[];
    const caB64 = nodes.find((n) => n.id === 'node-a')!.caCertificates[0];
    const aRoot = Buffer.from(await (await fetch(`${base(a)}/pki/root.crt`)).arrayBuffer()).toString('base64');
    expect(caB64).toBe(aRoot);
    const dir = a.dataDir;
    writeFileSync(
      join(dir, 'ca.pem'),
      `-----BEGIN CERTIFICATE-----\n${caB64!.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`,
    );
    writeFileSync(join(dir, 'received.edxml'), edxml.text);
    const x = spawnSync('xmlsec1', ['--verify', '--trusted-pem', join(dir, 'ca.pem'), join(dir, 'received.edxml')], {
      encoding: 'utf8',
    });
    expect(`${x.status} ${x.stderr}`).toMatch(/^0 [\s\S]*OK/);
  });

  it('a tampered package is rejected by the hub with 02 and a reason, and logged with its hash', async () => {
    const sent = await api(a, 'POST', '/api/exchange/packages', tokens.aClerk, SAMPLE, 'application/xml');
    const pkgId = sent.json.packageIds['000.00.00.G09'];
    await eventually(
      async () => (await api(a, 'GET', `/api/exchange/packages/${pkgId}/edxml`, tokens.aClerk)).status,
      60_000,
    ).toBe(200);
    const original = (await api(a, 'GET', `/api/exchange/packages/${pkgId}/edxml`, tokens.aClerk)).text;
    const tampered = Buffer.from(original.replace('quý I năm 2026', 'quý II năm 2026'));
    // Sent with node A's own request key, as a compromised node A would.
    const forgedId = `pkg_${Date.now().toString(36).padStart(10, '0')}${randomBytes(8).toString('hex')}`.slice(0, 30);
    const headers = {
      'exchange-kind': 'document',
      'exchange-package-id': forgedId,
      'exchange-recipient': '000.00.00.G09',
    };
    const digest = `sha-256=:${(await import('node:crypto')).createHash('sha256').update(tampered).digest('base64')}:`;
    const covered = ['@method', '@path', 'content-digest', ...Object.keys(headers).sort()];
    const params = `(${covered.map((c) => `"${c}"`).join(' ')});created=${Math.floor(Date.now() / 1000)};keyid="node-a";nonce="${randomBytes(16).toString('base64url')}";alg="ed25519"`;
    const sigBase = [
      `"@method": POST`,
      `"@path": /api/exchange/v1/packages`,
      `"content-digest": ${digest}`,
      ...Object.keys(headers)
        .sort()
        .map((h) => `"${h}": ${headers[h as keyof typeof headers]}`),
      `"@signature-params": ${params}`,
    ].join('\n');
    const res = await fetch(`${base(hub)}/api/exchange/v1/packages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        ...headers,
        'content-digest': digest,
        'signature-input': `sig1=${params}`,
        signature: `sig1=:${sign(null, Buffer.from(sigBase), aKey.priv).toString('base64')}:`,
      },
      body: tampered,
    });
    const problem = await res.json();
    expect(res.status).toBe(422);
    expect(problem).toMatchObject({ code: 'SIGNATURE_INVALID', params: { statusCode: '02', packageId: forgedId } });
    expect(problem.detail).toMatch(/HASH_FAILURE: The package was changed after it was sealed/);
    const log = await api(hub, 'GET', `/api/exchange/log?packageId=${forgedId}`, tokens.hubAdmin);
    expect(log.json.items).toHaveLength(1);
    expect(log.json.items[0]).toMatchObject({
      event: 'rejected',
      sender: '000.00.00.H26',
      nodeId: 'node-a',
      reason: expect.stringContaining('HASH_FAILURE'),
    });
    expect(log.json.items[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await incomingOnB().then((l) => l.some((p) => p.id === forgedId))).toBe(false);
  });

  it('node B killed mid-delivery and restarted: nothing lost, nothing duplicated', async () => {
    const before = new Set((await incomingOnB()).map((p) => p.id));
    const sentIds: { doc: string; pkg: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await api(a, 'POST', '/api/exchange/packages', tokens.aClerk, SAMPLE, 'application/xml');
      expect(r.status, r.text).toBe(201);
      sentIds.push({ doc: r.json.localDocumentId, pkg: r.json.packageIds['000.00.00.G09'] });
    }
    // Kill B as soon as the first of them has reached it, while the others are on their way.
    await eventually(async () => (await incomingOnB()).some((p) => sentIds.some((s) => s.pkg === p.id)), 60_000).toBe(
      true,
    );
    await b.kill();
    // While B is down the hub keeps the rest in its outbox and its attempts fail.
    await eventually(async () => {
      const r = await api(hub, 'GET', '/api/exchange/deliveries?state=pending&pageSize=200', tokens.hubAdmin);
      return (r.json.items as { target: string; attempts: number; lastError: string | null }[]).some(
        (d) => d.target === 'node-b' && d.lastError !== null,
      );
    }, 60_000).toBe(true);
    b = await startServer({ port: bPort, dataDir: b.dataDir, env: nodeEnv('node-b', bKey, 'G09') });
    tokens.bClerk = await login(b, 'bnv.vanthu', 'Demo@12345');

    await eventually(
      async () => (await Promise.all(sentIds.map((s) => stateOnA(s.doc)))).map((s) => s?.state),
      120_000,
    ).toEqual(sentIds.map(() => '01'));
    // (The earlier test's own package may also land meanwhile: look only at these six.)
    const mine = new Set(sentIds.map((s) => s.pkg));
    const incoming = (await incomingOnB()).filter((p) => !before.has(p.id) && mine.has(p.id));
    expect(incoming.map((p) => p.id).sort()).toEqual(sentIds.map((s) => s.pkg).sort());
    // Each arrived once: one 01 per package on A, no second arrival recorded on B.
    for (const s of sentIds) expect((await stateOnA(s.doc))!.events.filter((e) => e.state === '01')).toHaveLength(1);
  });
});
