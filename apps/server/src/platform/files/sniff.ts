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
