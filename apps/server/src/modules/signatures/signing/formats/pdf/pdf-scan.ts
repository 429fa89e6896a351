/**
 * Finds the signatures of a PDF by scanning its bytes for /ByteRange. A signature's /Contents
 * must sit exactly in the gap of its byte range, so a signature dictionary is always written out
 * in the clear (never in an object stream), and a scan finds every one without parsing the whole
 * document: validating a 1 MB PDF costs little more than hashing it.
 */

export interface PdfSignatureField {
  /** [offset1, length1, offset2, length2] */
  byteRange: [number, number, number, number];
  /** The DER CMS (trailing zero padding removed); null when the byte range does not frame /Contents. */
  contents: Uint8Array | null;
  subFilter: string | null;
  type: string | null;
  /** /M, as a Date. */
  signingTime: Date | null;
  reason: string | null;
  name: string | null;
}

const BYTE_RANGE = Buffer.from('/ByteRange');

function latin1(buf: Buffer, from: number, to: number): string {
  return buf.toString('latin1', Math.max(0, from), Math.min(buf.length, to));
}

/** A PDF date `D:YYYYMMDDHHmmSSOHH'mm` → Date. */
export function parsePdfDate(s: string): Date | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +se);
  const off = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000 : 0;
  return new Date(utc - off);
}

/** Decodes a PDF string token: `(literal)` or `<hex>`, with UTF-16BE BOM support. */
export function decodePdfString(token: string): string {
  let bytes: Buffer;
  if (token.startsWith('<')) bytes = Buffer.from(token.slice(1, -1).replace(/\s+/g, ''), 'hex');
  else {
    const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
      const map: Record<string, string> = {
        n: '\n',
        r: '\r',
        t: '\t',
        b: '\b',
        f: '\f',
        '(': '(',
        ')': ')',
        '\\': '\\',
      };
      return map[e] ?? String.fromCharCode(parseInt(e, 8));
    });
    bytes = Buffer.from(body, 'latin1');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le').normalize('NFC');
  return bytes.toString('latin1');
}

function stringEntry(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`).exec(dict);
  return m ? decodePdfString(m[1]!) : null;
}

function der(contentsHex: string): Uint8Array | null {
  const bytes = Buffer.from(contentsHex.replace(/\s+/g, ''), 'hex');
  if (bytes[0] !== 0x30) return null;
  // The hex string is zero-padded: keep exactly the outer DER element.
  const l = bytes[1]!;
  const n = l & 0x80 ? l & 0x7f : 0;
  let len = n ? 0 : l;
  for (let i = 0; i < n; i++) len = len * 256 + bytes[2 + i]!;
  if (l === 0x80) return new Uint8Array(bytes); // BER indefinite length: let the parser find the end
  return new Uint8Array(bytes.subarray(0, 2 + n + len));
}

/** Every signature dictionary with a byte range, in file order. */
export function scanSignatures(pdf: Uint8Array): PdfSignatureField[] {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const out: PdfSignatureField[] = [];
  const seen = new Set<string>();
  for (let at = buf.indexOf(BYTE_RANGE); at >= 0; at = buf.indexOf(BYTE_RANGE, at + BYTE_RANGE.length)) {
    const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(latin1(buf, at, at + 120));
    if (!m) continue;
    const range = [+m[1]!, +m[2]!, +m[3]!, +m[4]!] as PdfSignatureField['byteRange'];
    const key = range.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b, c, d] = range;
    const framed = a === 0 && b > 0 && c > b && c + d <= buf.length && buf[b] === 0x3c && buf[c - 1] === 0x3e;
    const contents = framed ? der(latin1(buf, b + 1, c - 1)) : null;
    // The dictionary around the byte range, without the (large) contents.
    const first = framed ? Math.min(at, b) : at;
    const objStart = buf.lastIndexOf('obj', first);
    const before = latin1(buf, Math.max(objStart, first - 4096), first);
    const after = latin1(buf, framed ? c : at, (framed ? c : at) + 2048);
    const dict = `${before} ${after.slice(0, Math.max(0, after.indexOf('endobj')) || after.length)}`;
    out.push({
      byteRange: range,
      contents,
      subFilter: /\/SubFilter\s*\/([\w.#-]+)/.exec(dict)?.[1] ?? null,
      type: /\/Type\s*\/(Sig|DocTimeStamp)\b/.exec(dict)?.[1] ?? null,
      signingTime: (() => {
        const s = stringEntry(dict, 'M');
        return s ? parsePdfDate(s) : null;
      })(),
      reason: stringEntry(dict, 'Reason'),
      name: stringEntry(dict, 'Name'),
    });
  }
  return out.sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]));
}

/** The signature's revision ends where its byte range ends; whitespace after %%EOF does not count. */
export function coversWhole(pdf: Uint8Array, f: PdfSignatureField): boolean {
  const end = f.byteRange[2] + f.byteRange[3];
  for (let i = end; i < pdf.length; i++) if (![0x0a, 0x0d, 0x20, 0x00, 0x09].includes(pdf[i]!)) return false;
  return true;
}
