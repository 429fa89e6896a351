import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { DIRECTORY_PROVIDER, DIRECTORY_SERVICE } from './demo-service.js';
import { type EvidenceJson, verifyEvidence } from './testing/openssl-evidence.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
});

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

/*
 * Two deployments in one test, over the exchange's signed-HTTP federation: the hub (national
 * agencies, the directory service of VN:GOV:G22:danhmuc) and a node serving Hà Nội (H26). A call
 * crosses both gateways each way, with evidence on both sides; a peer that is down or silent
 * fails fast with a clear error.
 */
describe.each(DB_KINDS)('gateway across deployments (%s)', (kind) => {
  let hub: TestPlatform;
  let node: TestPlatform;
  let silent: Server;
  let silentPort: number;
  const hubKey = b64(generateKeyPairSync('ed25519'));
  const nodeKey = b64(generateKeyPairSync('ed25519'));
  let nodeUrl: string;
  let hubAdmin: Staff;
  let hubProviderAdmin: Staff;
  let hubOfficial: Staff;
  let nodeAdmin: Staff;
  let nodeOfficial: Staff;

  const serviceId = async (p: TestPlatform, token: string, code: string) =>
    (
      (await p.call('GET', `/api/gateway/services?q=${code}`, { token })).json().items as { id: string; code: string }[]
    ).find((s) => s.code === code)!.id;

  beforeAll(async () => {
    const hubPort = await freePort();
    hub = await createTestPlatform(kind, {
      env: {
        EXCHANGE_ROLE: 'hub',
        EXCHANGE_NODE_ID: 'hub',
        EXCHANGE_NODE_KEY: hubKey.priv,
        GATEWAY_PEER_TIMEOUT_MS: '1500',
        GATEWAY_BACKEND_ALLOW: '127.0.0.1',
      },
    });
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const nodePort = await freePort();
    nodeUrl = `http://127.0.0.1:${nodePort}`;
    node = await createTestPlatform(kind, {
      fresh: true,
      env: {
        PUBLIC_URL: nodeUrl,
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: 'ha-noi',
        EXCHANGE_NODE_KEY: nodeKey.priv,
        EXCHANGE_HUB_KEY: hubKey.pub,
        EXCHANGE_HUB_URL: `http://127.0.0.1:${hubPort}`,
        EXCHANGE_AGENCIES: 'H26',
      },
    });
    await node.app.listen({ port: nodePort, host: '127.0.0.1' });
    await hub.seal('G22');
    await node.seal('H26');
    hubAdmin = await hub.staff({ roles: ['admin'] });
    const reg = await hub.call('POST', '/api/exchange/nodes', {
      token: hubAdmin.token,
      body: { id: 'ha-noi', name: 'Hà Nội', baseUrl: nodeUrl, publicKey: nodeKey.pub, agencies: ['H26'] },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    await node.exchange.worker.sync();
    hubProviderAdmin = await hub.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    hubOfficial = await hub.staff({ roles: ['specialist'], agencyCode: 'G22' });
    nodeAdmin = await node.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    nodeOfficial = await node.staff({ roles: ['specialist'], agencyCode: 'H26' });
    for (const [p, token, body] of [
      [node, nodeAdmin.token, { agencyCode: 'H26', code: 'motcua', name: 'Một cửa Hà Nội' }],
      [node, nodeAdmin.token, { agencyCode: 'H26', code: 'khac', name: 'Hệ thống khác' }],
      [hub, hubProviderAdmin.token, { agencyCode: 'G22', code: 'lienthong', name: 'Liên thông VPCP' }],
    ] as const) {
      const r = await p.call('POST', '/api/gateway/subsystems', { token, body });
      expect(r.statusCode, r.body).toBe(201);
    }
    const grant = await hub.call(
      'POST',
      `/api/gateway/services/${await serviceId(hub, hubOfficial.token, DIRECTORY_SERVICE)}/rights`,
      {
        token: hubProviderAdmin.token,
        body: { client: 'VN:GOV:H26:motcua' },
      },
    );
    expect(grant.statusCode, grant.body).toBe(201);
    // A provider on the node: Hà Nội's own data, called by the Government Office.
    node.gateway.registerLocalService({
      code: 'hanoi.household.v1',
      provider: 'VN:GOV:H26:dulieu',
      purposes: ['dossier-processing'],
      handle: async (req) => ({ status: 200, body: { household: `HN-${req.params.id}`, for: req.client } }),
    });
    const nodeGrant = await node.call(
      'POST',
      `/api/gateway/services/${await serviceId(node, nodeOfficial.token, 'hanoi.household.v1')}/rights`,
      { token: nodeAdmin.token, body: { client: 'VN:GOV:G22:lienthong' } },
    );
    expect(nodeGrant.statusCode, nodeGrant.body).toBe(201);
    silentPort = await freePort();
    silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(silentPort, '127.0.0.1', r));
  }, 300_000);
  afterAll(async () => {
    silent?.close();
    await node?.close();
    await hub?.close();
  });

  it('a Hà Nội official calls the national directory service through both gateways; both sides keep evidence OpenSSL verifies', async () => {
    const r = await node.call('POST', '/api/gateway/call', {
      token: nodeOfficial.token,
      body: {
        client: 'VN:GOV:H26:motcua',
        service: DIRECTORY_SERVICE,
        provider: DIRECTORY_PROVIDER,
        purpose: 'agency-lookup',
        params: { code: 'H26' },
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 200, body: { code: 'H26', name: 'Ủy ban nhân dân thành phố Hà Nội' } });
    const messageId = r.json().messageId as string;
    await node.gateway.stampPending();
    await hub.gateway.stampPending();

    const atNode = (
      await node.call('GET', `/api/gateway/evidence/${messageId}`, { token: nodeAdmin.token })
    ).json() as EvidenceJson;
    const atHub = (
      await hub.call('GET', `/api/gateway/evidence/${messageId}`, { token: hubProviderAdmin.token })
    ).json() as EvidenceJson;
    expect(atNode.entries.map((e) => e.side)).toEqual(['client']);
    expect(atHub.entries.map((e) => e.side)).toEqual(['provider']);
    const [c] = verifyEvidence(atNode);
    const [pv] = verifyEvidence(atHub);
    for (const x of [c!, pv!]) {
      expect(x.hashMatches).toBe(true);
      expect(x.signature.ok, x.signature.out).toBe(true);
      expect(x.chainLinks && x.inManifest).toBe(true);
      expect(x.timestamp.out).toContain('Verification: OK');
    }
    expect(c!.record).toMatchObject({ side: 'client', deployment: 'ha-noi' });
    expect(pv!.record).toMatchObject({
      side: 'provider',
      deployment: 'hub',
      actor: { kind: 'official', agencyCode: 'H26' },
    });
    expect(atHub.entries[0]).toMatchObject({ via: 'ha-noi' });
    // The node keeps the hub's signed record too, verified against the federation's roots it learnt at sync.
    expect(c!.peerSignature?.ok, c!.peerSignature?.out).toBe(true);
    expect(c!.peerRecord).toEqual(pv!.record);
    expect(c!.record.requestHash).toBe(pv!.record.requestHash);
    expect(c!.record.responseHash).toBe(pv!.record.responseHash);
  });

  it('the other way: the Government Office calls a Hà Nội service on the node', async () => {
    const r = await hub.call('POST', '/api/gateway/call', {
      token: hubOfficial.token,
      body: {
        client: 'VN:GOV:G22:lienthong',
        service: 'hanoi.household.v1',
        provider: 'VN:GOV:H26:dulieu',
        purpose: 'dossier-processing',
        params: { id: '42' },
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().body).toEqual({ household: 'HN-42', for: 'VN:GOV:G22:lienthong' });
    const ev = await node.call('GET', `/api/gateway/evidence/${r.json().messageId}`, { token: nodeAdmin.token });
    expect(ev.json().entries[0]).toMatchObject({ side: 'provider', via: 'hub' });
  });

  it('a Hà Nội official calls a national REST back end through both gateways; a back end that is down fails fast', async () => {
    const got: { url: string; headers: IncomingHttpHeaders }[] = [];
    const backend = createHttpServer((req, res) => {
      got.push({ url: req.url!, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ taxCode: req.url!.split('/').pop(), name: 'Công ty TNHH Ánh Dương' }));
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const port = (backend.address() as AddressInfo).port;
    try {
      const publish = (code: string, baseUrl: string) =>
        hub.call('POST', '/api/gateway/services', {
          token: hubProviderAdmin.token,
          body: {
            provider: 'VN:GOV:G22:lienthong',
            code,
            name: 'Tra cứu doanh nghiệp (thử)',
            purposes: [{ code: 'dossier-processing', name: 'Giải quyết hồ sơ', legalBasis: 'Nghị định 45/2020/NĐ-CP' }],
            openapi: {
              openapi: '3.1.0',
              info: { title: 't', version: '1' },
              paths: { '/enterprises/{taxCode}': { get: {} } },
            },
            baseUrl,
          },
        });
      for (const [code, url] of [
        ['business.enterprise.v1', `http://127.0.0.1:${port}/api`],
        ['business.enterprisedown.v1', `http://127.0.0.1:${await freePort()}/api`],
      ] as const) {
        const s = await publish(code, url);
        expect(s.statusCode, s.body).toBe(201);
        const g = await hub.call('POST', `/api/gateway/services/${s.json().id}/rights`, {
          token: hubProviderAdmin.token,
          body: { client: 'VN:GOV:H26:motcua' },
        });
        expect(g.statusCode, g.body).toBe(201);
      }
      const body = {
        client: 'VN:GOV:H26:motcua',
        service: 'business.enterprise.v1',
        provider: 'VN:GOV:G22:lienthong',
        purpose: 'dossier-processing',
        path: '/enterprises/0101234567',
      };
      const r = await node.call('POST', '/api/gateway/call', { token: nodeOfficial.token, body });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 200, body: { taxCode: '0101234567' } });
      expect(got).toHaveLength(1);
      expect(got[0]!.url).toBe('/api/enterprises/0101234567');
      expect(got[0]!.headers).toMatchObject({ 'x-road-client': 'VN/GOV/H26/motcua', 'x-road-id': r.json().messageId });
      const messageId = r.json().messageId as string;
      await node.gateway.stampPending();
      await hub.gateway.stampPending();
      const [c] = verifyEvidence(
        (
          await node.call('GET', `/api/gateway/evidence/${messageId}`, { token: nodeAdmin.token })
        ).json() as EvidenceJson,
      );
      const [pv] = verifyEvidence(
        (
          await hub.call('GET', `/api/gateway/evidence/${messageId}`, { token: hubProviderAdmin.token })
        ).json() as EvidenceJson,
      );
      for (const x of [c!, pv!]) {
        expect(x.hashMatches && x.chainLinks && x.inManifest).toBe(true);
        expect(x.signature.ok, x.signature.out).toBe(true);
        expect(x.timestamp.out).toContain('Verification: OK');
      }
      expect(c!.peerSignature?.ok, c!.peerSignature?.out).toBe(true);
      expect(c!.record.requestHash).toBe(pv!.record.requestHash);
      expect(c!.record.responseHash).toBe(pv!.record.responseHash);

      const undeclared = await node.call('POST', '/api/gateway/call', {
        token: nodeOfficial.token,
        body: { ...body, path: '/enterprises' },
      });
      expect([undeclared.statusCode, undeclared.json().code]).toEqual([403, 'GATEWAY_OPERATION_NOT_DECLARED']);
      const down = await node.call('POST', '/api/gateway/call', {
        token: nodeOfficial.token,
        body: { ...body, service: 'business.enterprisedown.v1' },
      });
      expect(down.statusCode).toBe(502);
      expect(down.json()).toMatchObject({
        code: 'GATEWAY_BACKEND_UNREACHABLE',
        params: { peer: 'hub', cause: 'ECONNREFUSED' },
      });
      expect(got).toHaveLength(1);
    } finally {
      backend.close();
    }
  });

  it('refusals cross back as the provider gateway’s problem: no right; a client member the calling deployment does not serve', async () => {
    const body = {
      client: 'VN:GOV:H26:khac',
      service: DIRECTORY_SERVICE,
      provider: DIRECTORY_PROVIDER,
      purpose: 'agency-lookup',
      params: { code: 'H26' },
    };
    const noRight = await node.call('POST', '/api/gateway/call', { token: nodeOfficial.token, body });
    expect(noRight.statusCode).toBe(403);
    expect(noRight.json()).toMatchObject({ code: 'GATEWAY_ACCESS_DENIED', params: { peer: 'hub' } });
    const wrongPurpose = await node.call('POST', '/api/gateway/call', {
      token: nodeOfficial.token,
      body: { ...body, client: 'VN:GOV:H26:motcua', purpose: 'registry-update' },
    });
    expect([wrongPurpose.statusCode, wrongPurpose.json().code]).toEqual([403, 'GATEWAY_PURPOSE_NOT_ALLOWED']);
    // The node registers a subsystem of an agency it does not serve: the hub refuses to hear it speak for it.
    const nodeRoot = await node.staff({ roles: ['admin'] });
    const sub = await node.call('POST', '/api/gateway/subsystems', {
      token: nodeRoot.token,
      body: { agencyCode: 'H57', code: 'gia-mao', name: 'Giả mạo' },
    });
    expect(sub.statusCode).toBe(201);
    const forged = await node.gateway
      .call({ ...body, client: 'VN:GOV:H57:gia-mao', actor: { kind: 'official', accountId: nodeRoot.id } })
      .catch((e: unknown) => e);
    expect(forged).toMatchObject({ status: 403, code: 'GATEWAY_PEER_NOT_CLIENT_DEPLOYMENT' });

    // Both sides record each refusal with its reason: the provider's gateway (the hub) naming the peer,
    // the client's gateway (the node) naming its official.
    const refused = async (platform: TestPlatform, token: string) =>
      (await platform.call('GET', '/api/audit/events?action=gateway.call.refused&pageSize=50', { token })).json()
        .items as { subjectId: string; actorName: string | null; after: { code: string; via: string } }[];
    const atHub = await refused(hub, hubAdmin.token);
    expect(atHub.map((e) => [e.subjectId, e.after.code, e.after.via, e.actorName])).toEqual(
      expect.arrayContaining([
        ['VN:GOV:H26:khac', 'GATEWAY_ACCESS_DENIED', 'ha-noi', 'peer ha-noi'],
        ['VN:GOV:H26:motcua', 'GATEWAY_PURPOSE_NOT_ALLOWED', 'ha-noi', 'peer ha-noi'],
        ['VN:GOV:H57:gia-mao', 'GATEWAY_PEER_NOT_CLIENT_DEPLOYMENT', 'ha-noi', 'peer ha-noi'],
      ]),
    );
    const atNode = await refused(node, nodeAdmin.token);
    expect(atNode.map((e) => [e.subjectId, e.after.code, e.after.via])).toEqual(
      expect.arrayContaining([
        ['VN:GOV:H26:khac', 'GATEWAY_ACCESS_DENIED', 'local'],
        ['VN:GOV:H26:motcua', 'GATEWAY_PURPOSE_NOT_ALLOWED', 'local'],
      ]),
    );
  });

  it('a deployment that is down fails fast (502); one that never answers fails at the timeout (504)', async () => {
    const call = () =>
      hub.call('POST', '/api/gateway/call', {
        token: hubOfficial.token,
        body: {
          client: 'VN:GOV:G22:lienthong',
          service: 'hanoi.household.v1',
          provider: 'VN:GOV:H26:dulieu',
          purpose: 'dossier-processing',
          params: { id: '1' },
        },
      });
    const closedPort = await freePort();
    const move = (baseUrl: string) =>
      hub.call('PATCH', '/api/exchange/nodes/ha-noi', { token: hubAdmin.token, body: { baseUrl } });
    expect((await move(`http://127.0.0.1:${closedPort}`)).statusCode).toBe(200);
    const down = await call();
    expect(down.statusCode).toBe(502);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.json()).toMatchObject({
      code: 'GATEWAY_PEER_UNREACHABLE',
      params: { peer: 'ha-noi', cause: 'ECONNREFUSED' },
    });

    expect((await move(`http://127.0.0.1:${silentPort}`)).statusCode).toBe(200);
    const hung = await call();
    expect(hung.statusCode).toBe(504);
    expect(hung.json()).toMatchObject({ code: 'GATEWAY_PEER_TIMEOUT', params: { peer: 'ha-noi', timeoutMs: 1500 } });
    await move(nodeUrl);
  }, 20_000);
});
