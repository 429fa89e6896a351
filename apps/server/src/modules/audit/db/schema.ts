import { bigint, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');

/** Hash-chained audit events: hash = SHA-256(prevHash ‖ canonical JSON of the event). */
export const events = auditSchema.table(
  'events',
  {
    id: text('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('events_occurred_idx').on(t.occurredAt),
    index('events_actor_idx').on(t.actorId),
    index('events_subject_idx').on(t.subjectType, t.subjectId),
    index('events_action_idx').on(t.action),
  ],
);

/** One row: the head of the chain. Its row lock serialises writers; it also reveals a deleted tail. */
export const chainHead = auditSchema.table('chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
