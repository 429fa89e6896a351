import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import type { GatewayRequest } from './gateway-contract.js';
import { DIRECTORY_PROVIDER, DIRECTORY_SERVICE } from './demo-service.js';
import { type EvidenceJson, verifyEvidence } from './testing/openssl-evidence.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;

const CLIENT = 'VN:GOV:H26:motcua';

/*
 * One deployment: the registry, access rights granted and revoked by the provider's administrator,
 * calls refused (before the provider sees them) without rights, purpose or actor, the signed
 * message log on both sides, its chain and batch time-stamp checked by OpenSSL.
 */
describe.each(DB_KINDS)('gateway on %s', (kind) => {
  let p: TestPlatform;
  let admin: Staff;
  let providerAdmin: Staff;
  let clientAdmin: Staff;
  let otherAdmin: Staff;
  let official: Staff;
  let directoryServiceId: string;
  /** What reached the test provider: a refused call must not. */
  const reached: GatewayRequest[] = [];

  const call = (token: string, body: Record<string, unknown>) =>
    p.call('POST', '/api/gateway/call', {
      token,
      body: { client: CLIENT, service: 'test.echo.v1', purpose: 'dossier-processing', params: { q: '1' }, ...body },
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.seal('G22', 'H26');
    p.gateway.registerLocalService({
      code: 'test.echo.v1',
      provider: DIRECTORY_PROVIDER,
      purposes: ['dossier-processing', 'document-check'],
      async handle(req) {
        reached.push(req);
        return { status: 200, body: { echo: req.params, actor: req.actor.kind } };
      },
    });
    admin = await p.staff({ roles: ['admin'] });
    providerAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G22' });
    clientAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    otherAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H57' });
    official = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
  }, 120_000);
  afterAll(async () => p?.close());

  const serviceId = async (code: string) => {
    const r = await p.call('GET', `/api/gateway/services?q=${code}`, { token: official.token });
    return (r.json().items as { id: string; code: string }[]).find((s) => s.code === code)!.id;
  };

  it('the registry lists the demo directory service with its purposes and legal basis; not for citizens or strangers', async () => {
    expect((await p.call('GET', '/api/gateway/services')).statusCode).toBe(401);
    const citizen = await p.citizen();
    expect((await p.call('GET', '/api/gateway/services', { token: citizen.token })).statusCode).toBe(403);
    const r = await p.call('GET', '/api/gateway/services', { token: official.token });
    expect(r.statusCode).toBe(200);
    const svc = r.json().items.find((s: { code: string }) => s.code === DIRECTORY_SERVICE);
    expect(svc).toMatchObject({ providerId: DIRECTORY_PROVIDER, version: 1, status: 'active' });
    expect(svc.purposes.map((x: { code: string }) => x.code)).toEqual(['agency-lookup', 'dossier-processing']);
    expect(svc.purposes[0].legalBasis).toContain('20/2020/QĐ-TTg');
    directoryServiceId = svc.id;
    expect((await p.call('GET', `/api/gateway/services/${svc.id}/openapi`)).statusCode).toBe(401);
    const doc = await p.call('GET', `/api/gateway/services/${svc.id}/openapi`, { token: official.token });
    expect(doc.json()).toMatchObject({ openapi: '3.1.0', paths: { [`/${DIRECTORY_SERVICE}`]: { get: {} } } });
  });

  it('a member’s administrator registers its subsystem; twice is 409; another agency’s is 403; a bad code names the field', async () => {
    const body = { agencyCode: 'H26', code: 'motcua', name: 'Hệ thống một cửa điện tử Hà Nội', ratePerMinute: 3 };
    expect((await p.call('POST', '/api/gateway/subsystems', { body })).statusCode).toBe(401);
    expect((await p.call('POST', '/api/gateway/subsystems', { token: official.token, body })).statusCode).toBe(403);
    const other = await p.call('POST', '/api/gateway/subsystems', { token: providerAdmin.token, body });
    expect([other.statusCode, other.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    const r = await p.call('POST', '/api/gateway/subsystems', { token: clientAdmin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ id: CLIENT, agencyCode: 'H26', ratePerMinute: 3 });
    const again = await p.call('POST', '/api/gateway/subsystems', { token: clientAdmin.token, body });
    expect([again.statusCode, again.json().code]).toEqual([409, 'GATEWAY_SUBSYSTEM_EXISTS']);
    const bad = await p.call('POST', '/api/gateway/subsystems', {
      token: clientAdmin.token,
      body: { ...body, code: 'Một Cửa' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toBe('code');
    const mine = await p.call('GET', '/api/gateway/subsystems', { token: clientAdmin.token });
    expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([CLIENT]);
    expect((await p.call('GET', '/api/gateway/subsystems', { token: otherAdmin.token })).json().items).toEqual([]);
    expect((await p.call('GET', '/api/gateway/subsystems')).statusCode).toBe(401);
    expect((await p.call('GET', '/api/gateway/subsystems', { token: official.token })).statusCode).toBe(403);
  });

  it('refuses, before the provider sees it: no right, a purpose outside the list, no purpose, another agency’s subsystem', async () => {
    const noRight = await call(official.token, {});
    expect(noRight.statusCode).toBe(403);
    expect(noRight.headers['content-type']).toContain('application/problem+json');
    expect(noRight.json()).toMatchObject({ code: 'GATEWAY_ACCESS_DENIED', params: { client: CLIENT } });

    const id = await serviceId('test.echo.v1');
    const wrongAdmin = await p.call('POST', `/api/gateway/services/${id}/rights`, {
      token: clientAdmin.token,
      body: { client: CLIENT },
    });
    expect([wrongAdmin.statusCode, wrongAdmin.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    const granted = await p.call('POST', `/api/gateway/services/${id}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const twice = await p.call('POST', `/api/gateway/services/${id}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    expect([twice.statusCode, twice.json().id]).toEqual([200, granted.json().id]);

    const purpose = await call(official.token, { purpose: 'agency-lookup' });
    expect(purpose.statusCode).toBe(403);
    expect(purpose.json()).toMatchObject({
      code: 'GATEWAY_PURPOSE_NOT_ALLOWED',
      params: { allowed: ['dossier-processing', 'document-check'] },
    });
    const noPurpose = await call(official.token, { purpose: undefined });
    expect(noPurpose.statusCode).toBe(422);
    expect(noPurpose.json().errors[0].path).toBe('purpose');
    const foreign = await call((await p.staff({ roles: ['specialist'], agencyCode: 'H57' })).token, {});
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'GATEWAY_CLIENT_NOT_YOURS']);
    expect((await call('', {})).statusCode).toBe(401);
    expect(reached).toHaveLength(0);

    // Each refusal is a security event with its reason, in the audit trail. Not recorded: a 401 (it names
    // nobody) and a body the route's schema refuses (no purpose: a malformed request, answered 422).
    const trail = await p.call('GET', '/api/audit/events?action=gateway.call.refused&pageSize=50', {
      token: admin.token,
    });
    expect(trail.statusCode).toBe(200);
    const refusals = (trail.json().items as { subjectId: string | null; after: Record<string, unknown> }[]).map(
      (e) => ({ client: e.subjectId, code: e.after.code, purpose: e.after.purpose, fields: e.after.fields }),
    );
    expect(refusals).toEqual(
      expect.arrayContaining([
        { client: CLIENT, code: 'GATEWAY_ACCESS_DENIED', purpose: 'dossier-processing', fields: [] },
        { client: CLIENT, code: 'GATEWAY_PURPOSE_NOT_ALLOWED', purpose: 'agency-lookup', fields: [] },
        { client: CLIENT, code: 'GATEWAY_CLIENT_NOT_YOURS', purpose: 'dossier-processing', fields: [] },
      ]),
    );
    expect(refusals).toHaveLength(3);
    // Not for the client's own administrator's eyes only: an official of another agency does not read the trail.
    expect(
      (await p.call('GET', '/api/audit/events?action=gateway.call.refused', { token: official.token })).statusCode,
    ).toBe(403);
  });

  it('an allowed call reaches the provider with its actor and purpose, and both sides are logged, signed and time-stamped; OpenSSL verifies', async () => {
    p.clock.advance(61_000); // a fresh minute of the client's rate
    const r = await call(official.token, { dossierCode: 'H26.99-261201-0001', params: { q: 'xin chào' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 200, body: { echo: { q: 'xin chào' }, actor: 'official' } });
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({
      client: CLIENT,
      purpose: 'dossier-processing',
      dossierCode: 'H26.99-261201-0001',
      actor: { kind: 'official', accountId: official.id, agencyCode: 'H26' },
    });
    const messageId = r.json().messageId as string;

    // Before the stamper ran: signed but not yet chained.
    const early = (await p.call('GET', `/api/gateway/evidence/${messageId}`, { token: admin.token })).json();
    expect(early.entries.map((e: { side: string }) => e.side)).toEqual(['client', 'provider']);
    expect(early.entries[0].batch).toBeNull();
    expect(await p.gateway.stampPending()).toBeGreaterThanOrEqual(2);

    const ev = await p.call('GET', `/api/gateway/evidence/${messageId}`, { token: providerAdmin.token });
    expect(ev.statusCode).toBe(200);
    const evidence = ev.json() as EvidenceJson;
    const checks = verifyEvidence(evidence);
    for (const c of checks) {
      expect(c.hashMatches, c.side).toBe(true);
      expect(c.signature.ok, c.signature.out).toBe(true);
      expect(c.chainLinks, c.side).toBe(true);
      expect(c.inManifest, c.side).toBe(true);
      expect(c.timestamp.ok, c.timestamp.out).toBe(true);
      expect(c.timestamp.out).toContain('Verification: OK');
      expect(c.record).toMatchObject({
        messageId,
        client: CLIENT,
        provider: DIRECTORY_PROVIDER,
        purpose: 'dossier-processing',
      });
    }
    // Each side signs with its own member's seal; both hash the same request and the same response.
    expect(checks[0]!.signer).toContain('H26');
    expect(checks[1]!.signer).toContain('G22');
    expect(checks[0]!.record.requestHash).toBe(checks[1]!.record.requestHash);
    expect(checks[0]!.record.responseHash).toBe(checks[1]!.record.responseHash);
    // The chain: the provider side's record follows the client side's or the reverse, one link apart.
    const [a, b] = evidence.entries;
    expect(Math.abs(a!.seq! - b!.seq!)).toBe(1);

    // Tampering is seen: another record under the same signature fails.
    const forged = JSON.parse(Buffer.from(a!.record, 'base64').toString('utf8'));
    forged.purpose = 'document-check';
    const tampered = verifyEvidence({
      ...evidence,
      entries: [{ ...a!, record: Buffer.from(JSON.stringify(forged)).toString('base64') }],
    })[0]!;
    expect(tampered.hashMatches).toBe(false);
    expect(tampered.signature.ok).toBe(false);
  });

  it('evidence and the log: 401 without login, 403 for a non-administrator, 404 for another member’s administrator', async () => {
    p.clock.advance(61_000); // a fresh minute of the client's rate
    const r = await call(official.token, {});
    const id = r.json().messageId;
    expect((await p.call('GET', `/api/gateway/evidence/${id}`)).statusCode).toBe(401);
    expect((await p.call('GET', `/api/gateway/evidence/${id}`, { token: official.token })).statusCode).toBe(403);
    const other = await p.call('GET', `/api/gateway/evidence/${id}`, { token: otherAdmin.token });
    expect([other.statusCode, other.json().code]).toEqual([404, 'GATEWAY_MESSAGE_NOT_FOUND']);
    expect((await p.call('GET', `/api/gateway/evidence/${id}`, { token: clientAdmin.token })).statusCode).toBe(200);
    const log = await p.call('GET', '/api/gateway/messages', { token: clientAdmin.token });
    expect(log.json().items.some((m: { messageId: string }) => m.messageId === id)).toBe(true);
    expect((await p.call('GET', '/api/gateway/messages', { token: otherAdmin.token })).json().total).toBe(0);
    expect((await p.call('GET', '/api/gateway/messages')).statusCode).toBe(401);
    expect((await p.call('GET', '/api/gateway/messages', { token: official.token })).statusCode).toBe(403);
  });

  it('a revoked right refuses the next call; grant and revoke are audited', async () => {
    p.clock.advance(61_000); // a fresh minute of the client's rate
    const id = await serviceId('test.echo.v1');
    const rights = await p.call('GET', `/api/gateway/services/${id}/rights`, { token: providerAdmin.token });
    const open = rights.json().items.find((x: { revokedAt: string | null }) => x.revokedAt === null);
    expect((await p.call('GET', `/api/gateway/services/${id}/rights`)).statusCode).toBe(401);
    const notProvider = await p.call('GET', `/api/gateway/services/${id}/rights`, { token: clientAdmin.token });
    expect([notProvider.statusCode, notProvider.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    expect((await p.call('DELETE', `/api/gateway/rights/${open.id}`)).statusCode).toBe(401);
    expect((await p.call('DELETE', `/api/gateway/rights/${open.id}`, { token: clientAdmin.token })).statusCode).toBe(
      403,
    );
    const revoked = await p.call('DELETE', `/api/gateway/rights/${open.id}`, { token: providerAdmin.token });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const before = reached.length;
    const refused = await call(official.token, {});
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'GATEWAY_ACCESS_DENIED']);
    expect(reached).toHaveLength(before);
    for (const action of ['gateway.right.granted', 'gateway.right.revoked']) {
      const trail = await p.call('GET', `/api/audit/events?action=${action}&pageSize=5`, { token: admin.token });
      expect(
        trail.json().items.some((e: { subjectId: string }) => e.subjectId === open.id),
        action,
      ).toBe(true);
    }
    // Granted again for the next tests.
    await p.call('POST', `/api/gateway/services/${id}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
  });

  it('rate limit per client subsystem: 429 with Retry-After past the rate, allowed again next minute', async () => {
    p.clock.advance(120_000);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await call(official.token, {})).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await call(official.token, {});
    expect(limited.json().code).toBe('GATEWAY_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Past the rate: counted, logged, not written to the audit trail one row per attempt.
    const trail = await p.call('GET', '/api/audit/events?action=gateway.call.refused&pageSize=100', {
      token: admin.token,
    });
    expect(
      trail.json().items.filter((e: { after: { code: string } }) => e.after.code === 'GATEWAY_RATE_LIMITED'),
    ).toHaveLength(0);
    p.clock.advance(61_000);
    expect((await call(official.token, {})).statusCode).toBe(200);
  });

  it('OAuth2 client credentials: a machine client calls as its bound subsystem for a named citizen, and only as it', async () => {
    const reg = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: { name: 'Cổng dịch vụ công Hà Nội', redirectUris: [], grantTypes: ['client_credentials'] },
    });
    const { clientId, clientSecret } = reg.json();
    const sub = await p.call('POST', '/api/gateway/subsystems', {
      token: clientAdmin.token,
      body: { agencyCode: 'H26', code: 'dvc', name: 'Cổng DVC Hà Nội', oauthClientId: clientId },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    await p.call('POST', `/api/gateway/services/${directoryServiceId}/rights`, {
      token: providerAdmin.token,
      body: { client: 'VN:GOV:H26:dvc' },
    });
    const t = await p.app.inject({
      method: 'POST',
      url: '/oidc/token',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=client_credentials',
    });
    expect(t.statusCode, t.body).toBe(200);
    const token = t.json().access_token as string;
    const body = {
      client: 'VN:GOV:H26:dvc',
      service: DIRECTORY_SERVICE,
      purpose: 'agency-lookup',
      actor: { kind: 'citizen', accountId: 'usr_test' },
      params: { code: '000.00.00.G22' },
    };
    const ok = await p.call('POST', '/api/gateway/call', { token, body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().body).toMatchObject({ code: 'G22', name: 'Văn phòng Chính phủ' });
    const asOther = await p.call('POST', '/api/gateway/call', { token, body: { ...body, client: CLIENT } });
    expect([asOther.statusCode, asOther.json().code]).toEqual([403, 'GATEWAY_CLIENT_MISMATCH']);
    const noActor = await p.call('POST', '/api/gateway/call', { token, body: { ...body, actor: undefined } });
    expect([noActor.statusCode, noActor.json().errors?.[0]?.path]).toEqual([422, 'actor']);
  });

  it('a provider publishes a new version with its purposes and OpenAPI description; checks and conflicts', async () => {
    const body = {
      provider: DIRECTORY_PROVIDER,
      code: 'directory.agency.v2',
      name: 'Tra cứu mã định danh cơ quan (phiên bản 2)',
      purposes: [{ code: 'agency-lookup', name: 'Tra cứu', legalBasis: 'Quyết định 20/2020/QĐ-TTg' }],
      openapi: { openapi: '3.1.0', info: { title: 'v2', version: '2' }, paths: { '/agencies/{code}': {} } },
    };
    expect((await p.call('POST', '/api/gateway/services', { body })).statusCode).toBe(401);
    const other = await p.call('POST', '/api/gateway/services', { token: clientAdmin.token, body });
    expect([other.statusCode, other.json().code]).toEqual([403, 'GATEWAY_OTHER_MEMBER']);
    const badDoc = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: { ...body, openapi: { swagger: '2.0' } },
    });
    expect([badDoc.statusCode, badDoc.json().errors?.[0]?.path]).toEqual([422, 'openapi.openapi']);
    const noProvider = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: { ...body, provider: 'VN:GOV:G22:chuaco' },
    });
    expect([noProvider.statusCode, noProvider.json().errors?.[0]?.code]).toEqual([422, 'UNKNOWN_SUBSYSTEM']);
    const r = await p.call('POST', '/api/gateway/services', { token: providerAdmin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'directory.agency.v2', version: 2, providerId: DIRECTORY_PROVIDER });
    const again = await p.call('POST', '/api/gateway/services', { token: providerAdmin.token, body });
    expect([again.statusCode, again.json().code]).toEqual([409, 'GATEWAY_SERVICE_EXISTS']);
    const doc = await p.call('GET', `/api/gateway/services/${r.json().id}/openapi`, { token: official.token });
    expect(doc.json()).toEqual(body.openapi);
    // Published, but no system of this deployment implements it: refused as unavailable, not silently answered.
    await p.call('POST', `/api/gateway/services/${r.json().id}/rights`, {
      token: providerAdmin.token,
      body: { client: CLIENT },
    });
    p.clock.advance(61_000);
    const unavailable = await call(official.token, { service: 'directory.agency.v2', purpose: 'agency-lookup' });
    expect([unavailable.statusCode, unavailable.json().code]).toEqual([503, 'GATEWAY_SERVICE_UNAVAILABLE']);
  });

  it('a provider publishes from an uploaded YAML description with its system’s base URL; bad files name the field', async () => {
    const yaml = [
      'openapi: 3.0.3',
      'info:',
      '  title: Tra cứu cơ quan',
      "  version: '3'",
      'paths:',
      '  /agencies/{code}:',
      '    get:',
      '      responses:',
      "        '200': { description: OK }",
    ].join('\n');
    const body = {
      provider: DIRECTORY_PROVIDER,
      code: 'directory.agency.v3',
      name: 'Tra cứu mã định danh cơ quan (phiên bản 3)',
      purposes: [{ code: 'agency-lookup', name: 'Tra cứu', legalBasis: 'Quyết định 20/2020/QĐ-TTg' }],
      openapi: yaml,
      baseUrl: 'https://danhmuc.chinhphu.vn/api',
    };
    const syntax = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: { ...body, openapi: 'openapi: [3.0\n  bad: {' },
    });
    expect([syntax.statusCode, syntax.json().errors?.[0]]).toEqual([
      422,
      expect.objectContaining({ path: 'openapi', code: 'INVALID_OPENAPI_SYNTAX' }),
    ]);
    const swagger = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: { ...body, openapi: '{"swagger": "2.0", "paths": {}}' },
    });
    expect([swagger.statusCode, swagger.json().errors?.[0]?.path]).toEqual([422, 'openapi.openapi']);
    const badUrl = await p.call('POST', '/api/gateway/services', {
      token: providerAdmin.token,
      body: { ...body, baseUrl: 'ftp://x' },
    });
    expect([badUrl.statusCode, badUrl.json().errors?.[0]?.path]).toEqual([422, 'baseUrl']);
    const r = await p.call('POST', '/api/gateway/services', { token: providerAdmin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    const doc = await p.call('GET', `/api/gateway/services/${r.json().id}/openapi`, { token: official.token });
    expect(doc.json()).toMatchObject({
      openapi: '3.0.3',
      info: { title: 'Tra cứu cơ quan', version: '3' },
      paths: { '/agencies/{code}': { get: {} } },
      servers: [{ url: 'https://danhmuc.chinhphu.vn/api' }],
    });
  });

  it('daily quota per client subsystem: 429 GATEWAY_QUOTA_EXCEEDED once used up', async () => {
    const r = await p.call('POST', '/api/gateway/subsystems', {
      token: clientAdmin.token,
      body: { agencyCode: 'H26', code: 'hanmuc', name: 'Hệ thống hạn mức nhỏ', quotaPerDay: 1 },
    });
    expect(r.statusCode, r.body).toBe(201);
    await p.call('POST', `/api/gateway/services/${await serviceId('test.echo.v1')}/rights`, {
      token: providerAdmin.token,
      body: { client: 'VN:GOV:H26:hanmuc' },
    });
    expect((await call(official.token, { client: 'VN:GOV:H26:hanmuc' })).statusCode).toBe(200);
    const second = await call(official.token, { client: 'VN:GOV:H26:hanmuc' });
    expect([second.statusCode, second.json().code]).toEqual([429, 'GATEWAY_QUOTA_EXCEEDED']);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the facade refuses a call without an actor or for an unregistered client, as the routes do', async () => {
    await expect(
      p.gateway.call({
        client: 'VN:GOV:H57:khongco',
        service: 'test.echo.v1',
        purpose: 'dossier-processing',
        actor: { kind: 'citizen', accountId: 'usr_x' },
        params: {},
      }),
    ).rejects.toMatchObject({ code: 'GATEWAY_CLIENT_UNKNOWN', status: 403 });
    await expect(
      p.gateway.call({
        client: CLIENT,
        service: 'test.echo.v1',
        purpose: 'dossier-processing',
        actor: { kind: 'citizen', accountId: '' },
        params: {},
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
