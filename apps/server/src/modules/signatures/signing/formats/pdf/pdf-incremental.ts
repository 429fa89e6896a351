/**
 * Incremental updates (ISO 32000-1 §7.5.6): new and changed objects are appended after the
 * original bytes with their own cross-reference section, so every earlier signature keeps
 * covering exactly the bytes it signed. pdf-lib reads the document and serialises single
 * objects; it never rewrites the file.
 */
import { PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';
import { SignatureFormatError } from '../errors.js';

const latin1 = (b: Uint8Array, from = 0, to = b.length) =>
  Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');

/** Offset of the last cross-reference section (the last `startxref`). */
export function lastStartXref(bytes: Uint8Array): number {
  const tail = latin1(bytes, Math.max(0, bytes.length - 2048));
  const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
  if (!all.length)
    throw new SignatureFormatError('PDF_UNREADABLE', 'The PDF has no cross-reference table (startxref).');
  return Number(all[all.length - 1]![1]);
}

/** The trailer's /Size: one more than the highest object number in use, xref streams included. */
function trailerSize(bytes: Uint8Array, xrefAt: number): number {
  const m = /\/Size\s+(\d+)/.exec(latin1(bytes, xrefAt, Math.min(bytes.length, xrefAt + 4096)));
  return m ? Number(m[1]) : 0;
}

/** Loads a PDF for an incremental update; a file that is not a PDF is a typed error. */
export async function loadForUpdate(bytes: Uint8Array): Promise<PDFDocument> {
  if (!latin1(bytes, 0, Math.min(bytes.length, 1024)).includes('%PDF-')) {
    throw new SignatureFormatError('NOT_A_PDF', 'The file is not a PDF.');
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch {
    throw new SignatureFormatError('PDF_UNREADABLE', 'The PDF cannot be read.');
  }
  if (doc.isEncrypted) throw new SignatureFormatError('PDF_ENCRYPTED', 'Encrypted PDFs cannot be signed.');
  const size = trailerSize(bytes, lastStartXref(bytes));
  // pdf-lib does not count cross-reference streams; new objects must not reuse their numbers.
  doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, size - 1);
  return doc;
}

function serialize(obj: PDFObject): Buffer {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return Buffer.from(buf);
}

/** Objects written as given bytes instead of pdf-lib's serialisation (the signature dictionary). */
export type RawObjects = Map<number, Buffer>;

export interface Update {
  bytes: Buffer;
  /** Where each object of the update starts in `bytes`. */
  offsets: Map<number, number>;
}

/** Appends `refs` (new or changed objects of `doc`) to `original` as one incremental update. */
export function appendUpdate(
  original: Uint8Array,
  doc: PDFDocument,
  refs: PDFRef[],
  raw: RawObjects = new Map(),
): Update {
  const prev = lastStartXref(original);
  const prevIsTable = latin1(original, prev, Math.min(original.length, prev + 4)) === 'xref';
  const parts: Buffer[] = [Buffer.from(original)];
  let pos = original.length;
  const push = (b: Buffer) => {
    parts.push(b);
    pos += b.length;
  };
  if (original[original.length - 1] !== 0x0a) push(Buffer.from('\n'));
  const offsets = new Map<number, number>();
  const unique = [...new Map(refs.map((r) => [r.objectNumber, r])).values()].sort(
    (a, b) => a.objectNumber - b.objectNumber,
  );
  for (const ref of unique) {
    offsets.set(ref.objectNumber, pos);
    const body = raw.get(ref.objectNumber) ?? serialize(doc.context.lookup(ref)!);
    push(
      Buffer.concat([
        Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
        body,
        Buffer.from('\nendobj\n'),
      ]),
    );
  }
  const t = doc.context.trailerInfo;
  const common = [`/Root ${t.Root}`, t.Info ? `/Info ${t.Info}` : '', t.ID ? `/ID ${t.ID}` : '', `/Prev ${prev}`]
    .filter(Boolean)
    .join(' ');
  const entries = unique.map((r) => ({ n: r.objectNumber, g: r.generationNumber, off: offsets.get(r.objectNumber)! }));
  const xrefAt = pos;
  if (prevIsTable) {
    const size = doc.context.largestObjectNumber + 1;
    push(
      Buffer.from(
        `xref\n${subsections(entries)}trailer\n<< /Size ${size} ${common} >>\nstartxref\n${xrefAt}\n%%EOF\n`,
        'latin1',
      ),
    );
  } else {
    // A file whose last section is a cross-reference stream gets one too (§7.5.8).
    const n = ++doc.context.largestObjectNumber;
    entries.push({ n, g: 0, off: xrefAt });
    const data = Buffer.concat(
      entries.map((e) =>
        Buffer.from([
          1,
          (e.off >>> 24) & 255,
          (e.off >>> 16) & 255,
          (e.off >>> 8) & 255,
          e.off & 255,
          (e.g >> 8) & 255,
          e.g & 255,
        ]),
      ),
    );
    const index = runs(entries)
      .map(([s, c]) => `${s} ${c}`)
      .join(' ');
    const dict = `<< /Type /XRef /Size ${n + 1} /Index [${index}] /W [1 4 2] ${common} /Length ${data.length} >>`;
    push(
      Buffer.concat([
        Buffer.from(`${n} 0 obj\n${dict}\nstream\n`, 'latin1'),
        data,
        Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
      ]),
    );
  }
  return { bytes: Buffer.concat(parts), offsets };
}

function runs(entries: { n: number }[]): [number, number][] {
  const out: [number, number][] = [];
  for (const e of [...entries].sort((a, b) => a.n - b.n)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === e.n) last[1]++;
    else out.push([e.n, 1]);
  }
  return out;
}

function subsections(entries: { n: number; g: number; off: number }[]): string {
  const byN = new Map(entries.map((e) => [e.n, e]));
  return runs(entries)
    .map(([start, count]) => {
      const lines = Array.from({ length: count }, (_, i) => {
        const e = byN.get(start + i)!;
        return `${String(e.off).padStart(10, '0')} ${String(e.g).padStart(5, '0')} n\r\n`;
      });
      return `${start} ${count}\n${lines.join('')}`;
    })
    .join('');
}
