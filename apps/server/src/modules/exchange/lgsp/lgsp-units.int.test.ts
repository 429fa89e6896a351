import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { buildDocumentPackage } from '../edxml/build.js';
import { samplePackage } from '../edxml/test-data.js';
import { toPem } from '../edxml/test-seal-pki.js';
import { LgspCallFailed, LgspClient } from './lgsp-client.js';
import { LgspExampleClient } from './lgsp-example-client.js';
import { pollLgsp, receiveFromLgsp } from './lgsp-transport.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) =>
  k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

const HANOI = { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội' };
const NGHEAN = { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' };
const BNV = { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' };

/** An unsigned document package with its own number (what a clerk uploads). */
function documentXml(n: number, from: typeof HANOI, to: (typeof HANOI)[]) {
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

async function settle(...ps: TestPlatform[]) {
  for (let i = 0; i < 8; i++)
    for (const p of ps) {
      await p.deps.jobs.drain();
      await p.exchange.worker.drain();
    }
}

/*
 * A provincial deployment that is several units of the LGSP (LGSP_UNITS): Hà Nội (H26) and Nghệ An (H41)
 * on one deployment, each its own unit with its own secret, through our hub's LGSP API (written from the
 * public example client's calls; the example client drives the hub side here too). Each unit sends as
 * itself, sees only its own mailbox, and what arrives goes to the agency the unit is.
 */
describe.each(DB_KINDS)('one deployment, several LGSP units (%s)', (kind) => {
  let hub: TestPlatform;
  let node: TestPlatform;
  let api: LgspExampleClient;
  let secretH26: string;
  let secretH41: string;
  let clerk: Record<'H26' | 'H41', { token: string }>;
  let hubClerk: { token: string };

  const incoming = async (p: TestPlatform, token: string) =>
    (await p.call('GET', '/api/exchange/packages?box=incoming&pageSize=100', { token })).json().items as {
      id: string;
      sender: string;
      recipient: string;
      documentId: string;
    }[];
  const send = async (p: TestPlatform, token: string, xml: string) => {
    const r = await p.call('POST', '/api/exchange/packages', {
      token,
      body: xml,
      headers: { 'content-type': 'application/xml' },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { packageIds: Record<string, string>; localDocumentId: string };
  };

  beforeAll(async () => {
    hub = await createTestPlatform(kind, {
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: b64(generateKeyPairSync('ed25519')) },
    });
    const port = await freePort();
    await hub.app.listen({ port, host: '127.0.0.1' });
    const hubBase = `http://127.0.0.1:${port}`;
    await hub.exchange.worker.sync();
    await hub.seal('G09');
    const admin = await hub.staff({ roles: ['admin'] });
    const c = await hub.call('POST', '/api/exchange/lgsp/clients', { token: admin.token, body: { name: 'QLVB tỉnh' } });
    expect(c.statusCode, c.body).toBe(201);
    const { consumerKey, consumerSecret } = c.json();
    api = new LgspExampleClient(hubBase, consumerKey, consumerSecret);
    const unit = async (code: string) => {
      const r = await hub.call('POST', '/api/exchange/lgsp/units', { token: admin.token, body: { code } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().secret as string;
    };
    secretH26 = await unit(HANOI.organId);
    secretH41 = await unit(NGHEAN.organId);

    const cas = join(mkdtempSync(join(tmpdir(), 'lgsp-units-')), 'hub.pem');
    writeFileSync(cas, toPem((await hub.exchange.context.seals.localRoots())[0]!));
    node = await createTestPlatform(kind, {
      fresh: true,
      env: {
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: 'tinh',
        EXCHANGE_NODE_KEY: b64(generateKeyPairSync('ed25519')),
        EXCHANGE_AGENCIES: 'H26,H41',
        EXCHANGE_TRANSPORT: 'lgsp',
        LGSP_BASE_URL: `${hubBase}/truclienthong/v1.0.0`,
        LGSP_CLIENT_ID: consumerKey,
        LGSP_CLIENT_SECRET: consumerSecret,
        LGSP_UNITS: JSON.stringify([
          { code: HANOI.organId, agency: 'H26', secret: secretH26 },
          { code: NGHEAN.organId, agency: 'H41', secret: secretH41 },
        ]),
        LGSP_TRUSTED_CAS: cas,
      },
    });
    await node.seal('H26', 'H41');
    // The hub operator registers the deployment's seal CA for both units: it seals its own packages.
    const rootN = toPem((await node.exchange.context.seals.localRoots())[0]!);
    for (const code of [HANOI.organId, NGHEAN.organId]) {
      const r = await hub.call('PATCH', `/api/exchange/lgsp/units/${code}`, {
        token: admin.token,
        body: { caCertificates: [rootN] },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await node.exchange.worker.sync();
    clerk = {
      H26: await node.staff({ roles: ['clerk'], agencyCode: 'H26' }),
      H41: await node.staff({ roles: ['clerk'], agencyCode: 'H41' }),
    };
    hubClerk = await hub.staff({ roles: ['clerk'], agencyCode: 'G09' });
  }, 600_000);
  afterAll(async () => {
    await node?.close();
    await hub?.close();
  });

  it('each unit sends as itself: the hub takes a package only from the unit of its sender', async () => {
    await send(node, clerk.H41.token, documentXml(41, NGHEAN, [BNV]));
    await send(node, clerk.H26.token, documentXml(26, HANOI, [BNV]));
    await settle(node, hub);
    // Both arrived at the ministry on the hub: had H41's package gone out with H26's secret, the hub
    // would have refused it (the sender is not within that unit).
    const got = await incoming(hub, hubClerk.token);
    expect(got.filter((i) => i.sender === NGHEAN.organId)).toHaveLength(1);
    expect(got.filter((i) => i.sender === HANOI.organId)).toHaveLength(1);
    // The deployment shows its units, never their secrets.
    const self = await node.call('GET', '/api/exchange/self', {
      token: (await node.staff({ roles: ['admin'] })).token,
    });
    expect(self.json().lgsp.units).toEqual([
      { code: HANOI.organId, agency: 'H26' },
      { code: NGHEAN.organId, agency: 'H41' },
    ]);
    expect(self.body).not.toContain(secretH26);
    expect(self.body).not.toContain(secretH41);
  });

  it('each unit sees only its own mailbox; what arrives goes to the agency the unit is', async () => {
    await send(hub, hubClerk.token, documentXml(7, BNV, [HANOI]));
    await send(hub, hubClerk.token, documentXml(8, BNV, [NGHEAN]));
    await settle(hub);
    // The example client's calls, each unit with its own secret.
    // (Each mailbox also holds the ministry's automatic 01 for what the unit sent in the last test.)
    const docs = async (secret: string) =>
      (await api.vanbansGet(secret)).data.filter((v) => v.from === BNV.organId && v.messageType === 'edoc');
    const h26 = await docs(secretH26);
    const h41 = await docs(secretH41);
    expect(h26.map((v) => v.to)).toEqual([HANOI.organId]);
    expect(h41.map((v) => v.to)).toEqual([NGHEAN.organId]);
    // One unit cannot fetch the other's package.
    const foreign = await api.vanbansDocIdGet(h41[0]!.docId, secretH26);
    expect([api.lastStatus, foreign.errorCode]).toEqual([404, 'NOT_FOUND']);

    const outcomes = await node.exchange.worker.pollLgsp();
    expect(outcomes.every((o) => o.outcome === 'accepted')).toBe(true);
    expect(outcomes.map((o) => o.packageId)).toEqual(expect.arrayContaining([h26[0]!.docId, h41[0]!.docId]));
    const forH26 = (await incoming(node, clerk.H26.token)).filter((i) => i.sender === BNV.organId);
    const forH41 = (await incoming(node, clerk.H41.token)).filter((i) => i.sender === BNV.organId);
    expect(forH26.map((i) => i.id)).toEqual([h26[0]!.docId]);
    expect(forH41.map((i) => i.id)).toEqual([h41[0]!.docId]);
    // Both acknowledged DONE, each by its own unit.
    expect((await api.vanbansGet(secretH26)).data.some((v) => v.docId === h26[0]!.docId)).toBe(false);
    expect((await api.vanbansGet(secretH41)).data.some((v) => v.docId === h41[0]!.docId)).toBe(false);
  });

  it('an item of another unit in a mailbox is refused, not received', async () => {
    await send(hub, hubClerk.token, documentXml(9, BNV, [HANOI]));
    await settle(hub);
    const item = (await api.vanbansGet(secretH26)).data.find(
      (v) => v.from === BNV.organId && v.messageType === 'edoc' && v.status === 'INITIAL',
    )!;
    const h26Client = node.exchange.context.lgspUnits[0]!;
    // As if the LGSP had put a package for Nghệ An in Hà Nội's mailbox.
    const o = await receiveFromLgsp(node.exchange.context, h26Client, { ...item, to: NGHEAN.organId });
    expect(o).toMatchObject({ outcome: 'rejected', code: 'NOT_FOR_THIS_UNIT' });
    const after = (await api.vanbansGet(secretH26)).data.find((v) => v.docId === item.docId)!;
    expect(after).toMatchObject({ status: 'FAIL', errorDesc: expect.stringMatching(/^NOT_FOR_THIS_UNIT/) });
    expect((await incoming(node, clerk.H41.token)).some((i) => i.id === item.docId)).toBe(false);
  });

  it('a wrong secret is refused; the unit it belongs to is skipped, the others still receive', async () => {
    const bad = await api.vanbansGet('f'.repeat(64));
    expect([api.lastStatus, bad.status, bad.errorCode]).toEqual([401, 'FAIL', 'INVALID_SECRET']);

    const ctx = node.exchange.context;
    const wrongSecret = 'not-the-secret-of-h41-0000';
    const wrong = new LgspClient(
      ctx.settings.lgsp!,
      { code: NGHEAN.organId, agency: 'H41', secret: wrongSecret },
      ctx.lgspUnits[0]!.tokens,
    );
    const refused = await wrong.incoming().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LgspCallFailed);
    expect(refused).toMatchObject({ http: 401, code: 'INVALID_SECRET' });
    expect(String((refused as Error).message)).not.toContain(wrongSecret);

    const sent = await send(hub, hubClerk.token, documentXml(10, BNV, [HANOI]));
    await settle(hub);
    const outcomes = await pollLgsp(ctx, [wrong, ctx.lgspUnits[0]!]);
    expect(outcomes).toContainEqual(
      expect.objectContaining({ outcome: 'accepted', packageId: sent.packageIds[HANOI.organId] }),
    );
    // Every unit refused: the poll fails as a whole (the worker retries later).
    await expect(pollLgsp(ctx, [wrong])).rejects.toThrow(/INVALID_SECRET/);
  });
});
