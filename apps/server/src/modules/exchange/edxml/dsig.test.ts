import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSealCa, type IssuedKey, issueSeal, signingKeyOf, toPem } from './test-seal-pki.js';
import { buildDocumentPackage, buildStatusPackage } from './build.js';
import { signatureAlgorithm, signPackage, verifyPackage } from './dsig.js';
import { readPackage } from './parse.js';
import { samplePackage } from './test-data.js';

const SAMPLE = readFileSync(new URL('./fixtures/hand-made-sample.edxml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'edxml-dsig-'));

let ca: IssuedKey;
let other: IssuedKey;
let signed: string;
const trust = (roots: IssuedKey[]) => ({ roots: async () => roots.map((r) => r.certDer), now: () => new Date() });

/** Run xmlsec1 on a file; returns its exit status and output. */
function xmlsec1Verify(xml: string, caPem: string) {
  const f = join(dir, `p-${Math.random().toString(36).slice(2)}.xml`);
  const c = join(dir, 'ca.pem');
  writeFileSync(f, xml);
  writeFileSync(c, caPem);
  const r = spawnSync('xmlsec1', ['--verify', '--trusted-pem', c, f], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  ca = await createSealCa('CA trục liên thông, nút thử nghiệm');
  other = await createSealCa('Một CA khác');
  const seal = await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội, văn thư' });
  signed = await signPackage(buildDocumentPackage(samplePackage()), await signingKeyOf(seal, ca.certDer));
}, 60_000);

describe('edXML seal signature', () => {
  it('is an enveloped RSA-SHA256 signature in the header that still parses as edXML', async () => {
    expect(signed).toMatch(
      /<edXML:edXMLHeader>[\s\S]*<Signature xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature><\/edXML:edXMLHeader>/,
    );
    expect(signed).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const r = readPackage(signed);
    expect(r.issues).toEqual([]);
    expect(r.signed).toBe(true);
    const v = await verifyPackage(signed, trust([ca]));
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.signatures[0]!.signer?.commonName).toBe('UBND thành phố Hà Nội, văn thư');
  });

  it('xmlsec1 --verify accepts it with the CA as trusted root, and refuses it tampered', () => {
    const good = xmlsec1Verify(signed, toPem(ca.certDer));
    expect(good.out).toMatch(/^OK$/m);
    expect(good.ok).toBe(true);
    const bad = xmlsec1Verify(signed.replace('kế hoạch chuyển đổi số', 'kế hoạch khác'), toPem(ca.certDer));
    expect(bad.ok).toBe(false);
    expect(bad.out).toMatch(/FAIL/);
  });

  it('xmlsec1 accepts the hand-made sample once sealed', async () => {
    const seal = await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội' });
    const s = await signPackage(SAMPLE, await signingKeyOf(seal, ca.certDer));
    expect(xmlsec1Verify(s, toPem(ca.certDer)).ok).toBe(true);
    expect((await verifyPackage(s, trust([ca]))).indication).toBe('TOTAL_PASSED');
  });

  it('a package sealed by xmlsec1 (an independent signer) verifies here, and fails here once changed', async () => {
    const seal = await issueSeal(ca, { code: 'H26', name: 'UBND thành phố Hà Nội' });
    const template = SAMPLE.replace(
      /<\/edXML:edXMLHeader>/,
      `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature></edXML:edXMLHeader>`,
    );
    const t = join(dir, 'template.xml');
    const key = join(dir, 'seal-key.pem');
    const cert = join(dir, 'seal-cert.pem');
    const out = join(dir, 'signed-by-xmlsec1.xml');
    writeFileSync(t, template);
    writeFileSync(key, toPem(seal.pkcs8, 'PRIVATE KEY'));
    writeFileSync(cert, toPem(seal.certDer));
    const r = spawnSync('xmlsec1', ['--sign', '--privkey-pem', `${key},${cert}`, '--output', out, t], {
      encoding: 'utf8',
    });
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 /);
    const byXmlsec = readFileSync(out, 'utf8');
    expect(byXmlsec).toMatch(/<DigestValue>[A-Za-z0-9+/=\s]{40,}<\/DigestValue>/);
    const ok = await verifyPackage(byXmlsec, trust([ca]));
    expect(ok.signatures[0]!.messages).toEqual([]);
    expect(ok.indication).toBe('TOTAL_PASSED');
    const changed = await verifyPackage(byXmlsec.replace('dịch vụ công trực tuyến', 'dịch vụ khác'), trust([ca]));
    expect(changed.subIndication).toBe('HASH_FAILURE');
  });

  it('a changed header field or attachment fails with HASH_FAILURE', async () => {
    const subject = await verifyPackage(signed.replace('kế hoạch chuyển đổi số', 'kế hoạch khác'), trust([ca]));
    expect([subject.indication, subject.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    const b64 = /<edXML:ContentTransferEncoded>([^<]{20})/.exec(signed)![1]!;
    const att = await verifyPackage(
      signed.replace(b64, `${b64.slice(0, 19)}${b64[19] === 'A' ? 'B' : 'A'}`),
      trust([ca]),
    );
    expect(att.subIndication).toBe('HASH_FAILURE');
    expect(att.signatures[0]!.messages[0]).toMatch(/changed after it was sealed/);
  });

  it('a changed signature value fails with SIG_CRYPTO_FAILURE', async () => {
    const v = /<SignatureValue>([^<]{10})/.exec(signed)![1];
    const r = await verifyPackage(
      signed.replace(`<SignatureValue>${v}`, `<SignatureValue>${v!.slice(0, 9)}${v![9] === 'A' ? 'B' : 'A'}`),
      trust([ca]),
    );
    expect([r.indication, r.subIndication]).toEqual(['TOTAL_FAILED', 'SIG_CRYPTO_FAILURE']);
  });

  it('a seal from a CA outside the trust list is not trusted', async () => {
    const r = await verifyPackage(signed, trust([other]));
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    expect(r.signatures[0]!.intact).toBe(true);
  });

  it('no signature, SHA-1 without the legacy policy, or a reference that is not the whole package are refused', async () => {
    expect((await verifyPackage(SAMPLE, trust([ca]))).subIndication).toBe('SIGNED_DATA_NOT_FOUND');
    const sha1 = signed.replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    );
    const strict = { ...trust([ca]), policy: { acceptLegacySha1: false } };
    expect((await verifyPackage(sha1, strict)).subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
    // Under the default (legacy) policy the method is allowed, but this value was made with SHA-256.
    expect((await verifyPackage(sha1, trust([ca]))).subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect((await verifyPackage(signed.replace('URI=""', 'URI="#x"'), trust([ca]))).subIndication).toBe(
      'FORMAT_FAILURE',
    );
  });
});

describe('legacy RSA-SHA1 with inclusive C14N (the national exchange signs so)', () => {
  let legacy: string;
  beforeAll(async () => {
    // Signed by xmlsec1, an independent signer, exactly as the real packages are (inclusive C14N for
    // SignedInfo, enveloped-signature, SHA-1 digest, RSA-SHA1).
    const seal = await issueSeal(ca, { code: 'G22', name: 'Văn phòng Chính phủ' });
    const template = buildDocumentPackage(samplePackage()).replace(
      /<\/edXML:edXMLHeader>/,
      `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature></edXML:edXMLHeader>`,
    );
    const t = join(dir, 'legacy-template.xml');
    const key = join(dir, 'legacy-key.pem');
    const cert = join(dir, 'legacy-cert.pem');
    const out = join(dir, 'legacy-signed.xml');
    writeFileSync(t, template);
    writeFileSync(key, toPem(seal.pkcs8, 'PRIVATE KEY'));
    writeFileSync(cert, toPem(seal.certDer));
    const r = spawnSync('xmlsec1', ['--sign', '--privkey-pem', `${key},${cert}`, '--output', out, t], {
      encoding: 'utf8',
    });
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 /);
    legacy = readFileSync(out, 'utf8');
  }, 60_000);

  it('is verified by default and its report says "legacy algorithm"', async () => {
    expect(legacy).toContain('xmldsig#rsa-sha1');
    const v = await verifyPackage(legacy, trust([ca]));
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.signatures[0]!.messages.join(' ')).toContain('legacy algorithm: RSA-SHA1');
    expect(signatureAlgorithm(readPackage(legacy).doc)).toEqual({
      uri: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      name: 'RSA-SHA1',
      legacy: true,
    });
    expect(
      (await verifyPackage(legacy.replace('kế hoạch chuyển đổi số', 'kế hoạch khác'), trust([ca]))).subIndication,
    ).toBe('HASH_FAILURE');
  });

  it('is refused when the policy refuses SHA-1', async () => {
    const v = await verifyPackage(legacy, { ...trust([ca]), policy: { acceptLegacySha1: false } });
    expect([v.indication, v.subIndication]).toEqual(['TOTAL_FAILED', 'CRYPTO_CONSTRAINTS_FAILURE']);
  });

  it('a Signature in the QCVN namespace is found and checked (the real packages write it so)', async () => {
    const qcvn = legacy.replace(
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
      '<Signature xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
    );
    expect(readPackage(qcvn).signed).toBe(true);
    // The signature now sits in the QCVN namespace: SignedInfo canonicalizes differently, so the value fails,
    // but it is found and checked, not reported missing.
    const v = await verifyPackage(qcvn, trust([ca]));
    expect(v.subIndication).not.toBe('SIGNED_DATA_NOT_FOUND');
    expect(v.signatures[0]!.signer?.commonName).toBe('Văn phòng Chính phủ');
  });

  it('we never sign with SHA-1: our seal is RSA-SHA256 and xmlsec1 verifies our document and status packages', async () => {
    expect(signed).not.toContain('sha1');
    expect(signatureAlgorithm(readPackage(signed).doc)?.name).toBe('RSA-SHA256');
    const seal = await issueSeal(ca, { code: 'G09', name: 'Bộ Nội vụ' });
    const status = await signPackage(
      buildStatusPackage({
        kind: 'status',
        from: { organId: '000.00.00.G09', organName: 'Bộ Nội vụ' },
        responseFor: {
          organId: '000.00.00.H26',
          code: '15/QĐ-UBND',
          promulgationDate: '2026-03-02',
          documentId: '000.00.00.H26,2026/03/02,15/QĐ-UBND',
        },
        statusCode: '03',
        timestamp: new Date(),
        traces: [],
      }),
      await signingKeyOf(seal, ca.certDer),
    );
    expect(status).not.toContain('sha1');
    expect(xmlsec1Verify(status, toPem(ca.certDer)).ok).toBe(true);
    expect(readPackage(status).package?.kind).toBe('status');
    expect((await verifyPackage(status, trust([ca]))).indication).toBe('TOTAL_PASSED');
  });
});
