import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-image';

const OTPAUTH =
  'otpauth://totp/C%E1%BB%95ng%20DVC%3A001090134416?secret=B2OW7XRDZIECL7WEKIOPRM6WMPDM3QJF&issuer=C%E1%BB%95ng+DVC&algorithm=SHA1&digits=6&period=30';

describe('qrPath', () => {
  it('draws one square per dark module of the level-M code, inside a 4-module quiet zone', () => {
    const { modules } = create(OTPAUTH, { errorCorrectionLevel: 'M' });
    const { path, dim } = qrPath(OTPAUTH);
    expect(modules.size).toBe(49); // version 8, as an authenticator app expects for this URL
    expect(dim).toBe(49 + 8);
    const squares = [...path.matchAll(/M(\d+),(\d+)h1v1h-1z/g)].map((m) => [Number(m[1]) - 4, Number(m[2]) - 4]);
    expect(squares.length).toBe(modules.data.reduce((n, bit) => n + bit, 0));
    for (const [x, y] of squares) expect(modules.get(y!, x!)).toBeTruthy();
  });

  it('has the three finder patterns in the corners', () => {
    const { path } = qrPath('hello world');
    for (const [x, y] of [
      [4, 4],
      [4 + 14, 4],
      [4, 4 + 14],
    ])
      expect(path).toContain(`M${x},${y}h1v1h-1z`);
  });
});
