import { randomBytes, timingSafeEqual } from 'node:crypto';
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Platform } from './app.js';
import { describeError, runCommand } from './cli-commands.js';
import { AppError, ForbiddenError, UnauthorizedError } from './platform/http/errors.js';
import type { App } from './platform/http/server.js';

export { loopbackUrl } from './operator-address.js';

/**
 * The operator channel (ADR 0030): while `npm start` holds the embedded database (PGlite allows one
 * process), the CLI's admin commands run inside the server. The server writes a token to
 * `DATA_DIR/operator.json` (mode 0600: only the account that runs it reads it) and accepts the token only
 * from loopback; the CLI, refused the data directory, finds the file and sends its argv here.
 */
export const OPERATOR_FILE = 'operator.json';
export const OPERATOR_HEADER = 'x-egov-operator-token';

/** What the file says: who holds the directory, where it listens, and the token. */
export interface OperatorFile {
  pid: number;
  url: string;
  token: string;
}

/**
 * Commands that may run in the server: the ones that create or check (idempotent or refused twice by a
 * unique key). Not `db upgrade-embedded` (it needs the server stopped), not `registries generate` (bulk
 * load, minutes long: stop the server for it), not the ones that need no database (they run locally).
 */
const REMOTE: Record<string, string[] | null> = {
  user: ['create'],
  exchange: ['node'],
  pki: ['init', 'seal'],
  seed: null,
  check: null,
  audit: ['verify'],
  migrate: null,
};

export function runsRemotely(argv: string[]): boolean {
  const [cmd, sub] = argv;
  const subs = cmd && Object.hasOwn(REMOTE, cmd) ? REMOTE[cmd] : undefined;
  if (subs === undefined) return false;
  return subs === null || (sub !== undefined && subs.includes(sub));
}

const body = z.object({ argv: z.array(z.string().max(4096)).min(1).max(64) });
const answer = z.object({ code: z.number().int(), stdout: z.string(), stderr: z.string() });

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A new channel for one server process: its token, its route, and the file that tells the CLI. */
export function operatorChannel(dataDir: string) {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const path = join(dataDir, OPERATOR_FILE);
  let platform: Platform | null = null;
  // One command at a time, as on a terminal.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    path,
    token,
    /** Before `app.ready()`: the route (hidden from the public API document). */
    routes(app: App) {
      app.post(
        '/api/operator/commands',
        { schema: { hide: true, security: [], body, response: { 200: answer } } },
        async (req) => {
          // A reverse proxy on the same machine connects from loopback too: what it forwards is not the operator.
          const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
          if (proxied || !LOOPBACK.has(req.socket.remoteAddress ?? ''))
            throw new ForbiddenError('OPERATOR_LOOPBACK_ONLY', 'The operator channel answers on loopback only.');
          const given = Buffer.from(String(req.headers[OPERATOR_HEADER] ?? ''));
          if (given.length !== expected.length || !timingSafeEqual(given, expected))
            throw new UnauthorizedError(
              'OPERATOR_TOKEN_INVALID',
              `Send the token of ${path} in ${OPERATOR_HEADER} (the CLI does).`,
            );
          const { argv } = req.body;
          if (!runsRemotely(argv))
            throw new AppError(
              409,
              'OPERATOR_COMMAND_NEEDS_STOPPED_SERVER',
              `\`egov ${argv.slice(0, 2).join(' ')}\` does not run through the server: stop the server, run it, start the server again.`,
            );
          const p = platform;
          if (!p) throw new AppError(503, 'OPERATOR_NOT_READY', 'The server is still starting.');
          const run = queue.then(async () => {
            const stdout: string[] = [];
            const stderr: string[] = [];
            const io = { out: (l: string) => stdout.push(l), err: (l: string) => stderr.push(l) };
            let code: number;
            try {
              code = await runCommand(argv, io, (fn) => fn(p));
            } catch (e) {
              const known = describeError(e);
              if (!known) req.log.error({ err: e }, 'operator command failed');
              io.err(known ?? `internal error: ${(e as Error).message}`);
              code = 1;
            }
            req.log.info({ command: argv.slice(0, 2).join(' '), code }, 'operator command');
            return { code, stdout: stdout.map((l) => `${l}\n`).join(''), stderr: stderr.map((l) => `${l}\n`).join('') };
          });
          queue = run.catch(() => undefined);
          return run;
        },
      );
    },
    /** After `listen`: the commands may run, and the file tells the CLI where and with what. */
    open(p: Platform, url: string) {
      platform = p;
      try {
        unlinkSync(path);
      } catch {
        /* none yet */
      }
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, url, token } satisfies OperatorFile));
      closeSync(fd);
    },
    /** At shutdown: the file goes with the process. */
    close() {
      platform = null;
      try {
        if ((JSON.parse(readFileSync(path, 'utf8')) as OperatorFile).pid === process.pid) unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
}
