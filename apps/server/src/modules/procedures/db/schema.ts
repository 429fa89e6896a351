import { index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ProcedureContent } from '../procedure.types.js';

export const proceduresSchema = pgSchema('procedures');

/** A procedure (thủ tục hành chính) by national code; its content lives in versions. */
export const procedures = proceduresSchema.table('procedures', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  ownerAgencyCode: text('owner_agency_code'),
  publishedVersion: integer('published_version'),
  draftVersion: integer('draft_version'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Versions: a draft is edited; a published version never changes (dossiers keep their version). */
export const procedureVersions = proceduresSchema.table(
  'procedure_versions',
  {
    id: text('id').primaryKey(),
    procedureId: text('procedure_id').notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull().$type<'draft' | 'published' | 'superseded'>(),
    name: text('name').notNull(),
    field: text('field').notNull(),
    onlineMode: text('online_mode').notNull().$type<'full' | 'partial' | 'none'>(),
    agencies: text('agencies').array().notNull(),
    content: jsonb('content').notNull().$type<ProcedureContent>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procedure_versions_uq').on(t.procedureId, t.version),
    index('procedure_versions_status_idx').on(t.status, t.field),
  ],
);
