import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PkiDeps } from './pki.deps.js';
import { arrayBuffer, digest, HASH_OIDS, hashFor, signatureAlgorithmIdentifier, unb64 } from './pki-crypto.js';
import type { HashAlgorithm } from '../signing-ports.js';
import type { CertificateRow } from './signatures.repository.js';

/**
 * Our TSA policy: a UUID-based OID (ITU-T X.667, arc 2.25), which needs no registration.
 * Demo policy: accuracy ±1 s, clock from the platform clock, no ordering guarantee.
 */
export const TSA_POLICY_OID = '2.25.183441532447218476749417343805370809995';

const OID = {
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
};

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
const FAIL = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  systemFailure: 25,
} as const;

const HASH_LENGTH: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const HASH_OID: Record<HashAlgorithm, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
};

function rejection(bit: number, text: string): Uint8Array {
  const bits = new Uint8Array(Math.floor(bit / 8) + 1);
  bits[Math.floor(bit / 8)] = 0x80 >> (bit % 8);
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: new asn1js.BitString({ valueHex: arrayBuffer(bits), unusedBits: 7 - (bit % 8) }),
    }),
  });
  return new Uint8Array(resp.toSchema().toBER());
}

const attribute = (type: string, value: asn1js.BaseBlock) => new pkijs.Attribute({ type, values: [value] });

/** ESS signing-certificate-v2 (RFC 5035): binds the token to the TSA certificate; `openssl ts -verify` requires it. */
function signingCertificateV2(tsaDer: Uint8Array, tsa: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [tsa.issuer.toSchema()] })],
      }),
      tsa.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: SHA-256 is the DEFAULT.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: arrayBuffer(digest('SHA-256', tsaDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER orders a SET OF by the encodings of its elements. */
function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = attrs.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  return enc.sort((x, y) => Buffer.compare(x.der, y.der)).map((x) => x.a);
}

export interface TokenInput {
  hash: HashAlgorithm;
  digest: Uint8Array;
  nonce?: asn1js.Integer;
  includeCertificate: boolean;
}

/** Sign a TimeStampToken (ContentInfo with SignedData over a TSTInfo) with the current TSA certificate. */
export async function makeTimestampToken(d: PkiDeps, i: TokenInput): Promise<Uint8Array> {
  const tsaRow = await d.cache.roleHolder(d.db, 'tsa');
  if (!tsaRow?.keyId) throw new Error('The time-stamping unit is not initialised (run `egov pki init`).');
  const issuing = await d.cache.ca(d.db, tsaRow.issuerId);
  const tsaDer = unb64(tsaRow.der);
  const tsaCert = d.cache.pkijs(tsaRow);
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: TSA_POLICY_OID,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: HASH_OID[i.hash],
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: arrayBuffer(i.digest) }),
    }),
    // 128 random bits, positive: unique without a shared counter between processes.
    serialNumber: new asn1js.Integer({ valueHex: arrayBuffer(Buffer.concat([Buffer.from([0x01]), randomBytes(16)])) }),
    genTime: new Date(Math.floor(d.clock.now().getTime() / 1000) * 1000),
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    // pkijs writes an empty INTEGER for an undefined nonce, which OpenSSL refuses: only when asked for.
    ...(i.nonce ? { nonce: i.nonce } : {}),
  });
  const content = tstInfo.toSchema().toBER();
  return signTstInfo(d, tsaRow, tsaDer, tsaCert, issuing, new Uint8Array(content), i.includeCertificate);
}

async function signTstInfo(
  d: PkiDeps,
  tsaRow: CertificateRow,
  tsaDer: Uint8Array,
  tsaCert: pkijs.Certificate,
  issuing: CertificateRow | null,
  content: Uint8Array,
  includeCertificate: boolean,
): Promise<Uint8Array> {
  const alg = await d.store.algorithm(tsaRow.keyId!);
  const hash = hashFor(alg);
  const signedAttrs = derSorted([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.tstInfo })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: arrayBuffer(digest(hash, content)) })),
    attribute(OID.signingCertificateV2, signingCertificateV2(tsaDer, tsaCert)),
  ]);
  const attrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttrs });
  const toSign = new Uint8Array(attrs.toSchema().toBER());
  toSign[0] = 0x31; // signed over as a SET OF, carried as [0] IMPLICIT
  const signature = await d.store.sign(tsaRow.keyId!, toSign, hash);
  const signer = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: tsaCert.issuer, serialNumber: tsaCert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hash], algorithmParams: new asn1js.Null() }),
    signedAttrs: attrs,
    signatureAlgorithm: signatureAlgorithmIdentifier(alg, hash),
    signature: new asn1js.OctetString({ valueHex: arrayBuffer(signature) }),
  });
  const certificates = includeCertificate ? [tsaCert, ...(issuing ? [d.cache.pkijs(issuing)] : [])] : undefined;
  const signed = new pkijs.SignedData({
    version: 3,
    digestAlgorithms: [
      new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hash], algorithmParams: new asn1js.Null() }),
    ],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: arrayBuffer(content) }),
    }),
    certificates,
    signerInfos: [signer],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER());
}

/**
 * RFC 3161 time-stamping unit over HTTP: TimeStampReq DER → TimeStampResp DER. Bad requests get a
 * `rejection` with the PKIFailureInfo bit RFC 3161 names, never an HTTP error.
 */
export async function answerTimestamp(d: PkiDeps, request: Uint8Array): Promise<Uint8Array> {
  let req: pkijs.TimeStampReq;
  try {
    req = pkijs.TimeStampReq.fromBER(arrayBuffer(request));
  } catch {
    return rejection(FAIL.badDataFormat, 'Not a DER TimeStampReq.');
  }
  if (req.version !== 1) return rejection(FAIL.badRequest, 'Only version 1 requests.');
  const hash = HASH_OIDS[req.messageImprint.hashAlgorithm.algorithmId];
  if (!hash || hash === 'SHA-1') return rejection(FAIL.badAlg, 'Use SHA-256, SHA-384 or SHA-512.');
  const imprint = new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (imprint.length !== HASH_LENGTH[hash])
    return rejection(FAIL.badDataFormat, 'The digest length does not match its algorithm.');
  if (req.reqPolicy && req.reqPolicy !== TSA_POLICY_OID)
    return rejection(FAIL.unacceptedPolicy, `This TSA only issues under policy ${TSA_POLICY_OID}.`);
  if (req.extensions?.length) return rejection(FAIL.unacceptedExtension, 'No request extensions are supported.');
  const token = await makeTimestampToken(d, {
    hash,
    digest: imprint,
    nonce: req.nonce,
    includeCertificate: req.certReq === true,
  });
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: pkijs.ContentInfo.fromBER(arrayBuffer(token)),
  });
  return new Uint8Array(resp.toSchema().toBER());
}
