/** The Decree 61/2018 one-stop forms (Mẫu 01–05 of TT 01/2018/TT-VPCP) as pure data → PDF functions. */
export { renderReceipt } from './receipt.js';
export { renderSupplementRequest } from './supplement-request.js';
export { renderRefusal } from './refusal.js';
export { renderApology } from './apology.js';
export { renderControlSheet } from './control-sheet.js';
export type * from './types.js';
