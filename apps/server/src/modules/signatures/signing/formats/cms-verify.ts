/**
 * Reading and cryptographic checking of CMS SignedData made by anyone (OpenSSL, NSS, ourselves).
 * Parsed with our small DER/BER reader: asn1js takes tens of milliseconds per signature on this
 * machine, which alone would cap validation far below the 200/s a 1 MB PDF is aimed at.
 */
import { constants, createHash, createVerify, type KeyObject } from 'node:crypto';
import { type CertInfo, tryCertInfo } from './certs.js';
import { OID } from './cms-sign.js';
import { children, content, DIGEST_BY_OID, octetContent, oidString, readTlv, slice, type Tlv, timeOf } from './der.js';

export interface CmsAttribute {
  type: string;
  /** Each value's whole encoding. */
  values: Uint8Array[];
}

export interface RawSignerInfo {
  sid: { issuer: Buffer; serial: string } | { ski: string };
  digestOid: string;
  /** The signed attributes encoded as a SET (what the signature covers), or null. */
  signedAttrs: Uint8Array | null;
  attrs: CmsAttribute[];
  unsignedAttrs: CmsAttribute[];
  sigAlgOid: string;
  /** The signature algorithm's parameters (RSASSA-PSS), encoded, or null. */
  sigAlgParams: Uint8Array | null;
  signature: Uint8Array;
}

export interface ParsedCms {
  signers: RawSignerInfo[];
  certificates: Uint8Array[];
  eContentType: string;
  /** Encapsulated content, null when detached. */
  eContent: Uint8Array | null;
}

const oidAt = (buf: Uint8Array, t: Tlv) => {
  if (t.tag !== 0x06) throw new Error('expected an OBJECT IDENTIFIER');
  return oidString(content(buf, t));
};
const hexInt = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/^(00)+(?=.)/, '');

function attributes(buf: Uint8Array, set: Tlv): CmsAttribute[] {
  return children(buf, set).map((a) => {
    const [type, values] = children(buf, a);
    return { type: oidAt(buf, type!), values: children(buf, values!).map((v) => slice(buf, v)) };
  });
}

function signerInfo(buf: Uint8Array, si: Tlv): RawSignerInfo {
  const f = children(buf, si);
  let i = 1;
  const sidT = f[i++]!;
  const sid =
    sidT.tag === 0x30
      ? {
          issuer: Buffer.from(slice(buf, children(buf, sidT)[0]!)),
          serial: hexInt(content(buf, children(buf, sidT)[1]!)),
        }
      : { ski: Buffer.from(content(buf, sidT)).toString('hex') };
  const digestOid = oidAt(buf, children(buf, f[i++]!)[0]!);
  let signedAttrs: Uint8Array | null = null;
  let attrs: CmsAttribute[] = [];
  if (f[i]!.tag === 0xa0) {
    // The signature covers the attributes with the universal SET tag, not [0].
    signedAttrs = Buffer.from(slice(buf, f[i]!));
    signedAttrs[0] = 0x31;
    attrs = attributes(buf, f[i++]!);
  }
  const alg = children(buf, f[i++]!);
  const signature = content(buf, f[i++]!);
  const unsignedAttrs = f[i]?.tag === 0xa1 ? attributes(buf, f[i]!) : [];
  return {
    sid,
    digestOid,
    signedAttrs,
    attrs,
    unsignedAttrs,
    sigAlgOid: oidAt(buf, alg[0]!),
    sigAlgParams: alg[1] && alg[1].tag !== 0x05 ? slice(buf, alg[1]) : null,
    signature,
  };
}

/** ContentInfo(SignedData) from DER/BER bytes, or null when it is not one. */
export function parseCms(bytes: Uint8Array): ParsedCms | null {
  try {
    const ci = readTlv(bytes, 0);
    const [type, wrapped] = children(bytes, ci);
    if (oidAt(bytes, type!) !== OID.signedData || wrapped!.tag !== 0xa0) return null;
    const sd = children(bytes, children(bytes, wrapped!)[0]!);
    const encap = children(bytes, sd[2]!);
    const eContent = encap[1] ? octetContent(bytes, children(bytes, encap[1])[0]!) : null;
    let i = 3;
    let certificates: Uint8Array[] = [];
    if (sd[i]?.tag === 0xa0)
      certificates = children(bytes, sd[i++]!)
        .filter((c) => c.tag === 0x30)
        .map((c) => slice(bytes, c));
    if (sd[i]?.tag === 0xa1) i++;
    const signers = children(bytes, sd[i]!).map((s) => signerInfo(bytes, s));
    if (!signers.length) return null;
    return { signers, certificates, eContentType: oidAt(bytes, encap[0]!), eContent };
  } catch {
    return null;
  }
}

interface SigAlg {
  hash: string | null;
  scheme: 'pkcs1' | 'pss' | 'ecdsa';
  saltLength?: number;
}

const SIG_ALGS: Record<string, SigAlg> = {
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

/** RSASSA-PSS parameters: [0] hash algorithm (default SHA-1), [2] salt length (default 20). */
function pssAlg(params: Uint8Array | null): SigAlg {
  let hash = 'sha1';
  let saltLength = 20;
  if (params) {
    for (const f of children(params, readTlv(params, 0))) {
      const inner = children(params, f)[0];
      if (f.tag === 0xa0) hash = DIGEST_BY_OID[oidAt(params, children(params, inner!)[0]!)] ?? 'unknown';
      if (f.tag === 0xa2) saltLength = Number.parseInt(hexInt(content(params, inner!)) || '0', 16);
    }
  }
  return { hash: hash === 'unknown' ? null : hash, scheme: 'pss', saltLength };
}

/** Verifies a raw signature over `data` pieces: PKCS#1 v1.5, PSS, or DER ECDSA. */
export function verifyRaw(
  alg: SigAlg,
  hash: string,
  key: KeyObject,
  data: Uint8Array[],
  signature: Uint8Array,
): boolean {
  try {
    const v = createVerify(hash);
    for (const d of data) v.update(d);
    if (alg.scheme === 'pss')
      return v.verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength ?? 20 }, signature);
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

function findSignerCert(si: RawSignerInfo, certs: CertInfo[]): CertInfo | null {
  if ('ski' in si.sid) {
    const ski = si.sid.ski;
    return certs.find((c) => c.ski === ski) ?? null;
  }
  const { issuer, serial } = si.sid;
  return (
    certs.find((c) => c.summary.serial === serial && c.issuerRaw.equals(issuer)) ??
    certs.find((c) => c.summary.serial === serial) ??
    null
  );
}

/** The first ESSCertID(v2) hashes the signer certificate (RFC 2634 / RFC 5035). */
function essCertMatches(value: Uint8Array, version: 1 | 2, signer: CertInfo | null): boolean {
  try {
    const certIds = children(value, children(value, readTlv(value, 0))[0]!);
    const first = children(value, certIds[0]!);
    let hash = version === 1 ? 'sha1' : 'sha256';
    let i = 0;
    if (version === 2 && first[0]!.tag === 0x30) {
      hash = DIGEST_BY_OID[oidAt(value, children(value, first[0]!)[0]!)] ?? 'unknown';
      i = 1;
    }
    if (!signer || hash === 'unknown') return false;
    return createHash(hash).update(signer.der).digest().equals(content(value, first[i]!));
  } catch {
    return false;
  }
}

const attr = (list: CmsAttribute[], type: string) => list.find((a) => a.type === type)?.values[0] ?? null;

function valueOf(v: Uint8Array | null, read: (buf: Uint8Array, t: Tlv) => unknown) {
  if (!v) return null;
  try {
    return read(v, readTlv(v, 0));
  } catch {
    return null;
  }
}

/**
 * The facts of one SignerInfo. `content` is needed only when there are no signed attributes (the
 * signature is then over the content itself); otherwise the caller compares `messageDigest`.
 */
export function signerFacts(cms: ParsedCms, index = 0, signedContent: Uint8Array[] | null = null): SignerFacts {
  const si = cms.signers[index]!;
  const certs = cms.certificates.map(tryCertInfo).filter((c): c is CertInfo => c !== null);
  const signerCert = findSignerCert(si, certs);
  const digestAlgorithm = DIGEST_BY_OID[si.digestOid] ?? null;
  const alg = si.sigAlgOid === '1.2.840.113549.1.1.10' ? pssAlg(si.sigAlgParams) : (SIG_ALGS[si.sigAlgOid] ?? null);
  const hash = alg?.hash ?? digestAlgorithm;
  const unsupported = !alg ? `signature algorithm ${si.sigAlgOid}` : !hash ? `digest algorithm ${si.digestOid}` : null;
  const signed = si.signedAttrs ? [si.signedAttrs] : signedContent;
  const v2 = attr(si.attrs, OID.signingCertificateV2);
  const v1 = attr(si.attrs, OID.signingCertificate);
  const ct = valueOf(attr(si.attrs, OID.contentType), oidAt) as string | null;
  return {
    signerCert,
    digestAlgorithm,
    messageDigest: valueOf(attr(si.attrs, OID.messageDigest), content) as Uint8Array | null,
    signingTime: valueOf(attr(si.attrs, OID.signingTime), timeOf) as Date | null,
    signingCertificateRef: v2
      ? { version: 2, matches: essCertMatches(v2, 2, signerCert) }
      : v1
        ? { version: 1, matches: essCertMatches(v1, 1, signerCert) }
        : null,
    contentTypeOk: !si.signedAttrs || ct === cms.eContentType,
    signatureValid: !!(
      signerCert &&
      alg &&
      hash &&
      signed &&
      verifyRaw(alg, hash, signerCert.publicKey, signed, si.signature)
    ),
    unsupported,
    signatureValue: si.signature,
    timestampTokens: si.unsignedAttrs.filter((a) => a.type === OID.signatureTimeStamp).map((a) => a.values[0]!),
  };
}

/** TSTInfo (RFC 3161): the imprint and the time. */
export function parseTstInfo(
  der: Uint8Array,
): { imprintHash: string | null; imprint: Uint8Array; genTime: Date | null } | null {
  try {
    const f = children(der, readTlv(der, 0));
    const [alg, hashed] = children(der, f[2]!);
    return {
      imprintHash: DIGEST_BY_OID[oidAt(der, children(der, alg!)[0]!)] ?? null,
      imprint: content(der, hashed!),
      genTime: timeOf(der, f[4]!),
    };
  } catch {
    return null;
  }
}
