import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/** The faces a document can use; bold italic falls back to bold. */
export interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

export type FontFace = keyof FontSet;

// DejaVu Serif covers Vietnamese precomposed letters (U+1EA0–U+1EF9) and subsets cleanly (DESIGN §3).
const FILES: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf',
};

// pdf-lib names subset fonts with a Math.random() suffix unless given a name: fixed names keep
// the output byte-for-byte deterministic. The six-letter tag marks them as subsets (ISO 32000 §9.6.4).
const NAMES: Record<FontFace, string> = {
  regular: 'EGOVSR+DejaVuSerif',
  bold: 'EGOVSB+DejaVuSerif-Bold',
  italic: 'EGOVSI+DejaVuSerif-Italic',
};

let cache: Record<FontFace, Uint8Array> | undefined;

/** The TTF bytes, read from the npm package once per process. */
export function fontBytes(): Record<FontFace, Uint8Array> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const read = (face: FontFace) => new Uint8Array(readFileSync(require.resolve(FILES[face])));
    cache = { regular: read('regular'), bold: read('bold'), italic: read('italic') };
  }
  return cache;
}

/** Embeds the three faces, subset, into a document. */
export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  doc.registerFontkit(fontkit);
  const bytes = fontBytes();
  const embed = (face: FontFace) => doc.embedFont(bytes[face], { subset: true, customName: NAMES[face] });
  const [regular, bold, italic] = await Promise.all([embed('regular'), embed('bold'), embed('italic')]);
  return { regular, bold, italic };
}
