import 'reflect-metadata';
import { createHash, type KeyObject, X509Certificate as NodeCert } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateSummary } from '../../signing-ports.js';
import { certificateParts } from './der.js';

/** What validation needs to know about one certificate, parsed once per process. */
export interface CertInfo {
  der: Uint8Array;
  fingerprint: string;
  node: NodeCert;
  publicKey: KeyObject;
  summary: CertificateSummary;
  subjectRaw: Buffer;
  issuerRaw: Buffer;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  /** Key usage bits, or null when the extension is absent (any use). */
  keyUsage: number | null;
  extKeyUsage: string[];
  ski: string | null;
  aki: string | null;
  /** RSA modulus or EC field size, for crypto constraints. */
  keyBits: number;
  keyType: 'rsa' | 'ec' | 'other';
  /** Subject title (chức vụ) and organisation (cơ quan), for the visible block. */
  title: string | null;
  organization: string | null;
}

export const KU = x509.KeyUsageFlags;
export const EKU_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';

const cache = new Map<string, CertInfo>();
const CACHE_MAX = 2000;

const hexSerial = (s: string) => s.toLowerCase().replace(/^(00)+(?=.)/, '');

function parse(der: Uint8Array, fingerprint: string): CertInfo {
  const node = new NodeCert(der);
  const p = new x509.X509Certificate(new Uint8Array(der));
  const field = (oid: string) => p.subjectName.getField(oid)[0]?.normalize('NFC') ?? null;
  const cn = field('2.5.4.3');
  const bc = p.getExtension(x509.BasicConstraintsExtension);
  const ku = p.getExtension(x509.KeyUsagesExtension);
  const eku = p.getExtension(x509.ExtendedKeyUsageExtension);
  const ski = p.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = p.getExtension(x509.AuthorityKeyIdentifierExtension);
  const parts = certificateParts(der);
  const d = node.publicKey.asymmetricKeyDetails ?? {};
  const keyType =
    node.publicKey.asymmetricKeyType === 'rsa' ? 'rsa' : node.publicKey.asymmetricKeyType === 'ec' ? 'ec' : 'other';
  const curveBits: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
  return {
    der,
    fingerprint,
    node,
    publicKey: node.publicKey,
    summary: {
      subject: p.subject.normalize('NFC'),
      commonName: cn,
      issuer: p.issuer.normalize('NFC'),
      serial: hexSerial(p.serialNumber),
      notBefore: p.notBefore.toISOString(),
      notAfter: p.notAfter.toISOString(),
      fingerprint,
    },
    subjectRaw: Buffer.from(parts.subject),
    issuerRaw: Buffer.from(parts.issuer),
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    isCA: bc?.ca ?? false,
    keyUsage: ku ? ku.usages : null,
    extKeyUsage: (eku?.usages ?? []).map(String),
    ski: ski?.keyId?.toLowerCase() ?? null,
    aki: aki?.keyId?.toLowerCase() ?? null,
    keyBits: keyType === 'rsa' ? (d.modulusLength ?? 0) : (curveBits[d.namedCurve ?? ''] ?? 0),
    keyType,
    title: field('2.5.4.12'),
    organization: field('2.5.4.10'),
  };
}

/** Parses (or takes from the cache) a DER certificate; throws on garbage. */
export function certInfo(der: Uint8Array): CertInfo {
  const fingerprint = createHash('sha256').update(der).digest('hex');
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const info = parse(der, fingerprint);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(fingerprint, info);
  return info;
}

/** Like certInfo, null for something that is not a certificate. */
export function tryCertInfo(der: Uint8Array): CertInfo | null {
  try {
    return certInfo(der);
  } catch {
    return null;
  }
}

const verified = new Map<string, boolean>();

/** `child` names `issuer` as its issuer and carries its signature (results cached per pair). */
export function issuedBy(child: CertInfo, issuer: CertInfo): boolean {
  const namesMatch = child.issuerRaw.equals(issuer.subjectRaw) || child.node.issuer === issuer.node.subject;
  if (!namesMatch) return false;
  if (child.aki && issuer.ski && child.aki !== issuer.ski) return false;
  const k = `${child.fingerprint}>${issuer.fingerprint}`;
  let ok = verified.get(k);
  if (ok === undefined) {
    try {
      ok = child.node.verify(issuer.publicKey);
    } catch {
      ok = false;
    }
    if (verified.size >= CACHE_MAX) verified.clear();
    verified.set(k, ok);
  }
  return ok;
}

export const isSelfSigned = (c: CertInfo) => c.subjectRaw.equals(c.issuerRaw) && issuedBy(c, c);
