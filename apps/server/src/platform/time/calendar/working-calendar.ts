// Working-day arithmetic for statutory deadlines (thời hạn giải quyết, counted in ngày làm việc).
// All civil dates are in Asia/Ho_Chi_Minh, which has been a fixed UTC+7 with no DST since 1975:
// we shift instants by +07:00 and read them with getUTC*, so the server's own time zone never matters.

import { addDays, dayOfWeek, fromEpochDay, parseIsoDate, toEpochDay } from './dates.js';
import {
  DEFAULT_HOLIDAY_RULES,
  validateHolidayRules,
  vnHolidays,
  type Holiday,
  type HolidayRules,
} from './vn-holidays.js';
import { VN_OFFSET_MS } from '../vn-time.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export { VN_OFFSET_MS };
/** No real calendar has this many consecutive days off; reaching it means a bad configuration. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

/** How a deadline is counted; every field can be set per calendar and overridden per call. */
export interface DeadlineOptions {
  /** Local hour (may be fractional: 15.5 = 15:30) from which an intake counts as next working day's. Default 15: Decree 61/2018 passes dossiers received after 15:00 on the next working day (vn-standards §4.1, §4.4). */
  cutoffHour?: number;
  /** Local hour at which the office day ends; a deadline falls due then. Default 17. */
  closingHour?: number;
  /** Whether the (deemed) receipt day is working day 1. Default false: day 1 is the next working day (Civil Code 2015 Art 147). */
  includeReceiptDay?: boolean;
}

/** What a deployment declares: its weekend, its holiday policy and the administrator's one-off days. */
export interface WorkingCalendarOptions extends DeadlineOptions {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. Default [0, 6] (civil servants' 40-hour week, Decision 188/1999/QĐ-TTg). */
  weekend?: readonly number[];
  /** Admin-declared days off, e.g. a working day swapped to bridge Tết (hoán đổi ngày làm việc). */
  extraDaysOff?: readonly string[];
  /** Admin-declared working days; they win over weekends and computed holidays (e.g. the Saturday worked for that swap). */
  makeUpWorkingDays?: readonly string[];
  holidayRules?: HolidayRules;
}

/** Early (trước hạn), on time (đúng hạn) or overdue (quá hạn), compared by local day as in vn-standards §4.4. */
export type Timeliness = 'early' | 'on_time' | 'overdue';

/** A row of the admin-declared calendar days table. */
export interface DeclaredDay {
  date: string;
  kind: 'day_off' | 'working_day';
}

/** Vietnamese public-administration working days: weekends, public holidays and admin-declared days. */
export class WorkingCalendar {
  private readonly weekend: ReadonlySet<number>;
  private readonly extraDaysOff: ReadonlySet<string>;
  private readonly makeUpWorkingDays: ReadonlySet<string>;
  private readonly rules: HolidayRules;
  private readonly defaults: Required<DeadlineOptions>;
  private readonly holidaysByYear = new Map<number, Map<string, Holiday>>();

  constructor(options: WorkingCalendarOptions = {}) {
    const weekend = options.weekend ?? [0, 6];
    if (weekend.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
      throw new RangeError(`Weekend days must be 0–6: ${weekend.join(',')}`);
    this.weekend = new Set(weekend);
    if (this.weekend.size >= 7) throw new RangeError('A week needs at least one working day');
    this.extraDaysOff = new Set((options.extraDaysOff ?? []).map(checkDate));
    this.makeUpWorkingDays = new Set((options.makeUpWorkingDays ?? []).map(checkDate));
    const both = [...this.extraDaysOff].filter((d) => this.makeUpWorkingDays.has(d));
    if (both.length) throw new RangeError(`Declared both a day off and a working day: ${both.join(', ')}`);
    this.rules = options.holidayRules ?? DEFAULT_HOLIDAY_RULES;
    validateHolidayRules(this.rules);
    const { cutoffHour, closingHour, includeReceiptDay } = options;
    this.defaults = checkDeadlineOptions({
      cutoffHour: 15,
      closingHour: 17,
      includeReceiptDay: false,
      ...stripUndefined({ cutoffHour, closingHour, includeReceiptDay }),
    });
  }

  /** A calendar from the rows of the admin-declared days table. */
  static fromDeclaredDays(
    days: readonly DeclaredDay[],
    options: Omit<WorkingCalendarOptions, 'extraDaysOff' | 'makeUpWorkingDays'> = {},
  ): WorkingCalendar {
    return new WorkingCalendar({
      ...options,
      extraDaysOff: days.filter((d) => d.kind === 'day_off').map((d) => d.date),
      makeUpWorkingDays: days.filter((d) => d.kind === 'working_day').map((d) => d.date),
    });
  }

  /** The public holidays and compensatory days of a year (computed once per year). */
  holidays(year: number): Holiday[] {
    return [...this.holidayMap(year).values()];
  }

  /** The holiday or compensatory day on `date`, if any (admin-declared days are not included). */
  holidayOn(date: string): Holiday | undefined {
    return this.holidayMap(parseIsoDate(date).y).get(date);
  }

  /** Whether offices work on `date` ('YYYY-MM-DD', Vietnamese local date). */
  isWorkingDay(date: string): boolean {
    checkDate(date);
    if (this.makeUpWorkingDays.has(date)) return true;
    if (this.extraDaysOff.has(date) || this.weekend.has(dayOfWeek(date))) return false;
    return !this.holidayOn(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let d = addDays(checkDate(date), 1);
    for (let i = 0; !this.isWorkingDay(d); i++) {
      if (i >= MAX_DAYS_OFF_IN_A_ROW) throw new RangeError(`No working day within a year after ${date}`);
      d = addDays(d, 1);
    }
    return d;
  }

  /** The Vietnamese (UTC+7) calendar date of an instant. */
  localDate(instant: Date): string {
    return fromEpochDay(Math.floor((checkInstant(instant) + VN_OFFSET_MS) / DAY_MS));
  }

  /** The instant at `hour` o'clock (fractional allowed) Vietnamese time on `date`. */
  atLocalTime(date: string, hour: number): Date {
    return new Date(toEpochDay(date) * DAY_MS + Math.round(hour * HOUR_MS) - VN_OFFSET_MS);
  }

  /**
   * The day a dossier counts as received (ngày tiếp nhận): the local day of `receivedAt` if that is a
   * working day and the time is before the cutoff, otherwise the next working day.
   */
  receiptDay(receivedAt: Date, opts: Pick<DeadlineOptions, 'cutoffHour'> = {}): string {
    const { cutoffHour } = this.options(opts);
    const day = this.localDate(receivedAt);
    const msIntoDay = receivedAt.getTime() - this.atLocalTime(day, 0).getTime();
    return this.isWorkingDay(day) && msIntoDay < cutoffHour * HOUR_MS ? day : this.nextWorkingDay(day);
  }

  /**
   * When a dossier received at `receivedAt` with a time limit of `workingDays` falls due.
   *
   * 1. The receipt day is fixed by `receiptDay`: at or after the cutoff (15:00), or on a day off,
   *    the dossier counts as received on the next working day.
   * 2. By default the receipt day is NOT day 1: day 1 is the next working day, so "within 3 working days
   *    of receiving a complete dossier" received Monday morning is due Thursday. This is the Civil Code
   *    2015 Art 147 rule (a period in days starts the day after the event) and what one-stop offices
   *    write on the receipt (giấy hẹn trả kết quả). `includeReceiptDay: true` makes the receipt day day 1.
   * 3. The due instant is the closing hour (17:00) of the last day; a limit of 0 days is due the same day.
   */
  dueDate(receivedAt: Date, workingDays: number, opts: DeadlineOptions = {}): Date {
    if (!Number.isInteger(workingDays) || workingDays < 0)
      throw new RangeError(`workingDays must be a whole number ≥ 0: ${workingDays}`);
    const o = this.options(opts);
    let day = this.receiptDay(receivedAt, o);
    const steps = o.includeReceiptDay ? Math.max(0, workingDays - 1) : workingDays;
    for (let i = 0; i < steps; i++) day = this.nextWorkingDay(day);
    return this.atLocalTime(day, o.closingHour);
  }

  /**
   * Working days after the local day of `a` up to and including the local day of `b`
   * (negative when `b` is earlier). Same-day and "Friday → Saturday" give 0.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const [from, to] = [this.localDate(a), this.localDate(b)];
    const sign = from <= to ? 1 : -1;
    const [start, end] = sign === 1 ? [toEpochDay(from), toEpochDay(to)] : [toEpochDay(to), toEpochDay(from)];
    let n = 0;
    for (let day = start + 1; day <= end; day++) if (this.isWorkingDay(fromEpochDay(day))) n++;
    return sign * n;
  }

  /**
   * Working days left until `due` when the clock stops at `now` (a supplement request, a fee to pay:
   * statuses 5, 6, 8): the days after today up to the due day. 0 when the due day is today or past.
   */
  remainingWorkingDays(now: Date, due: Date): number {
    return Math.max(0, this.workingDaysBetween(now, due));
  }

  /**
   * The new due instant when a paused clock restarts at `resumedAt` with `remaining` working days.
   * Counted like `dueDate` with the resumption day not counted (it belongs to the pause), so pausing
   * and resuming the same morning gives back the original due date. A return for supplementation that
   * restarts the clock from zero (Decree 61/2018) is a fresh `dueDate` instead.
   */
  resume(remaining: number, resumedAt: Date, opts: Omit<DeadlineOptions, 'includeReceiptDay'> = {}): Date {
    return this.dueDate(resumedAt, remaining, { ...opts, includeReceiptDay: false });
  }

  /** Early, on time or overdue by comparing local days: finished before, on, or after the due day. */
  classify(finishedAt: Date, dueAt: Date): Timeliness {
    const [finished, due] = [this.localDate(finishedAt), this.localDate(dueAt)];
    if (finished < due) return 'early';
    return finished === due ? 'on_time' : 'overdue';
  }

  private options(opts: DeadlineOptions): Required<DeadlineOptions> {
    return checkDeadlineOptions({ ...this.defaults, ...stripUndefined(opts) });
  }

  private holidayMap(year: number): Map<string, Holiday> {
    let map = this.holidaysByYear.get(year);
    if (!map) {
      map = new Map(vnHolidays(year, { rules: this.rules, weekend: [...this.weekend] }).map((h) => [h.date, h]));
      this.holidaysByYear.set(year, map);
    }
    return map;
  }
}

function checkDate(date: string): string {
  parseIsoDate(date);
  return date;
}

function checkInstant(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return t;
}

function checkDeadlineOptions(o: Required<DeadlineOptions>): Required<DeadlineOptions> {
  for (const key of ['cutoffHour', 'closingHour'] as const) {
    if (!Number.isFinite(o[key]) || o[key] < 0 || o[key] > 24)
      throw new RangeError(`${key} must be between 0 and 24: ${o[key]}`);
  }
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
