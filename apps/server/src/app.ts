import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config/index.js';
import { loadAppSecret } from './platform/crypto/app-secret.js';
import { type Database, openDatabase, type OpenOptions } from './platform/db/index.js';
import { AppError } from './platform/http/errors.js';
import { createHttpServer, type App } from './platform/http/server.js';
import { databaseStore, parseLimits } from './platform/rate-limit/index.js';
import { FileStore } from './platform/files/index.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { JobRunner } from './platform/jobs/index.js';
import { jobRoutes } from './platform/jobs/jobs.routes.js';
import { devMailRoutes } from './platform/mail/dev-mail.routes.js';
import { type MailTransport, outboxTransport, registerMailJob, smtpTransport } from './platform/mail/index.js';
import { lazy, type Module, type PlatformDeps } from './platform/module.js';
import { calendarRoutes } from './platform/time/calendar.routes.js';
import { CalendarService } from './platform/time/calendar-service.js';
import { type Clock, systemClock } from './platform/time/clock.js';
import { AuditSealer, auditRoutes, recordAudit } from './modules/audit/index.js';
import { DossiersContext, dossierRoutes, registerDossierJobs } from './modules/dossiers/index.js';
import { DocumentsContext, documentRoutes, documentSigning, documentsInbox } from './modules/documents/index.js';
import { DirectoryService, directoryRoutes } from './modules/directory/index.js';
import { createExchange, type Exchange } from './modules/exchange/index.js';
import {
  csrfTokenFor,
  IdentityContext,
  identityRoutes,
  principalResolver,
  registerIdentityJobs,
} from './modules/identity/index.js';
import { ProceduresService, procedureRoutes } from './modules/procedures/index.js';
import {
  pkiPublicRoutes,
  pkiRoutes,
  resolveKeyEncryptionKey,
  SignaturesService,
  SoftwareKeyStore,
} from './modules/signatures/index.js';
import { SigningService, signingRoutes } from './modules/signatures/index.js';
import {
  PaymentsContext,
  paymentRoutes,
  paymentSettings,
  registerPaymentJobs,
  sandboxRoutes,
  scheduleDailyReconciliation,
} from './modules/payments/index.js';

export interface Platform {
  app: App;
  deps: PlatformDeps;
  database: Database;
  directory: DirectoryService;
  identity: IdentityContext;
  procedures: ProceduresService;
  dossiers: DossiersContext;
  calendar: CalendarService;
  signatures: SignaturesService;
  documents: DocumentsContext;
  signing: SigningService;
  payments: PaymentsContext;
  exchange: Exchange;
  /** Chains committed audit events (started with the workers; close() seals what is left). */
  auditSealer: AuditSealer;
  /** Background work of a serving process (main.ts): job and module workers when config.WORKERS, timers. */
  start(): void;
  close(): Promise<void>;
}

export interface BuildOptions {
  clock?: Clock;
  /** Tests: an already-migrated PGlite dump to start from. */
  loadDataDir?: Blob;
  /** Tests: a different mail transport (a real SMTP server on loopback, say). */
  mail?: MailTransport;
  logger?: Logger;
  /**
   * The embedded database faulted (ADR 0016): /health answers 503 from then on; main.ts exits with
   * code 70 so that the supervisor restarts the process. Default: log it.
   */
  onDatabaseFault?: (err: Error) => void;
}

const WEB_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist');

/** Composition root: config → platform → modules → routes → workers. */
export async function buildPlatform(config: Config, o: BuildOptions = {}): Promise<Platform> {
  const log = o.logger ?? pino({ level: config.LOG_LEVEL === 'silent' ? 'silent' : config.LOG_LEVEL });
  const dbOpts: OpenOptions = config.DATABASE_URL
    ? {
        databaseUrl: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        guardTransactions: config.NODE_ENV !== 'production',
      }
    : { dataDir: o.loadDataDir ? undefined : config.DATA_DIR, loadDataDir: o.loadDataDir };
  const database = await openDatabase(dbOpts);
  database.onFault((err) => {
    log.fatal({ err: { type: err.name, message: err.message } }, 'the embedded database faulted; restart the process');
    o.onDatabaseFault?.(err);
  });
  try {
    await database.migrate();
    const clock = o.clock ?? systemClock;
    const appSecret = loadAppSecret(config.APP_SECRET, config.DATA_DIR, config.NODE_ENV === 'production');
    const jobs = new JobRunner(database.db, clock, log, {
      pollMs: config.JOBS_POLL_MS,
      exclusive: database.kind === 'pglite',
    });
    const mail =
      o.mail ?? (config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : outboxTransport(database.db));
    registerMailJob(jobs, mail);
    const auditSealer = new AuditSealer(database.db, log, config.AUDIT_SEAL_MS);
    const files = new FileStore(config.FILES_DIR ?? resolve(config.DATA_DIR, 'files'), config.FILE_MAX_BYTES);
    const deps: PlatformDeps = {
      db: database.db,
      dbKind: database.kind,
      config,
      clock,
      jobs,
      mail,
      files,
      log,
      appSecret,
    };

    const directory = new DirectoryService(database.db, clock);
    const identity = new IdentityContext(database.db, clock, config, appSecret, directory);
    registerIdentityJobs(jobs, identity);
    const procedures = new ProceduresService(database.db, clock, directory);
    const calendar = new CalendarService(database.db);
    await calendar.refresh();
    const keyStore = new SoftwareKeyStore(
      database.db,
      resolveKeyEncryptionKey(config.KEY_ENCRYPTION_KEY, appSecret, config.NODE_ENV === 'production'),
    );
    const signatures = new SignaturesService(database.db, clock, config, keyStore, directory, identity);
    const signing = new SigningService(database.db, clock, files, signatures, identity);
    const dossiers = new DossiersContext(
      database.db,
      clock,
      config,
      files,
      directory,
      procedures,
      identity,
      calendar,
      signing,
    );
    registerDossierJobs(jobs, dossiers);
    const exchange = createExchange(deps, {
      directory,
      signatures,
      inbox: lazy(() => documentsInbox(documents)),
    });
    const documents = new DocumentsContext(
      database.db,
      clock,
      files,
      directory,
      identity,
      calendar,
      documentSigning(signing, directory),
      exchange.facade.outbox,
    );
    const paymentConfig = paymentSettings(config, appSecret);
    const payments = new PaymentsContext(
      database.db,
      clock,
      paymentConfig,
      directory,
      procedures,
      dossiers,
      files,
      signing,
      log,
    );
    registerPaymentJobs(jobs, payments);

    /** The modules in the shape of platform/module.ts, in dependency order. */
    const modules: Module<unknown>[] = [exchange];
    for (const m of modules) for (const [name, handler] of Object.entries(m.jobs)) jobs.register(name, handler);

    const app = await createHttpServer({
      version: config.version,
      bodyLimit: config.BODY_LIMIT_BYTES,
      jsonLimits: {
        maxDepth: config.JSON_MAX_DEPTH,
        maxArrayLength: config.JSON_MAX_ARRAY_LENGTH,
        maxObjectKeys: config.JSON_MAX_OBJECT_KEYS,
        maxStringLength: config.JSON_MAX_STRING_LENGTH,
      },
      logLevel: config.LOG_LEVEL,
      resolvePrincipal: principalResolver(identity),
      csrfFor: csrfTokenFor(identity),
      rateLimits: {
        enabled: config.RATE_LIMIT_ENABLED,
        rules: parseLimits(config.RATE_LIMITS),
        store: databaseStore(database.db, clock),
      },
      webRoot: config.SERVE_WEB && existsSync(resolve(WEB_ROOT, 'index.html')) ? WEB_ROOT : null,
    });
    app.get(
      '/health',
      {
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database kind',
          security: [],
          response: {
            200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
          },
        },
      },
      async () => {
        if (database.fault()) {
          throw new AppError(503, 'DATABASE_FAULTED', 'The embedded database faulted; the process is restarting.', {
            database: database.kind,
          });
        }
        try {
          await database.db.execute(sql`select 1`);
        } catch {
          throw new AppError(503, 'DATABASE_UNAVAILABLE', 'The database does not answer.', { database: database.kind });
        }
        return { status: 'ok' as const, database: database.kind, version: config.version };
      },
    );
    await identityRoutes(identity)(app);
    await directoryRoutes(directory)(app);
    await procedureRoutes(procedures)(app);
    await dossierRoutes(dossiers)(app);
    await pkiRoutes(signatures, config.publicUrl)(app);
    await pkiPublicRoutes(signatures)(app);
    await documentRoutes(documents)(app);
    await signingRoutes(signing)(app);
    await paymentRoutes(payments)(app);
    if (paymentConfig.sandbox) await sandboxRoutes(paymentConfig, clock)(app);
    await calendarRoutes(deps, calendar, (tx, ctx, e) => recordAudit(tx, ctx, e, clock.now()))(app);
    await auditRoutes(deps)(app);
    await jobRoutes(deps)(app);
    await fileRoutes(deps, files)(app);
    for (const m of modules) await m.routes(app);
    if (mail.kind === 'outbox' && config.NODE_ENV !== 'production') await devMailRoutes(deps)(app);
    await app.ready();
    await scheduleDailyReconciliation(payments);
    for (const m of modules) await m.init?.();

    return {
      app,
      deps,
      database,
      directory,
      identity,
      procedures,
      dossiers,
      calendar,
      signatures,
      documents,
      signing,
      payments,
      exchange: exchange.facade,
      auditSealer,
      start() {
        if (config.WORKERS) jobs.start();
        if (config.WORKERS) auditSealer.start();
        calendar.start();
        for (const m of modules) m.start?.();
      },
      async close() {
        // Requests and jobs first, then each module's background work, the first-built last.
        await app.close();
        await jobs.stop();
        calendar.stop();
        for (const m of [...modules].reverse()) await m.stop();
        await auditSealer.stop();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
