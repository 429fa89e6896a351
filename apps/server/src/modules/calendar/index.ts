/** Calendar: the working calendar (public holidays, declared days off and make-up days, due dates). */
export { createCalendar, type CalendarModule } from './calendar.module.js';
export { CalendarService } from './calendar.service.js';
export * from './core/index.js';
