import { and, eq } from 'drizzle-orm';
import { sha256Hex } from '../crypto/secret-box.js';
import type { Db, Tx } from '../db/index.js';
import { AppError, BadRequestError, ConflictError } from '../http/errors.js';
import { canonicalJson } from '../json.js';
import { idempotencyKeys } from './db/schema.js';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Run `fn` once per (scope, key): the key row is inserted in the same transaction as the work, so
 * a crash leaves neither; a concurrent duplicate waits on the key's unique index and then replays
 * the stored answer; the same key with a different request is refused.
 */
export async function withIdempotency<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
  fn: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (key === undefined) throw new BadRequestError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (a UUID).');
  if (!IDEMPOTENCY_KEY.test(key)) throw new BadRequestError('IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key must be 8-128 characters [A-Za-z0-9_.:-].');
  const requestHash = sha256Hex(canonicalJson(request));
  const attempt = () =>
    db.transaction(async (tx) => {
      const inserted = await tx.insert(idempotencyKeys).values({ scope, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
      if (inserted.length === 0) {
        const [prev] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        if (prev.requestHash !== requestHash) {
          throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
        }
        if (prev.status === null) throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'The first request with this key is still running.');
        return { status: prev.status, body: prev.response as T, replayed: true };
      }
      const r = await fn(tx);
      await tx.update(idempotencyKeys).set({ status: r.status, response: r.body as object }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      return { ...r, replayed: false };
    });
  return attempt();
}
