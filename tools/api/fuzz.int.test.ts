import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../apps/server/test/harness.js';

/**
 * Issue 11 "Proof": a fuzz run over the OpenAPI document. Every operation, every path and query
 * parameter and the body get wrong types, huge and deep values, NUL, lone surrogates and invalid UTF-8,
 * anonymous and with a citizen's and a system administrator's session; nothing may answer 5xx, and
 * /health is green afterwards. Path parameters that name an existing object get a real one where one
 * is at hand (agency H26, the citizen's user id, an uploaded file, a draft), so handlers run past
 * "not found". PGlite only: the run is about the HTTP surface (parsers, schemas, handlers) and PGlite is
 * the database that faulted (issue 11 item 1); a second run on PostgreSQL would double a ~1 minute test.
 */

interface Op {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProps: string[];
  multipart: boolean;
}

type Schema = { $ref?: string; properties?: Record<string, unknown> };

const nested = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

/** Values put in place of a JSON field (or of the whole body). */
const JSON_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  'x',
  '',
  [],
  {},
  'a\u0000b',
  'a\ud800b',
  '\u202eevil',
  "' OR 1=1 --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  'x'.repeat(300_000),
  Array.from({ length: 20_000 }, () => 0),
  nested(40),
  nested(1000),
  { __proto__: { admin: true } },
];

/** The subset put in each named field of a body (the whole body gets JSON_VALUES). */
const FIELD_VALUES: unknown[] = [
  null,
  12,
  'a\u0000b',
  'a\ud800b',
  '\u202eevil',
  [],
  {},
  'x'.repeat(20_000),
  nested(1000),
];

/** Raw strings put in a path segment or a query value (already percent-encoded where needed). */
const URL_VALUES = [
  '0',
  '-1',
  '99999999999999999999',
  'true',
  '%00',
  'a%00b',
  '%FF',
  '%C3%28',
  '%ED%A0%80',
  '%E2%80%AE',
  encodeURIComponent("' OR 1=1 --"),
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(5000),
  '%25',
  '[]',
];

function resolveSchema(doc: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 5; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!];
  return cur ?? {};
}

describe('fuzzing every route of the OpenAPI document', () => {
  let p: TestPlatform;
  let ops: Op[] = [];
  const real: Record<string, string> = {};
  const sessions: Record<string, string | undefined> = {};

  beforeAll(async () => {
    p = await createTestPlatform('pglite');
    const citizen = await p.citizen();
    const admin = await p.staff({ roles: ['admin'] });
    sessions.anonymous = undefined;
    sessions.citizen = citizen.token;
    sessions.admin = admin.token;
    real.userId = citizen.id;
    const doc = await PDFDocument.create();
    doc.addPage();
    const b = 'fuzzb';
    const up = await p.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { authorization: `Bearer ${citizen.token}`, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
        Buffer.from(await doc.save()),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    });
    real.fileId = up.json().id;

    const api = (await p.call('GET', '/api/openapi.json')).json();
    for (const [path, item] of Object.entries(api.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, raw] of Object.entries(item)) {
        const op = raw as {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        };
        const content = op.requestBody?.content ?? {};
        const body = resolveSchema(api, content['application/json']?.schema);
        ops.push({
          method: method.toUpperCase(),
          path,
          pathParams: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
          queryParams: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
          bodyProps: Object.keys(body.properties ?? {}),
          multipart: 'multipart/form-data' in content,
        });
      }
    }
    // Logging out or revoking would end the sessions the rest of the run uses.
    ops = ops.filter((o) => !/\/auth\/logout|\/auth\/sessions/.test(o.path));
  }, 120_000);
  afterAll(async () => p?.close());

  /** A real value for a path parameter where one exists, else a plausible one. */
  function realValue(path: string, name: string): string {
    if (path.startsWith('/api/agencies') || name === 'agencyCode') return 'H26';
    if (path.startsWith('/api/admin/users') && name === 'id') return real.userId!;
    if (path.startsWith('/api/files') && name === 'id') return real.fileId!;
    if (name === 'fileId') return real.fileId!;
    if (path.startsWith('/api/procedures')) return '1.001193';
    return 'H26-260101-0001';
  }

  function urlFor(op: Op, override?: [string, string]): string {
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      override && override[0] === name ? override[1] : encodeURIComponent(realValue(op.path, name)),
    );
  }

  it('answers no 5xx to wrong types, huge and deep values, NUL and invalid UTF-8, and stays healthy', async () => {
    const failures: string[] = [];
    const covered = new Set<string>();
    let sent = 0;
    const send = async (o: InjectOptions, label: string) => {
      let r: LightMyRequestResponse;
      try {
        r = await p.app.inject(o);
      } catch (e) {
        failures.push(`${label}: threw ${(e as Error).message}`);
        return;
      }
      sent++;
      // The VNeID routes call the national identity provider; in this test nothing listens at its address,
      // and 502 VNEID_UNAVAILABLE is the designed answer to an outside service that does not answer.
      if (r.statusCode === 502 && r.json<{ code?: string }>().code === 'VNEID_UNAVAILABLE') return;
      if (r.statusCode >= 500) failures.push(`${label}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    };

    for (const [who, token] of Object.entries(sessions)) {
      const auth = token ? { authorization: `Bearer ${token}` } : {};
      for (const op of ops) {
        const method = op.method as InjectOptions['method'];
        const base = urlFor(op);
        const label = (what: string) => `${who} ${op.method} ${op.path} ${what}`;
        covered.add(`${op.method} ${op.path}`);
        await send({ method, url: base, headers: auth }, label('plain'));
        for (const name of op.pathParams) {
          for (const v of URL_VALUES)
            await send({ method, url: urlFor(op, [name, v]), headers: auth }, label(`{${name}}=${v.slice(0, 20)}`));
        }
        for (const name of op.queryParams) {
          for (const v of URL_VALUES)
            await send({ method, url: `${base}?${name}=${v}`, headers: auth }, label(`?${name}=${v.slice(0, 20)}`));
        }
        // Invalid UTF-8 and NUL in an unknown query parameter, on every route.
        await send({ method, url: `${base}?zz=%FF%00`, headers: auth }, label('?zz=%FF%00'));
        if (op.method === 'GET' || op.method === 'DELETE') continue;
        const json = { ...auth, 'content-type': 'application/json' };
        for (const v of JSON_VALUES)
          await send({ method, url: base, headers: json, payload: JSON.stringify(v) }, label('body=value'));
        // Field by field only with a session: the schemas are the same for everyone, and the anonymous
        // pass already sends every whole-body value (keeps the run near a minute and a half).
        for (const prop of token ? op.bodyProps : []) {
          for (const v of FIELD_VALUES)
            await send(
              { method, url: base, headers: json, payload: JSON.stringify({ [prop]: v }) },
              label(`body.${prop}`),
            );
        }
        await send(
          {
            method,
            url: base,
            headers: json,
            payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          },
          label('body invalid UTF-8'),
        );
        await send({ method, url: base, headers: json, payload: '{"a":' }, label('body truncated'));
        await send(
          { method, url: base, headers: { ...json, 'idempotency-key': 'khóa' }, payload: '{}' },
          label('idempotency-key é'),
        );
        if (op.multipart) {
          for (const filename of [
            Buffer.from('a\u0000.pdf'),
            Buffer.from([0x61, 0xff, 0x2e, 0x70, 0x64, 0x66]),
            Buffer.from('x'.repeat(2000)),
          ]) {
            await send(
              {
                method,
                url: base,
                headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' },
                payload: Buffer.concat([
                  Buffer.from('--zz\r\nContent-Disposition: form-data; name="file"; filename="'),
                  filename,
                  Buffer.from('"\r\n\r\n%PDF-1.7\n<html><script>1</script></html>\r\n--zz--\r\n'),
                ]),
              },
              label('multipart'),
            );
          }
        }
      }
    }
    console.log(`fuzz: ${sent} requests over ${covered.size} operations, ${failures.length} 5xx`);
    expect(failures).toEqual([]);
    expect(covered.size).toBeGreaterThan(100);
    const health = await p.call('GET', '/health');
    expect(health.statusCode).toBe(200);
  }, 600_000);
});
