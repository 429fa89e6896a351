import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

const nested = (levels: number, leaf: unknown = 1) => {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

/** Issue 11 item 1: one JSON request took the whole server down (PGlite faulted on a 1,000-level array). */
describe.each(DB_KINDS)('JSON limits at the parser on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, admin, '1.001193');
  });
  afterAll(async () => p?.close());

  it('the reported request: a citizen’s draft nested 1,000 levels answers 413 JSON_TOO_DEEP, and the server stays up', async () => {
    const c = await p.citizen();
    const r = await p.call('POST', '/api/dossier-drafts', {
      token: c.token,
      body: { procedureCode: '1.001193', formData: { x: nested(1000) } },
    });
    expect(r.statusCode).toBe(413);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({
      code: 'JSON_TOO_DEEP',
      params: { limit: 'depth', max: 32 },
      errors: [{ path: expect.stringMatching(/^formData\.x\.0\.0/), code: 'JSON_TOO_DEEP' }],
    });
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
  });

  it('a form schema nested 1,000 levels (stored as jsonb, read back) never reaches the database', async () => {
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const r = await p.call('POST', '/api/procedures', {
      token: admin.token,
      body: {
        code: '1.009001',
        ...buildProcedureContent({ formSchema: { type: 'object', properties: { x: { default: nested(1000) } } } }),
      },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('JSON_TOO_DEEP');
    expect((await p.call('GET', '/api/procedures/1.009001', { token: admin.token })).statusCode).toBe(404);
    expect((await p.call('GET', '/health')).statusCode).toBe(200);
  });

  it('each limit is named: array length, keys of an object, string size; a body within them passes on', async () => {
    const c = await p.citizen();
    const post = (formData: unknown) =>
      p.call('POST', '/api/dossier-drafts', { token: c.token, body: { procedureCode: '1.001193', formData } });
    const long = await post({ x: Array.from({ length: 10_001 }, () => 0) });
    expect(long.statusCode).toBe(413);
    expect(long.json()).toMatchObject({
      code: 'JSON_ARRAY_TOO_LONG',
      params: { limit: 'arrayLength', max: 10_000 },
      errors: [{ path: 'formData.x' }],
    });
    const wide = await post(Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 0])));
    expect(wide.statusCode).toBe(413);
    expect(wide.json()).toMatchObject({ code: 'JSON_TOO_MANY_KEYS', params: { limit: 'objectKeys', max: 1_000 } });
    const big = await post({ childName: 'a'.repeat(256 * 1024 + 1) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({
      code: 'JSON_STRING_TOO_LONG',
      params: { limit: 'stringLength', max: 262_144 },
      errors: [{ path: 'formData.childName' }],
    });
    // Within the limits, the form schema answers (x is not a field of the form).
    const ok = await post({ x: nested(20), y: Array.from({ length: 100 }, () => 'a') });
    expect(ok.statusCode).toBe(422);
    expect(ok.json().errors).toContainEqual(expect.objectContaining({ path: 'formData.x', code: 'UNKNOWN_FIELD' }));
    // Brackets, braces and commas inside strings are text, not structure.
    const text = await post({ childName: `Nguyễn "${'[{,'.repeat(200)}" Khang` });
    expect(text.statusCode).toBe(201);
    expect(text.json().formData.childName).toContain('[{,[{,');
  });

  it('prototype poisoning is still refused by the parser', async () => {
    const r = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a","password":"b","__proto__":{"admin":true}}',
    });
    expect(r.statusCode).toBe(400);
  });
});
