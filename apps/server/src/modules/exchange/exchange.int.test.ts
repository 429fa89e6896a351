import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { buildDocumentPackage } from './edxml/build.js';
import { samplePackage } from './edxml/test-data.js';
import { exchangeRepository } from './exchange.repository.js';
import { generateNodeKey } from './exchange.settings.js';
import { newId } from '../../platform/ids/index.js';
import { ExchangeWorker } from './use-cases/worker.js';

const SAMPLE = readFileSync(new URL('./edxml/fixtures/hand-made-sample.edxml', import.meta.url));
const xml = (_body: string | Buffer) => ({ 'content-type': 'application/xml' });

/** Run the seal jobs and the outbox until nothing is left (no sleeps: the queue is drained). */
async function settle(p: TestPlatform) {
  for (let i = 0; i < 10; i++) {
    await p.deps.jobs.drain();
    await p.exchange.worker.drain();
  }
}

describe.each(DB_KINDS)('exchange within one hub deployment (%s)', (kind) => {
  let p: TestPlatform;
  let hnClerk: { token: string };
  let bnvClerk: { token: string };
  let otherClerk: { token: string };
  let admin: { token: string };
  let citizen: { token: string };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    // Agency seals come from the signatures module: the sender and the agencies that answer have one.
    await p.seal('H26', 'G09', 'H29');
    await p.exchange.worker.sync();
    hnClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    bnvClerk = await p.staff({ roles: ['clerk'], agencyCode: 'G09' });
    otherClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H29' });
    admin = await p.staff({ roles: ['admin'] });
    citizen = await p.citizen();
  });
  afterAll(() => p?.close());

  it('a hand-made sample goes H26 → G09 and the sender sees 01 → 03 → 04 → 06', async () => {
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: hnClerk.token,
      body: SAMPLE,
      headers: xml(SAMPLE),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { localDocumentId, packageIds } = sent.json();
    const pkgId = packageIds['000.00.00.G09'];
    await settle(p);

    const inbox = await p.call('GET', '/api/exchange/packages?box=incoming', { token: bnvClerk.token });
    const arrived = inbox.json().items.find((i: { id: string }) => i.id === pkgId);
    expect(arrived).toMatchObject({
      direction: 'in',
      sender: '000.00.00.H26',
      state: '01',
      subject: expect.stringContaining('dịch vụ công trực tuyến'),
    });

    for (const statusCode of ['03', '04', '06']) {
      const r = await p.call('POST', `/api/exchange/packages/${pkgId}/status`, {
        token: bnvClerk.token,
        body: { statusCode, description: `bước ${statusCode}` },
      });
      expect(r.statusCode, r.body).toBe(202);
      await settle(p);
    }
    // A double click sends nothing more.
    const again = await p.call('POST', `/api/exchange/packages/${pkgId}/status`, {
      token: bnvClerk.token,
      body: { statusCode: '06' },
    });
    expect(again.json().packageId).toBeNull();
    await settle(p);

    const status = await p.call('GET', `/api/exchange/packages?document=${localDocumentId}`, { token: hnClerk.token });
    expect(status.statusCode, status.body).toBe(200);
    const [recipient] = status.json().items;
    expect(recipient).toMatchObject({ recipient: '000.00.00.G09', state: '06' });
    expect(recipient.events.map((e: { state: string }) => e.state)).toEqual([
      'queued',
      'sent',
      'delivered',
      '01',
      '03',
      '04',
      '06',
    ]);

    const edxml = await p.call('GET', `/api/exchange/packages/${pkgId}/edxml`, { token: hnClerk.token });
    expect(edxml.headers['content-type']).toContain('application/xml');
    expect(edxml.body).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(edxml.body).toContain('125/UBND-KGVX');

    const log = await p.call('GET', `/api/exchange/log?packageId=${pkgId}`, { token: admin.token });
    const events = log
      .json()
      .items.map((l: { event: string }) => l.event)
      .sort();
    expect(events).toEqual(['received', 'routed', 'sealed']);
    expect(log.json().items.every((l: { sha256: string }) => /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
  });

  it('a package for several recipients is one package per recipient, each with its own status', async () => {
    const two = buildDocumentPackage(
      samplePackage({
        to: [
          { organId: 'G09', organName: 'Bộ Nội vụ' },
          { organId: 'H29', organName: 'UBND TP Hồ Chí Minh' },
        ],
        from: { organId: 'H26', organName: 'UBND thành phố Hà Nội' },
      }),
    );
    const sent = await p.call('POST', '/api/exchange/packages', { token: hnClerk.token, body: two, headers: xml(two) });
    expect(sent.statusCode, sent.body).toBe(201);
    await settle(p);
    const { localDocumentId, packageIds } = sent.json();
    await p.call('POST', `/api/exchange/packages/${packageIds.H29}/status`, {
      token: otherClerk.token,
      body: { statusCode: '02', description: 'Không thuộc thẩm quyền' },
    });
    await settle(p);
    const items = (
      await p.call('GET', `/api/exchange/packages?document=${localDocumentId}`, { token: hnClerk.token })
    ).json().items;
    expect(Object.fromEntries(items.map((i: { recipient: string; state: string }) => [i.recipient, i.state]))).toEqual({
      G09: '01',
      H29: '02',
    });
    expect(items.find((i: { recipient: string }) => i.recipient === 'H29').reason).toBe('Không thuộc thẩm quyền');
  });

  it('a delivery claimed by a process that crashed is taken back at start on the embedded database, and lands once', async () => {
    const sent = await p.call('POST', '/api/exchange/packages', {
      token: hnClerk.token,
      body: SAMPLE,
      headers: xml(SAMPLE),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const pkgId = sent.json().packageIds['000.00.00.G09'];
    await p.deps.jobs.drain(); // sealed and queued for delivery
    // A previous process claimed it and died before handing it over.
    const claimed = await p.deps.db.transaction((tx) =>
      exchangeRepository.claimDue(tx, p.clock.now(), new Date(p.clock.now().getTime() + 150_000), 100),
    );
    expect(claimed.map((d) => d.packageId)).toContain(pkgId);
    const shared = new ExchangeWorker(p.exchange.context);
    expect(await shared.runOnce()).toBe(0); // on a shared database the lease is respected
    const exclusive = new ExchangeWorker(p.exchange.context, { exclusive: true });
    expect(await exclusive.recoverAbandoned()).toBeGreaterThanOrEqual(1);
    await settle(p);
    const inbox = await p.call('GET', '/api/exchange/packages?box=incoming', { token: bnvClerk.token });
    expect(inbox.json().items.filter((i: { id: string }) => i.id === pkgId)).toHaveLength(1);
    expect(inbox.json().items.find((i: { id: string }) => i.id === pkgId).state).toBe('01');
  });

  it('refuses an invalid upload with the element named, and a package from another agency', async () => {
    const bad = SAMPLE.toString().replace(/<edXML:Subject>.*<\/edXML:Subject>/, '');
    const r = await p.call('POST', '/api/exchange/packages', { token: hnClerk.token, body: bad, headers: xml(bad) });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([
      { path: 'MessageHeader/Subject', code: 'MISSING_ELEMENT', message: 'MessageHeader/Subject is required.' },
    ]);
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&e;</edXML>`;
    expect(
      (await p.call('POST', '/api/exchange/packages', { token: hnClerk.token, body: xxe, headers: xml(xxe) })).json()
        .errors[0].code,
    ).toBe('DOCTYPE_FORBIDDEN');
    const foreign = await p.call('POST', '/api/exchange/packages', {
      token: otherClerk.token,
      body: SAMPLE,
      headers: xml(SAMPLE),
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'FORBIDDEN_AGENCY']);
  });

  it('checks who is asking on every endpoint', async () => {
    const anyPkg = 'pkg_01aaaaaaaaaaaaaaaaaaaaaaaa';
    const cases: [string, string, number, { token?: string }][] = [
      ['GET', '/api/exchange/packages', 401, {}],
      ['GET', '/api/exchange/packages', 403, { token: citizen.token }],
      ['POST', `/api/exchange/packages/${anyPkg}/status`, 401, {}],
      ['GET', '/api/exchange/nodes', 401, {}],
      ['GET', '/api/exchange/nodes', 403, { token: hnClerk.token }],
      ['GET', '/api/exchange/log', 403, { token: hnClerk.token }],
      ['GET', '/api/exchange/agencies', 403, { token: hnClerk.token }],
      ['GET', '/api/exchange/deliveries', 403, { token: hnClerk.token }],
      ['GET', '/api/exchange/self', 403, { token: hnClerk.token }],
    ];
    for (const [method, url, status, o] of cases) {
      const r = await p.call(method as 'GET', url, {
        ...o,
        body: method === 'POST' ? { statusCode: '03' } : undefined,
      });
      expect(`${method} ${url} ${r.statusCode}`).toBe(`${method} ${url} ${status}`);
    }
    const submitAnon = await p.call('POST', '/api/exchange/packages', { body: SAMPLE, headers: xml(SAMPLE) });
    expect(submitAnon.statusCode).toBe(401);
    const submitCitizen = await p.call('POST', '/api/exchange/packages', {
      token: citizen.token,
      body: SAMPLE,
      headers: xml(SAMPLE),
    });
    expect(submitCitizen.statusCode).toBe(403);

    // Wrong agency: the H29 clerk sees neither H26's outgoing packages nor G09's incoming ones.
    const hn = await p.call('POST', '/api/exchange/packages', {
      token: hnClerk.token,
      body: SAMPLE,
      headers: xml(SAMPLE),
    });
    await settle(p);
    const { localDocumentId, packageIds } = hn.json();
    expect(
      (await p.call('GET', `/api/exchange/packages?document=${localDocumentId}`, { token: otherClerk.token }))
        .statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', `/api/exchange/packages/${packageIds['000.00.00.G09']}/edxml`, { token: otherClerk.token }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await p.call('POST', `/api/exchange/packages/${packageIds['000.00.00.G09']}/status`, {
          token: otherClerk.token,
          body: { statusCode: '03' },
        })
      ).statusCode,
    ).toBe(404);
    const out = (await p.call('GET', '/api/exchange/packages?box=outgoing', { token: otherClerk.token })).json();
    expect(out.items.some((i: { sender: string }) => i.sender === '000.00.00.H26')).toBe(false);
  });

  it('the hub operator registers a node with its root CA (PEM), refuses a non-CA certificate, and deactivates the node', async () => {
    const { publicKey } = generateNodeKey();
    const root = (await p.signatures.cas()).find((c) => c.profile === 'root')!;
    const body = {
      id: `node-${Date.now().toString(36)}`,
      name: 'Nút Sở Nội vụ',
      baseUrl: 'http://127.0.0.1:9/',
      publicKey,
      agencies: ['H26.S01'],
      caCertificates: [root.pem],
    };
    const forbidden = await p.call('POST', '/api/exchange/nodes', { token: hnClerk.token, body });
    expect(forbidden.statusCode).toBe(403);
    const seal = await p.signatures.sealKeyFor('H26');
    const notCa = await p.call('POST', '/api/exchange/nodes', {
      token: admin.token,
      body: { ...body, caCertificates: [Buffer.from(seal.chain[0]!).toString('base64')] },
    });
    expect([notCa.statusCode, notCa.json().errors?.[0]?.path, notCa.json().errors?.[0]?.code]).toEqual([
      422,
      'caCertificates.0',
      'NOT_A_CA',
    ]);
    const r = await p.call('POST', '/api/exchange/nodes', { token: admin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      id: body.id,
      baseUrl: 'http://127.0.0.1:9',
      active: true,
      caCertificates: [Buffer.from(seal.chain[2]!).toString('base64')],
    });
    const off = await p.call('PATCH', `/api/exchange/nodes/${body.id}`, {
      token: admin.token,
      body: { active: false },
    });
    expect([off.statusCode, off.json().active]).toEqual([200, false]);

    // Two deliveries to that node, not due before tomorrow: one whose last attempt failed, one not tried yet.
    const later = new Date(p.clock.now().getTime() + 86_400_000);
    const row = (id: string, lastError: string | null) => ({
      id,
      packageId: newId('pkg'),
      kind: 'document' as const,
      sha256: '0'.repeat(64),
      recipient: 'H26.S01',
      inReplyTo: null,
      target: body.id,
      nextAttemptAt: later,
      attempts: lastError ? 3 : 0,
      lastError,
    });
    const [failingId, waitingId] = [newId('dlv'), newId('dlv')];
    await exchangeRepository.insertDeliveries(p.deps.db, [
      row(failingId, 'HTTP 503 from http://127.0.0.1:9'),
      row(waitingId, null),
    ]);
    const failing = (
      await p.call('GET', '/api/exchange/deliveries?state=pending&failing=true&pageSize=200', { token: admin.token })
    )
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(failing).toContain(failingId);
    expect(failing).not.toContain(waitingId);
    const pending = (await p.call('GET', '/api/exchange/deliveries?state=pending&pageSize=200', { token: admin.token }))
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(pending).toEqual(expect.arrayContaining([failingId, waitingId]));
  });

  it('the federation endpoint refuses unsigned and forged requests', async () => {
    const r = await p.call('POST', '/api/exchange/v1/packages', {
      body: SAMPLE,
      headers: {
        'content-type': 'application/xml',
        'exchange-package-id': 'pkg_01aaaaaaaaaaaaaaaaaaaaaaaa',
        'exchange-recipient': 'G09',
        'exchange-kind': 'document',
      },
    });
    expect([r.statusCode, r.json().code]).toEqual([401, 'SIGNATURE_MISSING']);
    const forged = await p.call('POST', '/api/exchange/v1/packages', {
      body: SAMPLE,
      headers: {
        'content-type': 'application/xml',
        'signature-input':
          'sig1=("@method" "@path" "content-digest");created=1;keyid="node-x";nonce="aaaaaaaaaaaaaaaaaaaa";alg="ed25519"',
        signature: 'sig1=:AAAA:',
      },
    });
    expect(forged.statusCode).toBe(401);
  });
});
