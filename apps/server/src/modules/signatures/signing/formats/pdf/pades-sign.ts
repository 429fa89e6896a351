/**
 * PAdES baseline B-B / B-T (ETSI EN 319 142-1), SubFilter ETSI.CAdES.detached, appended as an
 * incremental update so earlier signatures stay valid.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, type PDFDocument, PDFRef } from 'pdf-lib';
import type { HashAlgorithm, SigningKey, TimestampAuthority } from '../../../signing-ports.js';
import { certInfo } from '../certs.js';
import { SignatureFormatError } from '../errors.js';
import { defaultHash, signedDataForDigest } from '../cms-sign.js';
import { nodeHash } from '../der.js';
import {
  appearanceStream,
  blockLines,
  defaultRect,
  type VisibleBlock,
  widgetAppearance,
  type WidgetSpec,
} from './pades-appearance.js';
import { appendUpdate, loadForUpdate } from './pdf-incremental.js';

export interface PadesOptions {
  level?: 'B-B' | 'B-T';
  tsa?: TimestampAuthority;
  hash?: HashAlgorithm;
  /** Defaults to now; written as the signature dictionary's /M. */
  signingTime?: Date;
  reason?: string;
  location?: string;
  /** Signer's position for the visible block (chức vụ); default the certificate's title. */
  position?: string;
  /** A visible block (Decree 30 style); absent: an invisible signature. */
  visible?: VisibleBlock | boolean;
}

const pdfText = (s: string) => PDFHexString.fromText(s.normalize('NFC')).toString();

function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

const BYTE_RANGE_WIDTH = 48;

function signatureDictionary(
  o: PadesOptions,
  at: Date,
  signer: string,
  contentsHexLength: number,
): { bytes: Buffer; contentsAt: number; rangeAt: number } {
  const head = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [`;
  const mid = `${' '.repeat(BYTE_RANGE_WIDTH)}] /Contents <`;
  const tail = [
    `> /M ${pdfDate(at)}`,
    `/Name ${pdfText(signer)}`,
    o.reason ? `/Reason ${pdfText(o.reason)}` : '',
    o.location ? `/Location ${pdfText(o.location)}` : '',
    '>>',
  ]
    .filter(Boolean)
    .join(' ');
  const text = `${head}${mid}${'0'.repeat(contentsHexLength)}${tail}`;
  return { bytes: Buffer.from(text, 'latin1'), rangeAt: head.length, contentsAt: head.length + mid.length - 1 };
}

function countSignatureFields(doc: PDFDocument): number {
  const acro = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acro?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) return 0;
  let n = 0;
  for (let i = 0; i < fields.size(); i++) {
    const f = fields.lookupMaybe(i, PDFDict);
    if (f?.lookupMaybe(PDFName.of('FT'), PDFName) === PDFName.of('Sig')) n++;
  }
  return n;
}

/** Adds the signature field (merged with its widget) to the form and the page; returns the changed objects. */
async function addField(doc: PDFDocument, sigRef: PDFRef, o: PadesOptions, lines: string[]): Promise<PDFRef[]> {
  const existing = countSignatureFields(doc);
  const pages = doc.getPages();
  const visible = o.visible === true ? {} : o.visible || null;
  if (visible?.widgets?.length) return addWidgets(doc, sigRef, visible.widgets, existing);
  const page = pages[Math.min(Math.max(visible?.page ?? pages.length - 1, 0), pages.length - 1)];
  if (!page) throw new SignatureFormatError('PDF_UNREADABLE', 'The PDF has no page to sign on.');
  const rect = visible
    ? (visible.rect ?? defaultRect({ width: page.getWidth(), height: page.getHeight() }, existing, visible.anchor))
    : { x: 0, y: 0, width: 0, height: 0 };
  const widget = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(`Signature${existing + 1}`),
    V: sigRef,
    F: 132,
    P: page.ref,
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
  });
  if (visible)
    widget.set(
      PDFName.of('AP'),
      doc.context.obj({ N: await appearanceStream(doc, visible.lines ?? lines, rect.width, rect.height) }),
    );
  const widgetRef = doc.context.register(widget);
  return [...addToForm(doc, widgetRef), ...appendTo(doc, page.node, 'Annots', widgetRef, page.ref)];
}

/** One signature field whose widgets are `widgets` (kids), each on its page with its own look. */
async function addWidgets(
  doc: PDFDocument,
  sigRef: PDFRef,
  widgets: WidgetSpec[],
  existing: number,
): Promise<PDFRef[]> {
  const pages = doc.getPages();
  const fieldRef = doc.context.nextRef();
  const kids: PDFRef[] = [];
  const changed: PDFRef[] = [];
  for (const w of widgets) {
    const page = pages[w.page];
    if (!page) throw new SignatureFormatError('PDF_UNREADABLE', `The PDF has no page ${w.page + 1} to sign on.`);
    const { x, y, width, height } = w.rect;
    const ref = doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        Parent: fieldRef,
        // Inherited from the field by the standard; repeated because poppler (pdfsig) reads them from the widget.
        FT: 'Sig',
        V: sigRef,
        F: 132,
        P: page.ref,
        Rect: [x, y, x + width, y + height],
        AP: { N: await widgetAppearance(doc, w.appearance, width, height) },
      }),
    );
    kids.push(ref);
    changed.push(...appendTo(doc, page.node, 'Annots', ref, page.ref));
  }
  doc.context.assign(
    fieldRef,
    doc.context.obj({ FT: 'Sig', T: PDFHexString.fromText(`Signature${existing + 1}`), V: sigRef, Kids: kids }),
  );
  return [...addToForm(doc, fieldRef), ...changed];
}

/** Adds the field to the document's form (creating it); returns the changed objects. */
function addToForm(doc: PDFDocument, fieldRef: PDFRef): PDFRef[] {
  const changed: PDFRef[] = [];
  const catalogRef = doc.context.trailerInfo.Root as PDFRef;
  const acroEntry = doc.catalog.get(PDFName.of('AcroForm'));
  let acro: PDFDict;
  if (acroEntry instanceof PDFRef) {
    acro = doc.context.lookup(acroEntry, PDFDict);
    changed.push(acroEntry);
  } else if (acroEntry instanceof PDFDict) {
    acro = acroEntry;
    changed.push(catalogRef);
  } else {
    acro = doc.context.obj({});
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(acro));
    changed.push(catalogRef);
  }
  acro.set(PDFName.of('SigFlags'), doc.context.obj(3));
  changed.push(...appendTo(doc, acro, 'Fields', fieldRef, acroEntry instanceof PDFRef ? acroEntry : catalogRef));
  return changed;
}

/** Appends `item` to the array `key` of `owner` (indirect or direct); returns what must be rewritten. */
function appendTo(doc: PDFDocument, owner: PDFDict, key: string, item: PDFRef, ownerRef: PDFRef): PDFRef[] {
  const entry = owner.get(PDFName.of(key));
  if (entry instanceof PDFRef) {
    doc.context.lookup(entry, PDFArray).push(item);
    return [entry];
  }
  if (entry instanceof PDFArray) entry.push(item);
  else owner.set(PDFName.of(key), doc.context.obj([item]));
  return [ownerRef];
}

function estimateContents(key: SigningKey, tsa: boolean): number {
  const certs = key.chain.reduce((n, c) => n + c.length, 0);
  return 2 * (certs + 2048 + (tsa ? 6144 + certs : 0));
}

/** Signs a PDF (PAdES B-B, or B-T with a timestamp authority); returns the whole signed file. */
export async function signPades(pdf: Uint8Array, key: SigningKey, o: PadesOptions = {}): Promise<Buffer> {
  const level = o.level ?? (o.tsa ? 'B-T' : 'B-B');
  if (level === 'B-T' && !o.tsa) throw new Error('PAdES B-T needs a timestamp authority');
  const doc = await loadForUpdate(pdf);
  const at = o.signingTime ?? new Date();
  const hash = o.hash ?? defaultHash(key);
  const cert = certInfo(key.chain[0]!);
  const signer = cert.summary.commonName ?? cert.summary.subject;
  const lines = blockLines({ signer, position: o.position ?? cert.title, agency: cert.organization, at });

  const originalLargest = doc.context.largestObjectNumber;
  const sigRef = doc.context.nextRef();
  const changed = await addField(doc, sigRef, o, lines);
  await doc.flush();
  const created = doc.context
    .enumerateIndirectObjects()
    .map(([r]) => r)
    .filter((r) => r.objectNumber > originalLargest && r !== sigRef);

  let hexLength = estimateContents(key, level === 'B-T');
  for (;;) {
    const dict = signatureDictionary(o, at, signer, hexLength);
    const update = appendUpdate(
      pdf,
      doc,
      [...changed, ...created, sigRef],
      new Map([[sigRef.objectNumber, dict.bytes]]),
    );
    const out = update.bytes;
    const objStart = update.offsets.get(sigRef.objectNumber)!;
    const bodyStart = out.indexOf('obj\n', objStart) + 4;
    const contentsStart = bodyStart + dict.contentsAt;
    const contentsEnd = contentsStart + hexLength + 2;
    const range = [0, contentsStart, contentsEnd, out.length - contentsEnd];
    const rangeText = range.join(' ').padEnd(BYTE_RANGE_WIDTH, ' ');
    out.write(rangeText, bodyStart + dict.rangeAt, 'latin1');
    const digest = createHash(nodeHash(hash))
      .update(out.subarray(0, contentsStart))
      .update(out.subarray(contentsEnd))
      .digest();
    const cms = await signedDataForDigest(key, digest, { hash, tsa: level === 'B-T' ? o.tsa : undefined });
    if (cms.length * 2 > hexLength) {
      hexLength = cms.length * 2 + 1024;
      continue;
    }
    out.write(cms.toString('hex'), contentsStart + 1, 'latin1');
    return out;
  }
}
