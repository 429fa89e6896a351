import { asc, eq, like } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { calendarDays } from './db/schema.js';

export type CalendarDayRow = typeof calendarDays.$inferSelect;

/** Storage of the admin-declared days (the holiday rules themselves are code: core/). */
export const calendarDaysRepository = {
  async all(db: Executor) {
    return db.select().from(calendarDays).orderBy(asc(calendarDays.date));
  },
  async year(db: Executor, year: number) {
    return db
      .select()
      .from(calendarDays)
      .where(like(calendarDays.date, `${year}-%`))
      .orderBy(asc(calendarDays.date));
  },
  async upsert(db: Executor, row: typeof calendarDays.$inferInsert) {
    return (
      await db
        .insert(calendarDays)
        .values(row)
        .onConflictDoUpdate({
          target: calendarDays.date,
          set: { kind: row.kind, note: row.note, createdBy: row.createdBy },
        })
        .returning()
    )[0];
  },
  async remove(db: Executor, date: string) {
    return db.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  },
};
