import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

describe('HTTP surface', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite', { env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => p?.close());

  it('GET /health reports status, database kind and version', async () => {
    const r = await p.call('GET', '/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: 'pglite', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves OpenAPI 3.1 generated from the route schemas, and a docs page', async () => {
    const doc = (await p.call('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/agencies/{code}', '/api/audit/verify']),
    );
    expect(
      doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('idNumber');
    const docs = await p.call('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers problem+json: 404 for an unknown route, 400 for malformed JSON, 413 for a large body, 415 for a wrong type', async () => {
    const nf = await p.call('GET', '/api/nothing-here');
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(nf.json()).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      title: 'Not Found',
      traceId: expect.any(String),
    });
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MALFORMED_BODY');
    const big = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(10_000), password: 'y' }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const type = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(type.statusCode).toBe(415);
  });

  it('validation errors name every bad field', async () => {
    const r = await p.call('POST', '/api/auth/register', {
      body: { fullName: 'A', email: 'not-an-email', phone: '0912345678', password: 'x' },
    });
    expect(r.statusCode).toBe(422);
    const paths = r.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['fullName', 'email']));
    for (const e of r.json().errors)
      expect(e).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
  });

  it('an invalid bearer token is treated as anonymous (401 on protected routes)', async () => {
    const r = await p.call('GET', '/api/me', { token: 'egs_forged' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
  });

  it('sends security headers and a request id', async () => {
    const r = await p.call('GET', '/health');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
