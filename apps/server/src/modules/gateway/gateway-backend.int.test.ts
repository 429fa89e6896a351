import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/json.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { type EvidenceJson, verifyEvidence } from './testing/openssl-evidence.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

const CLIENT = 'VN:GOV:H26:motcua';
const OTHER_CLIENT = 'VN:GOV:H26:khac';
const PROVIDER = 'VN:GOV:G22:dancu';
const SERVICE = 'test.person.v1';

/** What the provider's back end received: a refused call must add nothing. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP back end on an ephemeral port, as an agency's own REST system. */
async function startBackend(received: Received[]) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': 'backend=1' });
        res.end(JSON.stringify(v));
      };
      const path = new URL(req.url!, 'http://x').pathname;
      if (req.method === 'GET' && path.startsWith('/api/persons/') && path !== '/api/persons/search')
        return json(200, { id: decodeURIComponent(path.slice('/api/persons/'.length)), fullName: 'Nguyễn Văn An' });
      if (req.method === 'POST' && path === '/api/persons/search')
        return json(201, { found: 1, query: JSON.parse(body) as unknown });
      if (path === '/api/slow') return void setTimeout(() => json(200, { late: true }), 5_000);
      if (path === '/api/big') return json(200, { filler: 'x'.repeat(20_000) });
      if (path === '/api/big-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"filler":"');
        for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
        return void res.end('"}');
      }
      if (path === '/api/text') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>login</html>');
      }
      if (path === '/api/missing') return json(404, { code: 'NOT_FOUND' });
      json(418, { unexpected: req.url });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

const openapi = {
  openapi: '3.1.0',
  info: { title: 'Tra cứu công dân (thử)', version: '1' },
  paths: {
    '/persons/{id}': { get: { responses: { '200': { description: 'OK' } } } },
    '/persons/search': { post: { responses: { '201': { description: 'OK' } } } },
    '/slow': { get: { responses: { '200': { description: 'OK' } } } },
    '/big': { get: { responses: { '200': { description: 'OK' } } } },
    '/big-chunked': { get: { responses: { '200': { description: 'OK' } } } },
    '/text': { get: { responses: { '200': { description: 'OK' } } } },
    '/missing': { get: { responses: { '404': { description: 'Not found' } } } },
  },
};

/*
 * Forwarding to a provider's own REST back end (ADR 0026 addendum): a real node:http server stands
 * for the agency's system. The gateway checks first and forwards only declared operations, with its
 * own headers and none of the client's; a back end that is down, slow, too talkative or not JSON
 * fails the call at once with a clear problem; an answer is logged and signed on both sides.
 */
describe.each(DB_KINDS)('gateway forwarding to a REST back end on %s', (kind) => {
  let p: TestPlatform;
  let providerAdmin: Staff;
  let clientAdmin: Staff;
  let otherAdmin: Staff;
  let official: Staff;
  let backend: { server: Server; port: number };
  let downPort: number;
  let serviceId: string;
  const received: Received[] = [];

  const call = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    p.call('POST', '/api/gateway/call', {
      token: official.token,
      headers,
      body: { client: CLIENT, service: SERVICE, purpose: 'dossier-processing', ...body },
    });

  const publish = (token: string, body: Record<string, unknown>) =>
    p.call('POST', '/api/gateway/services', {
      token,
      body: {
        provider: PROVIDER,
        code: SERVICE,
        name: 'Tra cứu công dân (thử)',
        purposes: [{ code: 'dossier-processing', name: 'Giải quyết hồ sơ', legalBasis: 'Nghị định 45/2020/NĐ-CP' }],
        openapi,
        ...body,
      },
    });

  beforeAll(async () => {
    backend = await startBackend(received);
    const down = await startBackend([]);
    downPort = down.port;
    await new Promise((r) => down.server.close(r));
    p = await createTestPlatform(kind, {
      env: {
        GATEWAY_BACKEND_ALLOW: '127.0.0.1',
        GATEWAY_BACKEND_CONNECT_TIMEOUT_MS: '1000',
        GATEWAY_BACKEND_TIMEOUT_MS: '800',
        GATEWAY_BACKEND_MAX_BYTES: '4096',
      },
    });
    await p.seal('G22', 'H26');
    providerAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    clientAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    otherAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H57' });
    official = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    for (const [token, body] of [
      [providerAdmin.token, { agencyCode: 'G22', code: 'dancu', name: 'Hệ thống dân cư (thử)' }],
      [clientAdmin.token, { agencyCode: 'H26', code: 'motcua', name: 'Một cửa Hà Nội', ratePerMinute: 1000 }],
      [clientAdmin.token, { agencyCode: 'H26', code: 'khac', name: 'Hệ thống khác' }],
    ] as const) {
      const r = await p.call('POST', '/api/gateway/subsystems', { token, body });
      expect(r.statusCode, r.body).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    backend?.server.closeAllConnections();
    backend?.server.close();
    await p?.close();
  });

  it('publishing checks the base URL: http(s) only, no credentials, a host of GATEWAY_BACKEND_ALLOW; another member’s administrator is refused', async () => {
    const notAllowed = await publish(providerAdmin.token, { baseUrl: 'https://example.org/api' });
    expect([notAllowed.statusCode, notAllowed.json().errors?.[0]]).toEqual([
      422,
      expect.objectContaining({ path: 'baseUrl', code: 'GATEWAY_BACKEND_NOT_ALLOWED' }),
    ]);
    const ftp = await publish(providerAdmin.token, { baseUrl: 'ftp://127.0.0.1/api' });
    expect([ftp.statusCode, ftp.json().errors?.[0]?.path]).toEqual([422, 'baseUrl']);
    const creds = await publish(providerAdmin.token, { baseUrl: `http://u:p@127.0.0.1:${backend.port}/api` });
    expect([creds.statusCode, creds.json().errors?.[0]?.path]).toEqual([422, 'baseUrl']);
    const other = await publish(clientAdmin.token, { baseUrl: `http://127.0.0.1:${backend.port}/api` });
    expect([other.statusCode, other.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    const wrongRole = await publish(official.token, { baseUrl: `http://127.0.0.1:${backend.port}/api` });
    expect(wrongRole.statusCode).toBe(403);

    const r = await publish(providerAdmin.token, { baseUrl: `http://127.0.0.1:${backend.port}/api/` });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: SERVICE, baseUrl: `http://127.0.0.1:${backend.port}/api` });
    serviceId = r.json().id;
    const grant = await p.call('POST', `/api/gateway/services/${serviceId}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    expect(grant.statusCode, grant.body).toBe(201);
    expect(received).toHaveLength(0);
  });

  it('refuses before the back end is reached: no right, a purpose outside the list, another agency’s client', async () => {
    const noRight = await call({ client: OTHER_CLIENT, path: '/persons/001' });
    expect([noRight.statusCode, noRight.json().code]).toEqual([403, 'GATEWAY_ACCESS_DENIED']);
    const purpose = await call({ purpose: 'agency-lookup', path: '/persons/001' });
    expect([purpose.statusCode, purpose.json().code]).toEqual([403, 'GATEWAY_PURPOSE_NOT_ALLOWED']);
    const foreign = await p.call('POST', '/api/gateway/call', {
      token: (await p.staff({ roles: ['specialist'], agencyCode: 'H57' })).token,
      body: { client: CLIENT, service: SERVICE, purpose: 'dossier-processing', path: '/persons/001' },
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'GATEWAY_CLIENT_NOT_YOURS']);
    expect(received).toHaveLength(0);
  });

  it('refuses an operation the OpenAPI description does not declare, and a path that tries to leave it', async () => {
    const undeclared = await call({ path: '/admin/users' });
    expect(undeclared.statusCode).toBe(403);
    expect(undeclared.headers['content-type']).toContain('application/problem+json');
    expect(undeclared.json()).toMatchObject({
      code: 'GATEWAY_OPERATION_NOT_DECLARED',
      params: { operation: 'GET /admin/users', declared: expect.arrayContaining(['GET /persons/{id}']) },
    });
    const wrongMethod = await call({ method: 'DELETE', path: '/persons/001' });
    expect([wrongMethod.statusCode, wrongMethod.json().code]).toEqual([403, 'GATEWAY_OPERATION_NOT_DECLARED']);
    for (const path of ['/persons/../admin', '/persons/%2e%2e', '/persons/a%2Fb', '//evil.example/x']) {
      const r = await call({ path });
      expect([r.statusCode, r.json().errors?.[0]?.path], path).toEqual([422, 'path']);
    }
    const noPath = await call({});
    expect([noPath.statusCode, noPath.json().errors?.[0]?.code]).toEqual([422, 'PATH_REQUIRED']);
    const bodyOnGet = await call({ path: '/persons/001', body: { a: 1 } });
    expect([bodyOnGet.statusCode, bodyOnGet.json().errors?.[0]?.path]).toEqual([422, 'body']);
    expect(received).toHaveLength(0);
  });

  it('forwards a declared call with the gateway’s headers and none of the client’s; both sides are logged and signed; OpenSSL verifies', async () => {
    const r = await call(
      { path: '/persons/001094000123', params: { fields: 'fullName' }, dossierCode: 'H26.99-261207-0001' },
      { cookie: 'session=secret', 'x-forwarded-for': '203.0.113.9' },
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 200, body: { id: '001094000123', fullName: 'Nguyễn Văn An' } });
    const messageId = r.json().messageId as string;
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.method).toBe('GET');
    expect(got.url).toBe('/api/persons/001094000123?fields=fullName');
    expect(got.headers).toMatchObject({
      'x-road-id': messageId,
      'x-road-client': 'VN/GOV/H26/motcua',
      'x-road-service': `VN/GOV/G22/dancu/${SERVICE}`,
      'x-road-userid': `official:${official.id}`,
      'x-road-user-agency': 'H26',
      'x-road-purpose': 'dossier-processing',
      'x-road-dossier': 'H26.99-261207-0001',
    });
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers['x-forwarded-for']).toBeUndefined();
    // The back end's Set-Cookie does not reach the client.
    expect(r.headers['set-cookie']).toBeUndefined();

    expect(await p.gateway.stampPending()).toBeGreaterThanOrEqual(2);
    const ev = await p.call('GET', `/api/gateway/evidence/${messageId}`, { token: providerAdmin.token });
    expect(ev.statusCode, ev.body).toBe(200);
    const checks = verifyEvidence(ev.json() as EvidenceJson);
    expect(checks.map((c) => c.side)).toEqual(['client', 'provider']);
    const responseHash = createHash('sha256')
      .update(canonicalJson({ status: 200, body: { id: '001094000123', fullName: 'Nguyễn Văn An' } }))
      .digest('hex');
    for (const c of checks) {
      expect(c.hashMatches, c.side).toBe(true);
      expect(c.signature.ok, c.signature.out).toBe(true);
      expect(c.chainLinks, c.side).toBe(true);
      expect(c.inManifest, c.side).toBe(true);
      expect(c.timestamp.ok, c.timestamp.out).toBe(true);
      expect(c.record).toMatchObject({ messageId, client: CLIENT, provider: PROVIDER, service: SERVICE, responseHash });
    }
    expect(checks[0]!.record.requestHash).toBe(checks[1]!.record.requestHash);
    expect(checks[0]!.signer).toContain('H26');
    expect(checks[1]!.signer).toContain('G22');
  });

  it('forwards a POST with its JSON body; a back end’s own error status is an answer, logged as such', async () => {
    const r = await call({ method: 'POST', path: '/persons/search', body: { fullName: 'Nguyễn Văn An', year: 1994 } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 201, body: { found: 1 } });
    const got = received.at(-1)!;
    expect([got.method, got.url, got.headers['content-type']]).toEqual([
      'POST',
      '/api/persons/search',
      'application/json',
    ]);
    expect(JSON.parse(got.body)).toEqual({ fullName: 'Nguyễn Văn An', year: 1994 });

    const missing = await call({ path: '/missing' });
    expect(missing.statusCode, missing.body).toBe(200);
    expect(missing.json()).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const log = await p.call('GET', `/api/gateway/messages?service=${SERVICE}&pageSize=50`, {
      token: providerAdmin.token,
    });
    expect(
      log.json().items.filter((m: { messageId: string }) => m.messageId === missing.json().messageId),
    ).toHaveLength(2);
  });

  it('fails fast and clearly: a back end that is down (502), slow (504), too large (502) or not JSON (502); nothing is logged', async () => {
    const before = (await p.call('GET', '/api/gateway/messages?pageSize=1', { token: providerAdmin.token })).json()
      .total as number;
    const slow = await call({ path: '/slow' });
    expect(slow.statusCode).toBe(504);
    expect(slow.headers['content-type']).toContain('application/problem+json');
    expect(slow.json()).toMatchObject({ code: 'GATEWAY_BACKEND_TIMEOUT', params: { timeoutMs: 800 } });
    for (const path of ['/big', '/big-chunked']) {
      const big = await call({ path });
      expect([big.statusCode, big.json().code], path).toEqual([502, 'GATEWAY_BACKEND_RESPONSE_TOO_LARGE']);
      expect(big.json().params.maxBytes).toBe(4096);
    }
    const text = await call({ path: '/text' });
    expect([text.statusCode, text.json().code]).toEqual([502, 'GATEWAY_BACKEND_BAD_RESPONSE']);

    // The same description at a port where nothing listens: refused at once (ECONNREFUSED), not after a timeout.
    const down = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: {
        provider: PROVIDER,
        code: 'test.persondown.v1',
        name: 'Hệ thống đang tắt',
        purposes: [{ code: 'dossier-processing', name: 'Giải quyết hồ sơ', legalBasis: 'Nghị định 45/2020/NĐ-CP' }],
        openapi,
        baseUrl: `http://127.0.0.1:${downPort}/api`,
      },
    });
    expect(down.statusCode, down.body).toBe(201);
    await p.call('POST', `/api/gateway/services/${down.json().id}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    const unreachable = await call({ service: 'test.persondown.v1', path: '/persons/1' });
    expect(unreachable.statusCode).toBe(502);
    expect(unreachable.json()).toMatchObject({
      code: 'GATEWAY_BACKEND_UNREACHABLE',
      params: { cause: 'ECONNREFUSED', backend: `http://127.0.0.1:${downPort}` },
    });
    const after = (await p.call('GET', '/api/gateway/messages?pageSize=1', { token: providerAdmin.token })).json()
      .total as number;
    expect(after).toBe(before);
  });

  it('an administrator of another agency reads neither the evidence nor the log of these calls', async () => {
    const log = await p.call('GET', `/api/gateway/messages?service=${SERVICE}`, { token: otherAdmin.token });
    expect(log.json().total).toBe(0);
  });
});
