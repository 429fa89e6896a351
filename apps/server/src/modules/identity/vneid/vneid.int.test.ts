import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAtCounter, publishProcedure } from '../../../../test/factories.js';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../../test/harness.js';
import { makePersonalId } from '../personal-id.js';
import { startVneidSandbox } from './sandbox.js';

/** Just enough of a browser: cookies per host (paths ignored), redirects followed by hand. */
class Browser {
  private jars = new Map<string, Map<string, string>>();
  /** Forget a site's cookies (a new sign-in at VNeID; a real browser would post its logout form instead). */
  forget(url: string) {
    this.jars.delete(new URL(url).host);
  }
  cookie(url: string, name: string) {
    return this.jars.get(new URL(url).host)?.get(name);
  }
  async fetch(url: string, init: RequestInit = {}) {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      if (attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a))) jar.delete(name);
      else jar.set(name, pair.slice(i + 1));
    }
    return res;
  }
}

describe.each(DB_KINDS)('login with VNeID (sandbox on its own port) on %s', (kind) => {
  let p: TestPlatform;
  let base: string;
  let sandbox: { issuer: string; close(): Promise<void> };
  let seq = 0;
  const pid = () => makePersonalId('079', '1988-08-08', 'female', 300_000 + seq++ * 13);

  beforeAll(async () => {
    const [sandboxPort, port] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${port}`;
    const clientSecret = 'vneid-test-client-secret-0123456789';
    sandbox = await startVneidSandbox({
      port: sandboxPort,
      clientId: 'egov-test',
      clientSecret,
      redirectUris: [`${base}/api/auth/vneid/callback`],
    });
    p = await createTestPlatform(kind, {
      env: {
        PUBLIC_URL: base,
        VNEID_ISSUER: sandbox.issuer,
        VNEID_CLIENT_ID: 'egov-test',
        VNEID_CLIENT_SECRET: clientSecret,
      },
    });
    await p.app.listen({ port, host: '127.0.0.1' });
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193', { requiredDocuments: [] });
  });
  afterAll(async () => {
    await p?.close();
    await sandbox?.close();
  });

  /** Walk the sign-in: the platform's start (or a link URL), VNeID's page, the person's details, back. */
  async function signIn(
    b: Browser,
    startUrl: string,
    person: { pid: string; name: string; birthdate?: string; gender?: 'male' | 'female' },
  ) {
    let res = await b.fetch(startUrl);
    let url = startUrl;
    // To VNeID's login page.
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      res = await b.fetch(url);
    }
    expect(url.startsWith(sandbox.issuer), url).toBe(true);
    const html = await res.text();
    expect(html).toContain('VNeID');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
    const form = new URLSearchParams({
      citizen_pid: person.pid,
      name: person.name,
      birthdate: person.birthdate ?? '1988-08-08',
      gender: person.gender ?? 'female',
      email: `${person.pid}@vneid.example`,
    });
    url = new URL(action, url).href;
    res = await b.fetch(url, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // Back through the provider to the platform's callback and on to the web app.
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      if (url.startsWith(base) && !url.includes('/api/')) break;
      res = await b.fetch(url);
    }
    return url;
  }
  const me = (b: Browser) =>
    b
      .fetch(`${base}/api/me`)
      .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('discovery of the provider, and the login page offers it', async () => {
    const r = await p.call('GET', '/api/auth/vneid');
    expect(r.json()).toEqual({ enabled: true, sandbox: false });
    const d = await fetch(`${sandbox.issuer}/.well-known/openid-configuration`).then((x) => x.json());
    expect(d).toMatchObject({ issuer: sandbox.issuer, code_challenge_methods_supported: ['S256'] });
  });

  it('a new person logs in with VNeID: a verified account that sees what the desk filed for it', async () => {
    const id = pid();
    const reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    const filed = await fileAtCounter(p, reception.token, {
      applicant: { idNumber: id, fullName: 'Trần Thị Vân' },
      attachments: [],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const b = new Browser();
    const landed = await signIn(b, `${base}/api/auth/vneid/start?returnTo=/ho-so-cua-toi`, {
      pid: id,
      name: 'Trần Thị Vân',
    });
    expect(landed).toBe(`${base}/ho-so-cua-toi`);
    const who = await me(b);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ username: id, fullName: 'Trần Thị Vân', kind: 'citizen', identityLevel: 'vneid' });
    const list = await b.fetch(`${base}/api/dossiers?mine=true`).then((r) => r.json());
    expect(list.items.map((d: { code: string }) => d.code)).toEqual([filed.json().code]);
  });

  it("VNeID takes back an account that someone else registered with the person's ID number", async () => {
    const id = pid();
    const squatter = {
      idNumber: id,
      fullName: 'Kẻ Mạo Danh',
      dateOfBirth: '1988-08-08',
      gender: 'female',
      email: `mao.danh.${id}@example.vn`,
      phone: '0912345678',
      password: 'Maodanh@2026',
    };
    expect((await p.call('POST', '/api/auth/register', { body: squatter })).statusCode).toBe(201);
    const squatterToken = await p.login(id, squatter.password);
    const units = p.directory.adminUnits;
    const province = units.provinces()[0]!;
    const somewhere = { province: province.code, commune: units.communes(province.code)![0]!.code, street: 'Số 9' };
    const typed = await p.call('PATCH', '/api/me/profile', {
      token: squatterToken,
      body: { permanentAddress: somewhere, currentAddress: somewhere },
    });
    expect(typed.statusCode, typed.body).toBe(200);
    const b = new Browser();
    const landed = await signIn(b, `${base}/api/auth/vneid/start`, { pid: id, name: 'Lê Thị Thật' });
    expect(landed).toBe(`${base}/account?vneid=reclaimed`);
    expect((await me(b)).body).toMatchObject({ username: id, fullName: 'Lê Thị Thật', identityLevel: 'vneid' });
    expect((await me(b)).body.email).toBe(`${id}@vneid.example`);
    // The squatter's addresses are not the proven person's: gone, the date of birth is VNeID's.
    expect((await me(b)).body).toMatchObject({
      permanentAddress: null,
      currentAddress: null,
      dateOfBirth: '1988-08-08',
    });
    // The squatter is out: session ended, password gone.
    expect((await p.call('GET', '/api/me', { token: squatterToken })).statusCode).toBe(401);
    const l = await p.call('POST', '/api/auth/login', { body: { username: id, password: squatter.password } });
    expect(l.statusCode).toBe(401);
  });

  it('a logged-in citizen links VNeID; the provider must prove his own ID number', async () => {
    const c = await p.citizen();
    const b = new Browser();
    const login = await b.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: c.username, password: c.password }),
    });
    expect(login.status).toBe(200);
    const csrf = b.cookie(base, 'egov_csrf')!;
    const linkUrl = async () => {
      const r = await b.fetch(`${base}/api/auth/vneid/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: '{}',
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { url: string }).url;
    };
    const mismatch = await signIn(b, await linkUrl(), { pid: pid(), name: 'Người Khác' });
    expect(mismatch).toBe(`${base}/login?error=VNEID_IDENTITY_MISMATCH`);
    // A date of birth typed in the account (the same year as his ID number says) …
    const typed = await p.call('PATCH', '/api/me/profile', { token: c.token, body: { dateOfBirth: '1990-12-31' } });
    expect(typed.json().dateOfBirth).toBe('1990-12-31');
    expect((await me(b)).body.identityLevel).toBe('self_declared');
    b.forget(sandbox.issuer);
    const linked = await signIn(b, await linkUrl(), {
      pid: c.username,
      name: 'Nguyễn Văn Thử',
      birthdate: '1990-05-01',
      gender: 'male',
    });
    expect(linked).toBe(`${base}/account?vneid=linked`);
    expect((await me(b)).body.identityLevel).toBe('vneid');
    // … is replaced by the one VNeID proved, which the forms are prefilled with and the citizen cannot change.
    expect((await me(b)).body.dateOfBirth).toBe('1990-05-01');
    const change = await p.call('PATCH', '/api/me/profile', { token: c.token, body: { dateOfBirth: '1990-12-31' } });
    expect(change.statusCode).toBe(422);
    expect(change.json().errors[0]).toMatchObject({ path: 'dateOfBirth', code: 'DATE_OF_BIRTH_VERIFIED' });
    // Linking kept his password.
    expect(
      (await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } })).statusCode,
    ).toBe(200);
  });

  it('a callback from another browser (no state cookie) or a replayed state is refused', async () => {
    const b = new Browser();
    const start = await b.fetch(`${base}/api/auth/vneid/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const other = new Browser();
    const forged = await other.fetch(`${base}/api/auth/vneid/callback?code=abc&state=${state}`);
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/login?error=VNEID_STATE_INVALID');
    const cancelled = await b.fetch(`${base}/api/auth/vneid/callback?error=access_denied&state=${state}`);
    expect(cancelled.headers.get('location')).toBe('/login?error=VNEID_CANCELLED');
    // The state was spent by that answer.
    const replay = await b.fetch(`${base}/api/auth/vneid/callback?code=abc&state=${state}`);
    expect(replay.headers.get('location')).toBe('/login?error=VNEID_STATE_INVALID');
  });
});
