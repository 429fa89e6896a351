import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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

/** Watch every entry point of a PGlite instance for a fault; the first one is kept and reported. */
function watchFaults(pglite: PGlite) {
  let fault: Error | null = null;
  const listeners: ((err: Error) => void)[] = [];
  const target = pglite as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const method of ['query', 'exec', 'transaction', 'execProtocol', 'execProtocolRaw']) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    const bound = original.bind(pglite);
    target[method] = async (...args: unknown[]) => {
      // After a fault PGlite's memory is corrupt: a further query can spin forever in WASM (seen when a module's
      // stop() flushed its work at shutdown). Refuse it here, with the fault, without entering PGlite again.
      if (fault) throw fault;
      try {
        return await bound(...args);
      } catch (e) {
        if (!fault && isEmbeddedDatabaseFault(e)) {
          fault = e instanceof Error ? e : new Error(String(e));
          for (const l of listeners) l(fault);
        }
        throw e;
      }
    };
  }
  return {
    fault: () => fault,
    onFault: (l: (err: Error) => void) => {
      listeners.push(l);
    },
  };
}

export const MIGRATIONS_DIR = join(REPO_ROOT, 'apps/server/drizzle');
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent, citext };

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
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize ?? 10 });
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
    const pglite = await PGlite.create({
      dataDir: o.dataDir ? resolve(o.dataDir, 'pg') : undefined,
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
