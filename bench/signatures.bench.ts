import { createHash, createPrivateKey, randomBytes, sign as rawSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import {
  signCades,
  signPades,
  signXml,
  validate,
} from '../apps/server/src/modules/signatures/signing/formats/index.js';
import {
  type IssuedCert,
  OpensslPki,
  VN,
} from '../apps/server/src/modules/signatures/signing/formats/testing/openssl-pki.js';
import { measure, type Result } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function onePdf(bytes: number): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText('Benchmark', { x: 72, y: 760 });
  // Random bytes do not compress: the file really is this big.
  await d.attach(randomBytes(bytes), 'du-lieu.bin', { mimeType: 'application/octet-stream' });
  return d.save({ useObjectStreams: false });
}

const EDXML =
  '<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLHeader><MessageHeader><Subject>Về việc đo hiệu năng ký số</Subject></MessageHeader></edXMLHeader><edXMLBody/></edXML>';

/**
 * Signing and validation rates of the format library per key type, beside the raw node:crypto
 * rate for the same key (the floor any format pays). B-B: the TSA round trip of B-T is the PKI's
 * cost, not the format's. The validator's trust context here answers revocation from memory.
 */
export async function run(kind: 'pglite' | 'postgres'): Promise<Result[]> {
  if (kind !== 'pglite') return []; // no database involved: measured once
  const pki = OpensslPki.create();
  const out: Result[] = [];
  try {
    const trust = pki.trust();
    const content = randomBytes(1024);
    const pdf = await onePdf(1024 * 1024);
    const keys: [string, IssuedCert][] = [
      ['ECDSA P-256', pki.issue('bench-ec', VN.person, { kind: 'ec256' })],
      ['RSA 3072', pki.issue('bench-rsa', VN.seal, { kind: 'rsa3072', ext: 'v3_seal' })],
    ];
    const o = { seconds: SECONDS, concurrency: 1 };
    for (const [label, c] of keys) {
      const key = createPrivateKey(readFileSync(c.keyPath, 'utf8'));
      const digest = createHash('sha256').update(content).digest();
      out.push(await measure(`raw node:crypto sign, ${label}`, async () => void rawSign('sha256', digest, key), o));
      out.push(
        await measure(
          `CAdES B-B sign (1 KB, detached), ${label}`,
          async () => void (await signCades(content, c.key)),
          o,
        ),
      );
      const p7s = await signCades(content, c.key);
      out.push(
        await measure(
          `CAdES validate, ${label}`,
          async () => void (await validate(p7s, trust, { detachedContent: content })),
          o,
        ),
      );
      out.push(await measure(`PAdES B-B sign (1 MB PDF), ${label}`, async () => void (await signPades(pdf, c.key)), o));
      const signed = await signPades(pdf, c.key);
      const check = await validate(signed, trust);
      if (check.indication !== 'TOTAL_PASSED')
        throw new Error(`benchmark PDF does not validate: ${check.subIndication}`);
      out.push(
        await measure(`PAdES validate (1 MB PDF), ${label}`, async () => void (await validate(signed, trust)), o),
      );
      out.push(await measure(`XAdES-B-B sign (edXML), ${label}`, async () => void (await signXml(EDXML, c.key)), o));
      const xml = Buffer.from(await signXml(EDXML, c.key));
      out.push(await measure(`XAdES validate (edXML), ${label}`, async () => void (await validate(xml, trust)), o));
    }
  } finally {
    pki.cleanup();
  }
  return out;
}
