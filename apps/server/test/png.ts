import { crc32, deflateSync } from 'node:zlib';

/**
 * A PNG written by hand (8-bit, one IDAT, filter 0 on every row), for tests that need an image of a
 * given look without an image library: `pixel(x, y)` gives RGBA (colour type 6) or RGB (type 2, no
 * transparency).
 */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
  o: { alpha?: boolean } = {},
): Buffer {
  const alpha = o.alpha !== false;
  const channels = alpha ? 4 : 3;
  const raw = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * channels + 1);
    for (let x = 0; x < width; x++) {
      const px = pixel(x, y);
      for (let c = 0; c < channels; c++) raw[row + 1 + x * channels + c] = px[c]!;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = alpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A blue pen stroke (a sine wave, 6 px thick) on a transparent background: what a scanned signature looks like. */
export function signaturePng(width = 300, height = 120): Buffer {
  return makePng(width, height, (x, y) => {
    const centre = height / 2 + Math.sin(x / 18) * (height / 4);
    return Math.abs(y - centre) < 3 ? [13, 51, 153, 255] : [0, 0, 0, 0];
  });
}
