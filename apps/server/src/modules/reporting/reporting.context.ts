import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { PlatformDeps } from '../../platform/module.js';
import type { Clock } from '../../platform/time/clock.js';
import { AnswerCache } from './answer-cache.js';
import type { ReportingPorts } from './reporting-contract.js';

/** What the reporting use cases share: the platform and the ports. */
export class ReportingContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly log: Logger;
  readonly files: FileStore;
  /** Dashboard answers until the next refresh (see AnswerCache). */
  readonly answers = new AnswerCache();

  constructor(
    deps: PlatformDeps,
    readonly ports: ReportingPorts,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.log = deps.log;
    this.files = deps.files;
  }

  link(path: string) {
    return `${this.config.publicUrl}${path}`;
  }
}
