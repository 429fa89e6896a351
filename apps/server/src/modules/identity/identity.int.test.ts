import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { listOutbox } from '../../platform/mail/index.js';
import { makePersonalId } from './personal-id.js';
import { totp } from './totp.js';

describe.each(DB_KINDS)('identity on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());

  const body = (over: Record<string, unknown> = {}) => ({
    idNumber: makePersonalId('079', '1985-07-20', 'female', 123456),
    fullName: 'Trần Thị Bình',
    dateOfBirth: '1985-07-20',
    gender: 'female',
    email: 'binh@example.vn',
    phone: '0987654321',
    password: 'Matkhau@2026',
    ...over,
  });

  it('registers a citizen, makes no second account for the same ID number, and logs in by ID number or e-mail', async () => {
    const r = await p.call('POST', '/api/auth/register', { body: body() });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ username: body().idNumber });
    // A taken ID number is answered like a new one (no enumeration); nothing is created.
    const dup = await p.call('POST', '/api/auth/register', {
      body: body({ email: 'other@example.vn', password: 'Khac@2026x' }),
    });
    expect(dup.statusCode).toBe(201);
    expect(
      (await p.call('POST', '/api/auth/login', { body: { username: 'other@example.vn', password: 'Khac@2026x' } }))
        .statusCode,
    ).toBe(401);
    for (const username of [body().idNumber, 'BINH@example.vn']) {
      const l = await p.call('POST', '/api/auth/login', { body: { username, password: 'Matkhau@2026' } });
      expect(l.statusCode).toBe(200);
      const { accessToken, expiresIn, user } = l.json();
      expect(expiresIn).toBeGreaterThan(0);
      expect(user).toMatchObject({ kind: 'citizen', acr: 1 });
      expect(l.cookies.find((c) => c.name === 'egov_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      const me = await p.call('GET', '/api/me', { token: accessToken });
      expect(me.json()).toMatchObject({
        username: body().idNumber,
        fullName: 'Trần Thị Bình',
        roles: [],
        agencyCode: null,
        acr: 1,
      });
    }
  });

  it('a double-clicked registration creates one account', async () => {
    const b = body({ idNumber: makePersonalId('001', '1985-07-20', 'female', 777), email: 'double@example.vn' });
    const rs = await Promise.all([
      p.call('POST', '/api/auth/register', { body: b }),
      p.call('POST', '/api/auth/register', { body: b }),
    ]);
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201]);
    const admin = await p.staff({ roles: ['admin'] });
    const found = await p.call('GET', `/api/admin/users?q=${b.idNumber}`, { token: admin.token });
    expect(found.json().total).toBe(1);
  });

  it('names the field for an invalid personal ID number, tax code, phone or weak password', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ idNumber: '12345' }, 'idNumber', 'INVALID_ID_NUMBER_FORMAT'],
      [{ idNumber: makePersonalId('003', '1985-07-20', 'female', 1) }, 'idNumber', 'INVALID_ID_NUMBER_PROVINCE'],
      [{ idNumber: makePersonalId('079', '1985-07-20', 'male', 2) }, 'idNumber', 'ID_NUMBER_GENDER_MISMATCH'],
      [{ idNumber: makePersonalId('079', '2005-07-20', 'female', 3) }, 'idNumber', 'ID_NUMBER_BIRTH_MISMATCH'],
      [{ phone: '12' }, 'phone', 'INVALID_PHONE'],
      [{ password: 'abcdefgh' }, 'password', 'PASSWORD_TOO_WEAK'],
      [
        { accountType: 'business', idNumber: undefined, taxCode: '0100109107' },
        'taxCode',
        'INVALID_TAX_CODE_CHECK_DIGIT',
      ],
      [{ accountType: 'business', idNumber: undefined, taxCode: '01001' }, 'taxCode', 'INVALID_TAX_CODE_FORMAT'],
      [
        { accountType: 'business', idNumber: undefined, taxCode: '003080001234' },
        'taxCode',
        'INVALID_TAX_CODE_PERSONAL_ID',
      ],
    ];
    for (const [over, path, code] of cases) {
      const r = await p.call('POST', '/api/auth/register', { body: body({ email: `x${code}@e.vn`, ...over }) });
      expect(r.statusCode, JSON.stringify(over)).toBe(422);
      expect(r.json().errors).toContainEqual(expect.objectContaining({ path, code }));
    }
  });

  it('registers a business by tax code (13 digits with a dash)', async () => {
    const r = await p.call('POST', '/api/auth/register', {
      body: {
        accountType: 'business',
        taxCode: '0100109106-001',
        fullName: 'Chi nhánh Công ty Viettel',
        email: 'cn@viettel.example',
        phone: '02462556789',
        password: 'Doanh@nghiep1',
      },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().username).toBe('0100109106-001');
    const l = await p.call('POST', '/api/auth/login', {
      body: { username: '0100109106001'.replace(/(\d{10})(\d{3})/, '$1-$2'), password: 'Doanh@nghiep1' },
    });
    expect(l.json().user.kind).toBe('business');
  });

  it('registers a household business by its head’s personal ID number as tax code (Circular 86/2024)', async () => {
    const taxCode = makePersonalId('001', '1975-09-02', 'female', 77);
    const r = await p.call('POST', '/api/auth/register', {
      body: {
        accountType: 'business',
        taxCode,
        fullName: 'Hộ kinh doanh Nguyễn Thị Hoa',
        email: 'hkd.hoa@example.vn',
        phone: '0912345678',
        password: 'Hokinh@doanh1',
      },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().username).toBe(taxCode);
    const l = await p.call('POST', '/api/auth/login', { body: { username: taxCode, password: 'Hokinh@doanh1' } });
    expect(l.json().user.kind).toBe('business');
  });

  it('answers 401 for a wrong password and locks after 5 failures (429 and Retry-After for the right password)', async () => {
    const c = await p.citizen();
    for (let i = 0; i < 5; i++) {
      const r = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: 'wrong-Pass1' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('INVALID_CREDENTIALS');
    }
    // Locked: even the right password is refused until the lock expires.
    const locked = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    p.clock.advance(16 * 60_000);
    const after = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    expect(after.statusCode).toBe(200);
  });

  it('an unknown user gets the same 401 as a wrong password', async () => {
    const r = await p.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'whatever1A!' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('enrols TOTP, then demands it (MFA_REQUIRED), accepts a code once, and records acr 2', async () => {
    // The test clock follows real time: start just after a 30-second step begins, so that the code used to
    // confirm and the one replayed below belong to the same step (a boundary in between made this flaky).
    p.clock.advance(30_000 - (p.clock.now().getTime() % 30_000) + 50);
    const c = await p.citizen();
    const e = await p.call('POST', '/api/auth/mfa/totp/enroll', { token: c.token });
    expect(e.statusCode).toBe(200);
    const { secret, otpauthUrl } = e.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=.+&algorithm=SHA1&digits=6&period=30$/);
    const bad = await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: c.token,
      body: { otp: '000000' === totp(secret, p.clock.now()) ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: c.token,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(ok.statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: c.token })).json()).toMatchObject({ acr: 2, totpEnabled: true });

    const noOtp = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    expect(noOtp.statusCode).toBe(401);
    expect(noOtp.json()).toMatchObject({ code: 'MFA_REQUIRED', params: { methods: ['totp'] } });
    // The code used to confirm cannot be replayed; the next time step's code works.
    const replay = await p.call('POST', '/api/auth/login', {
      body: { username: c.username, password: c.password, otp: totp(secret, p.clock.now()) },
    });
    expect(replay.json().code).toBe('INVALID_OTP');
    p.clock.advance(30_000);
    const withOtp = await p.call('POST', '/api/auth/login', {
      body: { username: c.username, password: c.password, otp: totp(secret, p.clock.now()) },
    });
    expect(withOtp.statusCode).toBe(200);
    expect(withOtp.json().acr).toBe(2);
    expect((await p.call('GET', '/api/me', { token: withOtp.json().accessToken })).json().acr).toBe(2);
  });

  it('lists and revokes sessions; a revoked token no longer works; logout ends the session', async () => {
    const c = await p.citizen();
    const second = await p.login(c.username, c.password);
    const list = await p.call('GET', '/api/auth/sessions', { token: c.token });
    expect(list.json().items).toHaveLength(2);
    const other = list.json().items.find((s: { current: boolean }) => !s.current);
    expect((await p.call('DELETE', `/api/auth/sessions/${other.id}`, { token: c.token })).statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: second })).statusCode).toBe(401);
    expect((await p.call('POST', '/api/auth/logout', { token: c.token })).statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: c.token })).statusCode).toBe(401);
    // Someone else's session id is not found, not revoked.
    const d = await p.citizen();
    const dSessions = (await p.call('GET', '/api/auth/sessions', { token: d.token })).json().items;
    const e = await p.citizen();
    expect((await p.call('DELETE', `/api/auth/sessions/${dSessions[0].id}`, { token: e.token })).statusCode).toBe(404);
    expect((await p.call('GET', '/api/me', { token: d.token })).statusCode).toBe(200);
  });

  it("moves a session's last-seen mark after a minute's quiet, later and without holding the request", async () => {
    const c = await p.citizen();
    const seen = async () => {
      const items = (await p.call('GET', '/api/auth/sessions', { token: c.token })).json().items as {
        current: boolean;
        lastSeenAt: string;
      }[];
      return new Date(items.find((s) => s.current)!.lastSeenAt).getTime();
    };
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await p.database.db.execute(
      sql`update identity.sessions set last_seen_at = ${twoMinutesAgo.toISOString()}::timestamptz where user_id = (select id from identity.users where username = ${c.username})`,
    );
    const before = Date.now();
    // Several requests of the same moment: each answers at once, one write moves the mark.
    const answers = await Promise.all([1, 2, 3].map(() => p.call('GET', '/api/me', { token: c.token })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    await vi.waitFor(async () => expect(await seen()).toBeGreaterThanOrEqual(before - 1000), {
      timeout: 10_000,
      interval: 200,
    });
  });

  it('the session cookie works, and a state change with it needs the CSRF header', async () => {
    const c = await p.citizen();
    const l = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    const session = l.cookies.find((x) => x.name === 'egov_session')!.value;
    const csrf = l.cookies.find((x) => x.name === 'egov_csrf')!.value;
    const cookie = `egov_session=${session}; egov_csrf=${csrf}`;
    expect((await p.call('GET', '/api/me', { headers: { cookie } })).statusCode).toBe(200);
    const noHeader = await p.call('POST', '/api/auth/mfa/totp/enroll', { headers: { cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().code).toBe('CSRF_TOKEN_INVALID');
    const withHeader = await p.call('POST', '/api/auth/mfa/totp/enroll', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(withHeader.statusCode).toBe(200);
  });

  it('resets a password through the e-mailed one-time link and revokes old sessions', async () => {
    const c = await p.citizen();
    expect((await p.call('POST', '/api/auth/password/forgot', { body: { email: c.email } })).statusCode).toBe(202);
    // Unknown address: same answer, nothing sent.
    expect(
      (await p.call('POST', '/api/auth/password/forgot', { body: { email: 'nobody@nowhere.vn' } })).statusCode,
    ).toBe(202);
    await p.deps.jobs.drain();
    const mails = (await listOutbox(p.deps.db, 500)).filter(
      (m) => m.to === c.email && m.subject.startsWith('Đặt lại mật khẩu'),
    );
    expect(mails).toHaveLength(1);
    const token = /token=([A-Za-z0-9_%-]+)/.exec(mails[0]!.text)![1];
    const weak = await p.call('POST', '/api/auth/password/reset', {
      body: { token: decodeURIComponent(token!), password: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    const ok = await p.call('POST', '/api/auth/password/reset', {
      body: { token: decodeURIComponent(token!), password: 'NewPass@2026' },
    });
    expect(ok.statusCode).toBe(200);
    const again = await p.call('POST', '/api/auth/password/reset', {
      body: { token: decodeURIComponent(token!), password: 'NewPass@2027' },
    });
    expect(again.json().code).toBe('RESET_TOKEN_INVALID');
    expect((await p.call('GET', '/api/me', { token: c.token })).statusCode).toBe(401);
    expect(await p.login(c.username, 'NewPass@2026')).toMatch(/^egs_/);
  });

  it('step-up: a level-2 route refuses a level-1 session until a TOTP code raises it', async () => {
    const c = await p.citizen(); // c.token: a level-1 session opened before enrolment
    const other = await p.login(c.username, c.password);
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: other })).json();
    await p.call('POST', '/api/auth/mfa/totp/confirm', { token: other, body: { otp: totp(secret, p.clock.now()) } });
    p.clock.advance(30_000);
    const refused = await p.call('DELETE', '/api/auth/mfa/totp', {
      token: c.token,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', params: { requiredAcr: 2 } });
    const up = await p.call('POST', '/api/auth/step-up', {
      token: c.token,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(up.statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: c.token })).json().acr).toBe(2);
    p.clock.advance(30_000);
    const del = await p.call('DELETE', '/api/auth/mfa/totp', {
      token: c.token,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(del.statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: c.token })).json().totpEnabled).toBe(false);
  });

  it('a disabled account cannot log in and its sessions stop working', async () => {
    const admin = await p.staff({ roles: ['admin'] });
    const c = await p.citizen();
    const r = await p.call('PATCH', `/api/admin/users/${c.id}`, { token: admin.token, body: { status: 'disabled' } });
    expect(r.statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: c.token })).statusCode).toBe(401);
    const l = await p.call('POST', '/api/auth/login', { body: { username: c.username, password: c.password } });
    expect(l.statusCode).toBe(403);
    expect(l.json().code).toBe('ACCOUNT_DISABLED');
  });
});
