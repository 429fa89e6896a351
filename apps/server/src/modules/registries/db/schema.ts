import { sql } from 'drizzle-orm';
import { index, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Base registries (cơ sở dữ liệu quốc gia): population, business registration, land (ADR 0025). */
export const registriesSchema = pgSchema('registries');

const at = (name: string) => timestamp(name, { withTimezone: true });

export type RegistryCode = 'population' | 'business' | 'land';

/**
 * One version of one registry record, bitemporal: `valid_from`/`valid_to` say when the facts were
 * true in the world (valid time), `recorded_at`/`superseded_at` when the registry believed them
 * (record time). A correction never updates a row's data: it closes the believed rows
 * (`superseded_at`) and records new ones, so "what did we know on 1 March about 1 January" stays
 * answerable. The current belief is the rows with `superseded_at` null.
 */
export const records = registriesSchema.table(
  'records',
  {
    id: text('id').primaryKey(),
    registry: text('registry').notNull().$type<RegistryCode>(),
    /** The record's key in its registry: personal ID number, tax code, parcel id. */
    recordKey: text('record_key').notNull(),
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    /** The personal ID numbers whose data this is (the person, a legal representative, the holders). */
    subjects: text('subjects')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    validFrom: at('valid_from').notNull(),
    /** Exclusive; null while still true. */
    validTo: at('valid_to'),
    recordedAt: at('recorded_at').notNull(),
    /** Null while the registry still believes this version. */
    supersededAt: at('superseded_at'),
    /** What caused it: `dossier:<code>`, `correction:<id>`, `generator`, `seed`, `owner:<account>`. */
    source: text('source').notNull(),
    recordedBy: text('recorded_by'),
  },
  (t) => [
    // One believed version per key and valid-from instant: a double insert of a new record fails.
    uniqueIndex('records_current_uq')
      .on(t.registry, t.recordKey, t.validFrom)
      .where(sql`${t.supersededAt} is null`),
    index('records_history_idx').on(t.registry, t.recordKey, t.recordedAt),
    index('records_subjects_idx')
      .using('gin', t.subjects)
      .where(sql`${t.supersededAt} is null and ${t.registry} <> 'population'`),
  ],
);

/**
 * Every read of registry data, one row per person whose data was read (data tracker, andmejälgija),
 * written in the same transaction as the read. `hidden_until` is set when a legal delay covered the
 * read: the person sees it once that instant has passed.
 */
export const accessLog = registriesSchema.table(
  'access_log',
  {
    id: text('id').primaryKey(),
    at: at('at').notNull(),
    /** The service read (`population.person.v1`). */
    service: text('service').notNull(),
    registry: text('registry').notNull().$type<RegistryCode>(),
    recordKey: text('record_key').notNull(),
    /** The personal ID number whose data was read. */
    subjectId: text('subject_id').notNull(),
    fields: text('fields').array().notNull(),
    purpose: text('purpose').notNull(),
    dossierCode: text('dossier_code'),
    /** `VN:GOV:{agency}:{subsystem}` of the calling system. */
    client: text('client').notNull(),
    actorKind: text('actor_kind').notNull().$type<'official' | 'citizen'>(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name'),
    agencyCode: text('agency_code'),
    consentId: text('consent_id'),
    delayId: text('delay_id'),
    hiddenUntil: at('hidden_until'),
  },
  (t) => [index('access_log_subject_idx').on(t.subjectId, t.at), index('access_log_agency_idx').on(t.agencyCode, t.at)],
);

/**
 * A legal delay of notification: reads of one person's data by one agency between `starts_at` and
 * `ends_at` stay hidden from the person until `ends_at` (an investigation's right; estonian data
 * tracker's delayed disclosure). Created and lifted with an audit event; shown to the person once over.
 */
export const accessDelays = registriesSchema.table(
  'access_delays',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id').notNull(),
    agencyCode: text('agency_code').notNull(),
    legalBasis: text('legal_basis').notNull(),
    caseReference: text('case_reference').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('access_delays_subject_idx').on(t.subjectId, t.agencyCode, t.endsAt),
    uniqueIndex('access_delays_case_uq').on(t.agencyCode, t.subjectId, t.caseReference),
  ],
);

/** A citizen's consent to read named registry fields to prefill one procedure's form (once-only). */
export const consents = registriesSchema.table(
  'consents',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    subjectId: text('subject_id').notNull(),
    procedureCode: text('procedure_code').notNull(),
    /** Registry sources consented to (`population.fullName`), sorted. */
    sources: text('sources').array().notNull(),
    grantedAt: at('granted_at').notNull(),
    ip: text('ip'),
  },
  (t) => [index('consents_account_idx').on(t.accountId, t.grantedAt)],
);

/** A citizen's flag that a registry value is wrong: a correction request to the registry's owner. */
export const corrections = registriesSchema.table(
  'corrections',
  {
    id: text('id').primaryKey(),
    registry: text('registry').notNull().$type<RegistryCode>(),
    recordKey: text('record_key').notNull(),
    field: text('field').notNull(),
    currentValue: text('current_value'),
    proposedValue: text('proposed_value'),
    reason: text('reason').notNull(),
    subjectId: text('subject_id').notNull(),
    submittedBy: text('submitted_by').notNull(),
    ownerAgencyCode: text('owner_agency_code').notNull(),
    status: text('status').notNull().$type<'open' | 'accepted' | 'rejected'>(),
    resolvedBy: text('resolved_by'),
    resolvedAt: at('resolved_at'),
    resolutionNote: text('resolution_note'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('corrections_owner_idx').on(t.ownerAgencyCode, t.status, t.createdAt),
    // A second flag of the same open value is the same request (double submit).
    uniqueIndex('corrections_open_uq')
      .on(t.registry, t.recordKey, t.field, t.submittedBy)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** What a finished dossier changed in a registry: once per dossier and kind of effect. */
export const effects = registriesSchema.table(
  'effects',
  {
    dossierCode: text('dossier_code').notNull(),
    effect: text('effect').notNull(),
    registry: text('registry').notNull().$type<RegistryCode>(),
    recordKey: text('record_key').notNull(),
    appliedAt: at('applied_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierCode, t.effect] })],
);
