import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type BuildOptions, buildPlatform, type Platform } from '../src/app.js';
import { systemActor } from '../src/platform/http/auth.js';
import { TestClock } from '../src/platform/time/clock.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import { createStaffUser, makePersonalId, type Role } from '../src/modules/identity/index.js';
import { seedReferenceData } from '../src/seed.js';
import { TEMPLATE_PATH, TEST_PKI_EPOCH, testConfig } from './config.js';

export type DbKind = 'pglite' | 'postgres';

/** Integration tests run on PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set. */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestPlatform extends Platform {
  clock: TestClock;
  kind: DbKind;
  /** app.inject with JSON and an optional bearer token. */
  call(
    method: InjectOptions['method'],
    url: string,
    o?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  login(username: string, password: string, otp?: string): Promise<string>;
  /** Upload a file (`POST /api/files`, multipart) as this bearer; answers its id, throws unless 201. */
  upload(token: string, bytes: Uint8Array, name?: string, mediaType?: string): Promise<string>;
  staff(o: {
    roles: Role[];
    agencyCode?: string | null;
    username?: string;
    password?: string;
  }): Promise<{ id: string; username: string; password: string; token: string }>;
  citizen(o?: {
    password?: string;
  }): Promise<{ id: string; username: string; password: string; email: string; token: string }>;
  /** Verify a citizen's identity at the desk (desk code shown to an H26 desk officer), as ADR 0015 asks before counter-filed dossiers show. */
  verifyAtDesk(c: { username: string; token: string }): Promise<void>;
  /** Issue seal certificates (key held here) for these agencies, as the demo seed does. */
  seal(...agencyCodes: string[]): Promise<void>;
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * A database of its own for one platform: a copy of the run's migrated and seeded template (made once by
 * `global-setup.ts`: a copy takes a fraction of a second, migrating and seeding a new one seconds), or an
 * empty one.
 */
async function freshPostgres(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const name = `egov_t_${uniq()}`.toLowerCase().replace(/[^a-z0-9_]/g, '');
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await c.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

/** A whole platform on a fresh database (loaded from the seeded template on PGlite). */
export async function createTestPlatform(
  kind: DbKind = 'pglite',
  /** `fresh`: a database migrated and seeded from scratch, with its own PKI (not the template's shared root CA). */
  o: BuildOptions & { env?: Record<string, string>; fresh?: boolean } = {},
): Promise<TestPlatform> {
  const clock = (o.clock as TestClock | undefined) ?? new TestClock();
  let p: Platform;
  let drop = async () => {};
  if (kind === 'postgres') {
    const template = o.fresh ? undefined : inject('pgTemplate');
    const db = await freshPostgres(template);
    drop = db.drop;
    p = await buildPlatform(testConfig({ ...o.env, DATABASE_URL: db.url }), { ...o, clock });
    if (!template) {
      await seedReferenceData(p);
      await clock.during(TEST_PKI_EPOCH, () => p.signatures.init(systemActor));
    }
  } else if (o.fresh) {
    p = await buildPlatform(testConfig(o.env), { ...o, clock });
    await seedReferenceData(p);
    await clock.during(TEST_PKI_EPOCH, () => p.signatures.init(systemActor));
  } else {
    const template = new Blob([readFileSync(TEMPLATE_PATH)]);
    p = await buildPlatform(testConfig(o.env), { ...o, clock, loadDataDir: template });
  }
  const call: TestPlatform['call'] = (method, url, c = {}) =>
    p.app.inject({
      method,
      url,
      headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...c.headers },
      ...(c.body !== undefined ? { payload: c.body as object } : {}),
    });
  const login = async (username: string, password: string, otp?: string) => {
    const r = await call('POST', '/api/auth/login', { body: { username, password, otp } });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    return r.json().accessToken as string;
  };
  const upload: TestPlatform['upload'] = async (token, bytes, name = 'file.pdf', mediaType) => {
    const b = `egov${uniq()}`;
    const type = mediaType ? `\r\nContent-Type: ${mediaType}` : '';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"${type}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const r = await p.app.inject({
      method: 'POST',
      url: '/api/files',
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${b}` },
    });
    if (r.statusCode !== 201) throw new Error(`upload ${name}: ${r.statusCode} ${r.body}`);
    return r.json().id as string;
  };
  return {
    ...p,
    clock,
    kind,
    call,
    login,
    upload,
    async staff(s) {
      const username = s.username ?? `staff.${uniq()}`;
      const password = s.password ?? 'Staff@12345';
      const u = await createStaffUser(p.identity, systemActor, null, {
        username,
        password,
        fullName: `Cán bộ ${username}`,
        email: `${username}@test.vn`,
        roles: s.roles,
        agencyCode: s.agencyCode === undefined ? (s.roles.includes('admin') ? null : 'H26') : s.agencyCode,
      });
      return { id: u.id, username, password, token: await login(username, password) };
    },
    async citizen(c = {}) {
      const password = c.password ?? 'Citizen@123';
      const idNumber = makePersonalId(
        '001',
        '1990-05-01',
        'male',
        Number.parseInt(randomBytes(3).toString('hex'), 16) % 1_000_000,
      );
      const email = `${idNumber}@test.vn`;
      const r = await call('POST', '/api/auth/register', {
        body: {
          idNumber,
          fullName: 'Nguyễn Văn Thử',
          dateOfBirth: '1990-05-01',
          gender: 'male',
          email,
          phone: '0912345678',
          password,
        },
      });
      if (r.statusCode !== 201) throw new Error(`register: ${r.statusCode} ${r.body}`);
      const token = await login(idNumber, password);
      const id = (await call('GET', '/api/me', { token })).json().id as string;
      return { id, username: idNumber, password, email, token };
    },
    async verifyAtDesk(c) {
      const code = (await call('POST', '/api/identity/desk-code', { token: c.token })).json().code as string;
      const desk = await createStaffUser(p.identity, systemActor, null, {
        username: `desk.${uniq()}`,
        password: 'Staff@12345',
        fullName: 'Cán bộ một cửa',
        roles: ['reception'],
        agencyCode: 'H26',
      });
      const deskToken = await login(desk.username, 'Staff@12345');
      const r = await call('POST', '/api/identity/desk-verifications', {
        token: deskToken,
        body: { login: c.username, code, document: 'cccd' },
      });
      if (r.statusCode !== 200) throw new Error(`desk verification: ${r.statusCode} ${r.body}`);
    },
    async seal(...agencyCodes: string[]) {
      await p.signatures.seedDemoCertificates(systemActor, { usernames: [], agencyCodes });
    },
    async close() {
      await p.close();
      await drop();
    },
  };
}

/**
 * A civil servant who registers a passkey (a software authenticator for `origin`, which must be
 * the platform's PUBLIC_URL) and logs in with it: a level-2 session without an authenticator app.
 */
export async function staffWithPasskey(p: TestPlatform, o: { roles: Role[]; agencyCode: string; origin: string }) {
  const u = await p.staff({ roles: o.roles, agencyCode: o.agencyCode });
  const auth = new SoftAuthenticator(o.origin);
  const reg = (await p.call('POST', '/api/auth/passkeys/register/options', { token: u.token })).json();
  const added = await p.call('POST', '/api/auth/passkeys/register/verify', {
    token: u.token,
    body: { challengeId: reg.challengeId, name: 'Khóa ký', response: auth.create(reg) },
  });
  if (added.statusCode !== 201) throw new Error(`passkey registration: ${added.statusCode} ${added.body}`);
  const opts = (await p.call('POST', '/api/auth/passkeys/login/options', { body: { username: u.username } })).json();
  const login = await p.call('POST', '/api/auth/passkeys/login/verify', {
    body: { challengeId: opts.challengeId, response: auth.get(opts) },
  });
  if (login.statusCode !== 200 || login.json().acr !== 2)
    throw new Error(`passkey login: ${login.statusCode} ${login.body}`);
  return { id: u.id, username: u.username, token: login.json().accessToken as string, auth };
}

/** A free loopback port, for a platform that another process (pdfsig, a gateway sandbox, a browser) must reach. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}
