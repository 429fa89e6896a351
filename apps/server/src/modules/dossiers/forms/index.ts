/**
 * The one-stop forms as pure data → PDF functions, numbered as Phụ lục I of TT 03/2025/TT-VPCP (Decree 118/2025)
 * numbers them: 01 receipt, 02 supplement request, 03 refusal, 04 apology and extension, 05 stop notice,
 * 06 process control sheet, 07 the desk's register. The titles are the circular's (as a secondary source lists
 * them); its annex was not available, so 01–04, 06 and 07 keep the layout of TT 01/2018/TT-VPCP
 * (docs/legal/decree-118-circular-03.md).
 */
export { renderReceipt } from './receipt.js';
export { renderSupplementRequest } from './supplement-request.js';
export { renderRefusal } from './refusal.js';
export { renderApology } from './apology.js';
export { renderStopNotice } from './stop-notice.js';
export { renderControlSheet } from './control-sheet.js';
export { renderRegister, registerWorkbook, registerCsv, registerCells, REGISTER_COLUMNS } from './register.js';
export type * from './types.js';
