import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCades } from './cms-sign.js';
import { parseCms, signerFacts } from './cms-verify.js';
import { digest, toHex } from './der.js';
import { type IssuedCert, OpensslPki, VN } from './testing/openssl-pki.js';
import { validate } from './validate.js';

let pki: OpensslPki;
let ec: IssuedCert;
let rsa: IssuedCert;
let tsa: ReturnType<OpensslPki['tsa']>;
const content = Buffer.from('Quyết định số 15/QĐ-UBND về việc phê duyệt kế hoạch chuyển đổi số năm 2026.\n', 'utf8');

/** `openssl cms -verify` against our test root; returns [ok, output]. */
function opensslVerify(sig: Uint8Array, detached?: Uint8Array): [boolean, string] {
  const s = pki.file(`v${Math.random().toString(36).slice(2)}.p7s`, sig);
  const args = [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    s,
    '-CAfile',
    pki.root.certPath,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ];
  if (detached) args.push('-content', pki.file(`c${Math.random().toString(36).slice(2)}.txt`, detached));
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return [r.status === 0, `${r.stdout}${r.stderr}`];
}

beforeAll(() => {
  pki = OpensslPki.create();
  ec = pki.issue('ec', VN.person, { kind: 'ec256' });
  rsa = pki.issue('rsa', VN.seal, { kind: 'rsa3072', ext: 'v3_seal' });
  tsa = pki.tsa();
});
afterAll(() => pki.cleanup());

describe('CAdES signing, proven by OpenSSL', () => {
  it.each([
    ['ECDSA P-256', () => ec],
    ['RSA 3072', () => rsa],
  ])('detached B-B (%s): openssl cms -verify accepts it, and so do we', async (_, who) => {
    const sig = await signCades(content, who().key);
    const [ok, out] = opensslVerify(sig, content);
    expect(out).toContain('Verification successful');
    expect(ok).toBe(true);
    const report = await validate(sig, pki.trust(), { detachedContent: content });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]).toMatchObject({
      format: 'CAdES',
      level: 'B-B',
      intact: true,
      trustAnchor: { category: 'government' },
    });
    expect(report.signatures[0]!.signer?.commonName).toBe(
      who() === ec ? 'Nguyễn Thị Hồng Nhung' : 'Ủy ban nhân dân thành phố Hà Nội',
    );
  });

  it('attached: openssl extracts the very content we signed', async () => {
    const sig = await signCades(content, ec.key, { detached: false });
    const s = pki.file('attached.p7m', sig);
    const out = execFileSync(
      'openssl',
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', s, '-CAfile', pki.root.certPath],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(Buffer.from(out).equals(content)).toBe(true);
    expect((await validate(sig, pki.trust())).indication).toBe('TOTAL_PASSED');
  });

  it('B-T: the signature timestamp verifies with openssl ts -verify and in our report', async () => {
    const sig = await signCades(content, rsa.key, { tsa });
    expect(opensslVerify(sig, content)[0]).toBe(true);
    const cms = parseCms(sig)!;
    const facts = signerFacts(cms);
    expect(facts.timestampTokens).toHaveLength(1);
    const token = pki.file('token.tst', facts.timestampTokens[0]!);
    const chain = pki.bundle('tsa-untrusted.pem', [pki.issuing.der, tsa.cert.der]);
    const r = spawnSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        token,
        '-digest',
        toHex(digest('SHA-256', facts.signatureValue)),
        '-CAfile',
        pki.root.certPath,
        '-untrusted',
        chain,
      ],
      { encoding: 'utf8' },
    );
    expect(`${r.stdout}${r.stderr}`).toContain('Verification: OK');
    const report = await validate(sig, pki.trust(), { detachedContent: content });
    expect(report.signatures[0]!.level).toBe('B-T');
    expect(report.signatures[0]!.timestamp).toMatchObject({
      valid: true,
      authority: 'Dịch vụ cấp dấu thời gian (thử nghiệm)',
    });
  });

  it('a changed content fails in OpenSSL and in ours (HASH_FAILURE)', async () => {
    const sig = await signCades(content, ec.key);
    const tampered = Buffer.from(content.toString('utf8').replace('15/QĐ', '16/QĐ'), 'utf8');
    const [ok, out] = opensslVerify(sig, tampered);
    expect(ok).toBe(false);
    expect(out).toMatch(/content verify error|digest failure/i);
    const report = await validate(sig, pki.trust(), { detachedContent: tampered });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('a changed signature value fails in OpenSSL and in ours (SIG_CRYPTO_FAILURE)', async () => {
    const sig = Buffer.from(await signCades(content, rsa.key));
    // The RSA signature value is the last 384 bytes of the SignerInfo (no unsigned attributes).
    sig[sig.length - 10]! ^= 0x01;
    expect(opensslVerify(sig, content)[0]).toBe(false);
    const report = await validate(sig, pki.trust(), { detachedContent: content });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });
});

describe('CAdES validation of signatures made by OpenSSL', () => {
  it('openssl cms -sign -cades (detached) validates as CAdES B-B', async () => {
    const f = pki.file('in.txt', content);
    const out = pki.file('openssl.p7s', '');
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-cades',
      '-in',
      f,
      '-signer',
      rsa.certPath,
      '-inkey',
      rsa.keyPath,
      '-certfile',
      pki.issuing.certPath,
      '-outform',
      'DER',
      '-out',
      out,
    ]);
    const report = await validate(readFileSync(out), pki.trust(), { detachedContent: content });
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B-B', intact: true });
  });

  it('a plain CMS without ESS signing certificate still validates, reported as not baseline', async () => {
    const f = pki.file('in2.txt', content);
    const out = pki.file('plain.p7s', '');
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-in',
      f,
      '-signer',
      ec.certPath,
      '-inkey',
      ec.keyPath,
      '-outform',
      'DER',
      '-out',
      out,
    ]);
    const report = await validate(readFileSync(out), pki.trust(), { detachedContent: content });
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: null });
    expect(report.signatures[0]!.messages.join(' ')).toMatch(/not a CAdES baseline/);
  });
});

describe('ETSI indications', () => {
  it('detached without its content: INDETERMINATE / SIGNED_DATA_NOT_FOUND', async () => {
    const report = await validate(await signCades(content, ec.key), pki.trust());
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
  });

  it('a root outside the trust list: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const other = OpensslPki.create();
    try {
      const report = await validate(await signCades(content, ec.key), other.trust(), { detachedContent: content });
      expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
      expect(report.signatures[0]!.trustAnchor).toBeNull();
    } finally {
      other.cleanup();
    }
  });

  it('a public-CA root on the trust list is accepted and reported as public', async () => {
    const report = await validate(await signCades(content, ec.key), pki.trust({ category: 'public' }), {
      detachedContent: content,
    });
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', trustAnchor: { category: 'public' } });
  });

  it('revocation: after the timestamp passes, before it fails, without a timestamp is undecided', async () => {
    const sig = await signCades(content, rsa.key, { tsa });
    const revokedAt = (d: Date) =>
      new Map([
        [toHex(rsa.der), { status: 'revoked' as const, revokedAt: d, reason: 'keyCompromise', source: 'crl' as const }],
      ]);
    const later = await validate(sig, pki.trust({ revoked: revokedAt(new Date(Date.now() + 60_000)) }), {
      detachedContent: content,
    });
    expect(later.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', revocation: { status: 'revoked' } });
    const earlier = await validate(sig, pki.trust({ revoked: revokedAt(new Date(Date.now() - 3_600_000)) }), {
      detachedContent: content,
    });
    expect(earlier).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    const bb = await signCades(content, rsa.key, { signingTime: new Date(Date.now() - 7_200_000) });
    const noPoe = await validate(bb, pki.trust({ revoked: revokedAt(new Date(Date.now() - 3_600_000)) }), {
      detachedContent: content,
    });
    expect(noPoe).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
  });

  it('an expired certificate: OUT_OF_BOUNDS_NO_POE without a timestamp, passed with one', async () => {
    const short = pki.issue('short', VN.person, { days: 1 });
    const future = () => new Date(Date.now() + 3 * 86_400_000);
    const bb = await signCades(content, short.key);
    expect(await validate(bb, pki.trust({ now: future }), { detachedContent: content })).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
    });
    const bt = await signCades(content, short.key, { tsa });
    expect((await validate(bt, pki.trust({ now: future }), { detachedContent: content })).indication).toBe(
      'TOTAL_PASSED',
    );
  });

  it('no revocation answer: INDETERMINATE / TRY_LATER', async () => {
    const sig = await signCades(content, ec.key);
    const revoked = new Map([[toHex(ec.der), { status: 'unknown' as const, source: 'none' as const }]]);
    expect(await validate(sig, pki.trust({ revoked }), { detachedContent: content })).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('xin chào')],
    ['DER that is not CMS', Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01])],
    ['truncated CMS', Buffer.from([0x30, 0x82, 0x10, 0x00, 0x06])],
    ['PEM garbage', Buffer.from('-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n')],
  ])('garbage (%s): a report with no signature, never a throw', async (_, bytes) => {
    const report = await validate(bytes, pki.trust());
    expect(report).toMatchObject({
      signatures: [],
      indication: 'INDETERMINATE',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    });
  });
});

describe('PKCS#12 of a public-CA user', () => {
  it('opens an OpenSSL PKCS#12 (AES, PBKDF2) and signs with its key and chain', async () => {
    const { openPkcs12 } = await import('./pkcs12.js');
    const key = await openPkcs12(pki.pkcs12(rsa, 'Mật khẩu 123'), 'Mật khẩu 123');
    expect(key.algorithm).toBe('RSA-3072');
    expect(key.chain.map((c) => Buffer.from(c).toString('base64'))).toEqual(
      [rsa.der, pki.issuing.der, pki.root.der].map((c) => Buffer.from(c).toString('base64')),
    );
    const sig = await signCades(content, key);
    expect(opensslVerify(sig, content)[0]).toBe(true);
  });

  it('a wrong password, a legacy-encrypted file and garbage are typed errors', async () => {
    const { openPkcs12 } = await import('./pkcs12.js');
    await expect(openPkcs12(pki.pkcs12(ec, 'dung'), 'sai')).rejects.toMatchObject({ code: 'PKCS12_BAD_PASSWORD' });
    await expect(openPkcs12(pki.pkcs12(ec, 'dung', ['-legacy']), 'dung')).rejects.toMatchObject({
      code: 'PKCS12_UNSUPPORTED',
    });
    await expect(openPkcs12(Buffer.from('not a p12'), 'x')).rejects.toMatchObject({ code: 'PKCS12_INVALID' });
  });
});
