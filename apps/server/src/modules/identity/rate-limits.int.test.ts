import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { totp } from './index.js';
import { openDatabase } from '../../platform/db/index.js';
import { databaseStore } from '../../platform/rate-limit/index.js';

/** Issue 11 item 8: per-address and per-account limits, 429 with Retry-After, counts in the database. */
describe.each(DB_KINDS)('rate limits on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind, {
      env: {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMITS:
          'login.ip=6/60,login.account=3/60,register.ip=3/3600,forgot.ip=50/3600,forgot.email=2/3600,code.account=3/300,anonymous.ip=1000/60',
      },
    });
  });
  afterAll(async () => p?.close());

  let ip = 0;
  const from = (address: string, method: 'GET' | 'POST', url: string, body?: object, token?: string) =>
    p.app.inject({
      method,
      url,
      remoteAddress: address,
      ...(body ? { payload: body } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const nextIp = () => `10.1.${Math.floor(++ip / 250)}.${ip % 250}`;

  it('login: a username (known or not) gets 3 tries a minute whatever the address, then 429 with Retry-After', async () => {
    const c = await p.citizen();
    p.clock.advance(61_000); // the harness logged in once
    for (const username of [c.username, 'khong.ai.ca']) {
      for (let i = 0; i < 3; i++) {
        const r = await from(nextIp(), 'POST', '/api/auth/login', { username, password: 'Sai@12345' });
        expect(r.statusCode).toBe(401);
      }
      const r = await from(nextIp(), 'POST', '/api/auth/login', { username, password: 'Sai@12345' });
      expect(r.statusCode).toBe(429);
      expect(r.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // The window passes: the right password works again.
    p.clock.advance(61_000);
    expect(
      (await from(nextIp(), 'POST', '/api/auth/login', { username: c.username, password: c.password })).statusCode,
    ).toBe(200);
  });

  it('login: one address gets 6 tries a minute over any usernames', async () => {
    const address = nextIp();
    for (let i = 0; i < 6; i++)
      expect((await from(address, 'POST', '/api/auth/login', { username: `u${i}`, password: 'x' })).statusCode).toBe(
        401,
      );
    const r = await from(address, 'POST', '/api/auth/login', { username: 'u9', password: 'x' });
    expect(r.statusCode).toBe(429);
    expect((await from(nextIp(), 'POST', '/api/auth/login', { username: 'u9', password: 'x' })).statusCode).toBe(401);
    p.clock.advance(61_000);
  });

  it('forgot-password: 2 mails an hour to one address; registration: 3 an hour from one address', async () => {
    const target = 'nan.nhan@example.vn';
    for (let i = 0; i < 2; i++)
      expect((await from(nextIp(), 'POST', '/api/auth/password/forgot', { email: target })).statusCode).toBe(202);
    const third = await from(nextIp(), 'POST', '/api/auth/password/forgot', { email: target.toUpperCase() });
    expect(third.statusCode).toBe(429);
    expect((await from(nextIp(), 'POST', '/api/auth/password/forgot', { email: 'khac@example.vn' })).statusCode).toBe(
      202,
    );

    const address = nextIp();
    const reg = (n: number) =>
      from(address, 'POST', '/api/auth/register', {
        idNumber: `0010900${String(n).padStart(5, '0')}`,
        fullName: 'Nguyễn Văn Thử',
        dateOfBirth: '1990-05-01',
        gender: 'male',
        email: `dk${n}@example.vn`,
        phone: '0912345678',
        password: 'Matkhau@2026',
      });
    for (let i = 0; i < 3; i++) expect((await reg(i)).statusCode).not.toBe(429);
    expect((await reg(9)).statusCode).toBe(429);
  });

  it('step-up: 3 codes per account in 5 minutes, from any address', async () => {
    const c = await p.citizen();
    const other = await p.login(c.username, c.password);
    const { secret } = (await p.call('POST', '/api/auth/mfa/totp/enroll', { token: other })).json();
    await p.call('POST', '/api/auth/mfa/totp/confirm', { token: other, body: { otp: totp(secret, p.clock.now()) } });
    const wrong = () => (totp(secret, p.clock.now()) === '000000' ? '111111' : '000000');
    for (let i = 0; i < 2; i++)
      expect((await from(nextIp(), 'POST', '/api/auth/step-up', { otp: wrong() }, c.token)).statusCode).toBe(401);
    const r = await from(nextIp(), 'POST', '/api/auth/step-up', { otp: wrong() }, c.token);
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('RATE_LIMITED');
  });

  it('certificate proof: challenges and answers count in the per-account code limit, from any address', async () => {
    const c = await p.citizen();
    const nonce = (await from(nextIp(), 'POST', '/api/auth/certificate/challenge', undefined, c.token)).json().nonce;
    expect(typeof nonce).toBe('string');
    expect((await from(nextIp(), 'POST', '/api/auth/certificate/challenge', undefined, c.token)).statusCode).toBe(200);
    const answer = () => from(nextIp(), 'POST', '/api/auth/certificate/verify', { nonce, signature: 'MA==' }, c.token);
    expect((await answer()).statusCode).toBe(422);
    const r = await answer();
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the counters are shared: two processes on one database count together', async () => {
    const second =
      kind === 'postgres' ? await openDatabase({ databaseUrl: p.deps.config.DATABASE_URL!, poolSize: 2 }) : null;
    const stores = [databaseStore(p.deps.db, p.clock), databaseStore(second?.db ?? p.deps.db, p.clock)];
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const Store = stores[i % 2]!;
      counts.push(
        await new Promise<number>((ok, ko) =>
          new Store({ timeWindow: 60_000 }).incr('test:shared', (e, r) => (e ? ko(e) : ok(r!.current)), 60_000),
        ),
      );
    }
    await second?.close();
    expect(counts).toEqual([1, 2, 3, 4]);
  });
});
