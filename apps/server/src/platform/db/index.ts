import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.js';
import { guardTransactions } from './tx-guard.js';
import { REPO_ROOT } from '../paths.js';

type Schema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the embedded instance (for dumps in tests). */
  pglite?: PGlite;
  /** PGlite only: the fault that left the embedded database unusable, once one happened (ADR 0016). */
  fault(): Error | null;
  /** Called once, at the first fault of the embedded database. */
  onFault(listener: (err: Error) => void): void;
}

/**
 * A fault of the embedded database's WebAssembly instance (a trap such as `memory access out of
 * bounds`, or the state it leaves behind, `cannot drop active portal`): every later query fails.
 */
export function isEmbeddedDatabaseFault(err: unknown): boolean {
  for (
    let e = err as { message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 6;
    e = e.cause as typeof e, i++
  ) {
    if (e instanceof WebAssembly.RuntimeError) return true;
    if (typeof e.message === 'string' && /memory access out of bounds|cannot drop active portal/.test(e.message))
      return true;
  }
  return false;
}

/** The Emscripten exit that PGlite 0.5 throws for an ordinary SQL error (a `siglongjmp` to Postgres' main loop). */
const POSTGRES_MAIN_LONGJMP = 100;

/**
 * Watch every entry point of a PGlite instance for a fault; the first one is kept and reported.
 *
 * PGlite 0.5 catches every exception thrown out of Postgres' main loop (`_PostgresMainLoopOnce`) and carries on,
 * to handle SQL errors, which arrive as an Emscripten exit with status 100. A WebAssembly trap, or a JavaScript
 * `RangeError` (stack overflow) in the middle of the WASM code, is swallowed the same way: the statement can be
 * reported as done although Postgres never finished it (an INSERT answered without error and not written), and
 * later calls run on whatever state it left (ADR 0016, addendum on 0.5). So the watch also sits on that loop:
 * any other exception out of it is the fault, and the call during which it happened fails with it.
 */
function watchFaults(pglite: PGlite) {
  let fault: Error | null = null;
  const listeners: ((err: Error) => void)[] = [];
  const raise = (e: unknown) => {
    if (fault) return;
    fault = e instanceof Error ? e : new Error(String(e));
    for (const l of listeners) l(fault);
  };
  const mod = (pglite as unknown as { mod?: Record<string, unknown> }).mod;
  const loopOnce = mod?._PostgresMainLoopOnce;
  if (!mod || typeof loopOnce !== 'function')
    throw new Error(
      "PGlite's internals changed (no mod._PostgresMainLoopOnce): the fault watch of ADR 0016 cannot attach; " +
        'check the PGlite upgrade against platform/db/index.ts.',
    );
  mod._PostgresMainLoopOnce = (...args: unknown[]) => {
    try {
      return (loopOnce as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      const status = (e as { status?: unknown } | null)?.status;
      if (status !== POSTGRES_MAIN_LONGJMP) raise(e);
      throw e;
    }
  };
  const target = pglite as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const method of ['query', 'exec', 'transaction', 'execProtocol', 'execProtocolRaw', 'execProtocolRawStream']) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    const bound = original.bind(pglite);
    target[method] = async (...args: unknown[]) => {
      // After a fault PGlite's memory is corrupt: a further query can spin forever in WASM (seen when a module's
      // stop() flushed its work at shutdown). Refuse it here, with the fault, without entering PGlite again.
      if (fault) throw fault;
      let result: unknown;
      try {
        result = await bound(...args);
      } catch (e) {
        if (isEmbeddedDatabaseFault(e)) raise(e);
        throw fault ?? e;
      }
      // PGlite swallowed a fault of its main loop during this call: its answer cannot be trusted.
      if (fault) throw fault;
      return result;
    };
  }
  return {
    fault: () => fault,
    onFault: (l: (err: Error) => void) => {
      listeners.push(l);
    },
  };
}

/** The PostgreSQL major version of the bundled PGlite (0.5.x: PostgreSQL 18); a data directory must match it. */
export const EMBEDDED_PG_MAJOR = 18;

/** A data directory written by another PGlite major (0.3.x wrote PostgreSQL 17): PGlite cannot open it. */
export class EmbeddedDataDirVersionError extends Error {
  constructor(
    readonly dir: string,
    readonly found: string,
  ) {
    super(
      `The embedded database in ${dir} was written by PostgreSQL ${found} (PGlite ${found === '17' ? '0.3.x' : 'of another version'}); ` +
        `this version of the platform runs PGlite with PostgreSQL ${EMBEDDED_PG_MAJOR} and cannot open it. Nothing was changed. ` +
        `To carry the data across: stop every process using it, back up the directory, then run ` +
        `\`npm run egov -- db upgrade-embedded\` (README, "Upgrading the embedded database"; ADR 0016). ` +
        `Or run on PostgreSQL (DATABASE_URL) after restoring a dump there.`,
    );
  }
}

/** Refuse a data directory of another PostgreSQL major before PGlite starts on it (it would fail obscurely). */
export function checkEmbeddedDataDir(pgDir: string): void {
  let version: string;
  try {
    version = readFileSync(join(pgDir, 'PG_VERSION'), 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // a new database: PGlite runs initdb
    throw e;
  }
  if (version !== String(EMBEDDED_PG_MAJOR)) throw new EmbeddedDataDirVersionError(pgDir, version);
}

export const MIGRATIONS_DIR = join(REPO_ROOT, 'apps/server/drizzle');
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent, citext, btree_gin };

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** Tests: start from a dumped, already-migrated data dir (in memory). */
  loadDataDir?: Blob;
  /**
   * Make a query on the outer connection inside an open transaction throw (`tx-guard.ts`). Always on
   * for PGlite (where that query would hang); on PostgreSQL the composition root turns it on outside
   * production.
   */
  guardTransactions?: boolean;
}

/** Open PGlite in DATA_DIR (with a lock file) or a PostgreSQL pool; same Drizzle API either way. */
export async function openDatabase(o: OpenOptions): Promise<Database> {
  if (o.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: o.databaseUrl,
      max: o.poolSize ?? 10,
      // No JIT compilation: the platform's statements are short, and PostgreSQL compiles one (tens
      // of milliseconds) whenever its cost estimate passes jit_above_cost, as the estimate of the
      // public search's walk does (ADR 0020, addendum 9). Before the connection's first query: pg-pool
      // waits for the promise (and drops the connection if it fails); its types say void.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConnect: async (client) => {
        await client.query('set jit = off');
      },
    });
    pool.on('error', () => {
      /* idle client errors are retried by the pool */
    });
    await pool.query('select 1');
    const db = drizzlePg(pool) as unknown as Db;
    if (o.guardTransactions) guardTransactions(db);
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // One migrator at a time across processes.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(7351001)');
          await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await client.query('select pg_advisory_unlock(7351001)').catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
      fault: () => null,
      onFault: () => undefined,
    };
  }
  const release = o.dataDir ? lockDataDir(o.dataDir) : () => undefined;
  try {
    const pgDir = o.dataDir ? resolve(o.dataDir, 'pg') : undefined;
    if (pgDir) checkEmbeddedDataDir(pgDir);
    const pglite = await PGlite.create({
      dataDir: pgDir,
      extensions: PGLITE_EXTENSIONS,
      loadDataDir: o.loadDataDir,
    });
    const watch = watchFaults(pglite);
    const db = guardTransactions(drizzlePglite(pglite) as unknown as Db);
    return {
      db,
      kind: 'pglite',
      pglite,
      ...watch,
      migrate: () => migratePglite(drizzlePglite(pglite), { migrationsFolder: MIGRATIONS_DIR }),
      async close() {
        try {
          // Closing a faulted instance runs its WASM shutdown on corrupt memory: leave it to the process's exit.
          if (!watch.fault()) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export { sql } from 'drizzle-orm';

/** True for a unique-constraint violation (23505), however the driver wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Escape LIKE wildcards so user input matches literally (backslash is PostgreSQL's default escape). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}
