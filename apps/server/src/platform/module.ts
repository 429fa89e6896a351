import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { EventBus } from './bus/index.js';
import type { Db } from './db/index.js';
import type { App } from './http/server.js';
import type { FileStore } from './files/index.js';
import type { JobHandler, JobRunner } from './jobs/index.js';
import type { MailTransport } from './mail/index.js';
import type { SmsTransport } from './sms/index.js';
import type { Clock } from './time/clock.js';

/**
 * The module shape (docs/architecture.md, "The module shape"). Every module under `modules/<x>/` has
 * a factory `createX(deps: PlatformDeps, ports: XPorts): XModule`, where `XPorts` (in the module's
 * `x-contract.ts`) names what it needs from other modules — their facades, or narrower slices of
 * them — and `XModule = Module<XFacade>`. The composition root (`app.ts`) builds the modules in
 * dependency order, hands each the facades it asks for, and nothing is wired afterwards.
 */

/** What the composition root hands to every module. */
export interface PlatformDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  jobs: JobRunner;
  mail: MailTransport;
  sms: SmsTransport;
  files: FileStore;
  log: Logger;
  /** The deployment's secret (`APP_SECRET`); modules derive their own keys from it (HKDF, HMAC). */
  appSecret: string;
  /** Live notices between the processes of the deployment (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite). */
  bus: EventBus;
}

/**
 * What a module's use cases share of the platform (its database, clock, configuration, file store and
 * log) and the module's ports; a module's context class extends it with what is its own.
 */
export class ModuleContext<Ports> {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly files: FileStore;
  readonly log: Logger;

  constructor(
    deps: PlatformDeps,
    readonly ports: Ports,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.files = deps.files;
    this.log = deps.log;
  }

  /** A link into the web app. */
  link(path: string) {
    return `${this.config.publicUrl}${path}`;
  }
}

/** Registers a module's HTTP routes on the server (called once, after every module is built). */
export type RegisterRoutes = (app: App) => Promise<void> | void;

/**
 * A module's durable job handlers by job name (`module.verb-noun`, DESIGN §5). The composition root
 * registers them on `deps.jobs`; the module enqueues them with `enqueueJob(tx, name, payload)` in the
 * transaction of the change that causes them.
 */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** What registering a module's jobs needs of the job runner. */
export type JobRegistry = Pick<JobRunner, 'register'>;

/**
 * The handlers a `register…Jobs(registry, …)` function registers, as a module's `jobs` (which the
 * composition root then registers on the one runner). A name registered twice is a programming error.
 */
export function collectJobs(register: (registry: JobRegistry) => void): JobHandlers {
  const jobs: Record<string, JobHandler> = {};
  register({
    register(name, handler) {
      if (name in jobs) throw new Error(`Job ${name} is registered twice`);
      jobs[name] = handler;
    },
  });
  return jobs;
}

/** What a module factory returns: its facade for other modules, its routes, its jobs, its lifecycle. */
export interface Module<Facade> {
  /** The folder name under `modules/` (logs, errors). */
  readonly name: string;
  /** What other modules receive as a port and what the composition root and tests use. */
  readonly facade: Facade;
  readonly routes: RegisterRoutes;
  readonly jobs: JobHandlers;
  /**
   * One-time I/O before the platform serves: load a cache, schedule a recurring job. Called by
   * `buildPlatform` in list order once every module is built (in tests too).
   */
  init?(): Promise<void>;
  /**
   * Background work of a serving process (`Platform.start()`, called by `main.ts`, never by tests,
   * which drain queues by hand): pollers only when `config.WORKERS`, cache refresh timers always.
   */
  start?(): void;
  /** Stops what `start` began and finishes what is in flight; called in reverse list order on close, started or not. */
  stop(): Promise<void>;
}

/** The signature every module factory has. */
export type ModuleFactory<Ports, Facade> = (deps: PlatformDeps, ports: Ports) => Module<Facade>;

/** A module without background work: `stop` has nothing to do. */
export const noStop = async (): Promise<void> => undefined;

/**
 * A port to a module that is built later, for the one edge of a cycle that points "up" (ADR 0014):
 * the composition root passes `lazy(() => …)`, the module calls it when it needs the port — never
 * during construction. The value is computed on the first call and kept.
 */
export type Lazy<T> = () => T;

export function lazy<T>(make: () => T): Lazy<T> {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
