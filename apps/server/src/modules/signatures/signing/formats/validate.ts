import type {
  Indication,
  SignatureReport,
  SubIndication,
  TrustContext,
  ValidationReport,
} from '../../signing-ports.js';
import { validateCms } from './cades-validate.js';
import { trustView } from './chain.js';
import { parseCms } from './cms-verify.js';
import { validatePdf } from './pdf/pades-validate.js';
import { validateXml } from './xml/xml-validate.js';

export type DetectedFormat = 'pdf' | 'xml' | 'cms' | 'unknown';

const MEDIA: Record<DetectedFormat, string> = {
  pdf: 'application/pdf',
  xml: 'application/xml',
  cms: 'application/pkcs7-signature',
  unknown: 'application/octet-stream',
};

/** What the bytes are, from their content (never from a name). */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('-----BEGIN')) return 'cms';
  if (bytes[0] === 0x30) return 'cms';
  return 'unknown';
}

function pemOrDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (!text.startsWith('-----BEGIN')) return bytes;
  return new Uint8Array(
    Buffer.from(
      Buffer.from(bytes)
        .toString('latin1')
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s+/g, ''),
      'base64',
    ),
  );
}

const RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

export interface ValidateOptions {
  /** The signed content of a detached `.p7s`. */
  detachedContent?: Uint8Array;
}

/**
 * Validates every signature in a PDF, XML or CMS file against the trust list. Never throws on
 * bad input: a file with no readable signature is a report with no signatures.
 */
export async function validate(
  bytes: Uint8Array,
  trust: TrustContext,
  opts: ValidateOptions = {},
): Promise<ValidationReport> {
  const format = detectFormat(bytes);
  let signatures: SignatureReport[] = [];
  try {
    const view = await trustView(trust);
    if (format === 'pdf') signatures = await validatePdf(bytes, view, trust);
    else if (format === 'xml') signatures = await validateXml(bytes, view, trust);
    else if (format === 'cms') {
      const cms = parseCms(pemOrDer(bytes));
      if (cms) signatures = await validateCms(cms, opts.detachedContent ?? null, view, trust);
    }
  } catch {
    // Input no parser here can read is a file without a readable signature, not a server error.
    signatures = [];
  }
  return summarise(MEDIA[format], signatures, trust.now());
}

export function summarise(mediaType: string, signatures: SignatureReport[], now: Date): ValidationReport {
  let indication: Indication = 'INDETERMINATE';
  let subIndication: SubIndication | null = 'SIGNED_DATA_NOT_FOUND';
  if (signatures.length) {
    const worst = signatures.reduce((w, s) => (RANK[s.indication] > RANK[w.indication] ? s : w));
    indication = worst.indication;
    subIndication = worst.subIndication;
  }
  return { mediaType, indication, subIndication, signatures, validatedAt: now.toISOString() };
}
