import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Periodicity, RegimeTemplate } from '../template.js';

export const reportingSchema = pgSchema('reporting');

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A report regime (chế độ báo cáo, Decree 09/2019/NĐ-CP Art 7): what is reported, by whom, to whom, when. */
export const regimes = reportingSchema.table('regimes', {
  id: text('id').primaryKey(),
  /** Short stable code (`BC-TTHC`), used in URLs and open data. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  legalBasis: text('legal_basis').notNull(),
  periodicity: text('periodicity').notNull().$type<Periodicity>(),
  /** Send deadline: this many working days after the cut-off day (Decree 09 Art 12(2); each regime sets it). */
  deadlineDays: integer('deadline_days').notNull(),
  /** The subtree of the directory that reports (its root), optionally narrowed to some levels. */
  reportingRoot: text('reporting_root').notNull(),
  reportingLevels: text('reporting_levels').array().notNull(),
  /** Who receives the reports of agencies with no reporting ancestor (the top of the chain). */
  receivingAgency: text('receiving_agency').notNull(),
  /** Indicators (data elements), their rules and formulas, free-text sections and validation rules. */
  template: jsonb('template').notNull().$type<RegimeTemplate>(),
  active: boolean('active').notNull().default(true),
  /**
   * Whether a report must carry its leader's signature (person certificate, CAdES) before it is sent.
   * The API defaults it on for new regimes; rows made before the column existed keep the old workflow.
   */
  signatureRequired: boolean('signature_required').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull(),
});

export const OBLIGATION_STATUSES = ['open', 'submitted', 'accepted', 'returned'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** One agency's report for one period of one regime (DHIS2: a data set's registration for an org unit). */
export const obligations = reportingSchema.table(
  'obligations',
  {
    id: text('id').primaryKey(),
    regimeId: text('regime_id').notNull(),
    /** `2026-M11`, `2026-Q4`, `2026-H1`, `2026-N9`, `2026-Y`, `2026-A3` (ad hoc). */
    period: text('period').notNull(),
    /** Cut-off window (Decree 09 Art 12(1)), local dates. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    agencyCode: text('agency_code').notNull(),
    /** The nearest reporting ancestor, or the regime's receiving agency. */
    receiverCode: text('receiver_code').notNull(),
    status: text('status').notNull().$type<ObligationStatus>(),
    values: jsonb('values').notNull().$type<Record<string, number | null>>().default({}),
    texts: jsonb('texts').notNull().$type<Record<string, string>>().default({}),
    attachments: jsonb('attachments').notNull().$type<{ fileId: string; name: string }[]>().default([]),
    dueAt: at('due_at').notNull(),
    submittedAt: at('submitted_at'),
    submittedBy: text('submitted_by'),
    submittedByName: text('submitted_by_name'),
    late: boolean('late').notNull().default(false),
    /**
     * The leader's detached CAdES B-T signature over the report's canonical rendering (`report.json`,
     * stored as a file beside it). Cleared when the report changes: `signedVersion` is the version signed.
     */
    signedAt: at('signed_at'),
    signedBy: text('signed_by'),
    signedByName: text('signed_by_name'),
    signedVersion: integer('signed_version'),
    signedCertificateId: text('signed_certificate_id'),
    signedContentFileId: text('signed_content_file_id'),
    signatureFileId: text('signature_file_id'),
    remindedAt: at('reminded_at'),
    decidedAt: at('decided_at'),
    decidedBy: text('decided_by'),
    returnComment: text('return_comment'),
    /** Optimistic lock: a PUT names the version it edits. */
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('obligations_uq').on(t.regimeId, t.period, t.agencyCode),
    index('obligations_agency_idx').on(t.agencyCode, t.status),
    index('obligations_receiver_idx').on(t.receiverCode, t.status),
    index('obligations_due_idx')
      .on(t.dueAt)
      .where(sql`${t.submittedAt} is null`),
  ],
);

/** What happened to an obligation: saved, submitted, accepted, returned, reminded. */
export const obligationEvents = reportingSchema.table(
  'obligation_events',
  {
    id: text('id').primaryKey(),
    obligationId: text('obligation_id').notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    comment: text('comment'),
    at: at('at').notNull(),
  },
  (t) => [index('obligation_events_idx').on(t.obligationId, t.at)],
);

/** One column per fact; each source writes its own columns (day and month grains share them). */
const factColumns = () => ({
  received: integer('received').notNull().default(0),
  receivedOnline: integer('received_online').notNull().default(0),
  resolved: integer('resolved').notNull().default(0),
  resolvedOnTime: integer('resolved_on_time').notNull().default(0),
  resolvedDigitalResult: integer('resolved_digital_result').notNull().default(0),
  withFees: integer('with_fees').notNull().default(0),
  paidOnline: integer('paid_online').notNull().default(0),
  docsIn: integer('docs_in').notNull().default(0),
  docsInElectronic: integer('docs_in_electronic').notNull().default(0),
  docsOut: integer('docs_out').notNull().default(0),
  docsOutElectronic: integer('docs_out_electronic').notNull().default(0),
  docsOutSigned: integer('docs_out_signed').notNull().default(0),
  accounts: integer('accounts').notNull().default(0),
  accountsVerified: integer('accounts_verified').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  ratingSum: bigint('rating_sum', { mode: 'number' }).notNull().default(0),
  ratingsPositive: integer('ratings_positive').notNull().default(0),
});

/**
 * Facts per agency and local day, maintained by the refresh job from the other modules' facades
 * (DHIS2's analytics tables, but incremental: only the days something changed are recomputed).
 * One column per fact; each source writes its own columns.
 */
export const dayFacts = reportingSchema.table(
  'day_facts',
  {
    /** '' for facts of the whole deployment (accounts have no agency). */
    agencyCode: text('agency_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...factColumns(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] }), index('day_facts_day_idx').on(t.day)],
);

/**
 * The day facts summed per agency and calendar month (`month` = its first day), kept by the refresh in
 * the same transaction as the day facts it sums: a dashboard read over whole months touches
 * agencies × months rows instead of agencies × days (ADR 0024 addendum).
 */
export const monthFacts = reportingSchema.table(
  'month_facts',
  {
    agencyCode: text('agency_code').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    ...factColumns(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.month] }), index('month_facts_month_idx').on(t.month)],
);

/** Facts that are a state, not a flow (procedures offered fully online), per agency. */
export const agencySnapshots = reportingSchema.table('agency_snapshots', {
  agencyCode: text('agency_code').primaryKey(),
  procedures: integer('procedures').notNull().default(0),
  proceduresFullOnline: integer('procedures_full_online').notNull().default(0),
  refreshedAt: at('refreshed_at').notNull(),
});

/** Each source's watermark: rows changed at or after it are not yet in `day_facts`. */
export const refreshState = reportingSchema.table('refresh_state', {
  source: text('source').primaryKey(),
  watermark: at('watermark').notNull(),
  refreshedAt: at('refreshed_at').notNull(),
  rows: integer('rows').notNull().default(0),
});

/** A citizen's rating of a finished dossier (Decision 766, satisfaction): 1–5 and a reason. */
export const dossierRatings = reportingSchema.table(
  'dossier_ratings',
  {
    dossierCode: text('dossier_code').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    raterId: text('rater_id').notNull(),
    score: smallint('score').notNull(),
    reason: text('reason'),
    ratedAt: at('rated_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('dossier_ratings_updated_idx').on(t.updatedAt)],
);

export const RECEIVED_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type ReceivedStatus = (typeof RECEIVED_STATUSES)[number];

/**
 * A report whose receiver this deployment serves, sent by the reporting agency's deployment (ADR 0024,
 * "Reports across deployments"): the signed canonical JSON and its detached CAdES signature as they
 * arrived, checked on arrival. One row per (origin deployment, its obligation id): a redelivery is
 * stored once; a report sent again after a return replaces the returned one.
 */
export const receivedReports = reportingSchema.table(
  'received_reports',
  {
    id: text('id').primaryKey(),
    /** The deployment the report came from (its federation id) and its obligation id there. */
    origin: text('origin').notNull(),
    obligationId: text('obligation_id').notNull(),
    regimeCode: text('regime_code').notNull(),
    period: text('period').notNull(),
    agencyCode: text('agency_code').notNull(),
    receiverCode: text('receiver_code').notNull(),
    /** The signed bytes (`vn.egov.report/1`, UTF-8 canonical JSON) and the `.p7s` (base64). */
    content: text('content').notNull(),
    signature: text('signature').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedAt: at('signed_at').notNull(),
    submittedAt: at('submitted_at').notNull(),
    late: boolean('late').notNull().default(false),
    status: text('status').notNull().$type<ReceivedStatus>(),
    decidedAt: at('decided_at'),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    returnComment: text('return_comment'),
    receivedAt: at('received_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('received_reports_uq').on(t.origin, t.obligationId),
    index('received_reports_receiver_idx').on(t.receiverCode, t.status),
  ],
);
