/**
 * CMS SignedData (RFC 5652) in the CAdES baseline profile (ETSI EN 319 122-1): B-B carries
 * content-type, message-digest, signing-certificate-v2 and (outside PAdES) signing-time as signed
 * attributes; B-T adds an RFC 3161 signature timestamp as an unsigned attribute.
 */
import type { HashAlgorithm, SigningKey, TimestampAuthority } from '../../signing-ports.js';
import {
  certificateParts,
  ctx,
  digest,
  HASH_OIDS,
  integer,
  nullDer,
  octets,
  oid,
  seq,
  setOf,
  time,
  tlv,
} from './der.js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
} as const;

const ECDSA_SIG: Record<HashAlgorithm, string> = {
  'SHA-256': '1.2.840.10045.4.3.2',
  'SHA-384': '1.2.840.10045.4.3.3',
  'SHA-512': '1.2.840.10045.4.3.4',
};
const RSA_SIG: Record<HashAlgorithm, string> = {
  'SHA-256': '1.2.840.113549.1.1.11',
  'SHA-384': '1.2.840.113549.1.1.12',
  'SHA-512': '1.2.840.113549.1.1.13',
};

/** The hash a key signs with unless told otherwise: SHA-384 for P-384, SHA-256 for the rest. */
export const defaultHash = (key: SigningKey): HashAlgorithm => (key.algorithm === 'ECDSA-P384' ? 'SHA-384' : 'SHA-256');

const attribute = (type: string, ...values: Uint8Array[]) => seq(oid(type), setOf(...values));

// Pieces that never change, encoded once: signing an ECDSA key costs ~0.1 ms, so per-signature
// encoding work shows in the rate (the aim is CAdES within 2× of a raw signature).
const CONTENT_TYPE_DATA = attribute(OID.contentType, oid(OID.data));
const MESSAGE_DIGEST = oid(OID.messageDigest);
const SIGNING_TIME = oid(OID.signingTime);
const ENCAP_DETACHED = seq(oid(OID.data));
const DATA = oid(OID.data);
const SIGNED_DATA = oid(OID.signedData);
const SIGNATURE_TIMESTAMP = oid(OID.signatureTimeStamp);
const singleton = (type: Buffer, value: Uint8Array) => seq(type, tlv(0x31, value));

/** The parts of a SignerInfo that depend only on the key and the hash, computed once per key. */
interface Prepared {
  version: Buffer;
  digestAlgorithms: Buffer;
  certificates: Buffer;
  sid: Buffer;
  digestAlgorithm: Buffer;
  signatureAlgorithm: Buffer;
  signingCertificateV2: Buffer;
}

const prepared = new WeakMap<SigningKey, Map<HashAlgorithm, Prepared>>();

function prepare(key: SigningKey, hash: HashAlgorithm): Prepared {
  let byHash = prepared.get(key);
  if (!byHash) prepared.set(key, (byHash = new Map()));
  const hit = byHash.get(hash);
  if (hit) return hit;
  const cert = key.chain[0];
  if (!cert) throw new Error('the signing key has no certificate');
  const { issuer, serial } = certificateParts(cert);
  const digestAlgorithm = seq(oid(HASH_OIDS[hash]));
  const ecdsa = key.algorithm.startsWith('ECDSA');
  const signatureAlgorithm = ecdsa ? seq(oid(ECDSA_SIG[hash])) : seq(oid(RSA_SIG[hash]), nullDer);
  // ESSCertIDv2: the hash algorithm is omitted when it is the default, SHA-256 (DER).
  const essCertId = seq(
    ...(hash === 'SHA-256' ? [] : [digestAlgorithm]),
    octets(digest(hash, cert)),
    seq(seq(tlv(0xa4, issuer)), serial),
  );
  const p: Prepared = {
    version: integer(1),
    digestAlgorithms: setOf(digestAlgorithm),
    // Signer first, then its CAs: readers that take "the first certificate" get the right one.
    certificates: ctx(0, ...key.chain),
    sid: seq(issuer, serial),
    digestAlgorithm,
    signatureAlgorithm,
    signingCertificateV2: attribute(OID.signingCertificateV2, seq(seq(essCertId))),
  };
  byHash.set(hash, p);
  return p;
}

export interface CmsOptions {
  hash?: HashAlgorithm;
  /** Claimed signing time as a signed attribute; omitted for PAdES (the PDF's /M carries it). */
  signingTime?: Date;
  /** With an authority: level B-T (signature timestamp). */
  tsa?: TimestampAuthority;
  /** Attached signature: the content goes inside. */
  encapsulate?: Uint8Array;
}

/** A DER ContentInfo(SignedData) over content whose digest (with `o.hash`) is `messageDigest`. */
export async function signedDataForDigest(
  key: SigningKey,
  messageDigest: Uint8Array,
  o: CmsOptions = {},
): Promise<Buffer> {
  const hash = o.hash ?? defaultHash(key);
  const p = prepare(key, hash);
  const attrs = [CONTENT_TYPE_DATA, singleton(MESSAGE_DIGEST, octets(messageDigest)), p.signingCertificateV2];
  if (o.signingTime) attrs.push(singleton(SIGNING_TIME, time(o.signingTime)));
  const signedAttrs = setOf(...attrs);
  // The signature covers the attributes encoded as a SET; they travel as [0] IMPLICIT.
  const signature = await key.sign(signedAttrs, hash);
  const signedAttrsImplicit = Buffer.concat([Buffer.from([0xa0]), signedAttrs.subarray(1)]);
  const unsigned: Buffer[] = [];
  if (o.tsa) {
    const token = await o.tsa.timestamp(digest(hash, signature), hash);
    unsigned.push(ctx(1, singleton(SIGNATURE_TIMESTAMP, token)));
  }
  const signerInfo = seq(
    p.version,
    p.sid,
    p.digestAlgorithm,
    signedAttrsImplicit,
    p.signatureAlgorithm,
    octets(signature),
    ...unsigned,
  );
  const encap = o.encapsulate ? seq(DATA, ctx(0, octets(o.encapsulate))) : ENCAP_DETACHED;
  const signedData = seq(p.version, p.digestAlgorithms, encap, p.certificates, tlv(0x31, signerInfo));
  return seq(SIGNED_DATA, ctx(0, signedData));
}

export interface CadesOptions {
  /** Detached `.p7s` (default) or attached (the content inside). */
  detached?: boolean;
  level?: 'B-B' | 'B-T';
  tsa?: TimestampAuthority;
  hash?: HashAlgorithm;
  /** Defaults to now. */
  signingTime?: Date;
}

/** CAdES baseline B-B or B-T over `content`: a DER CMS ContentInfo (`.p7s` when detached). */
export async function signCades(content: Uint8Array, key: SigningKey, o: CadesOptions = {}): Promise<Buffer> {
  const level = o.level ?? (o.tsa ? 'B-T' : 'B-B');
  if (level === 'B-T' && !o.tsa) throw new Error('CAdES B-T needs a timestamp authority');
  const hash = o.hash ?? defaultHash(key);
  return signedDataForDigest(key, digest(hash, content), {
    hash,
    signingTime: o.signingTime ?? new Date(),
    tsa: level === 'B-T' ? o.tsa : undefined,
    encapsulate: o.detached === false ? content : undefined,
  });
}
