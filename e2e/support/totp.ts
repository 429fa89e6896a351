import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding required, spaces ignored). */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 time step for a moment (30 s steps). */
export function timeStep(now = Date.now(), stepSeconds = 30): number {
  return Math.floor(now / 1000 / stepSeconds);
}

/** RFC 4226 HOTP with SHA-1, 6 digits. */
export function hotp(secret: string, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s). */
export function totp(secret: string, now = Date.now()): string {
  return hotp(secret, timeStep(now));
}

/**
 * A code from a time step later than `after` with at least `marginMs` left in it, waiting for the
 * clock when needed: servers refuse a code twice, and a code about to expire makes flaky tests.
 */
export async function freshTotp(
  secret: string,
  { after = -1, marginMs = 3_000 } = {},
): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = Date.now();
    const step = timeStep(now);
    const left = (step + 1) * 30_000 - now;
    if (step > after && left >= marginMs) return { code: hotp(secret, step), step };
    await new Promise((r) => setTimeout(r, Math.min(left + 50, 1_000)));
  }
}
