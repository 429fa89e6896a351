import { integer, text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../jobs/db/schema.js';

/**
 * Rate-limit counters shared by every process (fixed windows): one row per key, reset when its
 * window is over. Upserted once per limited request; expired rows are swept now and then.
 */
export const rateLimits = platform.table('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEnds: timestamp('window_ends', { withTimezone: true }).notNull(),
});
