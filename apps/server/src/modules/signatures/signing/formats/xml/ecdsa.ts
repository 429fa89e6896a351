import { children, readTlv } from '../der.js';

/** DER `Ecdsa-Sig-Value` → fixed-width r‖s (XML-DSig 1.1, RFC 4050). */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Buffer {
  const [r, s] = children(der, readTlv(der, 0));
  if (!r || !s) throw new Error('not a DER ECDSA signature (r, s)');
  const fixed = (t: { contentStart: number; contentEnd: number }) => {
    let v = Buffer.from(der.subarray(t.contentStart, t.contentEnd));
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    return Buffer.concat([Buffer.alloc(size - v.length), v]);
  };
  return Buffer.concat([fixed(r), fixed(s)]);
}
