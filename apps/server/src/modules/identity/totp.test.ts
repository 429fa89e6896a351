import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUrl, totp, verifyTotp } from './totp.js';

// RFC 6238 Appendix B test vectors (SHA-1 seed "12345678901234567890"), 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [t, code] of VECTORS) expect(hotp(SEED, Math.floor(t / 30), 8)).toBe(code);
  });
  it('matches the RFC 4226 HOTP vectors for 6 digits', () => {
    expect([0, 1, 2, 3, 9].map((c) => hotp(SEED, c))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });
  it('round-trips base32 and verifies within one step of drift only', () => {
    const secret = base32Encode(SEED);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret)).toEqual(SEED);
    const at = new Date(59_000);
    expect(totp(secret, at)).toBe('287082');
    expect(verifyTotp(secret, '287082', at)).toBe(1);
    expect(verifyTotp(secret, '287082', new Date(59_000 + 30_000))).toBe(1);
    expect(verifyTotp(secret, '287082', new Date(59_000 + 60_000))).toBeNull();
    expect(verifyTotp(secret, '12345', at)).toBeNull();
  });
  it('builds an otpauth URL that authenticator apps read', () => {
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXP', '001099012345', 'Cổng DVC'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).toBe('Cổng DVC');
    expect(url.searchParams.get('digits')).toBe('6');
  });
});
