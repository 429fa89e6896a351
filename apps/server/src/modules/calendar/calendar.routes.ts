import { z } from 'zod';
import { actorContext, requireRole } from '../../platform/http/auth.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { okResponse, pattern } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import type { PlatformDeps } from '../../platform/module.js';
import { calendarDaysRepository } from './calendar.repository.js';
import type { CalendarService } from './calendar.service.js';
import { recordAudit } from '../audit/index.js';

const isoDate = pattern(/^\d{4}-\d{2}-\d{2}$/, 'INVALID_DATE', 'A date YYYY-MM-DD.');
/** The working calendar: public holidays (computed) and admin-declared days off / working days. */
export function calendarRoutes(deps: PlatformDeps, svc: CalendarService) {
  const audit: typeof recordAudit = (tx, ctx, e) => recordAudit(tx, ctx, e, deps.clock.now());
  return (app: App) => {
    app.get(
      '/api/calendar',
      {
        schema: {
          tags: ['platform'],
          summary: 'Public holidays and declared days of a year',
          security: [],
          querystring: z.object({ year: z.coerce.number().int().min(1950).max(2199) }),
          response: {
            200: z.object({
              year: z.number(),
              holidays: z.array(
                z.object({ date: z.string(), name: z.object({ vi: z.string(), en: z.string() }), kind: z.string() }),
              ),
              declared: z.array(
                z.object({ date: z.string(), kind: z.enum(['day_off', 'working_day']), note: z.string() }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const declared = await calendarDaysRepository.year(deps.db, req.query.year);
        return {
          year: req.query.year,
          holidays: svc.calendar.holidays(req.query.year),
          declared: declared.map((d) => ({ date: d.date, kind: d.kind, note: d.note })),
        };
      },
    );
    app.put(
      '/api/admin/calendar/:date',
      {
        schema: {
          tags: ['platform'],
          summary: 'Declare a day off or a make-up working day (admin)',
          params: z.object({ date: isoDate }),
          body: z.object({ kind: z.enum(['day_off', 'working_day']), note: z.string().trim().min(3).max(300) }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        const p = requireRole(req, 'admin');
        await deps.db.transaction(async (tx) => {
          await calendarDaysRepository.upsert(tx, {
            date: req.params.date,
            kind: req.body.kind,
            note: req.body.note,
            createdBy: p.userId,
          });
          await audit(tx, actorContext(req), {
            action: 'calendar.day_declared',
            subjectType: 'calendar_day',
            subjectId: req.params.date,
            after: req.body,
          });
        });
        await svc.refresh();
        return { ok: true as const };
      },
    );
    app.delete(
      '/api/admin/calendar/:date',
      {
        schema: {
          tags: ['platform'],
          summary: 'Remove a declared day (admin)',
          params: z.object({ date: isoDate }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        await deps.db.transaction(async (tx) => {
          const rows = await calendarDaysRepository.remove(tx, req.params.date);
          if (!rows.length) throw new NotFoundError('CALENDAR_DAY_NOT_FOUND', 'No declared day on this date.');
          await audit(tx, actorContext(req), {
            action: 'calendar.day_removed',
            subjectType: 'calendar_day',
            subjectId: req.params.date,
          });
        });
        await svc.refresh();
        return { ok: true as const };
      },
    );
  };
}
