/** Reading and cryptographic checking of CMS SignedData made by anyone (OpenSSL, NSS, ourselves). */
import { constants, createHash, createVerify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CertInfo, tryCertInfo } from './certs.js';
import { OID } from './cms-sign.js';
import { children, DIGEST_BY_OID, oidString, readTlv } from './der.js';

export interface ParsedCms {
  signedData: pkijs.SignedData;
  certificates: Uint8Array[];
  eContentType: string;
  /** Encapsulated content, null when detached. */
  eContent: Uint8Array | null;
}

/** ContentInfo(SignedData) from DER/BER bytes, or null when it is not one. */
export function parseCms(bytes: Uint8Array): ParsedCms | null {
  try {
    const asn = asn1js.fromBER(bytes);
    if (asn.offset === -1) return null;
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return null;
    const sd = new pkijs.SignedData({ schema: ci.content });
    const certificates = (sd.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new Uint8Array(c.toSchema().toBER()));
    const e = sd.encapContentInfo.eContent;
    return { signedData: sd, certificates, eContentType: sd.encapContentInfo.eContentType, eContent: e ? octetBytes(e) : null };
  } catch {
    return null;
  }
}

/** The bytes of an OCTET STRING, primitive or constructed (BER). */
function octetBytes(o: asn1js.OctetString): Uint8Array {
  if (!o.idBlock.isConstructed) return new Uint8Array(o.valueBlock.valueHexView);
  const parts = (o.valueBlock.value as asn1js.OctetString[]).map(octetBytes);
  return new Uint8Array(Buffer.concat(parts));
}

interface SigAlg {
  hash: string | null;
  scheme: 'pkcs1' | 'pss' | 'ecdsa';
  saltLength?: number;
}

const SIG_ALGS: Record<string, Omit<SigAlg, 'saltLength'>> = {
  '1.2.840.113549.1.1.1': { hash: null, scheme: 'pkcs1' },
  '1.2.840.113549.1.1.5': { hash: 'sha1', scheme: 'pkcs1' },
  '1.2.840.113549.1.1.14': { hash: 'sha224', scheme: 'pkcs1' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', scheme: 'pkcs1' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', scheme: 'pkcs1' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', scheme: 'pkcs1' },
  '1.2.840.10045.2.1': { hash: null, scheme: 'ecdsa' },
  '1.2.840.10045.4.1': { hash: 'sha1', scheme: 'ecdsa' },
  '1.2.840.10045.4.3.1': { hash: 'sha224', scheme: 'ecdsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', scheme: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', scheme: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', scheme: 'ecdsa' },
};

function signatureAlgorithm(alg: pkijs.AlgorithmIdentifier): SigAlg | null {
  if (alg.algorithmId === '1.2.840.113549.1.1.10') {
    try {
      const p = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      return { hash: DIGEST_BY_OID[p.hashAlgorithm.algorithmId] ?? null, scheme: 'pss', saltLength: p.saltLength };
    } catch {
      return null;
    }
  }
  return SIG_ALGS[alg.algorithmId] ?? null;
}

/** Verifies a raw signature over `data` pieces: PKCS#1 v1.5, PSS, or DER ECDSA. */
export function verifyRaw(alg: SigAlg, hash: string, key: KeyObject, data: Uint8Array[], signature: Uint8Array): boolean {
  try {
    const v = createVerify(hash);
    for (const d of data) v.update(d);
    if (alg.scheme === 'pss') return v.verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength ?? 20 }, signature);
    return v.verify(key, signature);
  } catch {
    return false;
  }
}

export interface SignerFacts {
  signerCert: CertInfo | null;
  /** Node hash name of the digest algorithm, or null if we do not know it. */
  digestAlgorithm: string | null;
  /** The message-digest signed attribute; null when there are no signed attributes. */
  messageDigest: Uint8Array | null;
  signingTime: Date | null;
  /** ESS signing-certificate(-v2) present, and whether it names the signer certificate. */
  signingCertificateRef: { version: 1 | 2; matches: boolean } | null;
  /** The content-type attribute agrees with the encapsulated content type. */
  contentTypeOk: boolean;
  signatureValid: boolean;
  /** Algorithms we cannot verify or do not accept. */
  unsupported: string | null;
  signatureValue: Uint8Array;
  timestampTokens: Uint8Array[];
}

function findSignerCert(si: pkijs.SignerInfo, certs: CertInfo[]): CertInfo | null {
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = Buffer.from(si.sid.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/, '');
    const issuer = Buffer.from(si.sid.issuer.toSchema().toBER());
    return certs.find((c) => c.summary.serial === serial && (c.issuerRaw.equals(issuer) || certs.length === 1)) ?? certs.find((c) => c.summary.serial === serial) ?? null;
  }
  const ski = Buffer.from((si.sid as asn1js.OctetString).valueBlock.valueHexView).toString('hex');
  return certs.find((c) => c.ski === ski) ?? null;
}

function signingCertRef(attr: pkijs.Attribute, version: 1 | 2, signer: CertInfo | null): { version: 1 | 2; matches: boolean } {
  try {
    return { version, matches: essCertMatches(attr, version, signer) };
  } catch {
    return { version, matches: false };
  }
}

/** The first ESSCertID(v2) hashes the signer certificate (RFC 2634 / RFC 5035). */
function essCertMatches(attr: pkijs.Attribute, version: 1 | 2, signer: CertInfo | null): boolean {
  const der = new Uint8Array(attr.values[0].toBER());
  const certIds = children(der, readTlv(der, readTlv(der, 0).contentStart));
  const first = children(der, certIds[0]);
  let hash = version === 1 ? 'sha1' : 'sha256';
  let i = 0;
  if (version === 2 && first[0].tag === 0x30) {
    const algOid = children(der, first[0])[0];
    hash = DIGEST_BY_OID[oidString(der.subarray(algOid.contentStart, algOid.end))] ?? 'unknown';
    i = 1;
  }
  const certHash = Buffer.from(der.subarray(first[i].contentStart, first[i].end));
  if (!signer || hash === 'unknown') return false;
  return createHash(hash).update(signer.der).digest().equals(certHash);
}

function attrValue(si: pkijs.SignerInfo, type: string, unsigned = false): pkijs.Attribute | undefined {
  const set = unsigned ? si.unsignedAttrs : si.signedAttrs;
  return set?.attributes.find((a) => a.type === type);
}

/**
 * The facts of one SignerInfo. `content` is needed only when there are no signed attributes (the
 * signature is then over the content itself); otherwise the caller compares `messageDigest`.
 */
export function signerFacts(cms: ParsedCms, index = 0, content: Uint8Array[] | null = null): SignerFacts {
  const si = cms.signedData.signerInfos[index];
  const certs = cms.certificates.map(tryCertInfo).filter((c): c is CertInfo => c !== null);
  const signerCert = findSignerCert(si, certs);
  const digestAlgorithm = DIGEST_BY_OID[si.digestAlgorithm.algorithmId] ?? null;
  const alg = signatureAlgorithm(si.signatureAlgorithm);
  const signatureValue = new Uint8Array(si.signature.valueBlock.valueHexView);
  const md = attrValue(si, OID.messageDigest);
  const ct = attrValue(si, OID.contentType);
  const st = attrValue(si, OID.signingTime);
  const v2 = attrValue(si, OID.signingCertificateV2);
  const v1 = attrValue(si, OID.signingCertificate);
  const hash = alg?.hash ?? digestAlgorithm;
  const unsupported = !alg ? `signature algorithm ${si.signatureAlgorithm.algorithmId}` : !hash ? `digest algorithm ${si.digestAlgorithm.algorithmId}` : null;
  const signed = si.signedAttrs ? [new Uint8Array(si.signedAttrs.encodedValue)] : content;
  const signatureValid = !!(signerCert && alg && hash && signed && verifyRaw(alg, hash, signerCert.publicKey, signed, signatureValue));
  return {
    signerCert,
    digestAlgorithm,
    messageDigest: md ? new Uint8Array((md.values[0] as asn1js.OctetString).valueBlock.valueHexView) : null,
    signingTime: st ? timeValue(st.values[0]) : null,
    signingCertificateRef: v2 ? signingCertRef(v2, 2, signerCert) : v1 ? signingCertRef(v1, 1, signerCert) : null,
    contentTypeOk: !ct || (ct.values[0] as asn1js.ObjectIdentifier).valueBlock.toString() === cms.eContentType,
    signatureValid,
    unsupported,
    signatureValue,
    timestampTokens: (si.unsignedAttrs?.attributes ?? []).filter((a) => a.type === OID.signatureTimeStamp).map((a) => new Uint8Array(a.values[0].toBER())),
  };
}

function timeValue(v: unknown): Date | null {
  if (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime) return v.toDate();
  return null;
}
