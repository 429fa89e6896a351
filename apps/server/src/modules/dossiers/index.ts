/** Dossiers: the online portal and the electronic one-stop shop (Decree 61/2018). */
export { DossiersContext, type DeadlineCalendar } from './dossiers.context.js';
export { dossierRoutes } from './dossiers.routes.js';
export { registerDossierJobs } from './use-cases/reminders.js';
export {
  DOSSIER_FEE_JOB,
  applyFeeEvent,
  dossierForFees,
  type DossierFeeEvent,
  type DossierFeeView,
} from './use-cases/fees.js';
