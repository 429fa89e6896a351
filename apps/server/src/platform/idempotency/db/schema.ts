import { integer, jsonb, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../jobs/db/schema.js';

/** Idempotency-Key records: the first request's answer, replayed for the same key and caller. */
export const idempotencyKeys = platform.table(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
