import { and, asc, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from '../../platform/db/index.js';
import { accessDelays, accessLog, consents, corrections, effects, records, type RegistryCode } from './db/schema.js';

export type RecordRow = typeof records.$inferSelect;
export type AccessRow = typeof accessLog.$inferSelect;
export type DelayRow = typeof accessDelays.$inferSelect;
export type CorrectionRow = typeof corrections.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;

/** A current read to log (`readAndLogMany`): the lookup, its log rows' values, a consent given with it. */
export interface ReadToLog {
  q: { registry: RegistryCode; key: string; validAt: Date; fallbackSubjects: string[] };
  log: Omit<
    typeof accessLog.$inferInsert,
    'id' | 'subjectId' | 'registry' | 'recordKey' | 'delayId' | 'hiddenUntil'
  > & {
    ids: string[];
  };
  consent?: typeof consents.$inferInsert;
}

/** A record row as `db.execute` answers it (PGlite and node-postgres type some columns apart). */
function recordRowOf(row: Record<string, unknown>): RecordRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: row.id as string,
    registry: row.registry as RegistryCode,
    recordKey: row.record_key as string,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
    subjects: row.subjects as string[],
    validFrom: date(row.valid_from)!,
    validTo: date(row.valid_to),
    recordedAt: date(row.recorded_at)!,
    supersededAt: date(row.superseded_at),
    source: row.source as string,
    recordedBy: (row.recorded_by as string | null) ?? null,
  };
}

/** Text and values of a statement as node-postgres takes them. */
function renderStatement(db: Executor, statement: SQL) {
  const q = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(statement);
  return { text: q.sql, values: q.params };
}

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

  /**
   * The version in force at `validAt` as known at `knownAt` (null = now), and its access-log rows (one
   * per subject, a legal delay of the reading agency applied) in one statement: atomic without a
   * transaction, one round trip. `ids` are the log rows' ids, in subject order (enough for any record).
   */
  async readAndLog(
    db: Executor,
    q: { registry: RegistryCode; key: string; validAt: Date; knownAt: Date | null; fallbackSubjects: string[] },
    log: Omit<
      typeof accessLog.$inferInsert,
      'id' | 'subjectId' | 'registry' | 'recordKey' | 'delayId' | 'hiddenUntil'
    > & {
      ids: string[];
    },
    /**
     * A consent to record with the read (once-only prefill): inserted by the same statement, and the
     * log rows take their consent id from that insert, so no read is logged, and nothing commits,
     * without the consent on record.
     */
    consent?: typeof consents.$inferInsert,
  ): Promise<RecordRow | null> {
    const arr = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`;
    const known = q.knownAt
      ? sql`recorded_at <= ${q.knownAt.toISOString()}::timestamptz and (superseded_at is null or superseded_at > ${q.knownAt.toISOString()}::timestamptz)`
      : sql`superseded_at is null`;
    const at = log.at.toISOString();
    const consentCte = consent
      ? sql`c as (
        insert into registries.consents (id, account_id, subject_id, procedure_code, sources, granted_at, ip)
        values (${consent.id}, ${consent.accountId}, ${consent.subjectId}, ${consent.procedureCode},
          ${arr(consent.sources)}::text[], ${consent.grantedAt.toISOString()}::timestamptz, ${consent.ip ?? null})
        returning id
      ), `
      : sql``;
    const consentId = consent ? sql`(select id from c)` : sql`${log.consentId ?? null}`;
    const res = (await db.execute(sql`
      with ${consentCte}r as (
        select id, registry, record_key, data, subjects, valid_from, valid_to, recorded_at, superseded_at, source, recorded_by
        from registries.records
        where registry = ${q.registry} and record_key = ${q.key} and ${known}
          and valid_from <= ${q.validAt.toISOString()}::timestamptz
          and (valid_to is null or valid_to > ${q.validAt.toISOString()}::timestamptz)
        order by recorded_at desc
        limit 1
      ), s as (
        select u.sub, u.ord
        from r, unnest(case when cardinality(r.subjects) > 0 then r.subjects else ${arr(q.fallbackSubjects)}::text[] end)
          with ordinality as u(sub, ord)
      ), ins as (
        insert into registries.access_log (id, at, service, registry, record_key, subject_id, fields, purpose,
          dossier_code, client, actor_kind, actor_id, actor_name, agency_code, consent_id, delay_id, hidden_until)
        select (${arr(log.ids)}::text[])[s.ord], ${at}::timestamptz, ${log.service}, ${q.registry}, ${q.key}, s.sub,
          ${arr(log.fields)}::text[], ${log.purpose}, ${log.dossierCode ?? null}, ${log.client}, ${log.actorKind},
          ${log.actorId}, ${log.actorName ?? null}, ${log.agencyCode ?? null}, ${consentId}, d.id, d.ends_at
        from s left join lateral (
          select id, ends_at from registries.access_delays d
          where d.subject_id = s.sub and d.agency_code = ${log.agencyCode ?? null}
            and d.starts_at <= ${at}::timestamptz and d.ends_at > ${at}::timestamptz
          order by d.ends_at desc limit 1
        ) d on true
        returning 1
      )
      select r.*, (select count(*) from ins) as logged from r`)) as unknown as { rows: Record<string, unknown>[] };
    const row = res.rows[0];
    return row ? recordRowOf(row) : null;
  },

  /**
   * Several current reads (`knownAt` null) and their access-log rows, and the consents given with
   * them, in one statement: one round trip and one commit for all (a group commit). Answers the
   * record of each read, in order, or null. Atomic: one failing read fails them all (the caller
   * retries each alone).
   */
  async readAndLogMany(db: Executor, reads: ReadToLog[]): Promise<(RecordRow | null)[]> {
    const items = JSON.stringify(
      reads.map(({ q, log }, i) => ({
        i,
        registry: q.registry,
        key: q.key,
        valid_at: q.validAt.toISOString(),
        fallback: q.fallbackSubjects,
        ids: log.ids,
        at: log.at.toISOString(),
        service: log.service,
        fields: log.fields,
        purpose: log.purpose,
        dossier_code: log.dossierCode ?? null,
        client: log.client,
        actor_kind: log.actorKind,
        actor_id: log.actorId,
        actor_name: log.actorName ?? null,
        agency_code: log.agencyCode ?? null,
        consent_id: log.consentId ?? null,
      })),
    );
    const given = JSON.stringify(
      reads.flatMap(({ consent: c }) =>
        c
          ? [
              {
                id: c.id,
                account_id: c.accountId,
                subject_id: c.subjectId,
                procedure_code: c.procedureCode,
                sources: c.sources,
                granted_at: c.grantedAt.toISOString(),
                ip: c.ip ?? null,
              },
            ]
          : [],
      ),
    );
    // Data-modifying CTEs run exactly once whether referenced or not: the consents are inserted by
    // the statement that logs the reads they allow, and commit with them or not at all.
    const statement = sql`
      with q as (
        select * from json_to_recordset(${items}::json) as q(i int, registry text, key text,
          valid_at timestamptz, fallback text[], ids text[], at timestamptz, service text, fields text[],
          purpose text, dossier_code text, client text, actor_kind text, actor_id text, actor_name text,
          agency_code text, consent_id text)
      ), c as (
        insert into registries.consents (id, account_id, subject_id, procedure_code, sources, granted_at, ip)
        select id, account_id, subject_id, procedure_code, sources, granted_at, ip
        from json_to_recordset(${given}::json) as x(id text, account_id text, subject_id text,
          procedure_code text, sources text[], granted_at timestamptz, ip text)
        returning id
      ), r as (
        select q.i, rec.*
        from q cross join lateral (
          select id, registry, record_key, data, subjects, valid_from, valid_to, recorded_at, superseded_at, source,
            recorded_by
          from registries.records
          where registry = q.registry and record_key = q.key and superseded_at is null
            and valid_from <= q.valid_at and (valid_to is null or valid_to > q.valid_at)
          order by recorded_at desc
          limit 1
        ) rec
      ), s as (
        select r.i, u.sub, u.ord
        from r join q on q.i = r.i,
          unnest(case when cardinality(r.subjects) > 0 then r.subjects else q.fallback end) with ordinality as u(sub, ord)
      ), ins as (
        insert into registries.access_log (id, at, service, registry, record_key, subject_id, fields, purpose,
          dossier_code, client, actor_kind, actor_id, actor_name, agency_code, consent_id, delay_id, hidden_until)
        select q.ids[s.ord], q.at, q.service, q.registry, q.key, s.sub, q.fields, q.purpose, q.dossier_code, q.client,
          q.actor_kind, q.actor_id, q.actor_name, q.agency_code, q.consent_id, d.id, d.ends_at
        from s join q on q.i = s.i left join lateral (
          select id, ends_at from registries.access_delays d
          where d.subject_id = s.sub and d.agency_code = q.agency_code
            and d.starts_at <= q.at and d.ends_at > q.at
          order by d.ends_at desc limit 1
        ) d on true
        returning 1
      )
      select r.*, (select count(*) from ins) as logged, (select count(*) from c) as consented from r`;
    // Its text never changes (two JSON parameters): on PostgreSQL a named statement, parsed and planned
    // once per connection instead of once per group.
    const client = (db as unknown as { $client: unknown }).$client;
    const res =
      client instanceof pg.Pool
        ? await client.query<Record<string, unknown>>({
            name: 'registries_read_and_log_many',
            ...renderStatement(db, statement),
          })
        : ((await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] });
    const out: (RecordRow | null)[] = reads.map(() => null);
    for (const row of res.rows) out[Number(row.i)] = recordRowOf(row);
    return out;
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
