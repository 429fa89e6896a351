import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const dossiersSchema = pgSchema('dossiers');

/** A dossier (hồ sơ): one application for one procedure version at one receiving agency. */
export const dossiers = dossiersSchema.table(
  'dossiers',
  {
    id: text('id').primaryKey(),
    /** Mã số hồ sơ `{agency}-{YYMMDD}-{NNNN}` (TT 01/2018/TT-VPCP Art 19). */
    code: text('code').notNull().unique(),
    procedureCode: text('procedure_code').notNull(),
    procedureVersion: integer('procedure_version').notNull(),
    procedureName: text('procedure_name').notNull(),
    /** The competent agency (cơ quan có thẩm quyền giải quyết): its staff process the dossier. */
    agencyCode: text('agency_code').notNull(),
    /**
     * The one-stop desk that received the dossier for another competent agency of the same province
     * (Decree 118/2025/NĐ-CP Art 14(2): receipt regardless of administrative boundaries); null when the
     * competent agency (or a unit above it) received it. It keeps read access and may return the result.
     */
    receivingAgencyCode: text('receiving_agency_code'),
    /** The applicant collects the result at the receiving desk (only with receivingAgencyCode). */
    resultAtReceiving: boolean('result_at_receiving').notNull().default(false),
    applicantId: text('applicant_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    applicantEmail: text('applicant_email'),
    /** As given at the counter (the register, Mẫu 07, prints it). */
    applicantPhone: text('applicant_phone'),
    channel: text('channel').notNull().$type<'online' | 'counter' | 'postal'>(),
    submittedBy: text('submitted_by').notNull(),
    formData: jsonb('form_data').notNull().$type<Record<string, unknown>>(),
    state: text('state').notNull(),
    statusCode: integer('status_code').notNull(),
    assigneeId: text('assignee_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Set once, by the apology letter (Mẫu 04): the new promised date. */
    extendedDueAt: timestamp('extended_due_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    resultFileId: text('result_file_id'),
    online: boolean('online').notNull(),
    /**
     * Fees (nghĩa vụ tài chính), as the payments module last reported them (a projection; payments
     * owns the fee lines and the payments): collected before receipt, before the result, or free.
     */
    feeCollection: text('fee_collection').notNull().default('free').$type<'before' | 'after' | 'free'>(),
    feeAmount: integer('fee_amount').notNull().default(0),
    feePaidAt: timestamp('fee_paid_at', { withTimezone: true }),
    feePaidOnline: boolean('fee_paid_online').notNull().default(false),
    /** Version of the last fee event applied: older events that arrive late are ignored. */
    feeVersion: integer('fee_version').notNull().default(0),
    /**
     * Its entry in the receiving unit's register (sổ theo dõi hồ sơ, Mẫu 07), taken once, at the first
     * reception, in the reception's own transaction: the unit (the receiving desk's agency, else the
     * competent agency, as for the code), the year, the book's name and the sequence number (số thứ tự)
     * in it, from 1 each year without gaps. Null until received.
     */
    registerAgencyCode: text('register_agency_code'),
    registerYear: integer('register_year'),
    registerBook: text('register_book'),
    registerEntry: integer('register_entry'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dossiers_agency_state_idx').on(t.agencyCode, t.state, t.dueAt),
    index('dossiers_applicant_idx').on(t.applicantId, t.createdAt),
    index('dossiers_assignee_idx').on(t.assigneeId, t.state),
    index('dossiers_submitted_idx').on(t.agencyCode, t.submittedAt),
    // The reporting refresh (ADR 0024): the rows changed since its watermark, and each touched
    // (agency, day)'s finished dossiers counted through an index as its submissions are.
    index('dossiers_updated_idx').on(t.updatedAt),
    index('dossiers_finished_idx')
      .on(t.agencyCode, t.finishedAt)
      .where(sql`finished_at is not null`),
    // The receiving desk's forwarded box and its register (Mẫu 07).
    index('dossiers_receiving_idx')
      .on(t.receivingAgencyCode, t.receivedAt)
      .where(sql`receiving_agency_code is not null`),
    // A number is given once in a unit's book of a year.
    uniqueIndex('dossiers_register_entry_idx')
      .on(t.registerAgencyCode, t.registerYear, t.registerEntry)
      .where(sql`register_entry is not null`),
    // The overdue box: open dossiers of an agency by due date.
    index('dossiers_open_due_idx')
      .on(t.agencyCode, t.dueAt)
      .where(sql`finished_at is null`),
    // Accent-insensitive substring search by applicant or procedure name, and by code fragments.
    index('dossiers_applicant_trgm').using('gin', sql`vn_fold(${t.applicantName}) gin_trgm_ops`),
    index('dossiers_code_trgm').using('gin', sql`${t.code} gin_trgm_ops`),
  ],
);

export const attachments = dossiersSchema.table(
  'attachments',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    documentId: text('document_id').notNull(),
    fileId: text('file_id').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    sha256: text('sha256').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_dossier_idx').on(t.dossierId)],
);

/** The process control sheet (phiếu kiểm soát): every step, who, when, note. */
export const history = dossiersSchema.table(
  'history',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    /**
     * The draft result the specialist put before the leader with this step (Trình phê duyệt): a PDF
     * of his, read by the agency's staff; never the issued result, which is sealed at issue.
     */
    draftFileId: text('draft_file_id'),
    draftFileName: text('draft_file_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('history_dossier_idx').on(t.dossierId, t.at)],
);

/** Daily dossier numbers per receiving agency: never reused. */
export const counters = dossiersSchema.table(
  'counters',
  {
    agencyCode: text('agency_code').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);

/**
 * The register books (sổ theo dõi hồ sơ) of the one-stop units: one per unit and year, its name and the
 * last entry given. The row is locked by the reception that takes the next entry until it commits, so
 * entries have no gaps (a reception that fails gives its number back) and none is given twice.
 */
export const registerBooks = dossiersSchema.table(
  'register_books',
  {
    agencyCode: text('agency_code').notNull(),
    year: integer('year').notNull(),
    book: text('book').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.year] })],
);

/** Drafts saved on the server, resumed on any device. */
export const drafts = dossiersSchema.table(
  'drafts',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    procedureCode: text('procedure_code').notNull(),
    agencyCode: text('agency_code'),
    formData: jsonb('form_data').notNull().$type<Record<string, unknown>>(),
    attachments: jsonb('attachments').notNull().$type<{ documentId: string; fileId: string }[]>(),
    /** The step of the form the applicant was at (0-based), to resume there (ADR 0031). */
    step: integer('step').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('drafts_owner_idx').on(t.ownerId, t.updatedAt)],
);
