import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuedCert, OpensslPki, VN } from '../testing/openssl-pki.js';
import { validate } from '../validate.js';
import { signXml } from './xml-sign.js';

let pki: OpensslPki;
let ec: IssuedCert;
let rsa: IssuedCert;

const EDXML = `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016" xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXMLHeader>
    <MessageHeader>
      <From><OrganId>000.00.00.H26</OrganId><OrganName>Ủy ban nhân dân thành phố Hà Nội</OrganName></From>
      <Code><CodeNumber>15</CodeNumber><CodeNotation>QĐ-UBND</CodeNotation></Code>
      <Subject>Về việc phê duyệt kế hoạch chuyển đổi số năm 2026</Subject>
    </MessageHeader>
  </edXMLHeader>
  <edXMLBody><!-- tệp đính kèm --></edXMLBody>
</edXML>`;

const XMLSEC_ID = ['--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'];

/** `xmlsec1 --verify` with our root as the only trusted certificate. */
function xmlsecVerify(xml: string): { ok: boolean; out: string } {
  const f = pki.file(`x${Math.random().toString(36).slice(2)}.xml`, xml);
  const r = spawnSync(
    'xmlsec1',
    ['--verify', '--trusted-pem', pki.root.certPath, '--untrusted-pem', pki.issuing.certPath, ...XMLSEC_ID, f],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  pki = OpensslPki.create();
  ec = pki.issue('ec', VN.person, { kind: 'ec256' });
  rsa = pki.issue('rsa', VN.seal, { kind: 'rsa3072', ext: 'v3_seal' });
});
afterAll(() => pki.cleanup());

describe('XML-DSig / XAdES signing, proven by xmlsec1', () => {
  it.each([
    ['RSA-SHA256 agency seal', () => rsa, 'rsa-sha256'],
    ['ECDSA-SHA256', () => ec, 'ecdsa-sha256'],
  ])('XAdES-B-B enveloped in edXMLHeader (%s): xmlsec1 verifies it, and so do we', async (_, who, alg) => {
    const signed = await signXml(EDXML, who().key, { parent: 'edXMLHeader' });
    expect(signed).toContain(`xmldsig-more#${alg}`);
    expect(signed).toMatch(/<edXMLHeader>[\s\S]*<ds:Signature[\s\S]*<\/ds:Signature><\/edXMLHeader>/);
    const tool = xmlsecVerify(signed);
    expect(tool.out).toContain('OK');
    expect(tool.ok).toBe(true);
    const report = await validate(Buffer.from(signed), pki.trust());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]).toMatchObject({
      format: 'XAdES',
      level: 'B-B',
      intact: true,
      coversWholeDocument: true,
      trustAnchor: { category: 'government' },
    });
    expect(report.signatures[0]!.claimedSigningTime).not.toBeNull();
  });

  it('plain XML-DSig (no XAdES properties) verifies in xmlsec1 and in ours', async () => {
    const signed = await signXml(EDXML, rsa.key, { xades: false });
    expect(xmlsecVerify(signed).ok).toBe(true);
    expect((await validate(Buffer.from(signed), pki.trust())).signatures[0]).toMatchObject({
      format: 'XML-DSig',
      level: null,
      indication: 'TOTAL_PASSED',
    });
  });

  it('a changed subject fails in xmlsec1 and in ours (HASH_FAILURE)', async () => {
    const signed = await signXml(EDXML, ec.key, { parent: 'edXMLHeader' });
    const tampered = signed.replace('năm 2026', 'năm 2027');
    expect(xmlsecVerify(tampered).ok).toBe(false);
    expect(await validate(Buffer.from(tampered), pki.trust())).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    });
  });

  it('a changed signing time (signed property) fails in ours', async () => {
    const signed = await signXml(EDXML, rsa.key, { signingTime: new Date('2026-05-01T01:00:00Z') });
    const tampered = signed.replace('2026-05-01T01:00:00Z', '2026-04-01T01:00:00Z');
    expect(xmlsecVerify(tampered).ok).toBe(false);
    expect((await validate(Buffer.from(tampered), pki.trust())).subIndication).toBe('HASH_FAILURE');
  });

  it('a changed signature value fails in xmlsec1 and in ours (SIG_CRYPTO_FAILURE)', async () => {
    const signed = await signXml(EDXML, rsa.key);
    const tampered = signed.replace(
      /<ds:SignatureValue>(.)/,
      (_, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`,
    );
    expect(xmlsecVerify(tampered).ok).toBe(false);
    expect(await validate(Buffer.from(tampered), pki.trust())).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    });
  });

  it('a copied element with the same Id (signature wrapping) is refused', async () => {
    const signed = await signXml(EDXML, rsa.key);
    const props = /<xades:SignedProperties[\s\S]*<\/xades:SignedProperties>/.exec(signed)![0];
    const wrapped = signed.replace(
      '<edXMLBody>',
      `<edXMLBody><Wrapper xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${props}</Wrapper>`,
    );
    const report = await validate(Buffer.from(wrapped), pki.trust());
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.messages.join(' ')).toMatch(/not unique/);
  });

  it('a second enveloped signature is new content under the first one (XML-DSig has no incremental updates)', async () => {
    const once = await signXml(EDXML, rsa.key, { parent: 'edXMLHeader' });
    const twice = await signXml(once, ec.key, { parent: 'edXMLHeader' });
    const report = await validate(Buffer.from(twice), pki.trust());
    expect(report.signatures.map((s) => [s.indication, s.subIndication])).toEqual([
      ['TOTAL_FAILED', 'HASH_FAILURE'],
      ['TOTAL_PASSED', null],
    ]);
  });

  it('input that is not XML, or a missing location, is a typed error', async () => {
    await expect(signXml('không phải XML', rsa.key)).rejects.toMatchObject({ code: 'NOT_XML' });
    await expect(signXml('<a><b></a>', rsa.key)).rejects.toMatchObject({ code: 'XML_INVALID' });
    await expect(signXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', rsa.key)).rejects.toMatchObject({
      code: 'XML_INVALID',
    });
    await expect(signXml(EDXML, rsa.key, { parent: 'NoSuchElement' })).rejects.toMatchObject({
      code: 'XML_LOCATION_NOT_FOUND',
    });
  });
});

describe('XML validation of signatures made by xmlsec1', () => {
  const template = (method: string) =>
    EDXML.replace(
      '</edXMLHeader>',
      `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>` +
        `<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#${method}"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>` +
        `<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></edXMLHeader>`,
    );

  it.each([
    ['RSA', () => rsa, 'rsa-sha256'],
    ['ECDSA', () => ec, 'ecdsa-sha256'],
  ])(
    'xmlsec1 --sign (%s, inclusive C14N, default namespaces) validates in ours; tampering fails',
    async (_, who, method) => {
      const tmpl = pki.file(`tmpl-${method}.xml`, template(method));
      const out = pki.file(`xmlsec-${method}.xml`, '');
      const r = spawnSync(
        'xmlsec1',
        [
          '--sign',
          '--privkey-pem',
          `${who().keyPath},${who().certPath},${pki.issuing.certPath}`,
          '--output',
          out,
          tmpl,
        ],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const signed = readFileSync(out, 'utf8');
      const report = await validate(Buffer.from(signed), pki.trust());
      expect(report.signatures[0]).toMatchObject({
        format: 'XML-DSig',
        indication: 'TOTAL_PASSED',
        intact: true,
        coversWholeDocument: true,
      });
      const tampered = signed.replace('QĐ-UBND', 'QĐ-UBNT');
      expect(xmlsecVerify(tampered).ok).toBe(false);
      expect((await validate(Buffer.from(tampered), pki.trust())).subIndication).toBe('HASH_FAILURE');
    },
  );
});
