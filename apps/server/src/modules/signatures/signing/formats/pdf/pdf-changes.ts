/**
 * What changed in a PDF after a signed revision. Later signatures legitimately append a signature
 * dictionary, a widget with its appearance, and rewrite the catalog, the form and the page's
 * annotation list; anything else (page content, a new non-signature annotation, another object
 * rewritten) is a modification after signing (as EU DSS reports "undefined changes").
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';
import { loadForUpdate } from './pdf-incremental.js';

const name = (d: PDFDict, key: string) => d.lookupMaybe(PDFName.of(key), PDFName)?.decodeText() ?? null;

const ALLOWED_KEYS: Record<string, Set<string>> = {
  Catalog: new Set(['AcroForm', 'DSS', 'Extensions']),
  Page: new Set(['Annots']),
  AcroForm: new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']),
  SigField: new Set(['V', 'AP']),
};

function isSignatureWidget(doc: PDFDocument, ref: PDFObject): boolean {
  const d = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  if (!(d instanceof PDFDict)) return false;
  if (name(d, 'FT') === 'Sig') return true;
  const parent = d.lookupMaybe(PDFName.of('Parent'), PDFDict);
  return !!parent && name(parent, 'FT') === 'Sig';
}

function changedKeys(a: PDFDict, b: PDFDict): string[] {
  const keys = new Set([...a.keys(), ...b.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => String(a.get(PDFName.of(k)) ?? '') !== String(b.get(PDFName.of(k)) ?? ''));
}

function arrayItems(doc: PDFDocument, v: PDFObject | undefined): string[] {
  const arr = v instanceof PDFRef ? doc.context.lookup(v) : v;
  return arr instanceof PDFArray ? arr.asArray().map(String) : [];
}

/** Added annotations must all be signature widgets, and none removed. */
function annotsOk(
  before: PDFDocument,
  after: PDFDocument,
  a: PDFObject | undefined,
  b: PDFObject | undefined,
): boolean {
  const old = arrayItems(before, a);
  const now = arrayItems(after, b);
  if (!old.every((r) => now.includes(r))) return false;
  const added =
    (b instanceof PDFRef ? after.context.lookup(b, PDFArray) : (b as PDFArray | undefined))
      ?.asArray()
      .filter((x) => !old.includes(String(x))) ?? [];
  return added.every((x) => isSignatureWidget(after, x));
}

function kind(before: PDFDocument, ref: PDFRef, d: PDFDict): keyof typeof ALLOWED_KEYS | null {
  const type = name(d, 'Type');
  if (type === 'Catalog' || type === 'Page') return type;
  const acro = before.catalog.get(PDFName.of('AcroForm'));
  if (acro instanceof PDFRef && acro === ref) return 'AcroForm';
  if (name(d, 'FT') === 'Sig') return 'SigField';
  return null;
}

/** One object rewritten after the signed revision: is the change one a signature may make? */
function allowedChange(before: PDFDocument, after: PDFDocument, ref: PDFRef, old: PDFObject, now: PDFObject): boolean {
  if (old instanceof PDFArray && now instanceof PDFArray) return annotsOk(before, after, old, now);
  if (!(old instanceof PDFDict) || !(now instanceof PDFDict) || old instanceof PDFRawStream) return false;
  if (after.context.trailerInfo.Info === ref) return true;
  const k = kind(before, ref, old);
  if (!k) return false;
  const keys = changedKeys(old, now);
  if (!keys.every((key) => ALLOWED_KEYS[k]!.has(key))) return false;
  if (k === 'Page') return annotsOk(before, after, old.get(PDFName.of('Annots')), now.get(PDFName.of('Annots')));
  return true;
}

/** Descriptions of the changes after byte `revisionEnd` that a later signature does not explain. */
export async function disallowedChanges(pdf: Uint8Array, revisionEnd: number): Promise<string[]> {
  const [before, after] = await Promise.all([loadForUpdate(pdf.subarray(0, revisionEnd)), loadForUpdate(pdf)]);
  const problems: string[] = [];
  for (const [ref, now] of after.context.enumerateIndirectObjects()) {
    const old = before.context.lookup(ref);
    if (!old) continue;
    if (String(old) === String(now) && !(old instanceof PDFRawStream)) continue;
    if (
      old instanceof PDFRawStream &&
      now instanceof PDFRawStream &&
      Buffer.from(old.contents).equals(Buffer.from(now.contents)) &&
      String(old.dict) === String(now.dict)
    )
      continue;
    if (!allowedChange(before, after, ref, old, now)) {
      const type = old instanceof PDFDict ? name(old, 'Type') : null;
      problems.push(`object ${ref.objectNumber}${type ? ` (${type})` : ''} was changed`);
    }
  }
  return problems;
}
