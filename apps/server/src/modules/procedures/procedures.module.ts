import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import type { DirectoryService } from '../directory/index.js';
import { procedureRoutes } from './procedures.routes.js';
import { ProceduresService } from './procedures.service.js';

/** What the procedure catalogue needs: the agencies that carry out a procedure. */
export interface ProceduresPorts {
  directory: DirectoryService;
}

export type ProceduresModule = Module<ProceduresService>;

/** The procedure catalogue (CSDL TTHC): versioned procedures, forms and workflows. */
export function createProcedures(deps: PlatformDeps, ports: ProceduresPorts): ProceduresModule {
  const procedures = new ProceduresService(deps.db, deps.clock, ports.directory);
  return { name: 'procedures', facade: procedures, routes: procedureRoutes(procedures), jobs: {}, stop: noStop };
}
