import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');

/**
 * Hash-chained audit events: hash = SHA-256(prevHash ‖ canonical JSON of the event). An event is
 * written with its transaction and chained by the sealer soon after: until then seq, prevHash and
 * hash are null (ADR 0012).
 */
export const events = auditSchema.table(
  'events',
  {
    id: text('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).unique(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    agencyCode: text('agency_code'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('events_occurred_idx').on(t.occurredAt),
    index('events_actor_idx').on(t.actorId),
    index('events_subject_idx').on(t.subjectType, t.subjectId),
    index('events_action_idx').on(t.action),
    index('events_pending_idx')
      .on(t.occurredAt, t.id)
      .where(sql`${t.seq} is null`),
  ],
);

/** One row: the head of the chain. Its row lock serialises sealers; it also reveals a deleted tail. */
export const chainHead = auditSchema.table('chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
