import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlatform } from './app.js';
import { describeError, runCommand, type CliOutput, type WithPlatform } from './cli-commands.js';
import { loadConfig } from './config/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { OPERATOR_FILE, OPERATOR_HEADER, type OperatorFile, runsRemotely } from './operator-channel.js';

const terminal: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** A platform of the command's own (the database is free: PostgreSQL, or PGlite with no server running). */
const ownPlatform: WithPlatform = async (fn) => {
  const config = { ...loadConfig(), LOG_LEVEL: 'warn' as const, SERVE_WEB: false, WORKERS: false };
  const p = await buildPlatform(config);
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
};

/**
 * The embedded data directory is held by a running server (PGlite allows one process): run the command
 * through it, with the token it wrote for the local operator (ADR 0030), or say exactly what to do.
 */
async function throughRunningServer(argv: string[], locked: DataDirLockedError): Promise<number> {
  const stop =
    `Stop the server (Ctrl+C, or \`systemctl stop egov\`), run the command again, then start the server; ` +
    `or run the platform on PostgreSQL (DATABASE_URL), where the CLI works beside it.`;
  if (!runsRemotely(argv)) {
    console.error(`${locked.message}\n\`egov ${argv.slice(0, 2).join(' ')}\` does not run through the server. ${stop}`);
    return 2;
  }
  const path = join(locked.dir, OPERATOR_FILE);
  let f: OperatorFile | null = null;
  try {
    if (existsSync(path)) {
      if ((statSync(path).mode & 0o077) !== 0) {
        console.error(`${path} is readable by other accounts: not using it. Remove it and restart the server.`);
        return 2;
      }
      f = JSON.parse(readFileSync(path, 'utf8'));
    }
  } catch (e) {
    console.error(`Cannot read ${path} (${(e as Error).message}): run the CLI as the account that runs the server.`);
    return 2;
  }
  if (!f || f.pid !== locked.pid) {
    console.error(
      `${locked.message}\nThe server (pid ${locked.pid}) offers no operator channel: it listens on a HOST other ` +
        `than loopback, or is an older version. ${stop}`,
    );
    return 2;
  }
  const r = await fetch(`${f.url}/api/operator/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [OPERATOR_HEADER]: f.token },
    body: JSON.stringify({ argv }),
  }).catch((e: Error) => e);
  if (r instanceof Error) {
    console.error(`The server (pid ${locked.pid}) does not answer at ${f.url} (${r.message}). ${stop}`);
    return 2;
  }
  const a = (await r.json().catch(() => null)) as
    { code: number; stdout: string; stderr: string } | { code: string; detail?: string } | null;
  if (!r.ok || !a || typeof a.code !== 'number') {
    const p = a as { code?: string; detail?: string } | null;
    console.error(`${p?.code ?? r.status}: ${p?.detail ?? 'the server refused the command'}`);
    return 2;
  }
  const done = a as { code: number; stdout: string; stderr: string };
  process.stderr.write(`  (run by the server, pid ${locked.pid}, which holds ${locked.dir})\n`);
  process.stdout.write(done.stdout);
  process.stderr.write(done.stderr);
  return done.code;
}

async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv, terminal, ownPlatform);
  } catch (e) {
    if (e instanceof DataDirLockedError) return throughRunningServer(argv, e);
    throw e;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(describeError(err) ?? err);
    process.exit(1);
  });
