import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import type { GatewayRequest } from './gateway-contract.js';
import { DIRECTORY_PROVIDER } from './demo-service.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

const CLIENT = 'VN:GOV:H26:motcua';
const OTHER_CLIENT = 'VN:GOV:H26:hotich';
const enc = encodeURIComponent;

interface TlsAnswer {
  status: number;
  type: string;
  json: Record<string, unknown> & { code?: string };
}

/*
 * Client authentication by mutual TLS (ADR 0026 addendum): the client agency's administrator has the
 * platform CA issue a TLS client certificate for its subsystem; a real Node HTTPS client presents it to
 * the gateway's mutual-TLS listener and calls a service as an OAuth client would (rights, purpose, log).
 * Refused: no certificate, a certificate of another CA, a revoked one, a subsystem without the right.
 */
describe.each(DB_KINDS)('gateway mutual TLS on %s', (kind) => {
  let p: TestPlatform;
  let clientAdmin: Staff;
  let providerAdmin: Staff;
  let otherAdmin: Staff;
  let official: Staff;
  let port: number;
  let close: () => Promise<void>;
  let rootPem: string;
  let issued: { certificate: { id: string; subject: string; pem: string }; chainPem: string; privateKeyPem: string };
  const dir = mkdtempSync(join(tmpdir(), 'gw-mtls-'));
  const reached: GatewayRequest[] = [];

  /** One HTTPS request to the mutual-TLS listener, verifying its server certificate against the platform root. */
  const tls = (
    path: string,
    o: { cert?: string; key?: string; body?: unknown; method?: string; token?: string } = {},
  ): Promise<TlsAnswer> =>
    new Promise((resolve, reject) => {
      const body = o.body === undefined ? undefined : JSON.stringify(o.body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: o.method ?? (body ? 'POST' : 'GET'),
          ca: rootPem,
          cert: o.cert,
          key: o.key,
          agent: false,
          headers: {
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              type: String(res.headers['content-type'] ?? ''),
              json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const callBody = (extra: Record<string, unknown> = {}) => ({
    client: CLIENT,
    service: 'test.echo.v1',
    purpose: 'dossier-processing',
    actor: { kind: 'official', accountId: official.id, agencyCode: 'H26' },
    params: { q: 'mtls' },
    ...extra,
  });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.seal('G22', 'H26');
    p.gateway.registerLocalService({
      code: 'test.echo.v1',
      provider: DIRECTORY_PROVIDER,
      purposes: ['dossier-processing'],
      async handle(req) {
        reached.push(req);
        return { status: 200, body: { echo: req.params } };
      },
    });
    clientAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    providerAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    otherAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H57' });
    official = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    for (const code of ['motcua', 'hotich']) {
      const r = await p.call('POST', '/api/gateway/subsystems', {
        token: clientAdmin.token,
        body: { agencyCode: 'H26', code, name: `Hệ thống ${code}` },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const listener = await p.gateway.listenMutualTls({ port: 0, host: '127.0.0.1' });
    port = listener.port;
    close = listener.close;
    const cas = (await p.call('GET', '/api/pki/cas', { token: clientAdmin.token })).json().items as {
      profile: string;
      pem: string;
    }[];
    rootPem = cas.find((c) => c.profile === 'root')!.pem;
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the client’s administrator has a TLS client certificate issued for its subsystem; the key is answered once', async () => {
    const path = `/api/gateway/subsystems/${enc(CLIENT)}/certificates`;
    expect((await p.call('POST', path, { body: {} })).statusCode).toBe(401);
    const specialist = await p.call('POST', path, { token: official.token, body: {} });
    expect([specialist.statusCode, specialist.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const other = await p.call('POST', path, { token: otherAdmin.token, body: {} });
    expect([other.statusCode, other.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    const unknown = await p.call('POST', `/api/gateway/subsystems/${enc('VN:GOV:H26:khongco')}/certificates`, {
      token: clientAdmin.token,
      body: {},
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'GATEWAY_SUBSYSTEM_NOT_FOUND']);

    const r = await p.call('POST', path, {
      token: clientAdmin.token,
      body: {},
      headers: { 'idempotency-key': 'tls-issue-1' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    issued = r.json();
    expect(issued.certificate.subject).toContain(`CN=${CLIENT}`);
    expect(issued.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // A retried request answers the same certificate, and no key: it was never stored.
    const again = await p.call('POST', path, {
      token: clientAdmin.token,
      body: {},
      headers: { 'idempotency-key': 'tls-issue-1' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().certificate.id).toBe(issued.certificate.id);
    expect(again.json().privateKeyPem).toBeNull();

    const list = await p.call('GET', path, { token: clientAdmin.token });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([issued.certificate.id]);
    expect((await p.call('GET', path, { token: otherAdmin.token })).statusCode).toBe(403);
    const listAsSpecialist = await p.call('GET', path, { token: official.token });
    expect([listAsSpecialist.statusCode, listAsSpecialist.json().code]).toEqual([403, 'FORBIDDEN_ROLE']);
    expect((await p.call('GET', path)).statusCode).toBe(401);
  });

  it('OpenSSL verifies the certificate against the platform CA for TLS client authentication', () => {
    const [issuingPem] = issued.chainPem.split(/(?<=-----END CERTIFICATE-----)\n?/);
    writeFileSync(join(dir, 'root.pem'), rootPem);
    writeFileSync(join(dir, 'issuing.pem'), issuingPem!);
    writeFileSync(join(dir, 'client.pem'), issued.certificate.pem);
    const out = execFileSync(
      'openssl',
      ['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', '-purpose', 'sslclient', 'client.pem'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('client.pem: OK');
    // Not a server certificate: the extended key usage is clientAuth only.
    const server = spawnSync(
      'openssl',
      ['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', '-purpose', 'sslserver', 'client.pem'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(server.status).not.toBe(0);
  });

  it('with the certificate a Node HTTPS client calls the service as its subsystem: refused without the right, then logged', async () => {
    const cert = issued.certificate.pem;
    const key = issued.privateKeyPem;
    const denied = await tls('/api/gateway/call', { cert, key, body: callBody() });
    expect([denied.status, denied.json.code]).toEqual([403, 'GATEWAY_ACCESS_DENIED']);
    expect(denied.type).toContain('application/problem+json');

    const services = await tls('/api/gateway/services?q=test.echo', { cert, key });
    expect(services.status).toBe(200);
    const serviceId = (services.json.items as { id: string; code: string }[]).find(
      (s) => s.code === 'test.echo.v1',
    )!.id;
    const grant = await p.call('POST', `/api/gateway/services/${serviceId}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    expect(grant.statusCode).toBe(201);

    const ok = await tls('/api/gateway/call', { cert, key, body: callBody({ dossierCode: 'H26.99-261201-0009' }) });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ status: 200, body: { echo: { q: 'mtls' } } });
    expect(reached.at(-1)).toMatchObject({
      client: CLIENT,
      purpose: 'dossier-processing',
      actor: { kind: 'official', accountId: official.id },
    });
    const log = await p.call('GET', `/api/gateway/messages?service=test.echo.v1`, { token: clientAdmin.token });
    expect(log.json().items.map((m: { messageId: string }) => m.messageId)).toContain(ok.json.messageId);

    // The certificate authenticates its own subsystem only, and the system names whom it acts for.
    const mismatch = await tls('/api/gateway/call', { cert, key, body: callBody({ client: OTHER_CLIENT }) });
    expect([mismatch.status, mismatch.json.code]).toEqual([403, 'GATEWAY_CLIENT_MISMATCH']);
    const noActor = await tls('/api/gateway/call', { cert, key, body: callBody({ actor: undefined }) });
    expect(noActor.status).toBe(422);
    // Administration is not for a machine client.
    expect((await tls('/api/gateway/subsystems', { cert, key })).status).toBe(403);
    // The listener serves the gateway only.
    expect((await tls('/api/dossiers', { cert, key })).json.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses without a certificate (a bearer token does not count there) and with one of another CA', async () => {
    const none = await tls('/api/gateway/call', { body: callBody() });
    expect([none.status, none.json.code]).toEqual([401, 'GATEWAY_CLIENT_CERT_REQUIRED']);
    expect(none.type).toContain('application/problem+json');
    const bearer = await tls('/api/gateway/services', { token: clientAdmin.token });
    expect([bearer.status, bearer.json.code]).toEqual([401, 'GATEWAY_CLIENT_CERT_REQUIRED']);

    // A self-made CA and a certificate naming the same subsystem.
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/C=VN/CN=${CLIENT}`,
      '-addext',
      'extendedKeyUsage=clientAuth',
      '-keyout',
      'forged.key',
      '-out',
      'forged.pem',
    );
    const forged = await tls('/api/gateway/call', {
      cert: readFileSync(join(dir, 'forged.pem'), 'utf8'),
      key: readFileSync(join(dir, 'forged.key'), 'utf8'),
      body: callBody(),
    });
    expect([forged.status, forged.json.code]).toEqual([401, 'GATEWAY_CLIENT_CERT_UNTRUSTED']);
    expect(reached.filter((r) => r.params.q === 'mtls')).toHaveLength(1);
  });

  it('a certificate made from the client’s own CSR works; once revoked by its administrator it is refused', async () => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=ignored',
      '-keyout',
      'own.key',
      '-out',
      'own.csr',
    );
    const r = await p.call('POST', `/api/gateway/subsystems/${enc(CLIENT)}/certificates`, {
      token: clientAdmin.token,
      body: { csr: readFileSync(join(dir, 'own.csr'), 'utf8') },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().privateKeyPem).toBeNull();
    const cert = r.json().certificate.pem as string;
    const key = readFileSync(join(dir, 'own.key'), 'utf8');
    expect((await tls('/api/gateway/services', { cert, key })).status).toBe(200);

    const other = await p.call('POST', `/api/pki/certificates/${r.json().certificate.id}/revoke`, {
      token: otherAdmin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(other.statusCode).toBe(403);
    const asSpecialist = await p.call('POST', `/api/pki/certificates/${r.json().certificate.id}/revoke`, {
      token: official.token,
      body: { reason: 'keyCompromise' },
    });
    expect(asSpecialist.statusCode).toBe(403);
    const revoke = await p.call('POST', `/api/pki/certificates/${r.json().certificate.id}/revoke`, {
      token: clientAdmin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const refused = await tls('/api/gateway/call', { cert, key, body: callBody() });
    expect([refused.status, refused.json.code]).toEqual([401, 'GATEWAY_CLIENT_CERT_REVOKED']);
    expect(refused.type).toContain('application/problem+json');
    // The other certificate of the subsystem still works.
    const still = await tls('/api/gateway/call', {
      cert: issued.certificate.pem,
      key: issued.privateKeyPem,
      body: callBody(),
    });
    expect(still.status).toBe(200);
  });
});
