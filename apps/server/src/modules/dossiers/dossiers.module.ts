import type { Executor } from '../../platform/db/index.js';
import { collectJobs, type Lazy, type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { IdentityContext } from '../identity/index.js';
import type { ProceduresService } from '../procedures/index.js';
import type { SigningService } from '../signatures/index.js';
import { DossiersContext } from './dossiers.context.js';
import { dossierRoutes } from './dossiers.routes.js';
import { registerDossierJobs } from './use-cases/reminders.js';
import { portalSyncSettings, registerPortalSyncJob } from './portal-sync/portal-sync.js';
import { portalSandboxRoutes } from './portal-sync/portal-sandbox.js';

/** What dossiers needs from other modules. */
export interface DossiersPorts {
  directory: DirectoryService;
  procedures: ProceduresService;
  identity: IdentityContext;
  /** Statutory deadlines in working days. */
  calendar: CalendarService;
  /** Seals the receipts and results it prints. */
  signing: Pick<SigningService, 'sealPdf'>;
  /**
   * Told in the transaction that gives a dossier its result (status 9), so a registry can record the
   * dossier's effect (a birth adds a person): the registries module, built later (ADR 0025).
   */
  onFinished?: Lazy<DossierFinishedListener>;
}

/** A dossier that got its result, as its listener hears of it. */
export interface FinishedDossier {
  code: string;
  procedureCode: string;
  agencyCode: string;
  formData: Record<string, unknown>;
  finishedAt: string;
  actorId: string | null;
  actorName: string | null;
}

/** A dossier got its result; called inside the transaction of that change. */
export type DossierFinishedListener = (tx: Executor, d: FinishedDossier) => Promise<void>;

export type DossiersModule = Module<DossiersContext>;

/** The online portal and the one-stop shop (Decree 61/2018): submission, workflow, deadlines, results. */
export function createDossiers(deps: PlatformDeps, ports: DossiersPorts): DossiersModule {
  const dossiers = new DossiersContext(
    deps.db,
    deps.clock,
    deps.config,
    deps.files,
    ports.directory,
    ports.procedures,
    ports.identity,
    ports.calendar,
    ports.signing,
    portalSyncSettings(deps.config, deps.appSecret),
    ports.onFinished,
  );
  return {
    name: 'dossiers',
    facade: dossiers,
    routes: async (app) => {
      await dossierRoutes(dossiers)(app);
      if (dossiers.portalSync?.sandbox) portalSandboxRoutes(app, dossiers.portalSync, deps.clock);
    },
    jobs: collectJobs((r) => {
      registerDossierJobs(r, dossiers);
      registerPortalSyncJob(r, dossiers, dossiers.portalSync);
    }),
    stop: noStop,
  };
}
