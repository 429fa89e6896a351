import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { accessDelays, accessLog, consents, corrections, effects, records, type RegistryCode } from './db/schema.js';

export type RecordRow = typeof records.$inferSelect;
export type AccessRow = typeof accessLog.$inferSelect;
export type DelayRow = typeof accessDelays.$inferSelect;
export type CorrectionRow = typeof corrections.$inferSelect;

/** The only code that touches the registries' tables. */
export const registriesRepository = {
  /** The version in force at `validAt` as the registry believed it at `knownAt` (null = now). */
  async recordAt(db: Executor, registry: RegistryCode, key: string, validAt: Date, knownAt: Date | null) {
    const known = knownAt
      ? and(lte(records.recordedAt, knownAt), or(isNull(records.supersededAt), gt(records.supersededAt, knownAt)))
      : isNull(records.supersededAt);
    const rows = await db
      .select()
      .from(records)
      .where(
        and(
          eq(records.registry, registry),
          eq(records.recordKey, key),
          known,
          lte(records.validFrom, validAt),
          or(isNull(records.validTo), gt(records.validTo, validAt)),
        ),
      )
      .orderBy(desc(records.recordedAt))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Every version ever recorded for a key, in record-time then valid-time order. */
  history(db: Executor, registry: RegistryCode, key: string) {
    return db
      .select()
      .from(records)
      .where(and(eq(records.registry, registry), eq(records.recordKey, key)))
      .orderBy(asc(records.recordedAt), asc(records.validFrom));
  },

  /** The believed versions of a key, locked for a change. */
  believedForUpdate(tx: Executor, registry: RegistryCode, key: string) {
    return tx
      .select()
      .from(records)
      .where(and(eq(records.registry, registry), eq(records.recordKey, key), isNull(records.supersededAt)))
      .orderBy(asc(records.validFrom))
      .for('update');
  },

  async supersede(tx: Executor, ids: string[], at: Date) {
    if (ids.length) await tx.update(records).set({ supersededAt: at }).where(inArray(records.id, ids));
  },

  async insertVersions(tx: Executor, rows: (typeof records.$inferInsert)[]) {
    if (rows.length) await tx.insert(records).values(rows);
  },

  /** Believed records of another registry naming a person (business by representative, land by holder). */
  recordsOfSubject(db: Executor, registry: RegistryCode, subjectId: string, at: Date) {
    return db
      .select()
      .from(records)
      .where(
        and(
          eq(records.registry, registry),
          isNull(records.supersededAt),
          sql`${records.subjects} @> array[${subjectId}]::text[]`,
          lte(records.validFrom, at),
          or(isNull(records.validTo), gt(records.validTo, at)),
        ),
      )
      .limit(50);
  },

  async logAccess(tx: Executor, rows: (typeof accessLog.$inferInsert)[]) {
    if (rows.length) await tx.insert(accessLog).values(rows);
  },

  /** Reads of a person's data he may see now (no delay, or the delay is over), newest first. */
  async accessOf(db: Executor, subjectId: string, now: Date, page: number, pageSize: number) {
    const where = and(
      eq(accessLog.subjectId, subjectId),
      or(isNull(accessLog.hiddenUntil), lte(accessLog.hiddenUntil, now)),
    );
    const [items, total] = await Promise.all([
      db
        .select()
        .from(accessLog)
        .where(where)
        .orderBy(desc(accessLog.at), desc(accessLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.$count(accessLog, where),
    ]);
    return { items, total };
  },

  /** The delays in force for reads of `subjectId` by `agencyCode` at `at`. */
  async delayFor(tx: Executor, subjectId: string, agencyCode: string, at: Date) {
    const rows = await tx
      .select()
      .from(accessDelays)
      .where(
        and(
          eq(accessDelays.subjectId, subjectId),
          eq(accessDelays.agencyCode, agencyCode),
          lte(accessDelays.startsAt, at),
          gt(accessDelays.endsAt, at),
        ),
      )
      .orderBy(desc(accessDelays.endsAt))
      .limit(1);
    return rows[0] ?? null;
  },

  async insertDelay(tx: Executor, row: typeof accessDelays.$inferInsert) {
    const r = await tx.insert(accessDelays).values(row).onConflictDoNothing().returning();
    return r[0] ?? null;
  },

  async delayByCase(db: Executor, agencyCode: string, subjectId: string, caseReference: string) {
    const r = await db
      .select()
      .from(accessDelays)
      .where(
        and(
          eq(accessDelays.agencyCode, agencyCode),
          eq(accessDelays.subjectId, subjectId),
          eq(accessDelays.caseReference, caseReference),
        ),
      );
    return r[0] ?? null;
  },

  delaysOfAgency(db: Executor, agencyCode: string) {
    return db
      .select()
      .from(accessDelays)
      .where(eq(accessDelays.agencyCode, agencyCode))
      .orderBy(desc(accessDelays.createdAt))
      .limit(200);
  },

  /** Delays of a person that are over: he is told they existed. */
  endedDelaysOf(db: Executor, subjectId: string, now: Date) {
    return db
      .select()
      .from(accessDelays)
      .where(and(eq(accessDelays.subjectId, subjectId), lte(accessDelays.endsAt, now)))
      .orderBy(desc(accessDelays.endsAt));
  },

  async insertConsent(tx: Executor, row: typeof consents.$inferInsert) {
    await tx.insert(consents).values(row);
  },

  async consentById(db: Executor, id: string) {
    const r = await db.select().from(consents).where(eq(consents.id, id));
    return r[0] ?? null;
  },

  async insertCorrection(tx: Executor, row: typeof corrections.$inferInsert) {
    const r = await tx.insert(corrections).values(row).onConflictDoNothing().returning();
    return r[0] ?? null;
  },

  async openCorrection(db: Executor, registry: RegistryCode, key: string, field: string, submittedBy: string) {
    const r = await db
      .select()
      .from(corrections)
      .where(
        and(
          eq(corrections.registry, registry),
          eq(corrections.recordKey, key),
          eq(corrections.field, field),
          eq(corrections.submittedBy, submittedBy),
          eq(corrections.status, 'open'),
        ),
      );
    return r[0] ?? null;
  },

  async correctionById(db: Executor, id: string) {
    const r = await db.select().from(corrections).where(eq(corrections.id, id));
    return r[0] ?? null;
  },

  correctionsOf(db: Executor, where: { ownerAgencyCode?: string; submittedBy?: string; status?: string }) {
    return db
      .select()
      .from(corrections)
      .where(
        and(
          where.ownerAgencyCode ? eq(corrections.ownerAgencyCode, where.ownerAgencyCode) : undefined,
          where.submittedBy ? eq(corrections.submittedBy, where.submittedBy) : undefined,
          where.status ? eq(corrections.status, where.status as 'open') : undefined,
        ),
      )
      .orderBy(desc(corrections.createdAt))
      .limit(200);
  },

  async resolveCorrection(tx: Executor, id: string, patch: Partial<CorrectionRow>) {
    await tx.update(corrections).set(patch).where(eq(corrections.id, id));
  },

  /** Claim a dossier's effect once; false when it was applied already. */
  async claimEffect(tx: Executor, row: typeof effects.$inferInsert) {
    const r = await tx.insert(effects).values(row).onConflictDoNothing().returning();
    return r.length > 0;
  },

  async effectsOf(db: Executor, dossierCode: string) {
    return db.select().from(effects).where(eq(effects.dossierCode, dossierCode));
  },
};
