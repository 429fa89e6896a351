import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/** userId (LDAP `UID`, RFC 4519): where Vietnamese CAs write the subscriber's ID number. */
export const OID_UID = '0.9.2342.19200300.100.1.1';
/** serialNumber (X.520): used by some CAs, and by ETSI EN 319 412-1 semantics identifiers. */
export const OID_SERIAL_NUMBER = '2.5.4.5';

/**
 * An identifier a certificate's subject names:
 * - `personal_id`: a 12-digit personal identification number (CCCD, or a CMND label carrying it, or
 *   an individual's tax code, which has been the personal ID number since 1 July 2025);
 * - `old_id_card`: a 9-digit identity card number (CMND), which no account is registered under;
 * - `tax_code`: an organisation's tax code (10 digits, or 13 with `-` for a branch);
 * - `passport`: a passport number.
 */
export interface SubjectIdentifier {
  kind: 'personal_id' | 'old_id_card' | 'tax_code' | 'passport';
  value: string;
  /** The attribute and label it was read from (`UID=CCCD:`), for the evidence. */
  source: string;
}

const LABELS: Record<string, 'id' | 'tax' | 'passport'> = {
  CCCD: 'id',
  CC: 'id',
  CMND: 'id',
  CMT: 'id',
  CAN_CUOC: 'id',
  MST: 'tax',
  HC: 'passport',
  PASSPORT: 'passport',
  // ETSI EN 319 412-1 §5.1.3 semantics identifiers: IDC national identity card, PNO national
  // personal number, TIN tax identification number, PAS passport, each followed by the country.
  IDCVN: 'id',
  PNOVN: 'id',
  TINVN: 'tax',
  PASVN: 'passport',
};

function classify(label: string, raw: string, source: string): SubjectIdentifier | null {
  const value = raw.trim();
  const kind = LABELS[label];
  if (kind === 'passport') return /^[A-Z0-9]{6,12}$/i.test(value) ? { kind: 'passport', value, source } : null;
  if (/^\d{12}$/.test(value)) return { kind: 'personal_id', value, source };
  if (kind === 'id' && /^\d{9}$/.test(value)) return { kind: 'old_id_card', value, source };
  if (kind === 'tax' && /^\d{10}(-\d{3})?$/.test(value)) return { kind: 'tax_code', value, source };
  return null;
}

/** `CCCD:001…`, `CMND: 123…`, `MST:0100…-001`, `IDCVN-001…`: the label and the value. */
function parseValue(attr: 'UID' | 'serialNumber', text: string): SubjectIdentifier | null {
  const t = text.normalize('NFC').trim();
  const m = /^([A-Za-z_ ]{2,10}?)\s*[:\-=]\s*(.+)$/.exec(t);
  if (m) {
    const label = m[1]!.trim().toUpperCase().replace(/ /g, '_');
    return LABELS[label] ? classify(label, m[2]!, `${attr}=${label}`) : null;
  }
  // A bare number only in UID: a serialNumber may be a CA's own subscriber number.
  return attr === 'UID' && /^\d{12}$/.test(t) ? { kind: 'personal_id', value: t, source: 'UID' } : null;
}

/**
 * The identifiers in a certificate's subject, as Vietnamese CAs write them: `UID=CCCD:<12 digits>`,
 * `UID=CMND:<9 or 12 digits>`, `UID=MST:<tax code>` (one UID per identifier, several per subject:
 * an employee's certificate names the company's MST and the person's CCCD), and in some CAs the same
 * labels, or an ETSI semantics identifier, in serialNumber. Throws on a certificate that cannot be read.
 */
export function subjectIdentifiers(der: Uint8Array): SubjectIdentifier[] {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const out: SubjectIdentifier[] = [];
  const seen = new Set<string>();
  for (const [attr, oid] of [
    ['UID', OID_UID],
    ['serialNumber', OID_SERIAL_NUMBER],
  ] as const) {
    for (const v of cert.subjectName.getField(oid)) {
      const id = parseValue(attr, v);
      if (id && !seen.has(`${id.kind}:${id.value}`)) {
        seen.add(`${id.kind}:${id.value}`);
        out.push(id);
      }
    }
  }
  return out;
}
