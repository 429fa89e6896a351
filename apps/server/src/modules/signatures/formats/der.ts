/**
 * A minimal DER writer and reader. Signing builds CMS structures by concatenating DER pieces
 * (precomputed per key where they do not change), which costs microseconds where a schema library
 * costs a large share of an ECDSA signature. Parsing of foreign input uses pkijs/asn1js.
 */
import { createHash } from 'node:crypto';
import type { HashAlgorithm } from '../signing-ports.js';

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const nullDer = Buffer.from([0x05, 0x00]);
/** `[n]` context tag, constructed (EXPLICIT, or IMPLICIT over a constructed type). */
export const ctx = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);

/** DER `SET OF`: elements sorted by their encodings (X.690 §11.6). */
export function setOf(...items: Uint8Array[]): Buffer {
  const sorted = [...items].map((i) => Buffer.from(i)).sort(Buffer.compare);
  return tlv(0x31, ...sorted);
}

export function integer(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack: number[] = [];
    let v = p;
    do {
      stack.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i] |= 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for 1950–2049 (RFC 5280 §4.1.2.5), GeneralizedTime otherwise. */
export function time(d: Date): Buffer {
  const iso = d.toISOString();
  const y = d.getUTCFullYear();
  const rest = `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${String(y).slice(2)}${rest}`, 'ascii'));
  return tlv(0x18, Buffer.from(`${y}${rest}`, 'ascii'));
}

/** One element of a DER buffer: tag, where its content is, where it ends. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Reads the element at `pos` (definite lengths only: our own certificates and DER input). */
export function readTlv(buf: Uint8Array, pos: number): Tlv {
  const tag = buf[pos];
  let len = buf[pos + 1];
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++];
  }
  if (p + len > buf.length) throw new Error('DER element overruns its buffer');
  return { tag, start: pos, contentStart: p, end: p + len };
}

/** The children of a constructed element. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.end; ) {
    const t = readTlv(buf, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

export const slice = (buf: Uint8Array, t: Tlv) => buf.subarray(t.start, t.end);

/** The raw pieces of a certificate that CMS copies: issuer Name, serial INTEGER, subject Name. */
export function certificateParts(der: Uint8Array): { issuer: Uint8Array; serial: Uint8Array; subject: Uint8Array } {
  const cert = readTlv(der, 0);
  const tbs = readTlv(der, cert.contentStart);
  const f = children(der, tbs);
  const o = f[0].tag === 0xa0 ? 1 : 0;
  return { serial: slice(der, f[o]), issuer: slice(der, f[o + 2]), subject: slice(der, f[o + 4]) };
}

export const HASH_OIDS: Record<HashAlgorithm, string> = {
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
};

/** Digest OIDs we can compute when validating (SHA-1 only to report it as too weak). */
export const DIGEST_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export const nodeHash = (h: HashAlgorithm) => h.replace('-', '').toLowerCase();

export function digest(h: HashAlgorithm | string, ...data: Uint8Array[]): Buffer {
  const hash = createHash(h.includes('-') ? nodeHash(h as HashAlgorithm) : h);
  for (const d of data) hash.update(d);
  return hash.digest();
}

export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Dotted form of an OBJECT IDENTIFIER's content bytes. */
export function oidString(content: Uint8Array): string {
  const out: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (out.length === 0) out.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else out.push(v);
      v = 0;
    }
  }
  return out.join('.');
}
