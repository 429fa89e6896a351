import { createHash } from 'node:crypto';
import type { Query, SQL } from 'drizzle-orm';
import type { Executor } from './index.js';

interface Internals {
  dialect: { sqlToQuery(q: SQL): Query };
  session: {
    prepareQuery(query: Query, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
  };
}

/**
 * `ex.execute(query)` as a named prepared statement, for a hot statement whose planning costs as much as
 * its execution (a public search's, with several scans of one table with many indexes: about 2 ms of
 * planning for 5 ms of work). On PostgreSQL each pool connection parses it once, and after five runs keeps
 * a generic plan when that is no dearer than the plans made for the values (PostgreSQL's plan cache); the
 * name is the text's hash, so two texts never share one. PGlite ignores the name (the same call as
 * `execute`). Drizzle's `execute` itself prepares the same way with no name (the session's `prepareQuery`).
 */
export function executePrepared(ex: Executor, query: SQL): Promise<unknown> {
  const { dialect, session } = ex as unknown as Internals;
  const q = dialect.sqlToQuery(query);
  const name = `q_${createHash('sha1').update(q.sql).digest('base64url').slice(0, 24)}`;
  return session.prepareQuery(q, undefined, name, false).execute();
}
