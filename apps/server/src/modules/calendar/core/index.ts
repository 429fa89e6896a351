// Working-day calendar for Vietnamese public administration: lunar calendar, public holidays and
// statutory deadlines. Pure code with no dependencies; the admin-declared days come from the caller.

/** Vietnamese lunar calendar (UTC+7): solar ↔ lunar conversion and leap months. */
export { solarToLunar, lunarToSolar, leapMonthOf, VIETNAM_TIME_ZONE, type LunarDate } from './lunar.js';
/** Public holidays and compensatory days of a year, from a configurable rule set. */
export {
  vnHolidays,
  validateHolidayRules,
  DEFAULT_HOLIDAY_RULES,
  type Holiday,
  type HolidayRule,
  type HolidayRules,
  type HolidaySpan,
  type LocalizedName,
} from './vn-holidays.js';
/** Working days, due dates, pauses and early/on-time/overdue classification. */
export {
  WorkingCalendar,
  VN_OFFSET_MS,
  type DeadlineOptions,
  type DeclaredDay,
  type Timeliness,
  type WorkingCalendarOptions,
} from './working-calendar.js';
/** 'YYYY-MM-DD' date arithmetic independent of the machine's time zone. */
export { addDays, dayOfWeek, parseIsoDate, formatIsoDate, type CivilDate } from './dates.js';
