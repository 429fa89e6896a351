import { parseArgs } from 'node:util';
import type { Platform } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { EmbeddedDataDirVersionError } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { EmbeddedUpgradeError, upgradeEmbeddedDatabase } from './platform/db/upgrade-embedded.js';
import { systemActor } from './platform/http/auth.js';
import { verifyAuditChain } from './modules/audit/index.js';
import { createStaffUser, ROLES, type Role } from './modules/identity/index.js';
import { type CliOutput, EDXML_HELP, EXCHANGE_HELP, edxmlCli, exchangeCli } from './modules/exchange/index.js';
import { REGISTRIES_HELP, registriesCli } from './modules/registries/index.js';
import { seedDemo, seedReferenceData } from './seed.js';
import { firstRunChecklist, formatChecklist } from './first-run.js';

export type { CliOutput };
export type WithPlatform = <T>(fn: (p: Platform) => Promise<T>) => Promise<T>;

export const HELP = `egov <command>

  migrate                         apply database migrations
  seed [--no-demo]                load the agency directory (and demo accounts)
  user create --username U --password P --role R [--role R2] [--agency CODE] [--name "Full Name"] [--email E]
  check                           the first-run checklist: directory, first administrator, PKI, seals, PUBLIC_URL
  audit verify                    check the hash chain of the audit trail
  pki init                        create the demo government root CA, issuing CA and time-stamping unit (idempotent)
  pki seal --agency CODE [--agency CODE2 …]
                                  a seal certificate (key held by the platform) for each agency that has none
  db upgrade-embedded             carry a PGlite 0.3 (PostgreSQL 17) DATA_DIR to the bundled PGlite (PostgreSQL 18);
                                  needs \`npm ci --prefix tools/embedded-upgrade\` once; keeps the old directory
${EXCHANGE_HELP}
${EDXML_HELP}
${REGISTRIES_HELP}

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite, default ./data). On PGlite with \`npm start\` running,
the database commands run through the server (same machine, same account; db upgrade-embedded and registries
generate need it stopped).`;

/**
 * One `egov` command; returns the exit code. `withPlatform` opens the platform for the commands that need the
 * database: a platform of its own (cli.ts), or the running server's (operator-channel.ts, ADR 0030).
 */
export async function runCommand(argv: string[], io: CliOutput, withPlatform: WithPlatform): Promise<number> {
  const progress = (msg: string) => io.err(`  … ${msg}`);
  const [cmd, sub, ...rest] = argv;
  switch (cmd) {
    case 'migrate':
      await withPlatform(async (p) => io.out(`migrations applied (${p.database.kind})`));
      return 0;
    case 'seed': {
      const demo = !argv.includes('--no-demo');
      await withPlatform(async (p) => {
        const ref = await seedReferenceData(p, progress);
        const d = demo ? await seedDemo(p, progress) : { accounts: 0 };
        io.out(`seeded ${ref.agencies} new agencies, ${d.accounts} new accounts`);
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
        io.err('user create needs --username, --password and --role');
        return 2;
      }
      const bad = values.role.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) {
        io.err(`unknown role ${bad.join(', ')}; roles: ${ROLES.join(', ')}`);
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
        io.err('The agency directory is empty: run `npm run egov -- seed --no-demo` first, then create the user.');
        return 2;
      }
      io.out(
        `created ${u.username} (${u.id}) roles=${u.roles.join(',')}${u.agencyCode ? ` agency=${u.agencyCode}` : ''}`,
      );
      return 0;
    }
    case 'check': {
      const items = await withPlatform((p) => firstRunChecklist(p, loadConfig()));
      io.out(formatChecklist(items));
      return items.every((i) => i.ok) ? 0 : 1;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const r = await withPlatform((p) => verifyAuditChain(p.deps.db, (n) => progress(`${n} events checked`)));
      io.out(JSON.stringify(r));
      return r.ok ? 0 : 1;
    }
    case 'pki': {
      if (sub === 'seal') return pkiSeal(rest, io, withPlatform);
      if (sub !== 'init') break;
      const r = await withPlatform((p) => p.signatures.init({ ...systemActor, actorName: 'cli' }));
      for (const [role, c] of Object.entries(r))
        io.out(`${role.padEnd(8)} ${c.created ? 'created ' : 'exists  '} ${c.id}  ${c.subject}`);
      return 0;
    }
    case 'db': {
      if (sub !== 'upgrade-embedded') break;
      const config = loadConfig();
      if (config.DATABASE_URL) {
        io.err('DATABASE_URL is set: the platform runs on PostgreSQL, there is no embedded database to upgrade.');
        return 2;
      }
      const r = await upgradeEmbeddedDatabase(config.DATA_DIR, progress);
      if (r.status === 'no-database') io.out(`no embedded database in ${config.DATA_DIR}: nothing to upgrade`);
      else if (r.status === 'current') io.out(`the embedded database is already PostgreSQL ${r.from}`);
      else
        io.out(
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
      const code = await exchangeCli(
        sub,
        rest,
        (fn) => withPlatform((p) => fn(p.exchange)),
        { ...systemActor, actorName: 'cli' },
        io,
      );
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
      io.out(HELP);
      return 0;
  }
  io.err(`unknown command: ${argv.join(' ')}\n\n${HELP}`);
  return 2;
}

/** `pki seal --agency CODE …`: exit 0 when every agency holds a seal afterwards, 1 if one is unknown. */
async function pkiSeal(args: string[], io: CliOutput, withPlatform: WithPlatform): Promise<number> {
  const { values } = parseArgs({ args, options: { agency: { type: 'string', multiple: true } } });
  const codes = [...new Set((values.agency ?? []).map((a) => a.trim()).filter(Boolean))];
  if (!codes.length) {
    io.err('pki seal needs --agency CODE (once per agency), e.g. --agency 000.00.00.H26');
    return 2;
  }
  const r = await withPlatform(async (p) => {
    if ((await p.signatures.cas()).length === 0) return null;
    return p.signatures.issueSeals({ ...systemActor, actorName: 'cli' }, codes);
  });
  if (!r) {
    io.err('The PKI is not initialised: run `npm run egov -- pki init` first, then issue the seals.');
    return 2;
  }
  for (const s of r)
    io.out(
      s.status === 'unknown-agency'
        ? `seal     unknown   ${s.agencyCode}  no such agency in the directory (is it seeded? \`egov seed --no-demo\`)`
        : `seal     ${s.status === 'created' ? 'created ' : 'exists  '}  ${s.certificateId}  ${s.agencyCode}  ${s.subject}`,
    );
  return r.some((s) => s.status === 'unknown-agency') ? 1 : 0;
}

/** The message a command's failure prints, for the errors an operator can act on; null for a bug. */
export function describeError(err: unknown): string | null {
  const e = err as { code?: string; message?: string; errors?: { path: string; message: string }[] };
  if (
    err instanceof ConfigError ||
    err instanceof DataDirLockedError ||
    err instanceof EmbeddedDataDirVersionError ||
    err instanceof EmbeddedUpgradeError
  )
    return (err as Error).message;
  if (e?.code && e?.errors) return `${e.code}: ${e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')}`;
  if (e?.code) return `${e.code}: ${e.message}`;
  return null;
}
