import type { Db } from '../../platform/db/index.js';
import { calendarDaysRepository } from './calendar.repository.js';
import { WorkingCalendar } from './core/index.js';

/**
 * The working calendar in force: holiday rules from code plus the days an administrator declared,
 * reloaded after every change in this process and at least every minute (other processes).
 */
export class CalendarService {
  private current = new WorkingCalendar();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  async refresh(): Promise<WorkingCalendar> {
    const rows = await calendarDaysRepository.all(this.db);
    this.current = WorkingCalendar.fromDeclaredDays(rows.map((r) => ({ date: r.date, kind: r.kind })));
    return this.current;
  }

  start(everyMs = 60_000) {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), everyMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  get calendar(): WorkingCalendar {
    return this.current;
  }

  dueDate(receivedAt: Date, workingDays: number): Date {
    return this.current.dueDate(receivedAt, workingDays);
  }

  classify(finishedAt: Date, dueAt: Date) {
    return this.current.classify(finishedAt, dueAt);
  }
}
