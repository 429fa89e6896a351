import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Crockford's base 32: no I, L, O, U, so a code read aloud or typed from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Typed from paper: upper case, without spaces or dashes, O→0 and I/L→1 as Crockford reads them. */
export function normaliseCode(s: string): string {
  return s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The two secrets printed on a dossier's receipt (Giấy tiếp nhận, Mẫu 01), derived from the dossier
 * id with a key of the deployment, so a reprint shows the same codes and nothing is stored:
 * the claim code (10 characters, 50 bits) that attaches a dossier filed at the desk to its
 * applicant's account, and the tracking token (16 characters) of the QR code's tracking link.
 */
export class ReceiptCodes {
  private readonly key: Buffer;
  constructor(appSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'egov-dossier-receipt', 'claim-and-track', 32));
  }
  private code(purpose: string, dossierId: string, length: number) {
    return base32(createHmac('sha256', this.key).update(`${purpose}:${dossierId}`).digest(), length);
  }
  /** As printed: `XXXXX-XXXXX`. */
  claimCode(dossierId: string): string {
    const c = this.code('claim', dossierId, 10);
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  }
  checkClaimCode(dossierId: string, typed: string): boolean {
    return same(normaliseCode(typed), this.code('claim', dossierId, 10));
  }
  trackingToken(dossierId: string): string {
    return this.code('track', dossierId, 16);
  }
  checkTrackingToken(dossierId: string, typed: string): boolean {
    return same(normaliseCode(typed), this.code('track', dossierId, 16));
  }
}
