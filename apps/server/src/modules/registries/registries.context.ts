import type { Logger } from 'pino';
import type { Db } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/module.js';
import type { Clock } from '../../platform/time/clock.js';
import type { RegistriesPorts } from './registries-contract.js';

/** What the registries use cases share: the platform and the ports. */
export class RegistriesContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;

  constructor(
    deps: PlatformDeps,
    readonly ports: RegistriesPorts,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.log = deps.log;
  }
}
