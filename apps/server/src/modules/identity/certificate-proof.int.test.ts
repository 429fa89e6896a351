import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPdf, fileAtCounter, publishProcedure } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { cmsSignDetached, keyAndCsr, openssl, selfSigned } from '../../../test/openssl-cli.js';
import { makeTaxCode } from './tax-code.js';

/**
 * Issue 11 item 2, proof by a CA certificate: the account holder signs the challenge with the real
 * `openssl cms -sign` and a key that never left his hands; the platform's CA (standing in for a
 * licensed one) issued his certificate from his CSR with `UID=CCCD:<id>`.
 */

describe.each(DB_KINDS)('identity proof by a certificate on %s', (kind) => {
  let p: TestPlatform;
  let admin: { token: string };
  let reception: { token: string };
  let dir: string;
  let pdf: Buffer;
  let seq = 0;
  const f = (name: string) => join(dir, name);

  type Citizen = Awaited<ReturnType<TestPlatform['citizen']>>;
  interface Holder {
    key: string;
    cert: string;
    der: Buffer;
    id: string;
  }

  /** A key pair made by openssl; the CA signs the CSR for the account `userId` (201 expected). */
  async function certificateFor(userId: string): Promise<Holder> {
    const n = seq++;
    const csr = await keyAndCsr(f(`h${n}.key`), f(`h${n}.csr`));
    const r = await p.call('POST', '/api/pki/certificates', {
      token: admin.token,
      body: { profile: 'person', userId, csr },
    });
    expect(r.statusCode, r.body).toBe(201);
    writeFileSync(f(`h${n}.pem`), r.json().pem);
    const der = Buffer.from(
      r
        .json()
        .pem.replace(/-----[^-]+-----/g, '')
        .replace(/\s/g, ''),
      'base64',
    );
    return { key: f(`h${n}.key`), cert: f(`h${n}.pem`), der, id: r.json().id };
  }

  /** `openssl cms -sign -binary` of `content`, detached, as the .p7s a signing tool writes. */
  async function sign(h: Pick<Holder, 'key' | 'cert'>, content: Buffer, form: 'DER' | 'PEM' = 'DER') {
    const n = seq++;
    writeFileSync(f(`c${n}.txt`), content);
    const out = await cmsSignDetached(h, f(`c${n}.txt`), f(`c${n}.p7s`), form);
    return form === 'DER' ? out.toString('base64') : out.toString('utf8');
  }

  const challenge = async (token: string) => {
    const r = await p.call('POST', '/api/auth/certificate/challenge', { token });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { nonce: string; content: string; contentBase64: string; expiresAt: string };
  };
  const verify = (token: string, nonce: string, signature: string) =>
    p.call('POST', '/api/auth/certificate/verify', { token, body: { nonce, signature } });
  const levelOf = async (token: string) => (await p.call('GET', '/api/me', { token })).json().identityLevel as string;
  const expectRefused = (r: Awaited<ReturnType<typeof verify>>, code: string, path = 'signature') => {
    expect(r.statusCode, r.body).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json()).toMatchObject({ code, errors: [expect.objectContaining({ path, code })] });
  };

  /** The desk files a dossier for `idNumber` (no account bound): `person:<id>`. */
  async function fileAtDesk(idNumber: string) {
    const upload = () => p.upload(reception.token, pdf, 'cccd.pdf', 'application/pdf');
    const r = await fileAtCounter(p, reception.token, {
      applicant: { idNumber, fullName: 'Nguyễn Văn Thử' },
      attachments: [
        { documentId: 'to_khai', fileId: await upload() },
        { documentId: 'giay_chung_sinh', fileId: await upload() },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().code as string;
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    dir = mkdtempSync(join(tmpdir(), 'egov-certid-'));
    admin = await p.staff({ roles: ['admin'] });
    const agencyAdmin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    await publishProcedure(p, agencyAdmin, '1.001193');
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    pdf = await blankPdf();
  });
  afterAll(async () => p?.close());

  it("a citizen signs the challenge with his token: level certificate, the desk's dossiers open, the nonce is spent", async () => {
    const c = await p.citizen();
    const h = await certificateFor(c.id);
    const subject = await openssl(['x509', '-in', h.cert, '-noout', '-subject', '-nameopt', 'RFC2253']);
    expect(subject).toContain(`UID=CCCD:${c.username}`);
    const code = await fileAtDesk(c.username);
    const enc = encodeURIComponent(code);
    expect((await p.call('GET', `/api/dossiers/${enc}`, { token: c.token })).statusCode).toBe(404);

    const ch = await challenge(c.token);
    expect(Buffer.from(ch.contentBase64, 'base64').toString('utf8')).toBe(ch.content);
    expect(ch.content).toContain(`Tài khoản: ${c.username}`);
    expect(ch.content).toContain(ch.nonce);
    const sig = await sign(h, Buffer.from(ch.contentBase64, 'base64'));
    const ok = await verify(c.token, ch.nonce, sig);
    expect(ok.statusCode, ok.body).toBe(200);
    const fingerprint = createHash('sha256').update(h.der).digest('hex');
    expect(ok.json()).toMatchObject({ identityLevel: 'certificate', certificate: { fingerprint } });
    expect(ok.json().certificate.subject).toContain(`CCCD:${c.username}`);
    expect(await levelOf(c.token)).toBe('certificate');

    // Counted like the other verified levels: the dossier the desk filed for him is his now.
    const seen = await p.call('GET', `/api/dossiers/${enc}`, { token: c.token });
    expect(seen.statusCode, seen.body).toBe(200);
    expect((await p.call('GET', '/api/dossiers?mine=true', { token: c.token })).json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code })]),
    );

    // Audited with the certificate that proved it.
    const events = (
      await p.call('GET', '/api/audit/events?action=user.identity_verified&pageSize=100', { token: admin.token })
    ).json().items as { subjectId: string; after: { identityLevel: string; evidence: Record<string, unknown> } }[];
    const ev = events.find((e) => e.subjectId === c.id);
    expect(ev?.after).toMatchObject({
      identityLevel: 'certificate',
      evidence: { method: 'certificate', fingerprint, identifier: 'UID=CCCD', serial: expect.any(String) },
    });

    // The same signature again: the nonce is spent.
    expectRefused(await verify(c.token, ch.nonce, sig), 'CHALLENGE_USED', 'nonce');
  });

  it("refuses another person's certificate, a certificate without ID number, and keeps the level", async () => {
    const c = await p.citizen();
    const other = await p.citizen();
    const h = await certificateFor(other.id);
    let ch = await challenge(c.token);
    // PEM is accepted too (openssl cms -outform PEM): the refusal is about whose certificate it is.
    expectRefused(await verify(c.token, ch.nonce, await sign(h, Buffer.from(ch.content), 'PEM')), 'CERT_ID_MISMATCH');

    const staff = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const noId = await certificateFor(staff.id);
    ch = await challenge(c.token);
    expectRefused(await verify(c.token, ch.nonce, await sign(noId, Buffer.from(ch.content))), 'CERT_NO_PERSONAL_ID');
    expect(await levelOf(c.token)).toBe('self_declared');
  });

  it('refuses a self-signed certificate naming the right ID number (untrusted chain)', async () => {
    const c = await p.citizen();
    const n = seq++;
    await selfSigned(f(`self${n}.key`), f(`self${n}.pem`), `/C=VN/CN=Nguyen Van Thu/UID=CCCD:${c.username}`, [
      '-addext',
      'keyUsage=critical,digitalSignature,nonRepudiation',
    ]);
    const ch = await challenge(c.token);
    const sig = await sign({ key: f(`self${n}.key`), cert: f(`self${n}.pem`) }, Buffer.from(ch.content));
    expectRefused(await verify(c.token, ch.nonce, sig), 'CERT_UNTRUSTED_CHAIN');
    expect(await levelOf(c.token)).toBe('self_declared');
  });

  it('refuses a tampered signature and a signature of other text', async () => {
    const c = await p.citizen();
    const h = await certificateFor(c.id);
    let ch = await challenge(c.token);
    const der = Buffer.from(await sign(h, Buffer.from(ch.content)), 'base64');
    der[der.length - 3]! ^= 0x01; // inside the signature value
    expectRefused(await verify(c.token, ch.nonce, der.toString('base64')), 'CERT_SIGNATURE_INVALID');

    ch = await challenge(c.token);
    const other = Buffer.from(ch.content.replace(ch.nonce, 'A'.repeat(ch.nonce.length)));
    expectRefused(await verify(c.token, ch.nonce, await sign(h, other)), 'CERT_SIGNATURE_INVALID');
    expectRefused(
      await verify(c.token, (await challenge(c.token)).nonce, 'bm90IGEgc2lnbmF0dXJl'),
      'CERT_SIGNATURE_INVALID',
    );
    expect(await levelOf(c.token)).toBe('self_declared');
  });

  it('refuses a revoked certificate', async () => {
    const c = await p.citizen();
    const h = await certificateFor(c.id);
    const revoked = await p.call('POST', `/api/pki/certificates/${h.id}/revoke`, {
      token: admin.token,
      body: { reason: 'keyCompromise' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const ch = await challenge(c.token);
    expectRefused(await verify(c.token, ch.nonce, await sign(h, Buffer.from(ch.content))), 'CERT_REVOKED');
  });

  it("a nonce is this account's, once, for ten minutes", async () => {
    const c = await p.citizen();
    const other = await p.citizen();
    const h = await certificateFor(c.id);
    const ch = await challenge(c.token);
    const sig = await sign(h, Buffer.from(ch.content));
    // Another account cannot answer it (nor learn whether it exists).
    expectRefused(await verify(other.token, ch.nonce, sig), 'CHALLENGE_NOT_FOUND', 'nonce');
    const late = await challenge(c.token);
    const lateSig = await sign(h, Buffer.from(late.content));
    p.clock.advance(11 * 60_000);
    try {
      expectRefused(await verify(c.token, late.nonce, lateSig), 'CHALLENGE_EXPIRED', 'nonce');
    } finally {
      p.clock.advance(-11 * 60_000);
    }
    // A new challenge replaces the one outstanding.
    expectRefused(await verify(c.token, ch.nonce, sig), 'CHALLENGE_NOT_FOUND', 'nonce');
  });

  it('refuses an expired certificate', async () => {
    const c: Citizen = await p.citizen();
    const h = await certificateFor(c.id);
    const notAfter = await openssl(['x509', '-in', h.cert, '-noout', '-enddate']);
    const end = new Date(notAfter.replace('notAfter=', '').trim());
    p.clock.set(new Date(end.getTime() + 24 * 3600_000));
    try {
      const token = await p.login(c.username, c.password);
      const ch = await challenge(token);
      expectRefused(await verify(token, ch.nonce, await sign(h, Buffer.from(ch.content))), 'CERT_EXPIRED');
      expect(await levelOf(token)).toBe('self_declared');
    } finally {
      p.clock.set(new Date());
    }
  });

  it("a business proves its tax code with the organisation's certificate", async () => {
    let taxCode: string | null = null;
    for (let i = 0; !taxCode; i++) taxCode = makeTaxCode(`01${String(810_000 + seq * 10 + i).padStart(7, '0')}`);
    seq++;
    const reg = await p.call('POST', '/api/auth/register', {
      body: {
        accountType: 'business',
        taxCode,
        fullName: 'Công ty TNHH Chữ Ký Số',
        email: `dn${taxCode}@test.vn`,
        phone: '02462556789',
        password: 'Doanh@nghiep1',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const token = await p.login(taxCode, 'Doanh@nghiep1');
    const id = (await p.call('GET', '/api/me', { token })).json().id as string;
    const h = await certificateFor(id);
    const subject = await openssl(['x509', '-in', h.cert, '-noout', '-subject', '-nameopt', 'RFC2253']);
    expect(subject).toContain(`UID=MST:${taxCode}`);
    // A citizen's certificate (a person) does not prove the company's tax code.
    const person = await p.citizen();
    const personCert = await certificateFor(person.id);
    let ch = await challenge(token);
    expectRefused(await verify(token, ch.nonce, await sign(personCert, Buffer.from(ch.content))), 'CERT_ID_MISMATCH');
    ch = await challenge(token);
    const ok = await verify(token, ch.nonce, await sign(h, Buffer.from(ch.content)));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await levelOf(token)).toBe('certificate');
  });

  it('needs a logged-in citizen or business account', async () => {
    expect((await p.call('POST', '/api/auth/certificate/challenge')).statusCode).toBe(401);
    const anon = await p.call('POST', '/api/auth/certificate/verify', {
      body: { nonce: 'x'.repeat(24), signature: 'MA==' },
    });
    expect(anon.statusCode).toBe(401);
    const staff = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    const r = await p.call('POST', '/api/auth/certificate/challenge', { token: staff.token });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN_ROLE');
  });
});
