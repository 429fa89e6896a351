import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

/** Issue 11 item 9: CSP and HSTS, secrets out of the logs, invisible characters in names, PDF/HTML polyglots. */
describe.each(DB_KINDS)('hardening on %s', (kind) => {
  let p: TestPlatform;
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  beforeAll(async () => {
    p = await createTestPlatform(kind, {
      env: { LOG_LEVEL: 'info', NODE_ENV: 'development', DEV_MAIL_OUTBOX: 'true' },
      logStream,
    });
  });
  afterAll(async () => p?.close());

  const upload = (token: string, name: string, bytes: Buffer) =>
    p.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=bb' },
      payload: Buffer.concat([
        Buffer.from(`--bb\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
        bytes,
        Buffer.from('\r\n--bb--\r\n'),
      ]),
    });

  it('HTML pages carry a Content-Security-Policy; no HSTS outside production', async () => {
    const admin = await p.staff({ roles: ['admin'] });
    const page = await p.call('GET', '/dev/mail', { token: admin.token });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('database errors and request logs keep no password hash, ID number, e-mail or phone', async () => {
    const idNumber = '001090012399';
    const email = 'nguoi.dan.bi.mat@test.vn';
    const phone = '0912000111';
    const argon = await hash('Secret@12345');
    let dbError: unknown;
    try {
      // A real failing statement whose parameters are personal data (a NOT NULL column left out).
      await p.deps.db.execute(
        sql`insert into identity.users (username, password_hash, email, phone) values (${idNumber}, ${argon}, ${email}, ${phone})`,
      );
    } catch (e) {
      dbError = e;
    }
    expect(dbError).toBeInstanceOf(Error);
    expect(String((dbError as Error).message) + String((dbError as Error).cause)).toMatch(
      /insert into identity\.users/,
    );
    p.deps.log.error({ err: dbError }, 'job failed');
    p.app.log.error({ err: dbError }, 'unhandled error');
    p.app.log.info({ user: { email, phone, idNumber, passwordHash: argon } }, 'what a careless line would log');
    await p.call('POST', '/api/auth/login', { body: { username: idNumber, password: 'wrong' } });
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out).toContain('insert into identity.users');
    expect(out).toContain('[redacted]');
    for (const secret of [argon, argon.slice(0, 40), idNumber, email, phone]) expect(out).not.toContain(secret);
  });

  it('zero-width and text-direction characters are refused in names', async () => {
    for (const fullName of ['Nguyễn\u202eVăn A', 'Nguyễn\u200bVăn A', 'Trần\u2066Thị\u2069 B', 'Lê\ufeffC']) {
      const r = await p.call('POST', '/api/auth/register', {
        body: {
          idNumber: '001090012311',
          fullName,
          email: 'x1@test.vn',
          phone: '0912345678',
          password: 'Abc@12345678',
        },
      });
      expect(r.statusCode, JSON.stringify(fullName)).toBe(422);
      expect(r.json().errors).toContainEqual(
        expect.objectContaining({ path: 'fullName', code: 'INVISIBLE_CHARACTERS' }),
      );
    }
    const admin = await p.staff({ roles: ['admin'] });
    const staff = await p.call('POST', '/api/admin/users', {
      token: admin.token,
      body: {
        username: 'nv.rtl',
        password: 'Staff@12345',
        fullName: 'Cán bộ \u202egnàuH',
        roles: ['specialist'],
        agencyCode: 'H26',
      },
    });
    expect(staff.statusCode).toBe(422);
    expect(staff.json().errors).toContainEqual(
      expect.objectContaining({ path: 'fullName', code: 'INVISIBLE_CHARACTERS' }),
    );
  });

  it('a file that starts with %PDF but is HTML is refused; a real PDF is stored as one', async () => {
    const c = await p.citizen();
    const html = Buffer.from('%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n');
    const polyglot = await upload(c.token, 'to-khai.pdf', html);
    expect(polyglot.statusCode).toBe(415);
    expect(polyglot.json()).toMatchObject({ code: 'FILE_CONTENT_MISMATCH', params: { mediaType: 'application/pdf' } });
    const cut = await upload(c.token, 'cut.pdf', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'));
    expect(cut.statusCode).toBe(415);
    expect(cut.json().params.reason).toMatch(/%%EOF/);
    const doc = await PDFDocument.create();
    doc.addPage();
    const real = await upload(c.token, 'to-khai.pdf', Buffer.from(await doc.save()));
    expect(real.statusCode).toBe(201);
    expect(real.json().mediaType).toBe('application/pdf');
  });
});

describe('HSTS in production behind https', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite', {
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://dichvucong.example.gov.vn',
        KEY_ENCRYPTION_KEY: 'k'.repeat(40),
        // A throw-away Ed25519 key (production requires the exchange node key to be configured).
        EXCHANGE_NODE_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ type: 'pkcs8', format: 'der' })
          .toString('base64'),
      },
    });
  });
  afterAll(async () => p?.close());

  it('every answer says Strict-Transport-Security', async () => {
    const r = await p.call('GET', '/health');
    expect(r.statusCode).toBe(200);
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
