import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import { SERVICES } from './registries.catalog.js';
import {
  type FinishedDossier,
  REGISTRIES_EFFECT_JOB,
  type RegistriesFacade,
  type RegistriesPorts,
} from './registries-contract.js';
import { RegistriesContext } from './registries.context.js';
import { registriesRoutes } from './registries.routes.js';
import { applyDossierEffect, dossierFinished } from './use-cases/effects.js';
import { handlerFor } from './use-cases/serve.js';

export type RegistriesModule = Module<RegistriesFacade> & { context: RegistriesContext };

/** Build the registries module: base registries with bitemporal history, once-only prefill, data tracker. */
export function createRegistries(deps: PlatformDeps, ports: RegistriesPorts): RegistriesModule {
  const ctx = new RegistriesContext(deps, ports);
  return {
    name: 'registries',
    context: ctx,
    facade: {
      services: () =>
        SERVICES.map((s) => ({
          code: s.code,
          purposes: [...s.purposes],
          title: s.title,
          handle: handlerFor(ctx, s.code),
        })),
      dossierFinished,
    },
    routes: registriesRoutes(ctx),
    jobs: {
      [REGISTRIES_EFFECT_JOB]: (payload) => applyDossierEffect(ctx, payload as unknown as FinishedDossier),
    },
    stop: noStop,
  };
}
