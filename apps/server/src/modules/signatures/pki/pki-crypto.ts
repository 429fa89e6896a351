import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeyAlgorithm, KeyStore } from './key-store.js';
import type { HashAlgorithm } from '../signing-ports.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

/** The WebCrypto algorithm of a stored key, as @peculiar/x509 wants it on a signing key. */
function keyAlgorithm(alg: KeyAlgorithm, hash: HashAlgorithm) {
  if (alg === 'RSA-3072') return { name: 'RSASSA-PKCS1-v1_5', hash: { name: hash } };
  return { name: 'ECDSA', namedCurve: alg === 'ECDSA-P384' ? 'P-384' : 'P-256', hash: { name: hash } };
}

/** The hash that goes with a key: SHA-384 for P-384, SHA-256 otherwise. */
export function hashFor(alg: KeyAlgorithm): HashAlgorithm {
  return alg === 'ECDSA-P384' ? 'SHA-384' : 'SHA-256';
}

/** signatureAlgorithm OID for pkijs structures (CMS, OCSP). */
export function signatureOid(alg: KeyAlgorithm, hash: HashAlgorithm): string {
  const ec: Record<HashAlgorithm, string> = {
    'SHA-256': '1.2.840.10045.4.3.2',
    'SHA-384': '1.2.840.10045.4.3.3',
    'SHA-512': '1.2.840.10045.4.3.4',
  };
  const rsa: Record<HashAlgorithm, string> = {
    'SHA-256': '1.2.840.113549.1.1.11',
    'SHA-384': '1.2.840.113549.1.1.12',
    'SHA-512': '1.2.840.113549.1.1.13',
  };
  return alg === 'RSA-3072' ? rsa[hash] : ec[hash];
}

/** AlgorithmIdentifier of a signature by a stored key (RSA carries NULL parameters, ECDSA none). */
export function signatureAlgorithmIdentifier(alg: KeyAlgorithm, hash: HashAlgorithm): pkijs.AlgorithmIdentifier {
  const oid = signatureOid(alg, hash);
  return alg === 'RSA-3072'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: oid, algorithmParams: new asn1js.Null() })
    : new pkijs.AlgorithmIdentifier({ algorithmId: oid });
}

export const HASH_OIDS: Record<string, HashAlgorithm | 'SHA-1'> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export function digest(hash: HashAlgorithm | 'SHA-1', data: Uint8Array | ArrayBuffer): Buffer {
  return createHash(hash.replace('-', '').toLowerCase()).update(new Uint8Array(data)).digest();
}

/** DER ECDSA-Sig-Value → WebCrypto r‖s, which @peculiar/x509 converts back. */
function derToRaw(der: Uint8Array, size: number): Uint8Array {
  const seq = asn1js.fromBER(der).result as asn1js.Sequence;
  const out = new Uint8Array(size * 2);
  seq.valueBlock.value.forEach((v, i) => {
    let b = new Uint8Array((v as asn1js.Integer).valueBlock.valueHexView);
    while (b.length > size && b[0] === 0) b = b.subarray(1);
    out.set(b, i * size + (size - b.length));
  });
  return out;
}

/**
 * A signing key and a Crypto for @peculiar/x509's generators whose `subtle.sign` goes to the key
 * store: the generators build the TBS bytes, the store signs them, the private key stays inside.
 */
export async function storeSigner(store: KeyStore, keyId: string) {
  const alg = await store.algorithm(keyId);
  const hash = hashFor(alg);
  const algorithm = keyAlgorithm(alg, hash);
  const signingKey = { algorithm, type: 'private', extractable: false, usages: ['sign'] } as unknown as CryptoKey;
  const subtle = {
    sign: async (_a: unknown, _k: unknown, data: BufferSource) => {
      const der = await store.sign(keyId, new Uint8Array(data as ArrayBuffer), hash);
      const raw = alg === 'RSA-3072' ? der : derToRaw(der, alg === 'ECDSA-P384' ? 48 : 32);
      return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    },
    digest: (a: AlgorithmIdentifier, d: BufferSource) => webcrypto.subtle.digest(a, d),
  };
  const crypto = {
    subtle,
    getRandomValues: <T extends ArrayBufferView | null>(a: T) => webcrypto.getRandomValues(a as never) as T,
  } as unknown as Crypto;
  return { alg, hash, signingKey, signingAlgorithm: algorithm, crypto };
}

export function toPem(der: Uint8Array | ArrayBuffer, label: 'CERTIFICATE' | 'X509 CRL'): string {
  const b64 = Buffer.from(new Uint8Array(der))
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** A copy in a fresh ArrayBuffer (what WebCrypto-typed APIs and pkijs want). */
export function arrayBuffer(d: Uint8Array): ArrayBuffer {
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
}

export const b64 = (d: Uint8Array | ArrayBuffer) => Buffer.from(new Uint8Array(d)).toString('base64');
export const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
export const sha256Hex = (d: Uint8Array | ArrayBuffer) => digest('SHA-256', d).toString('hex');

/** What the certificates table keeps of a certificate we issued: serial, subject, DER, fingerprint, validity. */
export const certificateColumns = (cert: x509.X509Certificate) => ({
  serial: cert.serialNumber.toLowerCase(),
  subject: cert.subject,
  der: b64(cert.rawData),
  fingerprint: sha256Hex(cert.rawData),
  notBefore: cert.notBefore,
  notAfter: cert.notAfter,
});
