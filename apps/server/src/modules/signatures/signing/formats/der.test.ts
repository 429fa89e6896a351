import { describe, expect, it } from 'vitest';
import { children, readTlv, seq, tlv } from './der.js';

describe('DER reader', () => {
  it('reads a long-form length and the children of a SEQUENCE', () => {
    const der = seq(tlv(0x04, Buffer.alloc(200, 1)), tlv(0x05));
    const top = readTlv(der, 0);
    expect(top).toMatchObject({ tag: 0x30, contentStart: 3, end: der.length });
    expect(children(der, top).map((c) => c.tag)).toEqual([0x04, 0x05]);
  });

  it('a length whose bytes are cut off throws instead of reading past the end', () => {
    expect(() => readTlv(new Uint8Array([0x30, 0x84, 0x01]), 0)).toThrow(/overruns/);
    expect(() => readTlv(new Uint8Array([0x30, 0x82, 0x01]), 0)).toThrow(/overruns/);
    expect(() => readTlv(new Uint8Array([0x30, 0x82, 0x00, 0x05, 0x05, 0x00]), 0)).toThrow(/overruns/);
  });
});
