import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './index.js';

/**
 * The PGlite trap as a guard. PGlite has one connection: while a transaction is open on it, a query
 * on the outer `db` (instead of the callback's `tx`) waits for the transaction to end, which waits
 * for the query — forever, with no error. On PostgreSQL the same query takes a second pool
 * connection, outside the transaction (it does not see the transaction's writes, and with a small
 * pool it deadlocks too).
 *
 * `guardTransactions(db)` marks each transaction the outer `db` opens in an AsyncLocalStorage for
 * the time its callback runs, and makes every query on the outer `db` (and every new outer
 * transaction) throw `OuterConnectionInTransactionError` while its own async context carries an open
 * mark. Work a transaction started but that outlives it (a promise not awaited) finds the mark
 * closed and runs normally. The cost is one `AsyncLocalStorage.run` per transaction and one
 * `getStore()` per query.
 */

interface TxMark {
  open: boolean;
}

const openTx = new AsyncLocalStorage<TxMark>();

export class OuterConnectionInTransactionError extends Error {
  constructor() {
    super(
      "A query on the outer database connection inside an open transaction: use the transaction callback's " +
        '`tx` (or pass it to the facade method you call). On PGlite this query would wait forever; on ' +
        'PostgreSQL it would run outside the transaction (CONTRIBUTING.md, "A new module").',
    );
    this.name = 'OuterConnectionInTransactionError';
  }
}

/** Throws when called, in this async context, inside a transaction of a guarded database. */
export function assertOutsideTransaction(): void {
  if (openTx.getStore()?.open) throw new OuterConnectionInTransactionError();
}

interface GuardableSession {
  prepareQuery(...args: unknown[]): unknown;
  transaction(cb: (tx: unknown) => Promise<unknown>, config?: unknown): Promise<unknown>;
}

/**
 * Guard the outer database (in place; returns it). The transaction's own session is a different
 * object (drizzle makes one per transaction), so queries on `tx` are untouched.
 */
export function guardTransactions(db: Db): Db {
  const session = (db as unknown as { session: GuardableSession }).session;
  const prepareQuery = session.prepareQuery.bind(session);
  const transaction = session.transaction.bind(session);
  session.prepareQuery = (...args: unknown[]) => {
    assertOutsideTransaction();
    return prepareQuery(...args);
  };
  session.transaction = async (cb, config) => {
    assertOutsideTransaction();
    return transaction(async (tx) => {
      const mark: TxMark = { open: true };
      try {
        return await openTx.run(mark, () => cb(tx));
      } finally {
        mark.open = false;
      }
    }, config);
  };
  return db;
}
