import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../../test/harness.js';

describe.each(DB_KINDS)('OIDC client registration on %s', (kind) => {
  let p: TestPlatform;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['admin'] });
  });
  afterAll(async () => p?.close());

  const body = (over: Record<string, unknown> = {}) => ({
    name: 'Cổng thông tin Sở Tư pháp',
    redirectUris: ['https://stp.hanoi.gov.vn/oidc/callback'],
    grantTypes: ['authorization_code', 'refresh_token'],
    ...over,
  });

  it('an admin registers a confidential client: the secret is shown once, the list never shows it, the event is audited', async () => {
    const r = await p.call('POST', '/api/admin/oidc-clients', { token: admin.token, body: body() });
    expect(r.statusCode).toBe(201);
    const { clientId, clientSecret } = r.json();
    expect(clientId).toMatch(/^cli_/);
    expect(clientSecret).toMatch(/^ecs_.{40,}/);
    const list = await p.call('GET', '/api/admin/oidc-clients', { token: admin.token });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((c: { clientId: string }) => c.clientId === clientId);
    expect(item).toMatchObject({
      name: 'Cổng thông tin Sở Tư pháp',
      redirectUris: ['https://stp.hanoi.gov.vn/oidc/callback'],
      grantTypes: ['authorization_code', 'refresh_token'],
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      public: false,
    });
    expect(JSON.stringify(list.json())).not.toContain(clientSecret);
    const trail = (
      await p.call('GET', '/api/audit/events?action=oidc.client_registered&pageSize=1', { token: admin.token })
    ).json();
    expect(trail.items[0]).toMatchObject({ actorName: admin.username, subjectId: clientId });
    expect(JSON.stringify(trail.items[0])).not.toContain(clientSecret);
  });

  it('registers a public client (PKCE only) without a secret and a machine client without redirect URIs', async () => {
    const pub = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ public: true, redirectUris: ['http://localhost:5173/cb'] }),
    });
    expect(pub.statusCode).toBe(201);
    expect(pub.json().clientSecret).toBeUndefined();
    const machine = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ redirectUris: [], grantTypes: ['client_credentials'] }),
    });
    expect(machine.statusCode, machine.body).toBe(201);
    expect(machine.json().clientSecret).toBeTruthy();
  });

  it('refuses bad redirect URIs and grant combinations, naming the field', async () => {
    for (const uri of ['http://stp.hanoi.gov.vn/cb', 'stp/cb', 'https://x.gov.vn/cb#frag', 'javascript:alert(1)']) {
      const r = await p.call('POST', '/api/admin/oidc-clients', {
        token: admin.token,
        body: body({ redirectUris: [uri] }),
      });
      expect(r.statusCode, uri).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ path: 'redirectUris.0', code: 'INVALID_REDIRECT_URI' });
    }
    const second = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ redirectUris: ['https://ok.gov.vn/cb', 'ftp://x'] }),
    });
    expect(second.json().errors[0].path).toBe('redirectUris.1');
    const noUri = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ redirectUris: [] }),
    });
    expect(noUri.json().errors[0]).toMatchObject({ path: 'redirectUris', code: 'REQUIRED' });
    const badGrant = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ grantTypes: ['implicit'] }),
    });
    expect(badGrant.json().errors[0].path).toBe('grantTypes.0');
    const rtOnly = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ grantTypes: ['refresh_token'] }),
    });
    expect(rtOnly.json().errors[0]).toMatchObject({ path: 'grantTypes', code: 'REFRESH_TOKEN_WITHOUT_CODE' });
    const pubCc = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ public: true, grantTypes: ['client_credentials'] }),
    });
    expect(pubCc.json().errors[0].path).toBe('public');
    const badScope = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: body({ scopes: ['openid', 'everything'] }),
    });
    expect(badScope.json().errors[0].path).toBe('scopes.1');
  });

  it('disables a client: it leaves the list, a second delete is 404', async () => {
    const { clientId } = (await p.call('POST', '/api/admin/oidc-clients', { token: admin.token, body: body() })).json();
    const del = await p.call('DELETE', `/api/admin/oidc-clients/${clientId}`, { token: admin.token });
    expect(del.statusCode).toBe(200);
    const list = (await p.call('GET', '/api/admin/oidc-clients', { token: admin.token })).json();
    expect(list.items.some((c: { clientId: string }) => c.clientId === clientId)).toBe(false);
    const again = await p.call('DELETE', `/api/admin/oidc-clients/${clientId}`, { token: admin.token });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('OIDC_CLIENT_NOT_FOUND');
  });

  it('every route: 401 without login, 403 for a citizen and for an agency admin', async () => {
    const citizen = await p.citizen();
    const agencyAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/oidc-clients'],
      ['POST', '/api/admin/oidc-clients', body()],
      ['DELETE', '/api/admin/oidc-clients/cli_x'],
    ];
    for (const [method, url, b] of routes) {
      expect((await p.call(method as 'GET', url, { body: b })).statusCode, `${method} ${url} anonymous`).toBe(401);
      for (const who of [citizen, agencyAdmin]) {
        const r = await p.call(method as 'GET', url, { token: who.token, body: b });
        expect(r.statusCode, `${method} ${url}`).toBe(403);
        expect(r.json().code).toBe('FORBIDDEN_ROLE');
      }
    }
  });
});
