import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { IdentityContext } from '../identity.context.js';
import { resolveOidcAccessToken } from './index.js';
import { loadSigningKeys } from './keys.js';

/** Just enough of a browser: a cookie jar (paths ignored) and manual redirects. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  cookie(name: string) {
    return this.cookies.get(name);
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const gone = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(i + 1));
    }
  }
  async fetch(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(new URL(url, this.base), { ...init, headers, redirect: 'manual' });
    this.keep(res);
    return res;
  }
  /** Follow redirects until one leaves this server (the client's redirect URI) or a page answers. */
  async follow(url: string): Promise<{ res: Response; location: string | null; hops: string[] }> {
    const hops: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await this.fetch(url);
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400) return { res, location: null, hops };
      const next = new URL(location, this.base);
      hops.push(next.pathname);
      if (next.origin !== new URL(this.base).origin || next.pathname === '/login')
        return { res, location: next.href, hops };
      url = next.href;
    }
    throw new Error(`too many redirects: ${hops.join(' → ')}`);
  }
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe.each(DB_KINDS)('OIDC provider on %s', (kind) => {
  let p: TestPlatform;
  let base: string;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  let web: { clientId: string; clientSecret: string };
  let machine: { clientId: string; clientSecret: string };
  const redirectUri = 'https://app.dichvucong.example.gov.vn/oidc/callback';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    p = await createTestPlatform(kind, { env: { PUBLIC_URL: base } });
    await p.app.listen({ port, host: '127.0.0.1' });
    admin = await p.staff({ roles: ['admin'] });
    const reg = async (body: object) => {
      const r = await p.call('POST', '/api/admin/oidc-clients', { token: admin.token, body });
      if (r.statusCode !== 201) throw new Error(r.body);
      return r.json();
    };
    web = await reg({
      name: 'Dịch vụ công tỉnh',
      redirectUris: [redirectUri],
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    machine = await reg({ name: 'Hệ thống báo cáo', redirectUris: [], grantTypes: ['client_credentials'] });
  });
  afterAll(async () => p?.close());

  const basic = (c: { clientId: string; clientSecret: string }) =>
    `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`;
  const tokenRequest = (
    c: { clientId: string; clientSecret: string },
    form: Record<string, string>,
    path = '/oidc/token',
  ) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: basic(c), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const authUrl = (o: Record<string, string>) =>
    `/oidc/auth?${new URLSearchParams({ client_id: web.clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile email', ...o })}`;

  async function loggedInCitizen() {
    const citizen = await p.citizen();
    const browser = new Browser(base);
    const r = await browser.fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: citizen.username, password: citizen.password }),
    });
    expect(r.status).toBe(200);
    return { citizen, browser };
  }

  it('publishes discovery at /oidc and at the host root', async () => {
    for (const path of ['/oidc/.well-known/openid-configuration', '/.well-known/openid-configuration']) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(200);
      const d = await r.json();
      expect(d).toMatchObject({
        issuer: `${base}/oidc`,
        authorization_endpoint: `${base}/oidc/auth`,
        token_endpoint: `${base}/oidc/token`,
        jwks_uri: `${base}/oidc/jwks`,
        introspection_endpoint: `${base}/oidc/token/introspection`,
        revocation_endpoint: `${base}/oidc/token/revocation`,
        acr_values_supported: ['1', '2'],
      });
      expect(d.code_challenge_methods_supported).toContain('S256');
      expect(d.grant_types_supported).toEqual(
        expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']),
      );
      expect(d.response_types_supported).toEqual(['code']);
    }
  });

  it('signs with one sealed key pair shared by every process and restart', async () => {
    const served = await (await fetch(`${base}/oidc/jwks`)).json();
    expect(served.keys).toHaveLength(1);
    expect(served.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(served.keys[0].d).toBeUndefined();
    // Another process on the same database (a fresh context) loads the same key, even when racing.
    const other = new IdentityContext(p.identity.db, p.clock, p.identity.config, p.identity.appSecret, p.directory);
    const loaded = await Promise.all([loadSigningKeys(other), loadSigningKeys(other)]);
    for (const jwks of loaded) expect(jwks.keys[0]!.kid).toBe(served.keys[0].kid);
  });

  it('client credentials: an opaque token that introspects as active and resolves to a client principal', async () => {
    const r = await tokenRequest(machine, { grant_type: 'client_credentials' });
    expect(r.status).toBe(200);
    const { access_token, token_type } = await r.json();
    expect(token_type).toBe('Bearer');
    const intro = await (await tokenRequest(machine, { token: access_token }, '/oidc/token/introspection')).json();
    expect(intro).toMatchObject({ active: true, client_id: machine.clientId });
    expect(await resolveOidcAccessToken(p.identity, access_token)).toMatchObject({
      kind: 'client',
      userId: `client:${machine.clientId}`,
      username: machine.clientId,
      fullName: 'Hệ thống báo cáo',
      roles: [],
      acr: 1,
      via: 'bearer',
    });
    // The API knows the caller as a machine client; admin routes forbid it.
    expect((await p.call('GET', '/api/me', { token: access_token })).json()).toMatchObject({
      kind: 'client',
      username: machine.clientId,
      roles: [],
    });
    expect((await p.call('GET', '/api/admin/oidc-clients', { token: access_token })).statusCode).toBe(403);
    const wrong = await tokenRequest({ ...machine, clientSecret: 'nope' }, { grant_type: 'client_credentials' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('invalid_client');
    // Revoked: inactive and no principal.
    expect((await tokenRequest(machine, { token: access_token }, '/oidc/token/revocation')).status).toBe(200);
    expect(
      (await (await tokenRequest(machine, { token: access_token }, '/oidc/token/introspection')).json()).active,
    ).toBe(false);
    expect(await resolveOidcAccessToken(p.identity, access_token)).toBeNull();
  });

  it('a client registered at runtime works at once, and stops when disabled', async () => {
    const r = await p.call('POST', '/api/admin/oidc-clients', {
      token: admin.token,
      body: { name: 'Tạm thời', grantTypes: ['client_credentials'] },
    });
    const c = r.json();
    const t = await tokenRequest(c, { grant_type: 'client_credentials' });
    expect(t.status).toBe(200);
    const { access_token } = await t.json();
    await p.call('DELETE', `/api/admin/oidc-clients/${c.clientId}`, { token: admin.token });
    expect((await tokenRequest(c, { grant_type: 'client_credentials' })).status).toBe(401);
    expect(await resolveOidcAccessToken(p.identity, access_token)).toBeNull();
  });

  it('authorization code + PKCE: our login, automatic consent, an ID token signed by /oidc/jwks, a bearer token for the API', async () => {
    const { citizen, browser } = await loggedInCitizen();
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    const { location, hops } = await browser.follow(
      authUrl({ state, nonce, code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(hops.some((h) => h.startsWith('/oidc/interaction/'))).toBe(true);
    const back = new URL(location!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code');
    expect(code).toBeTruthy();

    const t = await tokenRequest(web, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    const tokens = await t.json();
    expect(tokens.token_type).toBe('Bearer');
    const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(`${base}/oidc/jwks`)), {
      issuer: `${base}/oidc`,
      audience: web.clientId,
    });
    expect(payload).toMatchObject({ sub: citizen.id, nonce, acr: '1' });

    const userinfo = await (
      await fetch(`${base}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    ).json();
    expect(userinfo).toMatchObject({
      sub: citizen.id,
      name: 'Nguyễn Văn Thử',
      preferred_username: citizen.username,
      email: citizen.email,
    });
    const me = await p.call('GET', '/api/me', { token: tokens.access_token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: citizen.id, acr: 1 });

    // Single sign-on: a second request from the same browser goes straight back with a code.
    const sso = await browser.follow(
      authUrl({ state, nonce, code_challenge: pkce().challenge, code_challenge_method: 'S256' }),
    );
    expect(new URL(sso.location!).searchParams.get('code')).toBeTruthy();
    expect(sso.hops.some((h) => h.startsWith('/oidc/interaction/'))).toBe(false);

    // The code is single use (and replaying it revokes what it granted).
    const again = await tokenRequest(web, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect((await again.json()).error).toBe('invalid_grant');
    expect(await resolveOidcAccessToken(p.identity, tokens.access_token)).toBeNull();
    const trail = (
      await p.call('GET', '/api/audit/events?action=oidc.consent_granted&pageSize=5', { token: admin.token })
    ).json();
    expect(
      trail.items.some(
        (e: { actorId: string; subjectId: string }) => e.actorId === citizen.id && e.subjectId === web.clientId,
      ),
    ).toBe(true);

    // Logging out of the platform ends single sign-on too: back to our login page.
    const csrf = browser.cookie('egov_csrf')!;
    expect(
      (await browser.fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } })).status,
    ).toBe(200);
    const after = await browser.follow(
      authUrl({ state, nonce, code_challenge: pkce().challenge, code_challenge_method: 'S256' }),
    );
    expect(new URL(after.location!).pathname).toBe('/login');
  });

  it('a wrong code_verifier is invalid_grant', async () => {
    const { browser } = await loggedInCitizen();
    const { challenge } = pkce();
    const { location } = await browser.follow(
      authUrl({ state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    const code = new URL(location!).searchParams.get('code')!;
    const t = await tokenRequest(web, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: pkce().verifier,
    });
    expect(t.status).toBe(400);
    expect((await t.json()).error).toBe('invalid_grant');
  });

  it('refuses a request without PKCE, or with the plain method', async () => {
    const { browser } = await loggedInCitizen();
    const cases: Record<string, string>[] = [{}, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }];
    for (const extra of cases) {
      const { location } = await browser.follow(authUrl({ state: 's', nonce: 'n', ...extra }));
      const back = new URL(location!);
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get('code')).toBeNull();
      expect(back.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('without a platform session the browser goes to our login page and comes back to the interaction', async () => {
    const browser = new Browser(base);
    const { location } = await browser.follow(
      authUrl({ state: 's', nonce: 'n', code_challenge: pkce().challenge, code_challenge_method: 'S256' }),
    );
    const login = new URL(location!);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('returnTo')).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    // prompt=none cannot log in: login_required goes back to the client.
    const none = await browser.follow(
      authUrl({
        state: 's',
        nonce: 'n',
        prompt: 'none',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(new URL(none.location!).searchParams.get('error')).toBe('login_required');
  });

  it('acr_values=2 with a password-only session sends the user to step up', async () => {
    const { browser } = await loggedInCitizen();
    const { location } = await browser.follow(
      authUrl({
        state: 's',
        nonce: 'n',
        acr_values: '2',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    const login = new URL(location!);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('acr')).toBe('2');
    expect(login.searchParams.get('returnTo')).toMatch(/^\/oidc\/interaction\//);
  });

  it('offline_access with prompt=consent yields a refresh token that keeps the user and level', async () => {
    const { citizen, browser } = await loggedInCitizen();
    const { verifier, challenge } = pkce();
    const { location } = await browser.follow(
      authUrl({
        scope: 'openid offline_access',
        prompt: 'consent',
        state: 's',
        nonce: 'n',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    const code = new URL(location!).searchParams.get('code')!;
    const tokens = await (
      await tokenRequest(web, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      })
    ).json();
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await (
      await tokenRequest(web, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })
    ).json();
    expect(refreshed.access_token).toBeTruthy();
    expect(await resolveOidcAccessToken(p.identity, refreshed.access_token)).toMatchObject({
      userId: citizen.id,
      acr: 1,
      via: 'bearer',
    });
  });
});
