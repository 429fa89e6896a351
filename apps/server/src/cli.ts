import { parseArgs } from 'node:util';
import { buildPlatform, type Platform } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { EmbeddedDataDirVersionError } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { EmbeddedUpgradeError, upgradeEmbeddedDatabase } from './platform/db/upgrade-embedded.js';
import { systemActor } from './platform/http/auth.js';
import { verifyAuditChain } from './modules/audit/index.js';
import { createStaffUser, ROLES, type Role } from './modules/identity/index.js';
import { EDXML_HELP, EXCHANGE_HELP, edxmlCli, exchangeCli } from './modules/exchange/index.js';
import { REGISTRIES_HELP, registriesCli } from './modules/registries/index.js';
import { seedDemo, seedReferenceData } from './seed.js';
import { firstRunChecklist, formatChecklist } from './first-run.js';

const HELP = `egov <command>

  migrate                         apply database migrations
  seed [--no-demo]                load the agency directory (and demo accounts)
  user create --username U --password P --role R [--role R2] [--agency CODE] [--name "Full Name"] [--email E]
  check                           the first-run checklist: directory, first administrator, PKI, seals, PUBLIC_URL
  audit verify                    check the hash chain of the audit trail
  pki init                        create the demo government root CA, issuing CA and time-stamping unit (idempotent)
  db upgrade-embedded             carry a PGlite 0.3 (PostgreSQL 17) DATA_DIR to the bundled PGlite (PostgreSQL 18);
                                  needs \`npm ci --prefix tools/embedded-upgrade\` once; keeps the old directory
${EXCHANGE_HELP}
${EDXML_HELP}
${REGISTRIES_HELP}

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite, default ./data).`;

async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  const config = { ...loadConfig(), LOG_LEVEL: 'warn' as const, SERVE_WEB: false, WORKERS: false };
  const p = await buildPlatform(config);
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

const progress = (msg: string) => process.stderr.write(`  … ${msg}\n`);

async function run(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  switch (cmd) {
    case 'migrate':
      await withPlatform(async (p) => console.log(`migrations applied (${p.database.kind})`));
      return 0;
    case 'seed': {
      const demo = !argv.includes('--no-demo');
      await withPlatform(async (p) => {
        const ref = await seedReferenceData(p, progress);
        const d = demo ? await seedDemo(p, progress) : { accounts: 0 };
        console.log(`seeded ${ref.agencies} new agencies, ${d.accounts} new accounts`);
      });
      return 0;
    }
    case 'user': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', multiple: true },
          agency: { type: 'string' },
          name: { type: 'string' },
          email: { type: 'string' },
        },
      });
      if (!values.username || !values.password || !values.role?.length) {
        console.error('user create needs --username, --password and --role');
        return 2;
      }
      const bad = values.role.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) {
        console.error(`unknown role ${bad.join(', ')}; roles: ${ROLES.join(', ')}`);
        return 2;
      }
      const u = await withPlatform(async (p) => {
        // A fresh deployment without demo data: say what to do rather than "Unknown agency".
        if (values.agency && (await p.directory.search({ page: 1, pageSize: 1 })).total === 0) return null;
        return createStaffUser(p.identity, { ...systemActor, actorName: 'cli' }, null, {
          username: values.username!,
          password: values.password!,
          fullName: values.name ?? values.username!,
          email: values.email ?? null,
          roles: values.role as Role[],
          agencyCode: values.agency ?? null,
        });
      });
      if (!u) {
        console.error(
          'The agency directory is empty: run `npm run egov -- seed --no-demo` first, then create the user.',
        );
        return 2;
      }
      console.log(
        `created ${u.username} (${u.id}) roles=${u.roles.join(',')}${u.agencyCode ? ` agency=${u.agencyCode}` : ''}`,
      );
      return 0;
    }
    case 'check': {
      const items = await withPlatform((p) => firstRunChecklist(p, loadConfig()));
      console.log(formatChecklist(items));
      return items.every((i) => i.ok) ? 0 : 1;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const r = await withPlatform((p) => verifyAuditChain(p.deps.db, (n) => progress(`${n} events checked`)));
      console.log(JSON.stringify(r));
      return r.ok ? 0 : 1;
    }
    case 'pki': {
      if (sub !== 'init') break;
      const r = await withPlatform((p) => p.signatures.init({ ...systemActor, actorName: 'cli' }));
      for (const [role, c] of Object.entries(r))
        console.log(`${role.padEnd(8)} ${c.created ? 'created ' : 'exists  '} ${c.id}  ${c.subject}`);
      return 0;
    }
    case 'db': {
      if (sub !== 'upgrade-embedded') break;
      const config = loadConfig();
      if (config.DATABASE_URL) {
        console.error(
          'DATABASE_URL is set: the platform runs on PostgreSQL, there is no embedded database to upgrade.',
        );
        return 2;
      }
      const r = await upgradeEmbeddedDatabase(config.DATA_DIR, progress);
      if (r.status === 'no-database') console.log(`no embedded database in ${config.DATA_DIR}: nothing to upgrade`);
      else if (r.status === 'current') console.log(`the embedded database is already PostgreSQL ${r.from}`);
      else
        console.log(
          `upgraded from PostgreSQL ${r.from}: ${r.tables} tables, ${r.rows} rows, counts checked\n` +
            `  the old directory is kept in ${r.backupDir}\n  and its dump in ${r.dumpFile}`,
        );
      return 0;
    }
    case 'edxml': {
      // No database: the hub's parser and validator on files.
      const code = await edxmlCli(sub, rest);
      if (code !== 2) return code;
      break;
    }
    case 'exchange': {
      const code = await exchangeCli(sub, rest, (fn) => withPlatform((p) => fn(p.exchange)), {
        ...systemActor,
        actorName: 'cli',
      });
      if (code !== 2) return code;
      break;
    }
    case 'registries': {
      const code = await registriesCli(sub, rest, (fn) =>
        withPlatform((p) => fn({ db: p.deps.db, directory: p.directory })),
      );
      if (code !== 2) return code;
      break;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return 0;
  }
  console.error(`unknown command: ${argv.join(' ')}\n\n${HELP}`);
  return 2;
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof EmbeddedDataDirVersionError ||
      err instanceof EmbeddedUpgradeError
    )
      console.error(err.message);
    else if (err?.code && err?.errors)
      console.error(
        `${err.code}: ${err.errors.map((e: { path: string; message: string }) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    else if (err?.code) console.error(`${err.code}: ${err.message}`);
    else console.error(err);
    process.exit(1);
  });
