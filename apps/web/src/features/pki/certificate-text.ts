/** The value of one attribute of an RFC 4514-style name (`C=VN, O=…, CN=…`), or null. */
export function nameAttribute(dn: string, attr: string): string | null {
  // Values may contain escaped commas; split on unescaped ", " before an attribute type.
  for (const part of dn.split(/,\s*(?=[A-Za-z][\w.]*=)/)) {
    const i = part.indexOf('=');
    if (part.slice(0, i).trim().toUpperCase() === attr.toUpperCase())
      return part
        .slice(i + 1)
        .trim()
        .replace(/\\(.)/g, '$1');
  }
  return null;
}

/** A short file name for a certificate download: ASCII, from the common name and the serial. */
export function pemFileName(subject: string, serial: string): string {
  const cn = (nameAttribute(subject, 'CN') ?? 'chung-thu')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${cn || 'chung-thu'}-${serial.slice(0, 8)}.pem`;
}

/** SHA-256 fingerprint as colon-separated pairs, upper case (as browsers show it). */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().match(/.{2}/g)?.join(':') ?? hex;
}

/** A certificate file as the API takes it: PEM text as is, DER as base64. */
export async function readCertificateFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (text.includes('-----BEGIN')) return text;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
