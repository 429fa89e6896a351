import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql, type SQLWrapper } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './index.js';
import type { RawStatement } from './insert.js';

/**
 * Writes that make one unit of work, run as one transaction in one round trip.
 *
 * On PostgreSQL the statements go out pipelined (extended query protocol: Parse/Bind/Describe/
 * Execute per statement, then a single Sync) in one socket write, with their parameters bound as
 * usual. Without BEGIN, the server runs everything up to the Sync as one implicit transaction:
 * committed at the Sync if every statement succeeded, rolled back if one failed (the later ones are
 * then skipped). On this kind of machine a round trip is mostly the cost of the system calls on both
 * sides, so ten statements in one write cost about what one does (ADR 0012).
 *
 * On PGlite (in process, no socket) the statements run one after another in a transaction.
 *
 * Statements are built ahead (Drizzle query builders are lazy), so a batch holds writes whose
 * values are known before it runs; use it where the unit of work has no read-then-decide step.
 */
export async function runBatch(db: Db, statements: (SQLWrapper | RawStatement)[]): Promise<void> {
  await runBatchRows(db, statements);
}

/**
 * `runBatch` answering the rows of each statement, in order (`[]` for a statement without rows): for
 * a unit of work whose later statements decide in SQL from what the earlier ones did (a statement
 * sees the rows the earlier ones wrote: one transaction), and whose caller needs the outcome.
 */
export async function runBatchRows(
  db: Db,
  statements: (SQLWrapper | RawStatement)[],
): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return [];
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    const dialect = (db as unknown as { dialect: PgDialect }).dialect;
    const rendered = statements.map((s) => (isRaw(s) ? s : toRaw(dialect.sqlToQuery(s.getSQL()))));
    // Map values as node-postgres does for one query, before anything is sent: a value it cannot
    // serialise fails here, with nothing on the wire.
    const prepare = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;
    const prepared = rendered.map((q) => ({ text: q.text, values: q.values.map((v) => prepare(v)) }));
    const conn = await client.connect();
    let broken = false;
    try {
      const results = await new Promise<pg.QueryResult | pg.QueryResult[] | undefined>((resolve, reject) => {
        void conn.query(
          new PipelinedBatch(prepared, (err, r) => (err ? reject(err) : resolve(r))) as unknown as pg.QueryConfig,
        );
      });
      // One result per statement (node-postgres starts a new one at each command completion).
      const list = Array.isArray(results) ? results : results ? [results] : [];
      return statements.map((_, i) => (list[i]?.rows ?? []) as Record<string, unknown>[]);
    } catch (e) {
      // A server error (constraint, syntax) leaves the connection usable; anything else does not.
      broken = !(e instanceof pg.DatabaseError);
      throw e;
    } finally {
      conn.release(broken);
    }
  }
  if (isPglite(client)) {
    return db.transaction(async (tx) => {
      const out: Record<string, unknown>[][] = [];
      for (const s of statements) {
        const r = (await tx.execute(isRaw(s) ? rawToSql(s) : s.getSQL())) as unknown as {
          rows?: Record<string, unknown>[];
        };
        out.push(r.rows ?? []);
      }
      return out;
    });
  }
  throw new Error('runBatch: unknown database client');
}

const isRaw = (s: SQLWrapper | RawStatement): s is RawStatement => typeof (s as RawStatement).text === 'string';
const toRaw = (q: { sql: string; params: unknown[] }): RawStatement => ({ text: q.sql, values: q.params });

/** Text with $n placeholders and its values, as a Drizzle SQL object (values bound, never inlined). */
function rawToSql(s: RawStatement): SQL {
  const parts = s.text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql.param(s.values[Number(part) - 1]))));
}

function isPglite(c: unknown): c is PGlite {
  return typeof c === 'object' && c !== null && 'exec' in c && 'transaction' in c && !(c instanceof pg.Pool);
}

type Statement = { text: string; values: unknown[] };
type Connection = {
  parse(m: { text: string; name: string; types: number[] }): void;
  bind(m: { portal: string; statement: string; values: unknown[]; binary: boolean }): void;
  describe(m: { type: 'P'; name: string }): void;
  execute(m: { portal: string; rows: number }): void;
  sync(): void;
};

/**
 * A node-postgres Query that sends several statements before one Sync. The client drives it like
 * any query (row descriptions, rows and command completions arrive for each statement in turn, then
 * one ReadyForQuery); an ErrorResponse ends it with that error.
 */
class PipelinedBatch extends (pg.Query as unknown as new (config: {
  text: string;
  values: unknown[];
  callback: (err: Error | null, r?: pg.QueryResult | pg.QueryResult[]) => void;
}) => object) {
  constructor(
    private readonly statements: Statement[],
    callback: (err: Error | null, r?: pg.QueryResult | pg.QueryResult[]) => void,
  ) {
    super({ text: statements.map((s) => s.text).join(';\n'), values: [], callback });
  }

  requiresPreparation() {
    return true;
  }

  hasBeenParsed() {
    return false;
  }

  prepare(connection: Connection) {
    for (const s of this.statements) {
      connection.parse({ text: s.text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: s.values, binary: false });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: 0 });
    }
    connection.sync();
  }
}
