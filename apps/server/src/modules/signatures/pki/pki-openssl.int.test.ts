import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/http/auth.js';
import { createStaffUser } from '../../identity/index.js';

/**
 * Proof by an independent tool: OpenSSL checks our certificates, CRLs, OCSP responses and
 * timestamps, fetched over real HTTP from the running server.
 */
const run = promisify(execFile);

async function openssl(args: string[], input?: { cwd: string }): Promise<{ code: number; out: string }> {
  try {
    const r = await run('openssl', args, { cwd: input?.cwd, encoding: 'utf8' });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const pem = (der: Buffer, label: string) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

describe.each(DB_KINDS)('PKI checked by OpenSSL (%s)', (kind) => {
  let p: TestPlatform;
  let admin: { token: string };
  let base: string;
  let dir: string;
  let rootId: string;
  let issuingId: string;
  const f = (name: string) => join(dir, name);

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['admin'] });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
    dir = mkdtempSync(join(tmpdir(), 'egov-pki-'));
    const cas = (await p.call('GET', '/api/pki/cas', { token: admin.token })).json().items as {
      id: string;
      profile: string;
      pem: string;
    }[];
    rootId = cas.find((c) => c.profile === 'root')!.id;
    issuingId = cas.find((c) => c.profile === 'issuing')!.id;
    // The CA certificates as a relying party gets them: over HTTP, DER.
    for (const [id, name] of [
      [rootId, 'root.pem'],
      [issuingId, 'issuing.pem'],
    ]) {
      const res = await fetch(`${base}/pki/${id}.crt`);
      expect(res.headers.get('content-type')).toBe('application/pkix-cert');
      writeFileSync(f(name!), pem(Buffer.from(await res.arrayBuffer()), 'CERTIFICATE'));
    }
  });
  afterAll(() => p?.close());

  const issue = async (body: Record<string, unknown>) => {
    const r = await p.call('POST', '/api/pki/certificates', { token: admin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; pem: string };
  };
  const fetchCrls = async () => {
    for (const [id, name] of [
      [rootId, 'root.crl.pem'],
      [issuingId, 'issuing.crl.pem'],
    ]) {
      const res = await fetch(`${base}/pki/${id}.crl`);
      expect(res.headers.get('content-type')).toBe('application/pkix-crl');
      writeFileSync(f(name!), pem(Buffer.from(await res.arrayBuffer()), 'X509 CRL'));
    }
  };
  const verifyWithCrl = (leaf: string) =>
    openssl([
      'verify',
      '-CAfile',
      f('root.pem'),
      '-untrusted',
      f('issuing.pem'),
      '-crl_check_all',
      '-CRLfile',
      f('root.crl.pem'),
      '-CRLfile',
      f('issuing.crl.pem'),
      f(leaf),
    ]);

  it('prints Vietnamese names correctly, with the CRL and OCSP URLs and the demo marking', async () => {
    const u = await createStaffUser(p.identity, systemActor, null, {
      username: 'nhung.pth',
      password: 'Staff@12345',
      fullName: 'Phạm Thị Hồng Nhung',
      email: null,
      roles: ['leader'],
      agencyCode: 'H26',
    });
    const cert = await issue({ profile: 'person', userId: u.id });
    writeFileSync(f('nhung.pem'), cert.pem);
    const leaf = await openssl(['x509', '-in', f('nhung.pem'), '-noout', '-text', '-nameopt', 'utf8']);
    expect(leaf.code).toBe(0);
    expect(leaf.out).toContain('CN=Phạm Thị Hồng Nhung');
    expect(leaf.out).toContain('O=Ủy ban nhân dân thành phố Hà Nội');
    expect(leaf.out).toContain(`URI:http://localhost:3000/pki/${issuingId}.crl`);
    expect(leaf.out).toContain('OCSP - URI:http://localhost:3000/pki/ocsp');
    expect(leaf.out).toContain(`CA Issuers - URI:http://localhost:3000/pki/${issuingId}.crt`);
    expect(leaf.out).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    const root = await openssl(['x509', '-in', f('root.pem'), '-noout', '-subject', '-nameopt', 'utf8']);
    expect(root.out).toContain('CN=Cơ quan chứng thực điện tử chuyên dùng Chính phủ (thử nghiệm)');
    expect(root.out).toContain('OU=Chỉ dùng để thử nghiệm - không có giá trị pháp lý');
  });

  it('openssl verify accepts an issued certificate with CRL checking, and refuses it once revoked', async () => {
    const u = await p.staff({ roles: ['specialist'] });
    const cert = await issue({ profile: 'person', userId: u.id });
    writeFileSync(f('leaf.pem'), cert.pem);
    await fetchCrls();
    const before = await verifyWithCrl('leaf.pem');
    expect(before.out).toContain('leaf.pem: OK');
    expect(before.code).toBe(0);
    const crlText = await openssl(['crl', '-in', f('issuing.crl.pem'), '-noout', '-text']);
    expect(crlText.out).toMatch(/X509v3 CRL Number:\s+\d+/);
    expect(crlText.out).toContain('Next Update:');

    const r = await p.call('POST', `/api/pki/certificates/${cert.id}/revoke`, {
      token: admin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(r.statusCode, r.body).toBe(200);
    await fetchCrls();
    const after = await verifyWithCrl('leaf.pem');
    expect(after.code).not.toBe(0);
    expect(after.out).toContain('certificate revoked');
    const revokedCrl = await openssl(['crl', '-in', f('issuing.crl.pem'), '-noout', '-text']);
    expect(revokedCrl.out).toContain(`Serial Number: ${(await serialOf('leaf.pem')).toUpperCase()}`);
    expect(revokedCrl.out).toContain('Key Compromise');
  });

  async function serialOf(file: string) {
    const r = await openssl(['x509', '-in', f(file), '-noout', '-serial']);
    return r.out.trim().replace(/^serial=/, '');
  }

  it('openssl ocsp gets good, then revoked (with the reason), unknown for a serial we never issued, nonce echoed', async () => {
    const u = await p.staff({ roles: ['clerk'] });
    const cert = await issue({ profile: 'person', userId: u.id });
    writeFileSync(f('ocsp-leaf.pem'), cert.pem);
    const ask = (extra: string[]) =>
      openssl([
        'ocsp',
        '-issuer',
        f('issuing.pem'),
        ...extra,
        '-url',
        `${base}/pki/ocsp`,
        '-CAfile',
        f('root.pem'),
        '-verify_other',
        f('issuing.pem'),
        '-resp_text',
      ]);
    const good = await ask(['-cert', f('ocsp-leaf.pem')]);
    expect(good.out).toContain('Response verify OK');
    expect(good.out).toContain('ocsp-leaf.pem: good');
    expect(good.out).toContain('OCSP Nonce');
    expect(good.out).not.toContain('WARNING');

    await p.call('POST', `/api/pki/certificates/${cert.id}/revoke`, {
      token: admin.token,
      body: { reason: 'cessationOfOperation' },
    });
    const revoked = await ask(['-cert', f('ocsp-leaf.pem')]);
    expect(revoked.out).toContain('Response verify OK');
    expect(revoked.out).toContain('ocsp-leaf.pem: revoked');
    expect(revoked.out).toContain('Reason: cessationOfOperation');

    const unknown = await ask(['-serial', '0x0123456789abcdef']);
    expect(unknown.out).toContain('Response verify OK');
    expect(unknown.out).toContain('0x0123456789abcdef: unknown');
  });

  it('openssl ts -verify accepts a token from our TSA for a request made by openssl ts -query', async () => {
    writeFileSync(f('doc.txt'), 'Quyết định số 123/QĐ-UBND về việc thử nghiệm dấu thời gian');
    const q = await openssl(['ts', '-query', '-data', f('doc.txt'), '-sha256', '-cert', '-out', f('req.tsq')]);
    expect(q.code, q.out).toBe(0);
    const res = await fetch(`${base}/pki/tsa`, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: readFileSync(f('req.tsq')),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    writeFileSync(f('resp.tsr'), Buffer.from(await res.arrayBuffer()));
    const text = await openssl(['ts', '-reply', '-in', f('resp.tsr'), '-text']);
    expect(text.out).toContain('Status: Granted.');
    expect(text.out).toContain('Nonce: 0x');
    const ok = await openssl([
      'ts',
      '-verify',
      '-data',
      f('doc.txt'),
      '-in',
      f('resp.tsr'),
      '-CAfile',
      f('root.pem'),
      '-untrusted',
      f('issuing.pem'),
    ]);
    expect(ok.out).toContain('Verification: OK');
    writeFileSync(f('doc.txt'), 'Quyết định số 124/QĐ-UBND (sửa)');
    const tampered = await openssl([
      'ts',
      '-verify',
      '-data',
      f('doc.txt'),
      '-in',
      f('resp.tsr'),
      '-CAfile',
      f('root.pem'),
      '-untrusted',
      f('issuing.pem'),
    ]);
    expect(tampered.out).toContain('Verification: FAILED');
  });

  it('the TSA certificate carries the critical timeStamping EKU', async () => {
    const text = await openssl(['ts', '-reply', '-in', f('resp.tsr'), '-token_out', '-out', f('token.der')]);
    expect(text.code).toBe(0);
    const certs = await openssl([
      'pkcs7',
      '-inform',
      'DER',
      '-in',
      f('token.der'),
      '-print_certs',
      '-out',
      f('tsa-certs.pem'),
    ]);
    expect(certs.code).toBe(0);
    const tsa = await openssl(['x509', '-in', f('tsa-certs.pem'), '-noout', '-text', '-nameopt', 'utf8']);
    expect(tsa.out).toContain('CN=Dịch vụ cấp dấu thời gian (thử nghiệm)');
    expect(tsa.out).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
  });

  it('accepts a CSR made by openssl req (holder keeps the key), and 422 naming csr for a bad one', async () => {
    const u = await p.staff({ roles: ['leader'] });
    const made = await openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      f('holder.key'),
      '-subj',
      '/CN=Nguyễn Văn Bình',
      '-utf8',
      '-out',
      f('holder.csr'),
    ]);
    expect(made.code, made.out).toBe(0);
    const csr = readFileSync(f('holder.csr'), 'utf8');
    const cert = await issue({ profile: 'person', userId: u.id, csr });
    writeFileSync(f('holder.pem'), cert.pem);
    await fetchCrls();
    expect((await verifyWithCrl('holder.pem')).out).toContain('holder.pem: OK');
    const certKey = await openssl(['x509', '-in', f('holder.pem'), '-noout', '-pubkey']);
    const holderKey = await openssl(['pkey', '-in', f('holder.key'), '-pubout']);
    expect(certKey.out).toBe(holderKey.out);

    // The same request with its signature spoiled: no proof of possession.
    const der = Buffer.from(csr.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
    der[der.length - 5]! ^= 0xff;
    const bad = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'person', userId: u.id, csr: pem(der, 'CERTIFICATE REQUEST') },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'csr', code: 'CSR_SIGNATURE_INVALID' })]);
    const garbage = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'person', userId: u.id, csr: 'hello' },
    });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json().errors).toEqual([expect.objectContaining({ path: 'csr', code: 'INVALID_CSR' })]);
  });
});
