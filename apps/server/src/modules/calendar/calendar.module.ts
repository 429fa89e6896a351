import type { Module, PlatformDeps } from '../../platform/module.js';
import { calendarRoutes } from './calendar.routes.js';
import { CalendarService } from './calendar.service.js';

export type CalendarModule = Module<CalendarService>;

/**
 * The working calendar (ngày làm việc): public holidays computed from rules in code, the days an
 * administrator declares, due dates in working days. Its facade is the calendar in force; it needs no
 * other module's facade (it writes its audit events through the audit module's `recordAudit`).
 */
export function createCalendar(deps: PlatformDeps): CalendarModule {
  const calendar = new CalendarService(deps.db);
  return {
    name: 'calendar',
    facade: calendar,
    routes: calendarRoutes(deps, calendar),
    jobs: {},
    init: async () => void (await calendar.refresh()),
    start: () => calendar.start(),
    stop: async () => calendar.stop(),
  };
}
