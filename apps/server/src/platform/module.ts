import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { Db } from './db/index.js';
import type { App } from './http/server.js';
import type { FileStore } from './files/index.js';
import type { JobRunner } from './jobs/index.js';
import type { MailTransport } from './mail/index.js';
import type { Clock } from './time/clock.js';

/** What the composition root hands to every module. */
export interface PlatformDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  jobs: JobRunner;
  mail: MailTransport;
  files: FileStore;
  log: Logger;
}

export type RegisterRoutes = (app: App) => Promise<void> | void;
