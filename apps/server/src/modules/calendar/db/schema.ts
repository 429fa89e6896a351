import { text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../../platform/jobs/db/schema.js';

/**
 * Admin-declared calendar changes: extra days off (a swapped bridge day) and make-up working days.
 * The table stays in the `platform` Postgres schema, where it was created before the calendar became a
 * module: moving it would be a migration for a name only.
 */
export const calendarDays = platform.table('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind').notNull().$type<'day_off' | 'working_day'>(),
  note: text('note').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
