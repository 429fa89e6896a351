/** Dossiers: the online portal and the electronic one-stop shop (Decree 61/2018). */
export {
  createDossiers,
  type DossierFinishedListener,
  type DossiersModule,
  type FinishedDossier,
  type DossiersPorts,
} from './dossiers.module.js';
export { DossiersContext, type DeadlineCalendar } from './dossiers.context.js';
export {
  DOSSIER_FEE_JOB,
  applyFeeEvent,
  dossierForFees,
  type DossierFeeEvent,
  type DossierFeeView,
} from './use-cases/fees.js';
export { dossierIdentifiers } from './use-cases/identifiers.js';
export { dossierDayFacts } from './use-cases/stats.js';
