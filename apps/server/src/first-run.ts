import type { Platform } from './app.js';
import type { Config } from './config/index.js';
import { loopbackUrl } from './operator-address.js';
import { hasNoAccounts } from './modules/identity/index.js';

/** One thing a new deployment needs before people can use it, and the exact command or page that does it. */
export interface ChecklistItem {
  key: 'agencies' | 'administrator' | 'pki' | 'seals' | 'public-url';
  ok: boolean;
  /** What was found, in a line. */
  found: string;
  /** What to do when it is not ok. */
  fix: string;
}

/**
 * The first-run checklist of a deployment started without demo data (SEED_DEMO=false): the agency
 * directory, a first administrator, the PKI, the agencies' seal certificates, the public address.
 * Printed at start and by `egov check`, so an operator meets a list instead of `Unknown agency`.
 */
export async function firstRunChecklist(p: Platform, config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'NODE_ENV'>) {
  const embedded = p.database.kind === 'pglite';
  // On the embedded database the CLI runs its admin commands through a server listening on loopback (ADR 0030).
  const cli = (args: string) =>
    !embedded
      ? `run \`npm run egov -- ${args}\` (PostgreSQL: the server may keep running)`
      : loopbackUrl(config.HOST, 0)
        ? `run \`npm run egov -- ${args}\` on this machine as the account that runs the server (the running server carries it out)`
        : `stop the server (the embedded database allows one process, and HOST ${config.HOST} is not loopback), run \`npm run egov -- ${args}\`, start it again`;
  const agencies = await p.directory.search({ page: 1, pageSize: 500 });
  const items: ChecklistItem[] = [
    {
      key: 'agencies',
      ok: agencies.total > 0,
      found: `${agencies.total} agencies in the directory`,
      fix: cli('seed --no-demo'),
    },
  ];
  const noAccounts = await hasNoAccounts(p.identity);
  items.push({
    key: 'administrator',
    ok: !noAccounts,
    found: noAccounts ? 'no account yet' : 'accounts exist',
    fix: cli('user create --username admin --password <a strong password> --role admin --name "Quản trị hệ thống"'),
  });
  const cas = await p.signatures.cas();
  items.push({
    key: 'pki',
    ok: cas.length > 0,
    found: `${cas.length} certification authorities`,
    fix: cli('pki init'),
  });
  let sealed = 0;
  for (const a of agencies.items) if (await p.signatures.currentSeal(p.deps.db, a.code)) sealed++;
  items.push({
    key: 'seals',
    ok: sealed > 0,
    found: `${sealed} of ${agencies.total} agencies hold a seal certificate`,
    fix: `${cli('pki seal --agency <code> [--agency <code2> …]')} for each agency that issues documents or fee receipts (or, as the administrator, Quản trị → Chứng thư số → Cấp chứng thư, type "con dấu")`,
  });
  const local = !config.PUBLIC_URL || /\/\/(localhost|127\.0\.0\.1)[:/]?/.test(config.PUBLIC_URL);
  items.push({
    key: 'public-url',
    ok: config.NODE_ENV !== 'production' || !local,
    found: `PUBLIC_URL ${config.PUBLIC_URL ?? 'not set'}, HOST ${config.HOST}`,
    fix: 'set PUBLIC_URL to the address people and other deployments use (links in e-mails, QR codes, federation), and HOST=0.0.0.0 behind a reverse proxy',
  });
  return items;
}

/** The checklist as lines for a terminal. */
export function formatChecklist(items: ChecklistItem[]): string {
  return items
    .map((i) => `  ${i.ok ? '✓' : '✗'} ${i.key.padEnd(13)} ${i.found}${i.ok ? '' : `\n      → ${i.fix}`}`)
    .join('\n');
}
