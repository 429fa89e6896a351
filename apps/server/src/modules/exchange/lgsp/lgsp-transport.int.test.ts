import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { hubReceipts, messages, packages } from '../db/schema.js';
import { buildDocumentPackage } from '../edxml/build.js';
import { signPackage } from '../edxml/dsig.js';
import { samplePackage } from '../edxml/test-data.js';
import { createSealCa, issueSeal, signingKeyOf, toPem } from '../edxml/test-seal-pki.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import { LgspExampleClient } from './lgsp-example-client.js';
import { receiveFromLgsp } from './lgsp-transport.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) =>
  k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

/**
 * A loopback proxy in front of the hub's LGSP API: `down` resets every connection, `lost` forwards the
 * request and then drops the answer (the LGSP did the work, the caller never hears it), `fail` drops
 * the requests it matches. It records the HTTP status of every answer it passed on.
 */
class Proxy {
  mode: 'up' | 'down' | 'lost' = 'up';
  fail: ((req: IncomingMessage) => boolean) | null = null;
  statuses: number[] = [];
  /** `METHOD /path` of every request that reached the LGSP. */
  calls: string[] = [];
  private server: Server | null = null;
  url = '';
  constructor(public target = '') {}
  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    const port = await freePort();
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${port}`;
  }
  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.mode === 'down' || this.fail?.(req)) return req.socket.destroy();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    this.calls.push(`${req.method} ${req.url?.split('?')[0]}`);
    const r = await fetch(`${this.target}${req.url}`, { method: req.method, headers, body });
    const answer = Buffer.from(await r.arrayBuffer());
    if (this.mode === 'lost') return req.socket.destroy();
    this.statuses.push(r.status);
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(answer);
  }
  close() {
    return new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

/** An unsigned document package from H26 to G09 with its own number (what a clerk uploads). */
function documentXml(
  n: number,
  from = { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội' },
  to = [{ organId: '000.00.00.G09', organName: 'Bộ Nội vụ' }],
) {
  const documentId = `${from.organId},2026/03/02,${n}/QĐ-UBND`;
  const base = samplePackage();
  return buildDocumentPackage(
    samplePackage({
      from,
      to,
      documentId,
      header: { ...base.header, codeNumber: String(n) },
      business: { ...base.business, documentId },
      traces: [{ organId: from.organId, timestamp: new Date('2026-03-02T02:15:00Z') }],
    }),
  );
}

async function settle(p: TestPlatform) {
  for (let i = 0; i < 10; i++) {
    await p.deps.jobs.drain();
    await p.exchange.worker.drain();
  }
}

/*
 * Two deployments whose transport is an LGSP (EXCHANGE_TRANSPORT=lgsp): our hub's LGSP REST API stands
 * for the province's platform (it was written from the public example client's calls). A has its own
 * PKI; each deployment trusts the other's root through LGSP_TRUSTED_CAS, the hub through the CAs its
 * operator registered for each unit. Nothing here goes over our signed-HTTP federation.
 */
describe.each(DB_KINDS)('an external LGSP as the transport (%s)', (kind) => {
  let hub: TestPlatform;
  let a: TestPlatform;
  let b: TestPlatform;
  let hubBase: string;
  let admin: { token: string };
  let api: LgspExampleClient;
  let secretG09: string;
  let clerkA: { token: string };
  let clerkB: { token: string };
  const proxyA = new Proxy();
  const proxyB = new Proxy();

  const unitSecret = async (code: string) => {
    const r = await hub.call('POST', '/api/exchange/lgsp/units', { token: admin.token, body: { code } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().secret as string;
  };
  const setCas = async (code: string, pem: string) => {
    const r = await hub.call('PATCH', `/api/exchange/lgsp/units/${code}`, {
      token: admin.token,
      body: { caCertificates: [pem] },
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const send = async (xml: string) => {
    const r = await a.call('POST', '/api/exchange/packages', {
      token: clerkA.token,
      body: xml,
      headers: { 'content-type': 'application/xml' },
    });
    expect(r.statusCode, r.body).toBe(201);
    await a.deps.jobs.drain();
    return { packageId: r.json().packageIds['000.00.00.G09'] as string, localDocumentId: r.json().localDocumentId };
  };
  const outgoing = async (packageId: string) =>
    (await a.call('GET', '/api/exchange/packages?box=outgoing&pageSize=100', { token: clerkA.token }))
      .json()
      .items.find((i: { id: string }) => i.id === packageId);
  const deliveryOf = async (packageId: string) =>
    (await repo.deliveries(a.deps.db, { page: 1, pageSize: 100 })).items.find((d) => d.packageId === packageId)!;
  const receivedAt = (p: TestPlatform, documentId: string) =>
    p.deps.db
      .select()
      .from(packages)
      .where(and(eq(packages.direction, 'in'), eq(packages.documentId, documentId)));

  beforeAll(async () => {
    hub = await createTestPlatform(kind, {
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: b64(generateKeyPairSync('ed25519')) },
    });
    const port = await freePort();
    await hub.app.listen({ port, host: '127.0.0.1' });
    hubBase = `http://127.0.0.1:${port}`;
    await hub.exchange.worker.sync();
    admin = await hub.staff({ roles: ['admin'] });
    const c = await hub.call('POST', '/api/exchange/lgsp/clients', { token: admin.token, body: { name: 'QLVB' } });
    expect(c.statusCode, c.body).toBe(201);
    const { consumerKey, consumerSecret } = c.json();
    api = new LgspExampleClient(hubBase, consumerKey, consumerSecret);
    const secretH26 = await unitSecret('000.00.00.H26');
    secretG09 = await unitSecret('000.00.00.G09');
    for (const px of [proxyA, proxyB]) {
      px.target = hubBase;
      await px.start();
    }
    const dir = mkdtempSync(join(tmpdir(), 'lgsp-cas-'));
    const caFile = (n: string) => {
      const f = join(dir, n);
      writeFileSync(f, '');
      return f;
    };
    const env = (id: string, agencies: string, proxy: Proxy, unit: string, secret: string, cas: string) => ({
      EXCHANGE_ROLE: 'node',
      EXCHANGE_NODE_ID: id,
      EXCHANGE_NODE_KEY: b64(generateKeyPairSync('ed25519')),
      EXCHANGE_AGENCIES: agencies,
      EXCHANGE_TRANSPORT: 'lgsp',
      LGSP_BASE_URL: `${proxy.url}/truclienthong/v1.0.0`,
      LGSP_TOKEN_URL: `${proxy.url}/token`,
      LGSP_CLIENT_ID: consumerKey,
      LGSP_CLIENT_SECRET: consumerSecret,
      LGSP_UNIT_CODE: unit,
      LGSP_UNIT_SECRET: secret,
      LGSP_TRUSTED_CAS: cas,
    });
    const casA = caFile('a.pem');
    const casB = caFile('b.pem');
    // A has a PKI of its own (fresh): nothing it seals chains to a root the others share by accident.
    a = await createTestPlatform(kind, {
      fresh: true,
      env: env('so-a', 'H26', proxyA, '000.00.00.H26', secretH26, casA),
    });
    // B polls every 50 ms when its worker runs (one test starts it; the others call the poll themselves).
    b = await createTestPlatform(kind, {
      env: { ...env('so-b', 'G09', proxyB, '000.00.00.G09', secretG09, casB), LGSP_POLL_MS: '50' },
    });
    await a.seal('H26');
    await b.seal('G09');
    const rootA = toPem((await a.exchange.context.seals.localRoots())[0]!);
    const rootB = toPem((await b.exchange.context.seals.localRoots())[0]!);
    writeFileSync(casA, rootB);
    writeFileSync(casB, rootA);
    await setCas('000.00.00.H26', rootA);
    await setCas('000.00.00.G09', rootB);
    await a.exchange.worker.sync();
    await b.exchange.worker.sync();
    clerkA = await a.staff({ roles: ['clerk'], agencyCode: 'H26' });
    clerkB = await b.staff({ roles: ['clerk'], agencyCode: 'G09' });
  }, 600_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([proxyA.close(), proxyB.close()]);
    await hub?.close();
  });

  it('only the hub operator sets a unit’s CAs; a certificate that is not a CA is refused by field', async () => {
    const clerk = await hub.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const pem = toPem((await a.exchange.context.seals.localRoots())[0]!);
    const r = await hub.call('PATCH', '/api/exchange/lgsp/units/000.00.00.H26', {
      token: clerk.token,
      body: { caCertificates: [pem] },
    });
    expect(r.statusCode).toBe(403);
    const ca = await createSealCa('CA thử');
    const leaf = toPem((await issueSeal(ca, { code: 'H26', name: 'UBND' })).certDer);
    const bad = await hub.call('PATCH', '/api/exchange/lgsp/units/000.00.00.H26', {
      token: admin.token,
      body: { caCertificates: [leaf] },
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors[0].path).toBe('caCertificates.0');
  });

  it('A sends to G09 through the LGSP; B receives it once and answers; A sees 01 and 03', async () => {
    const { packageId, localDocumentId } = await send(documentXml(15));
    await settle(a);
    expect(await deliveryOf(packageId)).toMatchObject({ state: 'done', target: 'hub' });
    expect((await outgoing(packageId)).state).toBe('delivered');
    await settle(hub);

    // The hub keeps it in G09's mailbox, A's own seal untouched.
    const listed = (await api.vanbansGet(secretG09)).data.filter((v) => v.from === '000.00.00.H26');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ messageType: 'edoc', to: '000.00.00.G09', status: 'INITIAL' });

    const got = await b.exchange.worker.pollLgsp();
    expect(got.map((o) => o.outcome)).toEqual(['accepted']);
    const incoming = (await b.call('GET', '/api/exchange/packages?box=incoming', { token: clerkB.token }))
      .json()
      .items.find((i: { id: string }) => i.id === listed[0]!.docId);
    expect(incoming).toMatchObject({ sender: '000.00.00.H26', state: '01' });
    // Acknowledged DONE: no longer listed.
    expect((await api.vanbansGet(secretG09)).data.some((v) => v.docId === listed[0]!.docId)).toBe(false);

    // The hub only keeps it for B: a clerk of G09 at the hub cannot answer in B's stead.
    const hubClerk = await hub.staff({ roles: ['clerk'], agencyCode: 'G09' });
    const usurp = await hub.call('POST', `/api/exchange/packages/${incoming.id}/status`, {
      token: hubClerk.token,
      body: { statusCode: '03' },
    });
    expect([usurp.statusCode, usurp.json().code]).toEqual([409, 'ANSWERED_BY_LGSP_UNIT']);

    await settle(b); // the automatic 01 goes out through the LGSP
    const answered = await b.call('POST', `/api/exchange/packages/${incoming.id}/status`, {
      token: clerkB.token,
      body: { statusCode: '03', description: 'Đã tiếp nhận vào sổ' },
    });
    expect(answered.statusCode, answered.body).toBe(202);
    await settle(b);
    await settle(hub);

    const back = await a.exchange.worker.pollLgsp();
    expect(back.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    const status = await a.call('GET', `/api/exchange/packages?document=${localDocumentId}`, { token: clerkA.token });
    const [mine] = status.json().items;
    expect(mine).toMatchObject({ recipient: '000.00.00.G09', state: '03' });
    // An LGSP lists by arrival and promises no order between two statuses B sent in one round (the test
    // clocks stand still): both are recorded, and a late 01 does not take the package back from 03 (above).
    const states = mine.events.map((e: { state: string }) => e.state);
    expect(states.slice(0, 3)).toEqual(['queued', 'sent', 'delivered']);
    expect(states.slice(3).sort()).toEqual(['01', '03']);
    const self = await a.call('GET', '/api/exchange/self', { token: (await a.staff({ roles: ['admin'] })).token });
    expect(self.json()).toMatchObject({ transport: 'lgsp', hubUrl: null, lgsp: { unitCode: '000.00.00.H26' } });
    const { units, clientSecret } = a.exchange.context.settings.lgsp!;
    expect(self.body).not.toContain(units[0]!.secret);
    expect(self.body).not.toContain(clientSecret);
    // Nothing travelled over the federation: A never registered with a hub, and the hub knows no node.
    expect(await repo.nodes(hub.deps.db)).toEqual([]);
  });

  it('a document for B and for an agency of the hub is POSTed once; the hub keeps one for B, receives the other', async () => {
    proxyA.calls = [];
    const xml = documentXml(19, undefined, [
      { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' },
      { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
    ]);
    const r = await a.call('POST', '/api/exchange/packages', {
      token: clerkA.token,
      body: xml,
      headers: { 'content-type': 'application/xml' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const ids = Object.values(r.json().packageIds as Record<string, string>);
    expect(ids).toHaveLength(2);
    await settle(a);
    for (const id of ids) expect(await deliveryOf(id)).toMatchObject({ state: 'done' });
    expect(proxyA.calls.filter((c) => c === 'POST /truclienthong/v1.0.0/vanbans')).toHaveLength(1);

    await settle(hub);
    const documentId = '000.00.00.H26,2026/03/02,19/QĐ-UBND';
    const atHub = await receivedAt(hub, documentId);
    // G09: kept in B's mailbox; H41: received by the hub itself, A's seal checked against the unit's CA.
    expect(Object.fromEntries(atHub.map((p) => [p.recipient, p.state]))).toEqual({
      '000.00.00.G09': 'delivered',
      '000.00.00.H41': '01',
    });
    expect((await b.exchange.worker.pollLgsp()).map((o) => o.outcome)).toEqual(['accepted']);
    await settle(b);
    await settle(hub);
  });

  it('LGSP down, then the answer lost, then up: retried with backoff and delivered once', async () => {
    proxyA.mode = 'down';
    const { packageId } = await send(documentXml(16));
    await a.exchange.worker.drain(1);
    let d = await deliveryOf(packageId);
    expect(d.state).toBe('pending');
    expect(d.lastError).toMatch(/fetch failed|socket|ECONNRESET/i);
    expect((await outgoing(packageId)).state).toBe('sent');

    // The LGSP takes it, but A never hears so: it must not become two packages.
    proxyA.mode = 'lost';
    a.clock.advance(120_000);
    await a.exchange.worker.drain(1);
    expect((await deliveryOf(packageId)).state).toBe('pending');

    proxyA.mode = 'up';
    a.clock.advance(600_000);
    await a.exchange.worker.drain(1);
    d = await deliveryOf(packageId);
    expect(d.state).toBe('done');
    expect(d.attempts).toBe(3);
    expect((await outgoing(packageId)).state).toBe('delivered');

    await settle(hub);
    const documentId = '000.00.00.H26,2026/03/02,16/QĐ-UBND';
    const atHub = await receivedAt(hub, documentId);
    expect(atHub).toHaveLength(1);
    expect(await hub.deps.db.select().from(hubReceipts).where(eq(hubReceipts.packageId, atHub[0]!.id))).toHaveLength(1);
    expect((await b.exchange.worker.pollLgsp()).map((o) => o.outcome)).toEqual(['accepted']);
    expect(await receivedAt(b, documentId)).toHaveLength(1);
  });

  it('an expired token is renewed: once after a 401, and before a call when A knows it expired', async () => {
    const client = a.exchange.context.lgsp!;
    const before = client.tokensIssued;
    proxyA.statuses = [];
    hub.clock.advance(2 * 3600_000); // the hub no longer takes A's token; A does not know yet
    await a.exchange.worker.pollLgsp();
    expect(client.tokensIssued).toBe(before + 1);
    expect(proxyA.statuses).toContain(401);
    expect(proxyA.statuses.at(-1)).toBe(200);

    proxyA.statuses = [];
    a.clock.advance(2 * 3600_000); // A's clock says its token has expired: renewed without a refusal
    await a.exchange.worker.pollLgsp();
    expect(client.tokensIssued).toBe(before + 2);
    expect(proxyA.statuses).not.toContain(401);
    // The test's own client, like the example's Java client, does not renew by itself.
    await api.generate();
  });

  it('a package whose seal B does not trust is refused at receipt: FAIL with the reason, set aside', async () => {
    // Another deployment on the LGSP (unit H29), with a CA the hub's operator registered but B does not trust.
    const secretH29 = await unitSecret('000.00.00.H29');
    const ca = await createSealCa('CA của một đơn vị khác');
    await setCas('000.00.00.H29', toPem(ca.certDer));
    const seal = await signingKeyOf(await issueSeal(ca, { code: 'H29', name: 'UBND tỉnh' }), ca.certDer);
    const signed = await signPackage(
      documentXml(20, { organId: '000.00.00.H29', organName: 'UBND tỉnh Hải Phòng' }),
      seal,
    );
    const sent = await api.vanbansPost(Buffer.from(signed).toString('base64'), secretH29, 'edoc');
    expect(sent, JSON.stringify(sent)).toMatchObject({ status: 'OK', docId: expect.stringMatching(/^pkg_/) });
    await settle(hub);

    const got = await b.exchange.worker.pollLgsp();
    expect(got).toHaveLength(1);
    const item = (await api.vanbansGet(secretG09)).data.find((v) => v.docId === sent.docId) as
      (Record<string, string> & { docId: string }) | undefined;
    expect(item).toMatchObject({ status: 'FAIL', errorDesc: expect.stringMatching(/^SIGNATURE_INVALID: .*CHAIN/) });
    const kept = await repo.package(b.deps.db, sent.docId, 'in');
    expect(kept).toMatchObject({ state: '02' });
    // Set aside: the next poll does not fetch it again.
    expect(await b.exchange.worker.pollLgsp()).toEqual([]);
  });

  it('a crash between the receipt and DONE, then the same docId fetched again: stored once', async () => {
    proxyB.fail = (req) => req.method === 'PUT' && req.headers.status === 'DONE';
    await send(documentXml(17));
    await settle(a);
    await settle(hub);
    const first = await b.exchange.worker.pollLgsp();
    expect(first.map((o) => o.outcome)).toEqual(['failed']); // received and committed; DONE never reached the LGSP
    proxyB.fail = null;
    const item = (await api.vanbansGet(secretG09)).data.find((v) => v.from === '000.00.00.H26')!;
    expect(item.status).toBe('PROCESSING');

    // The failed item waits a second before it is fetched again; nothing else is listed meanwhile.
    proxyB.calls = [];
    expect(await b.exchange.worker.pollLgsp()).toEqual([]);
    expect(proxyB.calls.filter((c) => c.startsWith('GET /truclienthong/v1.0.0/vanbans/'))).toEqual([]);
    b.clock.advance(1_000);
    expect((await b.exchange.worker.pollLgsp()).map((o) => o.outcome)).toEqual(['duplicate']);
    // And a third fetch of the same docId, as a product might do: still one.
    expect((await receiveFromLgsp(b.exchange.context, b.exchange.context.lgsp!, item)).outcome).toBe('duplicate');
    const documentId = '000.00.00.H26,2026/03/02,17/QĐ-UBND';
    expect(await receivedAt(b, documentId)).toHaveLength(1);
    const arrived = await b.deps.db
      .select()
      .from(messages)
      .where(eq(messages.dedupeKey, `${item.docId}:01`));
    expect(arrived).toHaveLength(1);
    expect((await api.vanbansGet(secretG09)).data.some((v) => v.docId === item.docId)).toBe(false);
  });

  it('B’s worker polls the LGSP by itself: two documents sent apart both arrive without a call', async () => {
    const arrived = (n: number) => receivedAt(b, `000.00.00.H26,2026/03/02,${n}/QĐ-UBND`);
    await send(documentXml(21));
    await settle(a);
    await settle(hub);
    b.exchange.worker.start();
    try {
      await vi.waitFor(async () => expect(await arrived(21)).toHaveLength(1), { timeout: 30_000, interval: 50 });
      // A second document after the first poll: only a later poll of the timer can fetch it.
      await send(documentXml(22));
      await settle(a);
      await settle(hub);
      await vi.waitFor(async () => expect(await arrived(22)).toHaveLength(1), { timeout: 30_000, interval: 50 });
    } finally {
      await b.exchange.worker.stop();
    }
    // Acknowledged DONE by the timer's polls: nothing of A's is left in B's mailbox.
    const left = (await api.vanbansGet(secretG09)).data.filter((v) => v.from === '000.00.00.H26');
    expect(left.filter((v) => v.status !== 'DONE' && v.status !== 'FAIL')).toEqual([]);
    expect(await arrived(21)).toHaveLength(1);
  });

  it('an LGSP that refuses A (its unit secret replaced) shows the clerk a failure with the cause', async () => {
    await unitSecret('000.00.00.H26'); // the operator replaced the secret; A still has the old one
    const { packageId } = await send(documentXml(18));
    await a.exchange.worker.drain(1);
    expect(await deliveryOf(packageId)).toMatchObject({
      state: 'pending',
      lastError: expect.stringContaining('INVALID_SECRET'),
    });
    a.clock.advance(31 * 60_000);
    await a.exchange.worker.drain(1);
    expect(await deliveryOf(packageId)).toMatchObject({ state: 'set_aside' });
    const mine = await outgoing(packageId);
    expect(mine.state).toBe('failed');
    expect(JSON.stringify(mine)).toContain('INVALID_SECRET');
  });
});
