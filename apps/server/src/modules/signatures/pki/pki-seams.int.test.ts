import 'reflect-metadata';
import { createPublicKey, createHash, generateKeyPairSync, verify } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../../test/harness.js';
import { sql } from 'drizzle-orm';
import { systemActor, type Principal } from '../../../platform/http/auth.js';
import { resolveKeyEncryptionKey, SoftwareKeyStore } from './key-store.js';

const YEAR = 365 * 24 * 3600 * 1000;
const X509 = (d: Uint8Array | string) => new x509.X509Certificate(typeof d === 'string' ? d : new Uint8Array(d));

function csrPem(alg: 'ec' | 'rsa' = 'ec') {
  const { privateKey, publicKey } =
    alg === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey };
}

describe.each(DB_KINDS)('signatures seams (%s)', (kind) => {
  let p: TestPlatform;
  let admin: { id: string; token: string };
  let adminP: Principal;

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['admin'] });
    adminP = {
      userId: admin.id,
      username: 'a',
      fullName: 'A',
      kind: 'staff',
      roles: ['admin'],
      agencyId: null,
      agencyCode: null,
      acr: 1,
      sessionId: null,
      via: 'bearer',
    };
  });
  afterAll(() => p?.close());

  const issue = async (body: Record<string, unknown>) => {
    const r = await p.call('POST', '/api/pki/certificates', { token: admin.token, body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; pem: string; keyHeld: boolean };
  };

  it('init is idempotent: a second run (and two at once) keeps the same CAs', async () => {
    const [a, b] = await Promise.all([p.signatures.init(systemActor), p.signatures.init(systemActor)]);
    expect(a.root.created || a.issuing.created || a.tsa.created).toBe(false);
    expect(b.root.id).toBe(a.root.id);
    expect(b.issuing.id).toBe(a.issuing.id);
    const cas = await p.signatures.cas();
    expect(cas.map((c) => c.profile).sort()).toEqual(['issuing', 'root']);
    expect(cas.find((c) => c.profile === 'root')!.subject).toContain(
      'Cơ quan chứng thực điện tử chuyên dùng Chính phủ (thử nghiệm)',
    );
  });

  it('signingKeyFor gives a key whose signatures verify under the certificate, with the chain to the root', async () => {
    const u = await p.staff({ roles: ['leader'] });
    const cert = await issue({ profile: 'person', userId: u.id });
    const key = await p.signatures.signingKeyFor(cert.id);
    expect(key.algorithm).toBe('ECDSA-P256');
    expect(key.chain).toHaveLength(3);
    const leaf = X509(key.chain[0]!);
    expect(leaf.subject).toContain(`CN=Cán bộ ${u.username}`);
    const data = new TextEncoder().encode('Văn bản cần ký');
    const sig = await key.sign(data, 'SHA-256');
    const pub = createPublicKey({ key: Buffer.from(leaf.publicKey.rawData), format: 'der', type: 'spki' });
    expect(verify('sha256', data, { key: pub, dsaEncoding: 'der' }, sig)).toBe(true);
    expect(verify('sha256', new TextEncoder().encode('other'), { key: pub, dsaEncoding: 'der' }, sig)).toBe(false);
    // Chain: each certificate signed by the next, the last self-signed.
    const chain = key.chain.map((d) => X509(d));
    expect(await chain[0]!.verify({ publicKey: chain[1], signatureOnly: true })).toBe(true);
    expect(await chain[1]!.verify({ publicKey: chain[2], signatureOnly: true })).toBe(true);
    expect(await chain[2]!.isSelfSigned()).toBe(true);
  });

  it('an RSA-3072 key signs PKCS#1 v1.5', async () => {
    const u = await p.staff({ roles: ['specialist'] });
    const cert = await issue({ profile: 'person', userId: u.id, keyAlgorithm: 'RSA-3072' });
    const key = await p.signatures.signingKeyFor(cert.id);
    expect(key.algorithm).toBe('RSA-3072');
    const sig = await key.sign(Buffer.from('x'), 'SHA-256');
    const leaf = X509(key.chain[0]!);
    expect(
      verify(
        'sha256',
        Buffer.from('x'),
        createPublicKey({ key: Buffer.from(leaf.publicKey.rawData), format: 'der', type: 'spki' }),
        sig,
      ),
    ).toBe(true);
  });

  it('refuses revoked (409 CERTIFICATE_REVOKED), expired (409 CERTIFICATE_EXPIRED) and CSR certificates (409 CERTIFICATE_KEY_NOT_HELD)', async () => {
    const u = await p.staff({ roles: ['leader'] });
    const revoked = await issue({ profile: 'person', userId: u.id });
    await p.signatures.revoke(systemActor, adminP, revoked.id, 'keyCompromise');
    await expect(p.signatures.signingKeyFor(revoked.id)).rejects.toMatchObject({
      status: 409,
      code: 'CERTIFICATE_REVOKED',
    });

    const { publicKey, privateKey } = csrPem();
    const keys = {
      publicKey: await crypto.subtle.importKey(
        'spki',
        publicKey.export({ type: 'spki', format: 'der' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        true,
        ['verify'],
      ),
      privateKey: await crypto.subtle.importKey(
        'pkcs8',
        privateKey.export({ type: 'pkcs8', format: 'der' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign'],
      ),
    };
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=Thử nghiệm',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const held = await issue({ profile: 'person', userId: u.id, csr: csr.toString('pem') });
    expect(held.keyHeld).toBe(false);
    await expect(p.signatures.signingKeyFor(held.id)).rejects.toMatchObject({
      status: 409,
      code: 'CERTIFICATE_KEY_NOT_HELD',
    });

    const later = await issue({ profile: 'person', userId: u.id });
    p.clock.advance(2 * YEAR + 3600_000);
    try {
      await expect(p.signatures.signingKeyFor(later.id)).rejects.toMatchObject({
        status: 409,
        code: 'CERTIFICATE_EXPIRED',
      });
    } finally {
      p.clock.advance(-(2 * YEAR + 3600_000));
    }
  });

  it('sealKeyFor: 409 SEAL_CERTIFICATE_MISSING without a seal, then the newest active seal of the agency', async () => {
    await expect(p.signatures.sealKeyFor('H27')).rejects.toMatchObject({
      status: 409,
      code: 'SEAL_CERTIFICATE_MISSING',
    });
    const seal = await issue({ profile: 'seal', agencyCode: 'H27' });
    const key = await p.signatures.sealKeyFor('H27');
    expect(Buffer.from(key.chain[0]!).equals(Buffer.from(X509(seal.pem).rawData))).toBe(true);
    expect(X509(key.chain[0]!).subject).toContain('Hà Tĩnh');
    await p.signatures.revoke(systemActor, adminP, seal.id, 'superseded');
    await expect(p.signatures.sealKeyFor('H27')).rejects.toMatchObject({ code: 'SEAL_CERTIFICATE_MISSING' });
  });

  it('assertHolder: the holder of a person certificate, a clerk of the agency for a seal; 403 for anyone else', async () => {
    const holder = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const other = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    const clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    const foreignClerk = await p.staff({ roles: ['clerk'], agencyCode: 'H41' });
    const person = await issue({ profile: 'person', userId: holder.id });
    const seal = await issue({ profile: 'seal', agencyCode: 'H26' });
    const principal = (u: { id: string }, roles: string[], agencyCode: string): Principal => ({
      ...adminP,
      userId: u.id,
      roles,
      agencyCode,
    });
    await expect(p.signatures.assertHolder(principal(holder, ['leader'], 'H26'), person.id)).resolves.toBeUndefined();
    await expect(p.signatures.assertHolder(principal(other, ['leader'], 'H26'), person.id)).rejects.toMatchObject({
      status: 403,
      code: 'CERTIFICATE_NOT_HOLDER',
    });
    await expect(p.signatures.assertHolder(principal(clerk, ['clerk'], 'H26'), seal.id)).resolves.toBeUndefined();
    await expect(p.signatures.assertHolder(principal(foreignClerk, ['clerk'], 'H41'), seal.id)).rejects.toMatchObject({
      status: 403,
    });
    await expect(p.signatures.assertHolder(principal(holder, ['leader'], 'H26'), seal.id)).rejects.toMatchObject({
      status: 403,
    });
    await expect(p.signatures.assertHolder(adminP, person.id)).rejects.toMatchObject({ status: 403 });
  });

  it('timestampAuthority returns a TimeStampToken over the digest, signed by the TSA certificate', async () => {
    const data = new TextEncoder().encode('tài liệu');
    const digest = createHash('sha256').update(data).digest();
    const token = await p.signatures.timestampAuthority().timestamp(new Uint8Array(digest), 'SHA-256');
    const ci = pkijs.ContentInfo.fromBER(token.slice().buffer);
    const sd = new pkijs.SignedData({ schema: ci.content });
    const tst = pkijs.TSTInfo.fromBER(sd.encapContentInfo.eContent!.getValue());
    expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest)).toBe(true);
    expect(Math.abs(tst.genTime.getTime() - p.clock.now().getTime())).toBeLessThan(5000);
    // pkijs checks the imprint against the data, then the signature.
    const ok = await sd.verify({ signer: 0, data: data.slice().buffer, checkChain: false, extendedMode: true });
    expect(ok.signatureVerified).toBe(true);
    expect(
      (ok.signerCertificate as pkijs.Certificate).subject.typesAndValues.map((t) => t.value.valueBlock.value).join(' '),
    ).toContain('Dịch vụ cấp dấu thời gian');
  });

  it('keeps private keys sealed: the rows hold no PKCS#8, and another KEY_ENCRYPTION_KEY cannot use them', async () => {
    const u = await p.staff({ roles: ['leader'] });
    const cert = await issue({ profile: 'person', userId: u.id });
    const { rows } = (await p.database.db.execute(
      sql`select k.id, k.sealed_private_key as sealed from signatures.keys k join signatures.certificates c on c.key_id = k.id where c.id = ${cert.id}`,
    )) as unknown as { rows: { id: string; sealed: string }[] };
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(
      Buffer.from(rows[0]!.sealed.split('.')[3]!, 'base64url').includes(Buffer.from('2a8648ce3d020106', 'hex')),
    ).toBe(false);
    const other = new SoftwareKeyStore(p.database.db, 'another-key-encryption-key-0123456789');
    await expect(other.sign(rows[0]!.id, Buffer.from('x'), 'SHA-256')).rejects.toMatchObject({
      code: 'KEY_STORE_LOCKED',
    });
    const same = new SoftwareKeyStore(
      p.database.db,
      resolveKeyEncryptionKey(undefined, 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz', false),
    );
    expect((await same.sign(rows[0]!.id, Buffer.from('x'), 'SHA-256')).length).toBeGreaterThan(60);
  });

  it('trustContext: our root as a government anchor, our issuing CA as intermediate, revocation answered locally', async () => {
    const tc = p.signatures.trustContext();
    const anchors = await tc.anchors();
    const cas = await p.signatures.cas();
    const root = cas.find((c) => c.profile === 'root')!;
    const issuing = cas.find((c) => c.profile === 'issuing')!;
    expect(anchors).toContainEqual(expect.objectContaining({ category: 'government', subject: root.subject }));
    const inter = await tc.intermediates();
    expect(inter.some((d) => X509(d).subject === issuing.subject)).toBe(true);
    const u = await p.staff({ roles: ['leader'] });
    const cert = await issue({ profile: 'person', userId: u.id });
    const leafDer = new Uint8Array(X509(cert.pem).rawData);
    const issuerDer = new Uint8Array(X509(issuing.pem).rawData);
    expect(await tc.revocation(leafDer, issuerDer)).toMatchObject({ status: 'good', source: 'local' });
    await p.signatures.revoke(systemActor, adminP, cert.id, 'affiliationChanged');
    const r = await tc.revocation(leafDer, issuerDer);
    expect(r).toMatchObject({ status: 'revoked', source: 'local', reason: 'affiliationChanged' });
    expect(r.revokedAt).toBeInstanceOf(Date);
    expect(Math.abs(tc.now().getTime() - p.clock.now().getTime())).toBeLessThan(1000);
  });
});
