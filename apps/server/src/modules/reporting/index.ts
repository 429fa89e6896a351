/** Reporting: report regimes (Decree 09/2019/NĐ-CP) and the command centre's indicators (Resolution 17, Decision 766). */
export type * from './reporting-contract.js';
export { OPEN_PERIODS_JOB, REFRESH_JOB, REMIND_JOB } from './reporting-contract.js';
export { createReporting, type ReportingModule } from './reporting.module.js';
