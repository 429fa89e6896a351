import { text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../jobs/db/schema.js';

/** Development SMS outbox: messages land here when no SMS_URL is configured (shown at /dev/sms). */
export const devSms = platform.table('dev_sms', {
  id: text('id').primaryKey(),
  /** E.164 (`+84912345678`). */
  to: text('to').notNull(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
