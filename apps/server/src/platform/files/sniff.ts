import { fileTypeFromBuffer } from 'file-type';

/** What we accept, by sniffed media type, with the extensions a name may carry. */
export const ALLOWED_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/xml': ['xml', 'edxml'],
  'application/pkcs7-signature': ['p7s'],
};

/** The media type from the first bytes (never from the name or the client's Content-Type). */
export async function sniffMediaType(head: Uint8Array): Promise<string | null> {
  const t = await fileTypeFromBuffer(head);
  if (t) return t.mime === 'application/x-cfb' ? null : t.mime;
  const text = Buffer.from(head.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<?xml') || /^<[A-Za-z_][\w:.-]*[\s>]/.test(text)) return 'application/xml';
  // DER-encoded CMS SignedData (detached .p7s): SEQUENCE then OID 1.2.840.113549.1.7.2
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  if (head[0] === 0x30 && Buffer.from(head.subarray(0, 32)).includes(oid)) return 'application/pkcs7-signature';
  return null;
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

/** Markup a browser's HTML sniffer recognises (WHATWG MIME Sniffing, "identify an unknown type"). */
const HTML_MARKERS =
  /<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|style|title|svg|object|embed|meta|form|img)[\s>/]|<!--/i;

/**
 * Why a file whose first bytes say one binary type is something else too (issue 11 item 9: a file that
 * starts with `%PDF` but is HTML was stored as a PDF), or null. A PDF must end with `%%EOF` (within its
 * last 1,024 bytes, as readers allow); a PDF or image may not carry HTML markup in its first bytes.
 */
export function polyglotReason(mediaType: string, head: Uint8Array, tail: Uint8Array): string | null {
  if (mediaType !== 'application/pdf' && !mediaType.startsWith('image/')) return null;
  const text = Buffer.from(head).toString('latin1');
  if (HTML_MARKERS.test(text)) return 'HTML markup in the first bytes';
  if (mediaType === 'application/pdf' && !Buffer.from(tail).toString('latin1').includes('%%EOF'))
    return 'no %%EOF at the end';
  return null;
}
