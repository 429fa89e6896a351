import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import { oidcPayloads } from '../db/schema.js';

export type OidcPayloadRow = typeof oidcPayloads.$inferSelect;

/** Rows still alive at `now` (no expiry, or expiring later). */
const alive = (now: Date) => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now));

/** The only code that touches identity.oidc_payloads (oidc-provider's storage and our signing keys). */
export const oidcPayloadRepository = {
  async upsert(db: Executor, row: typeof oidcPayloads.$inferInsert) {
    const { model: _m, id: _i, ...rest } = row;
    await db
      .insert(oidcPayloads)
      .values(row)
      .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: { ...rest, consumedAt: null } });
  },
  /** Insert unless a row with this model and id exists (first writer wins across processes). */
  async insertIfAbsent(db: Executor, row: typeof oidcPayloads.$inferInsert) {
    await db
      .insert(oidcPayloads)
      .values(row)
      .onConflictDoNothing({ target: [oidcPayloads.model, oidcPayloads.id] });
  },
  async find(db: Executor, model: string, id: string, now: Date) {
    return (
      (
        await db
          .select()
          .from(oidcPayloads)
          .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id), alive(now)))
      )[0] ?? null
    );
  },
  async findByUid(db: Executor, model: string, uid: string, now: Date) {
    return (
      (
        await db
          .select()
          .from(oidcPayloads)
          .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.uid, uid), alive(now)))
          .limit(1)
      )[0] ?? null
    );
  },
  async findByUserCode(db: Executor, model: string, userCode: string, now: Date) {
    return (
      (
        await db
          .select()
          .from(oidcPayloads)
          .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.userCode, userCode), alive(now)))
          .limit(1)
      )[0] ?? null
    );
  },
  async consume(db: Executor, model: string, id: string, at: Date) {
    await db
      .update(oidcPayloads)
      .set({ consumedAt: at })
      .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
  },
  async destroy(db: Executor, model: string, id: string) {
    await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
  },
  async destroyByGrantId(db: Executor, model: string, grantId: string) {
    await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.grantId, grantId)));
  },
  /** Housekeeping: drop artefacts that expired before `before`. */
  async purgeExpired(db: Executor, before: Date) {
    return (await db.delete(oidcPayloads).where(lt(oidcPayloads.expiresAt, before)).returning({ id: oidcPayloads.id }))
      .length;
  },
};
