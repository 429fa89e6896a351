import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { listOutbox } from '../../platform/mail/index.js';
import { makePersonalId } from './personal-id.js';
import { totp } from './totp.js';

/** Issue 11: lockout of every code check, reset links, enumeration, CSRF binding, account rank. */
describe.each(DB_KINDS)('identity hardening on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());

  const login = (username: string, password: string, otp?: string) =>
    p.call('POST', '/api/auth/login', { body: { username, password, otp } });
  const mailsTo = async (to: string) => {
    await p.deps.jobs.drain();
    return (await listOutbox(p.deps.db, 500)).filter((m) => m.to === to);
  };

  /** A citizen with an authenticator; `token` is a level-1 session opened before it was enrolled. */
  async function withTotp() {
    const c = await p.citizen();
    const other = await p.login(c.username, c.password);
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: other })).json();
    const ok = await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: other,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(ok.statusCode).toBe(200);
    return { ...c, secret };
  }
  const wrong = (secret: string) => (totp(secret, p.clock.now()) === '000000' ? '111111' : '000000');

  it('login: unknown, wrong, locked and disabled look the same until the password is right', async () => {
    const unknown = await login('khongtontai', 'Whatever@1');
    const c = await p.citizen();
    const wrongPw = await login(c.username, 'Wrong@12345');
    for (const r of [unknown, wrongPw]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'Wrong username or password.' });
    }
    // The fifth failure locks the account, silently: the answer is the unknown user's.
    for (let i = 0; i < 4; i++)
      expect((await login(c.username, 'Wrong@12345')).json().code).toBe('INVALID_CREDENTIALS');
    const lockedWrong = await login(c.username, 'Wrong@12345');
    expect(lockedWrong.statusCode).toBe(401);
    expect(lockedWrong.json()).toEqual({ ...unknown.json(), traceId: lockedWrong.json().traceId });
    // Only the holder of the password learns about the lock.
    const lockedRight = await login(c.username, c.password);
    expect(lockedRight.statusCode).toBe(429);
    expect(lockedRight.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(lockedRight.headers['retry-after'])).toBeGreaterThan(0);
    p.clock.advance(16 * 60_000);
    expect((await login(c.username, c.password)).statusCode).toBe(200);

    const admin = await p.staff({ roles: ['admin'] });
    const d = await p.citizen();
    await p.call('PATCH', `/api/admin/users/${d.id}`, { token: admin.token, body: { status: 'disabled' } });
    expect((await login(d.username, 'Wrong@12345')).json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await login(d.username, d.password)).json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('step-up codes count with the login failures and stop at the lock', async () => {
    const c = await withTotp();
    const session = await p.login(c.username, c.password).catch(() => null);
    expect(session).toBeNull(); // MFA is now required: use the level-1 token from before enrolment
    for (let i = 0; i < 2; i++) expect((await login(c.username, 'Wrong@12345')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) {
      const r = await p.call('POST', '/api/auth/step-up', { token: c.token, body: { otp: wrong(c.secret) } });
      expect(r.json().code).toBe('INVALID_OTP');
    }
    const fifth = await p.call('POST', '/api/auth/step-up', { token: c.token, body: { otp: wrong(c.secret) } });
    expect(fifth.statusCode).toBe(429);
    // Locked: even the right code is refused, so the six digits cannot be walked through.
    p.clock.advance(30_000);
    const right = await p.call('POST', '/api/auth/step-up', {
      token: c.token,
      body: { otp: totp(c.secret, p.clock.now()) },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect((await p.call('GET', '/api/me', { token: c.token })).json().acr).toBe(1);
    p.clock.advance(16 * 60_000);
    const after = await p.call('POST', '/api/auth/step-up', {
      token: c.token,
      body: { otp: totp(c.secret, p.clock.now()) },
    });
    expect(after.statusCode).toBe(200);
  });

  it('confirming an authenticator counts wrong codes and honours the lock', async () => {
    const c = await p.citizen();
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: c.token })).json();
    for (let i = 0; i < 4; i++) {
      const r = await p.call('POST', '/api/auth/mfa/totp/confirm', { token: c.token, body: { otp: wrong(secret) } });
      expect(r.json().code).toBe('INVALID_OTP');
    }
    const fifth = await p.call('POST', '/api/auth/mfa/totp/confirm', { token: c.token, body: { otp: wrong(secret) } });
    expect(fifth.statusCode).toBe(429);
    const right = await p.call('POST', '/api/auth/mfa/totp/confirm', {
      token: c.token,
      body: { otp: totp(secret, p.clock.now()) },
    });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect((await p.call('GET', '/api/me', { token: c.token })).json().totpEnabled).toBe(false);
  });

  it('a password reset spends every other reset link and ends every session', async () => {
    const c = await p.citizen();
    const other = await p.login(c.username, c.password);
    for (let i = 0; i < 2; i++)
      expect((await p.call('POST', '/api/auth/password/forgot', { body: { email: c.email } })).statusCode).toBe(202);
    const tokens = (await mailsTo(c.email))
      .map((m) => /token=([A-Za-z0-9_%-]+)/.exec(m.text)?.[1])
      .filter((t): t is string => !!t)
      .map(decodeURIComponent);
    expect(tokens).toHaveLength(2);
    const [first, second] = tokens as [string, string];
    expect(
      (await p.call('POST', '/api/auth/password/reset', { body: { token: second, password: 'NewPass@2026' } }))
        .statusCode,
    ).toBe(200);
    const older = await p.call('POST', '/api/auth/password/reset', {
      body: { token: first, password: 'Attacker@2026' },
    });
    expect(older.statusCode).toBe(400);
    expect(older.json().code).toBe('RESET_TOKEN_INVALID');
    for (const t of [c.token, other]) expect((await p.call('GET', '/api/me', { token: t })).statusCode).toBe(401);
    expect((await login(c.username, 'Attacker@2026')).statusCode).toBe(401);
    expect((await login(c.username, 'NewPass@2026')).statusCode).toBe(200);
  });

  it('forgot-password answers the same for every address; only an account is mailed', async () => {
    const c = await p.citizen();
    const known = await p.call('POST', '/api/auth/password/forgot', { body: { email: c.email } });
    const unknown = await p.call('POST', '/api/auth/password/forgot', { body: { email: 'ai.do@khong.vn' } });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    expect((await mailsTo(c.email)).filter((m) => m.subject.startsWith('Đặt lại mật khẩu'))).toHaveLength(1);
    expect(await mailsTo('ai.do@khong.vn')).toHaveLength(0);
  });

  it('registering a taken ID number or e-mail answers like a new account and mails the owner', async () => {
    const c = await p.citizen();
    const before = (await mailsTo(c.email)).length;
    const idNumber = makePersonalId('001', '1990-05-01', 'male', 424242);
    const fresh = {
      idNumber,
      fullName: 'Kẻ Mạo Danh',
      dateOfBirth: '1990-05-01',
      gender: 'male',
      email: 'mao.danh@example.vn',
      phone: '0912345678',
      password: 'Attacker@2026',
    };
    const again = await p.call('POST', '/api/auth/register', { body: { ...fresh, idNumber: c.username } });
    const sameMail = await p.call('POST', '/api/auth/register', { body: { ...fresh, email: c.email } });
    const created = await p.call('POST', '/api/auth/register', {
      body: { ...fresh, idNumber: makePersonalId('001', '1990-05-01', 'male', 434343), email: 'moi@example.vn' },
    });
    for (const r of [again, sameMail, created]) {
      expect(r.statusCode).toBe(201);
      expect(Object.keys(r.json())).toEqual(['username']);
    }
    // Nothing was made for the taken identity: the attacker's password opens nothing.
    expect((await login(c.username, 'Attacker@2026')).statusCode).toBe(401);
    expect((await login(idNumber, 'Attacker@2026')).statusCode).toBe(401);
    const after = await mailsTo(c.email);
    expect(after.length - before).toBe(2);
    expect(after.filter((m) => m.text.includes('Không có tài khoản mới nào được tạo'))).toHaveLength(2);
  });

  it('the CSRF token is bound to the session: a planted pair is refused', async () => {
    const c = await p.citizen();
    const l = await login(c.username, c.password);
    const session = l.cookies.find((x) => x.name === 'egov_session')!.value;
    const csrf = l.cookies.find((x) => x.name === 'egov_csrf')!.value;
    const planted = 'attacker-chosen-value-0123456789';
    const r = await p.call('POST', '/api/auth/mfa/totp/enroll', {
      headers: { cookie: `egov_session=${session}; egov_csrf=${planted}`, 'x-csrf-token': planted },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF_TOKEN_INVALID');
    // Another session's token does not fit this one either.
    const otherCsrf = (await login(c.username, c.password)).cookies.find((x) => x.name === 'egov_csrf')!.value;
    expect(otherCsrf).not.toBe(csrf);
    const crossed = await p.call('POST', '/api/auth/mfa/totp/enroll', {
      headers: { cookie: `egov_session=${session}; egov_csrf=${otherCsrf}`, 'x-csrf-token': otherCsrf },
    });
    expect(crossed.statusCode).toBe(403);
    const ok = await p.call('POST', '/api/auth/mfa/totp/enroll', {
      headers: { cookie: `egov_session=${session}`, 'x-csrf-token': csrf },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('an agency admin cannot touch a system administrator of his agency, nor staff of another', async () => {
    const admin = await p.staff({ roles: ['admin'] });
    const sysAdminHere = await p.staff({ roles: ['admin', 'leader'], agencyCode: 'H26' });
    const hnAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const patches = [
      { status: 'disabled' },
      { roles: ['leader'] },
      { fullName: 'Đổi tên' },
      { email: 'chiem.quyen@example.vn' },
      { agencyCode: 'H26.S01' },
    ];
    for (const body of patches) {
      const r = await p.call('PATCH', `/api/admin/users/${sysAdminHere.id}`, { token: hnAdmin.token, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(403);
      expect(r.json().code).toBe('ACCOUNT_OUTRANKS_YOU');
    }
    expect((await p.call('GET', '/api/me', { token: sysAdminHere.token })).json().roles).toContain('admin');
    // Wrong agency: H41's administrator cannot touch H26's staff.
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const naAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    const cross = await p.call('PATCH', `/api/admin/users/${clerk.id}`, {
      token: naAdmin.token,
      body: { status: 'disabled' },
    });
    expect(cross.json().code).toBe('FORBIDDEN_AGENCY');
    // Wrong role: a leader manages nobody.
    const leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    expect(
      (await p.call('PATCH', `/api/admin/users/${clerk.id}`, { token: leader.token, body: { status: 'disabled' } }))
        .statusCode,
    ).toBe(403);
    // The agency admin still manages the staff he could have made; the system admin manages all.
    expect(
      (await p.call('PATCH', `/api/admin/users/${clerk.id}`, { token: hnAdmin.token, body: { roles: ['reception'] } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await p.call('PATCH', `/api/admin/users/${sysAdminHere.id}`, {
          token: admin.token,
          body: { roles: ['leader'] },
        })
      ).statusCode,
    ).toBe(200);
  });
});
