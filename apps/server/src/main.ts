import { buildPlatform } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { EmbeddedDataDirVersionError } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { DEMO_ACCOUNTS, DEMO_BUSINESS, DEMO_CITIZEN, seedDemo, seedReferenceData } from './seed.js';
import { hasNoAccounts } from './modules/identity/index.js';
import { firstRunChecklist, formatChecklist } from './first-run.js';
import { loopbackUrl, operatorChannel } from './operator-channel.js';

/** `npm start`: API, workers and web app in one process. */
async function main() {
  const config = loadConfig();
  // A fault of the embedded database is fatal (ADR 0016): /health answers 503 for the last requests,
  // then the process exits with EX_SOFTWARE (70) and the supervisor (systemd, docs/operations.md) restarts it.
  // On the embedded database the CLI's admin commands run through this process (ADR 0030).
  const operator =
    !config.DATABASE_URL && loopbackUrl(config.HOST, config.PORT) ? operatorChannel(config.DATA_DIR) : null;
  const platform = await buildPlatform(config, {
    onDatabaseFault: () => {
      setTimeout(() => process.exit(70), 1000);
    },
    routes: operator ? (app) => operator.routes(app) : undefined,
  });
  const { app, deps } = platform;
  if (await hasNoAccounts(platform.identity)) {
    const ref = await seedReferenceData(platform);
    app.log.info(`seeded ${ref.agencies} agencies`);
    if (config.SEED_DEMO) {
      await seedDemo(platform);
      printDemoAccounts(config.publicUrl);
    }
  }
  platform.start();
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.GATEWAY_MTLS_PORT) {
    const mtls = await platform.gateway.listenMutualTls({ port: config.GATEWAY_MTLS_PORT, host: config.HOST });
    console.log(`  Gateway mutual-TLS listener (client certificates of the platform CA): port ${mtls.port}`);
  }
  if (operator) {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    operator.open(platform, loopbackUrl(config.HOST, port)!);
  }
  const db = platform.database.kind === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(
    `\n  Nền tảng Chính phủ điện tử / e-Government platform ${config.version}\n  ${config.publicUrl}  (database: ${db}; API docs: ${config.publicUrl}/api/docs)\n`,
  );
  if (config.NODE_ENV === 'production' && !config.SECURITY_CONTACT) {
    app.log.warn('SECURITY_CONTACT is not set: /.well-known/security.txt tells no one where to report a vulnerability');
  }
  // Without demo data, what is still missing before people can use it (and the command that does it).
  if (!config.SEED_DEMO) {
    const items = await firstRunChecklist(platform, config);
    if (!items.every((i) => i.ok))
      console.log(`  First-run checklist (npm run egov -- check):\n${formatChecklist(items)}\n`);
  }
  if (deps.mail.kind === 'outbox') {
    console.log(
      config.DEV_MAIL_OUTBOX && config.NODE_ENV !== 'production'
        ? `  Mail goes to the development outbox, for system administrators: ${config.publicUrl}/dev/mail\n`
        : '  No SMTP_URL: mail is kept in the database only (DEV_MAIL_OUTBOX=true shows it to administrators).\n',
    );
  }

  if (deps.sms.kind === 'outbox') {
    console.log(
      config.DEV_SMS_OUTBOX && config.NODE_ENV !== 'production'
        ? `  SMS go to the development outbox, for system administrators: ${config.publicUrl}/dev/sms\n`
        : '  No SMS_URL: SMS are kept in the database only (DEV_SMS_OUTBOX=true shows them to administrators).\n',
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    operator?.close();
    await platform.close().catch((err) => app.log.error({ err }, 'shutdown failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printDemoAccounts(url: string) {
  console.log(`\n  Demo accounts (SEED_DEMO=false to skip) — log in at ${url}/login`);
  for (const a of DEMO_ACCOUNTS)
    console.log(
      `    ${a.username.padEnd(16)} ${a.password.padEnd(12)} ${a.role}${a.agencyCode ? ` @ ${a.agencyCode}` : ''}`,
    );
  console.log(
    `    ${DEMO_CITIZEN.username.padEnd(16)} ${DEMO_CITIZEN.password.padEnd(12)} citizen (personal ID number)`,
  );
  console.log(`    ${DEMO_BUSINESS.username.padEnd(16)} ${DEMO_BUSINESS.password.padEnd(12)} business (tax code)`);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof EmbeddedDataDirVersionError) {
    console.error(`\n${err.message}\n`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
