import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

/**
 * Issue 11 items 4 and 9: NUL characters and lone surrogates answered 500 (PostgreSQL refuses NUL in
 * text), and invalid UTF-8 was replaced silently. Refused centrally, with the place named.
 */
describe.each(DB_KINDS)('NUL, lone surrogates and invalid UTF-8 on %s', (kind) => {
  let p: TestPlatform;
  let citizen: Awaited<ReturnType<TestPlatform['citizen']>>;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    citizen = await p.citizen();
  });
  afterAll(async () => p?.close());

  const expectRefused = (
    r: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    path: string,
    code: string,
  ) => {
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path, code }] });
  };

  it('in JSON bodies, without and with login: 422 naming the field', async () => {
    expectRefused(
      await p.call('POST', '/api/auth/login', { body: { username: 'admin\u0000', password: 'x' } }),
      'username',
      'NUL_CHARACTER',
    );
    expectRefused(
      await p.call('POST', '/api/auth/register', {
        body: {
          idNumber: '001090000001',
          fullName: 'Nguyễn \ud800',
          email: 'a@b.vn',
          phone: '0912345678',
          password: 'Abc@12345678',
        },
      }),
      'fullName',
      'LONE_SURROGATE',
    );
    expectRefused(
      await p.call('POST', '/api/auth/password/forgot', { body: { email: 'a\u0000@b.vn' } }),
      'email',
      'NUL_CHARACTER',
    );
    expectRefused(
      await p.call('POST', '/api/dossier-drafts', {
        token: citizen.token,
        body: { procedureCode: '1.001193', formData: { childName: 'Khang\u0000' } },
      }),
      'formData.childName',
      'NUL_CHARACTER',
    );
    expectRefused(
      await p.call('POST', '/api/dossier-drafts', {
        token: citizen.token,
        body: { procedureCode: '1.001193', formData: { ['k\udc00']: 1 } },
      }),
      'formData.k\ufffd',
      'LONE_SURROGATE',
    );
  });

  it('in query strings and path parameters', async () => {
    expectRefused(await p.call('GET', '/api/agencies?q=H%C3%A0%00'), 'q', 'NUL_CHARACTER');
    expectRefused(await p.call('GET', '/api/public/dossiers/H26%00?idDigits=1234'), 'code', 'NUL_CHARACTER');
    expectRefused(await p.call('GET', '/api/files/%00', { token: citizen.token }), 'id', 'NUL_CHARACTER');
    expectRefused(
      await p.call('GET', `/api/dossiers?q=${encodeURIComponent('a')}%00`, { token: citizen.token }),
      'q',
      'NUL_CHARACTER',
    );
  });

  it('invalid UTF-8 in the address or the body: 400 INVALID_UTF8, not U+FFFD', async () => {
    for (const url of [
      '/api/agencies?q=%FF',
      '/api/public/dossiers/%C3%28?idDigits=1234',
      '/api/agencies?q=%ED%A0%80',
    ]) {
      const r = await p.call('GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code).toBe('INVALID_UTF8');
    }
    const body = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.concat([
        Buffer.from('{"username":"adm'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('","password":"x"}'),
      ]),
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().code).toBe('INVALID_UTF8');
  });

  it('in headers used as data, and in multipart file names', async () => {
    const r = await p.call('POST', '/api/dossiers', {
      token: citizen.token,
      headers: { 'idempotency-key': 'khóa-é' },
      body: {},
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_HEADER', params: { header: 'idempotency-key' } });
    const upload = (filename: Buffer) =>
      p.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'multipart/form-data; boundary=b0' },
        payload: Buffer.concat([
          Buffer.from('--b0\r\nContent-Disposition: form-data; name="file"; filename="'),
          filename,
          Buffer.from('"\r\nContent-Type: application/xml\r\n\r\n<?xml version="1.0"?><a/>\r\n--b0--\r\n'),
        ]),
      });
    const invalid = await upload(Buffer.from([0x61, 0xff, 0x2e, 0x78, 0x6d, 0x6c]));
    expectRefused(invalid, 'file.filename', 'INVALID_UTF8');
    const nul = await upload(Buffer.from('a\u0000.xml'));
    expect(nul.statusCode).toBe(422);
    const fine = await upload(Buffer.from('tờ khai.xml'));
    expect(fine.statusCode).toBe(201);
    expect(fine.json().name).toBe('tờ khai.xml');
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
  });
});
