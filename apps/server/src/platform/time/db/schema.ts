import { text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from '../../jobs/db/schema.js';

/** Admin-declared calendar changes: extra days off (a swapped bridge day) and make-up working days. */
export const calendarDays = platform.table('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind').notNull().$type<'day_off' | 'working_day'>(),
  note: text('note').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
