import { describe, expect, it } from 'vitest';
import { encodeQr, qrSvg } from './qr-code';

// Checked by decoding with zbarimg while writing the encoder (versions 1, 5, 8, 13, 26, UTF-8 text);
// these tests pin down the structure so a regression is noticed without a decoder.
describe('encodeQr', () => {
  it('picks the smallest version for level M byte mode', () => {
    expect(encodeQr('A').version).toBe(1);
    expect(encodeQr('x'.repeat(14)).version).toBe(1);
    expect(encodeQr('x'.repeat(15)).version).toBe(2);
    const url =
      'otpauth://totp/C%E1%BB%95ng%20DVC%3A001090134416?secret=B2OW7XRDZIECL7WEKIOPRM6WMPDM3QJF&issuer=C%E1%BB%95ng+DVC&algorithm=SHA1&digits=6&period=30';
    const q = encodeQr(url);
    expect(q.version).toBe(8);
    expect(q.size).toBe(49);
    expect(q.modules).toHaveLength(49);
  });

  it('draws the three finder patterns and the timing patterns', () => {
    const { modules: m, size } = encodeQr('hello world');
    for (const [x0, y0] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      for (let i = 0; i < 7; i++) {
        expect(m[y0]![x0 + i]).toBe(true);
        expect(m[y0 + 6]![x0 + i]).toBe(true);
      }
      expect(m[y0 + 1]![x0 + 1]).toBe(false);
      expect(m[y0 + 3]![x0 + 3]).toBe(true);
    }
    for (let i = 8; i < size - 8; i++) expect(m[6]![i]).toBe(i % 2 === 0);
    expect(m[size - 8]![8]).toBe(true); // the dark module
  });

  it('writes level M format information', () => {
    const { modules: m } = encodeQr('hello world');
    let bits = 0;
    for (let i = 0; i <= 5; i++) bits |= Number(m[i]![8]) << i;
    bits |= Number(m[7]![8]) << 6;
    bits |= Number(m[8]![8]) << 7;
    bits |= Number(m[8]![7]) << 8;
    for (let i = 9; i < 15; i++) bits |= Number(m[8]![14 - i]) << i;
    const data = (bits ^ 0x5412) >>> 10;
    expect(data >>> 3).toBe(0); // 00 = level M
  });

  it('is deterministic and makes an SVG', () => {
    expect(encodeQr('abc').modules).toEqual(encodeQr('abc').modules);
    expect(qrSvg('abc')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="232" height="232"/);
  });

  it('refuses data beyond version 40', () => {
    expect(() => encodeQr('z'.repeat(2400))).toThrow(/too long/);
  });
});
