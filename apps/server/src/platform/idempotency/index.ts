import { and, eq, type SQLWrapper } from 'drizzle-orm';
import { runBatch } from '../db/batch.js';
import { insertInto, type RawStatement } from '../db/insert.js';
import { sha256Hex } from '../crypto/secret-box.js';
import type { Db, Tx } from '../db/index.js';
import { AppError, BadRequestError, ConflictError } from '../http/errors.js';
import { canonicalJson } from '../json.js';
import { idempotencyKeys } from './db/schema.js';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** 400 unless `key` is a usable Idempotency-Key (for work to check before anything it cannot undo). */
export function assertIdempotencyKey(key: string | undefined): asserts key is string {
  if (key === undefined)
    throw new BadRequestError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (a UUID).');
  if (!IDEMPOTENCY_KEY.test(key))
    throw new BadRequestError(
      'IDEMPOTENCY_KEY_INVALID',
      'The Idempotency-Key must be 8-128 characters [A-Za-z0-9_.:-].',
    );
}

/** Thrown inside the transaction to roll the work back when another request holds the key. */
class KeyTaken extends Error {}

/**
 * Run `fn` once per (scope, key). The key row, with the answer, is inserted at the end of the same
 * transaction as the work, so a crash leaves neither. A duplicate (a retry, a double click) does the
 * work in its own transaction, then meets the key on the unique index (waiting for the first
 * request to commit), rolls its work back and replays the stored answer; the same key with a
 * different request is refused. One statement per request: no separate claim and no update.
 */
export async function withIdempotency<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
  fn: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  assertIdempotencyKey(key);
  const requestHash = sha256Hex(canonicalJson(request));
  try {
    return await db.transaction(async (tx) => {
      const r = await fn(tx);
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash, status: r.status, response: r.body as object })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length === 0) throw new KeyTaken();
      return { ...r, replayed: false };
    });
  } catch (e) {
    // The work may also have failed *because* it was done already (a unique index, a state check):
    // whenever the key is on record, the stored answer is the answer.
    return answerOnRecord<T>(
      db,
      scope,
      key,
      requestHash,
      e instanceof KeyTaken
        ? new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'The first request with this key is still running.')
        : e,
    );
  }
}

/**
 * `withIdempotency` for work that is a batch of writes known ahead (`runBatch`): the key row goes
 * in the same batch, so the work and the key commit together in one round trip. A duplicate meets
 * the key on the unique index (waiting for the first to commit), the whole batch rolls back, and
 * the stored answer is replayed. `build` runs once, before anything is written.
 */
export async function withIdempotentBatch<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
  build: () => { status: number; body: T; statements: (SQLWrapper | RawStatement)[] },
): Promise<{ status: number; body: T; replayed: boolean }> {
  assertIdempotencyKey(key);
  const requestHash = sha256Hex(canonicalJson(request));
  const r = build();
  try {
    await runBatch(db, [
      ...r.statements,
      insertInto(idempotencyKeys, [{ scope, key, requestHash, status: r.status, response: r.body as object }]),
    ]);
    return { status: r.status, body: r.body, replayed: false };
  } catch (e) {
    return answerOnRecord<T>(db, scope, key, requestHash, e);
  }
}

/** After a failed attempt: the stored answer if the key is on record, else `failure` is thrown. */
async function answerOnRecord<T>(
  db: Db,
  scope: string,
  key: string,
  requestHash: string,
  failure: unknown,
): Promise<{ status: number; body: T; replayed: boolean }> {
  const [prev] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!prev) throw failure;
  return replay<T>(prev, requestHash);
}

function replay<T>(
  prev: typeof idempotencyKeys.$inferSelect,
  requestHash: string,
): { status: number; body: T; replayed: boolean } {
  if (prev.requestHash !== requestHash)
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
  return { status: prev.status!, body: prev.response as T, replayed: true };
}

/**
 * The stored answer for (scope, key), or null. For work that must not even be attempted twice
 * (spending a one-time code): look first, then do the work under `withIdempotency`.
 */
export async function storedAnswer<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
): Promise<{ status: number; body: T; replayed: boolean } | null> {
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) return null;
  const [prev] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return prev ? replay<T>(prev, sha256Hex(canonicalJson(request))) : null;
}
