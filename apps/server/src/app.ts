import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from './platform/log.js';
import { REPO_ROOT } from './platform/paths.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config/index.js';
import { type EventBus, localBus, PostgresBus } from './platform/bus/index.js';
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
import { securityTxtRoutes } from './platform/http/security-txt.routes.js';
import { type MailTransport, outboxTransport, registerMailJob, smtpTransport } from './platform/mail/index.js';
import { devSmsRoutes } from './platform/sms/dev-sms.routes.js';
import { registerSmsJob, smsGatewayTransport, smsOutboxTransport, type SmsTransport } from './platform/sms/index.js';
import { lazy, type Module, type PlatformDeps } from './platform/module.js';
import { type Clock, systemClock } from './platform/time/clock.js';
import { type AuditSealer, createAudit } from './modules/audit/index.js';
import { type CalendarService, createCalendar } from './modules/calendar/index.js';
import { createDirectory, type DirectoryService } from './modules/directory/index.js';
import {
  createDocument,
  createDocuments,
  type DocumentsContext,
  documentDayFacts,
  documentsInbox,
  visibleDocument,
} from './modules/documents/index.js';
import {
  createDossiers,
  dossierDayFacts,
  dossierForFees,
  dossierIdentifiers,
  type DossiersContext,
} from './modules/dossiers/index.js';
import { createExchange, type Exchange } from './modules/exchange/index.js';
import { createFeedback, type FeedbackFacade } from './modules/feedback/index.js';
import { createGateway, type GatewayFacade } from './modules/gateway/index.js';
import {
  accountDayFacts,
  accountOf,
  createIdentity,
  csrfTokenFor,
  findAccount,
  type IdentityContext,
  listStaffAccounts,
  searchStaffAccounts,
  principalResolver,
} from './modules/identity/index.js';
import { createMeetings, type MeetingsFacade } from './modules/meetings/index.js';
import { createPayments, type PaymentsContext } from './modules/payments/index.js';
import {
  createRegistries,
  registrySourcesOf,
  type RegistriesModule,
  gatewayOffers,
} from './modules/registries/index.js';
import { createProcedures, type ProceduresService } from './modules/procedures/index.js';
import { createReporting, type ReportingFacade } from './modules/reporting/index.js';
import { createPki, createSigning, type SignaturesService, type SigningService } from './modules/signatures/index.js';

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
  feedback: FeedbackFacade;
  meetings: MeetingsFacade;
  /** The integration platform (NGSP/LGSP): registry, rights, calls, signed message log. */
  gateway: GatewayFacade;
  registries: RegistriesModule;
  reporting: ReportingFacade;
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
  /** Tests: a different SMS transport (default: the gateway at SMS_URL, else the outbox). */
  sms?: SmsTransport;
  logger?: Logger;
  /** Where the application's and Fastify's log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
  /**
   * The embedded database faulted (ADR 0016): /health answers 503 from then on; main.ts exits with
   * code 70 so that the supervisor restarts the process. Default: log it.
   */
  onDatabaseFault?: (err: Error) => void;
  /** Routes of the serving process itself (main.ts: the operator channel, ADR 0030), added before `ready`. */
  routes?: (app: App) => void;
}

const WEB_ROOT = join(REPO_ROOT, 'apps/web/dist');

/** Composition root: config → platform → modules → routes → workers. */
export async function buildPlatform(config: Config, o: BuildOptions = {}): Promise<Platform> {
  const log = o.logger ?? createLogger(config.LOG_LEVEL, o.logStream);
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
  let bus: EventBus = localBus();
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
    const sms =
      o.sms ??
      (config.SMS_URL
        ? smsGatewayTransport({ url: config.SMS_URL, token: config.SMS_TOKEN!, brandname: config.SMS_BRANDNAME! })
        : smsOutboxTransport(database.db));
    registerSmsJob(jobs, sms);
    if (database.kind === 'postgres') {
      const pgBus = new PostgresBus({
        connectionString: config.DATABASE_URL!,
        log,
        notify: async (channel, payload) =>
          void (await database.db.execute(sql`select pg_notify(${channel}, ${payload})`)),
      });
      bus = pgBus;
      await pgBus.start();
    }
    const files = new FileStore(config.FILES_DIR ?? resolve(config.DATA_DIR, 'files'), config.FILE_MAX_BYTES);
    const deps: PlatformDeps = {
      db: database.db,
      dbKind: database.kind,
      config,
      clock,
      jobs,
      mail,
      sms,
      files,
      log,
      appSecret,
      bus,
    };

    // The modules, in dependency order: each gets the facades its ports name (ADR 0014). Jobs,
    // routes, init, start and stop are loops over this list.
    const audit = createAudit(deps);
    const calendar = createCalendar(deps);
    const directory = createDirectory(deps);
    const identity = createIdentity(deps, { directory: directory.facade });
    const procedures = createProcedures(deps, { directory: directory.facade });
    const pki = createPki(deps, { directory: directory.facade, identity: identity.facade });
    const signing = createSigning(deps, { pki: pki.facade, identity: identity.facade });
    // Identity proof by a CA certificate rests on the signatures module's CMS validation and trust list.
    identity.facade.certificateProof = {
      checkIdentitySignature: (signature, content) => signing.facade.checkIdentitySignature(signature, content),
    };
    const dossiers = createDossiers(deps, {
      directory: directory.facade,
      procedures: procedures.facade,
      identity: identity.facade,
      calendar: calendar.facade,
      signing: signing.facade,
      onFinished: lazy(() => registries.facade.dossierFinished),
    });
    const exchange = createExchange(deps, {
      directory: directory.facade,
      signatures: pki.facade,
      inbox: lazy(() => documentsInbox(documents.facade)),
    });
    const documents = createDocuments(deps, {
      directory: directory.facade,
      identity: identity.facade,
      calendar: calendar.facade,
      signing: signing.facade,
      outbox: exchange.facade.outbox,
    });
    const payments = createPayments(deps, {
      directory: directory.facade,
      procedures: procedures.facade,
      dossiers: dossiers.facade,
      sealer: signing.facade,
    });
    const meetings = createMeetings(deps, {
      directory: directory.facade,
      findAccount: (id) => findAccount(identity.facade, id),
      findPeople: (codes, q, limit) => searchStaffAccounts(identity.facade, codes, q, limit),
      signing: signing.facade,
      async draftDocument(actor, p, d, key) {
        const r = await createDocument(
          documents.facade,
          actor,
          p,
          {
            type: d.type,
            subject: d.subject,
            recipients: d.recipients,
            fileIds: [],
            issuingAgency: d.issuingAgency,
            secrecy: d.secret ? 'confidential' : 'none',
            template: { body: d.body, signerPosition: d.signerPosition, signerName: d.signerName },
          },
          key,
        );
        return { id: r.body.id, replayed: r.replayed };
      },
      async findDocument(id, p) {
        const v = await visibleDocument(documents.facade, p, id).catch(() => null);
        if (!v) return null;
        const { d } = v;
        return { id: d.id, status: d.status, number: d.codeNumber ? `${d.codeNumber}/${d.codeNotation}` : null };
      },
      async documentFile(id, p) {
        const v = await visibleDocument(documents.facade, p, id).catch(() => null);
        if (!v?.d.fileId) return null;
        const { d } = v;
        return {
          id: d.id,
          fileId: d.fileId!,
          subject: d.subject,
          number: d.codeNumber ? `${d.codeNumber}/${d.codeNotation}` : null,
          secrecy: d.secrecy,
        };
      },
    });
    const feedback = createFeedback(deps, {
      directory: directory.facade,
      calendar: calendar.facade,
      async findProcedure(code) {
        const v = await procedures.facade.forSubmission(code);
        return v && v !== 'unpublished' ? { code: v.code, name: v.name, agencies: v.implementingAgencies } : null;
      },
      async findDossier(code, p) {
        const d = await dossierForFees(dossiers.facade, code, p);
        return d
          ? {
              code: d.code,
              agencyCode: d.agencyCode,
              procedureCode: d.procedureCode,
              procedureName: d.procedureName,
              isApplicant: d.access.isApplicant,
            }
          : null;
      },
      accountOf: (p) => accountOf(identity.facade, p),
      findAccount: (id) => findAccount(identity.facade, id),
      staffOf: (agencyCode, roles) => listStaffAccounts(identity.facade, [agencyCode], roles),
      proposeAgendaItem: (i) => meetings.facade.proposeAgendaItem(i),
    });
    const gateway = createGateway(deps, {
      directory: directory.facade,
      signatures: pki.facade,
      federation: exchange.facade.federation,
    });
    const registries = createRegistries(deps, {
      directory: directory.facade,
      findDossier: (code) => dossierIdentifiers(dossiers.facade, code),
      async verifiedIdNumber(accountId, principal) {
        const a =
          principal?.userId === accountId
            ? await accountOf(identity.facade, principal)
            : await findAccount(identity.facade, accountId);
        return a && a.active && a.kind === 'citizen' && a.identityVerified ? a.idNumber : null;
      },
      async formSources(code) {
        const v = await procedures.facade.forSubmission(code);
        return v && v !== 'unpublished' ? registrySourcesOf(v.formSchema) : null;
      },
    });
    // The base registries are services of the data sharing platform: a call through the gateway meets the
    // gateway's checks and log, then the registry's own read path and data-access log (issue 17).
    for (const offer of gatewayOffers(registries.facade.services())) gateway.facade.registerLocalService(offer);
    const reporting = createReporting(deps, {
      directory: directory.facade,
      signing: signing.facade,
      federation: exchange.facade.federation,
      calendar: calendar.facade,
      staffOf: (agencyCode, roles) => listStaffAccounts(identity.facade, [agencyCode], roles),
      async findDossier(code, p) {
        const d = await dossierForFees(dossiers.facade, code, p);
        return d
          ? { code: d.code, agencyCode: d.agencyCode, finished: d.finished, isApplicant: d.access.isApplicant }
          : null;
      },
      sources: {
        dossiers: (since) => dossierDayFacts(dossiers.facade, since),
        documents: (since) => documentDayFacts(documents.facade, since),
        accounts: (since) => accountDayFacts(identity.facade, since),
      },
      procedureCounts: () => procedures.facade.onlineModeCounts(),
    });
    const modules: Module<unknown>[] = [
      audit,
      calendar,
      directory,
      identity,
      procedures,
      pki,
      signing,
      dossiers,
      exchange,
      documents,
      payments,
      feedback,
      meetings,
      gateway,
      registries,
      reporting,
    ];
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
      logStream: o.logStream,
      hsts: config.NODE_ENV === 'production' && config.publicUrl.startsWith('https://'),
      resolvePrincipal: principalResolver(identity.facade),
      csrfFor: csrfTokenFor(identity.facade),
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
          // The probe itself may be the query that meets the fault: name it rather than "unavailable".
          if (database.fault()) {
            throw new AppError(503, 'DATABASE_FAULTED', 'The embedded database faulted; the process is restarting.', {
              database: database.kind,
            });
          }
          throw new AppError(503, 'DATABASE_UNAVAILABLE', 'The database does not answer.', { database: database.kind });
        }
        return { status: 'ok' as const, database: database.kind, version: config.version };
      },
    );
    await jobRoutes(deps)(app);
    securityTxtRoutes(deps)(app);
    await fileRoutes(deps, files)(app);
    for (const m of modules) await m.routes(app);
    if (mail.kind === 'outbox' && config.DEV_MAIL_OUTBOX && config.NODE_ENV !== 'production')
      await devMailRoutes(deps)(app);
    if (sms.kind === 'outbox' && config.DEV_SMS_OUTBOX && config.NODE_ENV !== 'production')
      await devSmsRoutes(deps)(app);
    o.routes?.(app);
    await app.ready();
    for (const m of modules) await m.init?.();

    return {
      app,
      deps,
      database,
      directory: directory.facade,
      identity: identity.facade,
      procedures: procedures.facade,
      dossiers: dossiers.facade,
      calendar: calendar.facade,
      signatures: pki.facade,
      documents: documents.facade,
      signing: signing.facade,
      payments: payments.facade,
      exchange: exchange.facade,
      auditSealer: audit.facade,
      feedback: feedback.facade,
      meetings: meetings.facade,
      gateway: gateway.facade,
      registries,
      reporting: reporting.facade,
      start() {
        if (config.WORKERS) jobs.start();
        for (const m of modules) m.start?.();
      },
      async close() {
        // Requests and jobs first, then each module's background work, the first-built last.
        await app.close();
        await jobs.stop();
        for (const m of [...modules].reverse()) await m.stop();
        await bus.close();
        await database.close();
      },
    };
  } catch (e) {
    await bus.close();
    await database.close();
    throw e;
  }
}
