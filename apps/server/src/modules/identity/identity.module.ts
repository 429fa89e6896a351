import { collectJobs, type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import type { DirectoryService } from '../directory/index.js';
import { IdentityContext } from './identity.context.js';
import { identityRoutes } from './identity.routes.js';
import { registerIdentityJobs } from './use-cases/password-reset.js';

/** What identity needs from other modules: the agencies staff accounts belong to. */
export interface IdentityPorts {
  directory: DirectoryService;
}

export type IdentityModule = Module<IdentityContext>;

/** Accounts, sessions, second factors, levels of assurance, the OpenID Provider and the VNeID relying party. */
export function createIdentity(deps: PlatformDeps, ports: IdentityPorts): IdentityModule {
  const identity = new IdentityContext(deps.db, deps.clock, deps.config, deps.appSecret, ports.directory);
  return {
    name: 'identity',
    facade: identity,
    routes: identityRoutes(identity),
    jobs: collectJobs((r) => registerIdentityJobs(r, identity)),
    stop: noStop,
  };
}
