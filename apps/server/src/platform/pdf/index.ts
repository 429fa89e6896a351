/** A small document builder over pdf-lib with Vietnamese-capable fonts (no domain rules). */
export { PdfBuilder, PAGE_SIZES, NATIONAL_NAME, NATIONAL_MOTTO } from './pdf-builder.js';
export type {
  PageSize,
  Margins,
  PdfMetadata,
  PdfBuilderOptions,
  TextOptions,
  HeaderLine,
  HeaderOptions,
  RowCell,
} from './pdf-builder.js';
export type { TableColumn, TableOptions } from './table.js';
export type { QrOptions, TextBlockOptions } from './blocks.js';
export type { SignatureSpec, SignatureArea } from './signature.js';
export type { TextRun, RichText } from './text-layout.js';
export type { Align } from './typesetter.js';
export {
  formatVnCompactDateTime,
  formatVnDate,
  formatVnDateTime,
  formatVnShortDate,
  formatVnSigningTime,
  formatVnTime,
  placeAndDate,
  vnParts,
} from './vn-format.js';
