import { PDFDocument } from 'pdf-lib';

// The number, notation and time of an issued document (Decree 30/2020 Phụ lục I) are the agency
// seal's visible block (documents-signing.ts): drawing them as page content would break the leader's signature.

export async function pageCountOf(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}
