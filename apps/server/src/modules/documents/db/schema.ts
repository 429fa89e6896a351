import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DocumentLayout } from '../../../platform/pdf/administrative.js';
import type { ValidationReport } from '../../signatures/index.js';

export const documentsSchema = pgSchema('documents');

export type Direction = 'outgoing' | 'incoming';
export type Urgency = 'normal' | 'urgent' | 'very_urgent' | 'express';
export type Secrecy = 'none' | 'confidential' | 'secret' | 'top_secret';

/** Where the stamps go (platform/pdf/administrative.ts); number and date only on a drafted document. */
export type StampLayout = Pick<DocumentLayout, 'signature' | 'sealInfo'> &
  Partial<Pick<DocumentLayout, 'number' | 'date'>>;

/** A pending revoke / update / replace asked by the sender of an incoming document. */
export interface PendingChange {
  type: 'revoke' | 'update' | 'replace';
  packageId: string | null;
  reason: string | null;
  /** The new incoming document that carries the update or replacement. */
  newDocumentId: string | null;
  at: string;
}

/**
 * A document (văn bản), outgoing (đi) or incoming (đến), with the Decree 30/2020 Phụ lục VI metadata.
 * Outgoing: the issuing agency owns it; incoming: the receiving agency.
 */
export const documents = documentsSchema.table(
  'documents',
  {
    id: text('id').primaryKey(),
    direction: text('direction').notNull().$type<Direction>(),
    agencyCode: text('agency_code').notNull(),
    status: text('status').notNull(),
    typeCode: text('type_code').notNull(),
    typeName: text('type_name').notNull(),
    subject: text('subject').notNull(),
    urgency: text('urgency').notNull().$type<Urgency>().default('normal'),
    secrecy: text('secrecy').notNull().$type<Secrecy>().default('none'),
    /** Hạn trả lời (outgoing) / thời hạn giải quyết (incoming), YYYY-MM-DD. */
    dueDate: text('due_date'),
    /** Số: `15` (two digits under 10); with the notation `QĐ-UBND`. */
    codeNumber: text('code_number'),
    codeNotation: text('code_notation'),
    /** Number series: `normal` or `secret` (Decree 30 Art 15: secret documents have their own). */
    series: text('series'),
    year: integer('year'),
    /** Ngày ban hành, YYYY-MM-DD (outgoing: issue day; incoming: the date on the document). */
    issuedDate: text('issued_date'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuerName: text('issuer_name'),
    signerId: text('signer_id'),
    signerName: text('signer_name'),
    signerPosition: text('signer_position'),
    /** TM., KT., TL., TUQ., Q. */
    signerCompetence: text('signer_competence'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** Ngày chuyển (outgoing register): handed to the exchange. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    pageCount: integer('page_count'),
    /** The file that is the document now (latest draft version, then the signed and issued PDF). */
    fileId: text('file_id'),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    draftingUnit: text('drafting_unit'),
    /** Incoming: where it came from. */
    source: text('source').$type<'exchange' | 'paper'>(),
    senderCode: text('sender_code'),
    senderName: text('sender_name'),
    /** edXML DocumentId of the incoming document, and exchange's package id (statuses answer it). */
    externalId: text('external_id'),
    packageId: text('package_id'),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    /** Registration is due the same working day (Decree 30 Art 22). */
    registerDueAt: timestamp('register_due_at', { withTimezone: true }),
    arrivalNumber: integer('arrival_number'),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    signatureReport: jsonb('signature_report').$type<ValidationReport>(),
    leadUnit: text('lead_unit'),
    handlerId: text('handler_id'),
    handlerName: text('handler_name'),
    supportingUnits: jsonb('supporting_units').$type<string[]>(),
    handlingDueDate: text('handling_due_date'),
    /** Ngày chuyển (incoming register): passed to the lead unit. */
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    pendingChange: jsonb('pending_change').$type<PendingChange>(),
    /**
     * Where signing and issuing stamp the PDF without covering text: the slots of a document drafted
     * from a template (number, date, signature, seal text), or the free space found in an uploaded one.
     */
    layout: jsonb('layout').$type<StampLayout>(),
    /** Incoming update/replace: the earlier incoming document it supersedes. */
    supersedesId: text('supersedes_id'),
    recordId: text('record_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('documents_box_idx').on(t.agencyCode, t.direction, t.status, t.updatedAt),
    index('documents_creator_idx').on(t.createdBy, t.status),
    index('documents_handler_idx').on(t.handlerId, t.status),
    index('documents_lead_unit_idx').on(t.leadUnit, t.status),
    uniqueIndex('documents_package_uq').on(t.packageId),
    index('documents_external_idx').on(t.externalId),
    index('documents_subject_trgm').using('gin', sql`vn_fold(${t.subject}) gin_trgm_ops`),
  ],
);

/** Draft versions: each one a file. */
export const versions = documentsSchema.table(
  'versions',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    version: integer('version').notNull(),
    fileId: text('file_id').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    sha256: text('sha256').notNull(),
    kind: text('kind').notNull().$type<'draft' | 'attachment' | 'signed' | 'issued' | 'received' | 'scan'>(),
    createdBy: text('created_by'),
    createdByName: text('created_by_name'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('versions_doc_version_uq').on(t.documentId, t.version)],
);

export const comments = documentsSchema.table(
  'comments',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('comments_doc_idx').on(t.documentId, t.at)],
);

export const history = documentsSchema.table(
  'history',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('history_doc_idx').on(t.documentId, t.at)],
);

/** Recipients of an outgoing document and the last exchange status each one reported. */
export const recipients = documentsSchema.table(
  'recipients',
  {
    documentId: text('document_id').notNull(),
    agencyCode: text('agency_code').notNull(),
    organId: text('organ_id').notNull(),
    organName: text('organ_name').notNull(),
    packageId: text('package_id'),
    /** `pending` (not sent), `queued` (handed to exchange), then an edXML status code. */
    state: text('state').notNull(),
    statusCode: text('status_code'),
    description: text('description'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.agencyCode] }), index('recipients_organ_idx').on(t.organId)],
);

/** Every status a recipient reported (or this side sent back), in order. */
export const exchangeStatuses = documentsSchema.table(
  'exchange_statuses',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    /** The other agency: the recipient reporting (outgoing) or the sender told (incoming). */
    agencyCode: text('agency_code').notNull(),
    direction: text('direction').notNull().$type<'received' | 'sent'>(),
    statusCode: text('status_code').notNull(),
    description: text('description'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exchange_statuses_doc_idx').on(t.documentId, t.at)],
);

/**
 * Sổ đăng ký văn bản đi / đến: one row per issued or registered document. The unique index is
 * the guarantee that a number is never given twice; the counters make them consecutive.
 */
export const registerEntries = documentsSchema.table(
  'register_entries',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    book: text('book').notNull().$type<'outgoing' | 'incoming'>(),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    documentId: text('document_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('register_entries_number_uq').on(t.agencyCode, t.book, t.series, t.year, t.number),
    index('register_entries_doc_idx').on(t.documentId),
  ],
);

/** Last number given per agency, book, series and year. */
export const counters = documentsSchema.table(
  'counters',
  {
    agencyCode: text('agency_code').notNull(),
    book: text('book').notNull(),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.book, t.series, t.year] })],
);

/** Per-agency settings: the abbreviation in notations (`UBND`, `BNV`) and the place name on documents. */
export const agencySettings = documentsSchema.table('agency_settings', {
  agencyCode: text('agency_code').primaryKey(),
  abbreviation: text('abbreviation').notNull(),
  place: text('place'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Hồ sơ (record/file) grouping documents; code `{OrganId}.{year}.{FileNotation}` (TT 01/2019/TT-BNV Art 16). */
export const records = documentsSchema.table(
  'records',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    code: text('code').notNull().unique(),
    year: integer('year').notNull(),
    fileNotation: text('file_notation').notNull(),
    title: text('title').notNull(),
    maintenance: text('maintenance').notNull(),
    rights: text('rights').notNull(),
    creator: text('creator').notNull(),
    language: text('language').notNull(),
    description: text('description'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('records_agency_year_idx').on(t.agencyCode, t.year)],
);

export const recordItems = documentsSchema.table(
  'record_items',
  {
    recordId: text('record_id').notNull(),
    documentId: text('document_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.documentId] }),
    uniqueIndex('record_items_ordinal_uq').on(t.recordId, t.ordinal),
  ],
);
