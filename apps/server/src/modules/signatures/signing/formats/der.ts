/**
 * A minimal DER writer and reader. Signing builds CMS structures by concatenating DER pieces
 * (precomputed per key where they do not change), which costs microseconds where a schema library
 * costs a large share of an ECDSA signature. Parsing of foreign input uses pkijs/asn1js.
 */
import { createHash } from 'node:crypto';
import type { HashAlgorithm } from '../../signing-ports.js';

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
  return tlv(0x31, ...items.slice().sort((a, b) => Buffer.compare(a, b)));
}

export function integer(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [];
    let v = p;
    do {
      stack.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i]! |= 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

let lastTime: { second: number; der: Buffer } | null = null;

/** UTCTime for 1950–2049 (RFC 5280 §4.1.2.5), GeneralizedTime otherwise (one encoding per second, reused). */
export function time(d: Date): Buffer {
  const second = Math.floor(d.getTime() / 1000);
  if (lastTime?.second === second) return lastTime.der;
  lastTime = { second, der: encodeTime(d) };
  return lastTime.der;
}

function encodeTime(d: Date): Buffer {
  const iso = d.toISOString();
  const y = d.getUTCFullYear();
  const rest = `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${String(y).slice(2)}${rest}`, 'ascii'));
  return tlv(0x18, Buffer.from(`${y}${rest}`, 'ascii'));
}

/** One element of a DER/BER buffer: tag, where its content is, where the element ends. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
}

/**
 * Reads the element at `pos`. Definite lengths, and BER indefinite lengths of constructed
 * elements (NSS and OpenSSL streaming output use them); throws on anything malformed.
 */
export function readTlv(buf: Uint8Array, pos: number, limit = buf.length): Tlv {
  if (pos + 2 > limit) throw new Error('DER element overruns its buffer');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('multi-byte tags are not used here');
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len === 0x80) {
    if (!(tag & 0x20)) throw new Error('indefinite length on a primitive element');
    let q = p;
    while (!(buf[q] === 0 && buf[q + 1] === 0)) q = readTlv(buf, q, limit).end;
    return { tag, start: pos, contentStart: p, contentEnd: q, end: q + 2 };
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4) throw new Error('unsupported DER length');
    if (p + n > limit) throw new Error('DER element overruns its buffer');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  if (p + len > limit) throw new Error('DER element overruns its buffer');
  return { tag, start: pos, contentStart: p, contentEnd: p + len, end: p + len };
}

/** The children of a constructed element. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd;) {
    const t = readTlv(buf, p, parent.contentEnd);
    out.push(t);
    p = t.end;
  }
  return out;
}

export const slice = (buf: Uint8Array, t: Tlv) => buf.subarray(t.start, t.end);
export const content = (buf: Uint8Array, t: Tlv) => buf.subarray(t.contentStart, t.contentEnd);

/** The bytes of an OCTET STRING, primitive or constructed (BER chunks). */
export function octetContent(buf: Uint8Array, t: Tlv): Uint8Array {
  if (!(t.tag & 0x20)) return content(buf, t);
  return new Uint8Array(Buffer.concat(children(buf, t).map((c) => octetContent(buf, c))));
}

/** UTCTime or GeneralizedTime → Date (null if neither). */
export function timeOf(buf: Uint8Array, t: Tlv): Date | null {
  const s = Buffer.from(content(buf, t)).toString('latin1');
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : t.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(s)
        : null;
  if (!m) return null;
  const year = t.tag === 0x17 ? (+m[1]! < 50 ? 2000 + +m[1]! : 1900 + +m[1]!) : +m[1]!;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(year, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), ms));
}

/** The raw pieces of a certificate that CMS copies: issuer Name, serial INTEGER, subject Name. */
export function certificateParts(der: Uint8Array): { issuer: Uint8Array; serial: Uint8Array; subject: Uint8Array } {
  const cert = readTlv(der, 0);
  const tbs = readTlv(der, cert.contentStart);
  const f = children(der, tbs);
  const o = f[0]!.tag === 0xa0 ? 1 : 0;
  return { serial: slice(der, f[o]!), issuer: slice(der, f[o + 2]!), subject: slice(der, f[o + 4]!) };
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
