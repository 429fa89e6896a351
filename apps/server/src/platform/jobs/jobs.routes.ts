import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import { NotFoundError } from '../http/errors.js';
import { pageQuery } from '../http/schemas.js';
import type { App } from '../http/server.js';
import type { PlatformDeps } from '../module.js';
import { jobQueries } from './index.js';

const jobDto = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'running', 'done', 'dead']),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** Admin view of the durable job queue: counts, list, retry a dead job. */
export function jobRoutes(deps: PlatformDeps) {
  return (app: App) => {
    app.get(
      '/api/admin/jobs',
      {
        schema: {
          tags: ['platform'],
          summary: 'Background jobs (admin)',
          querystring: pageQuery.extend({
            status: z.enum(['pending', 'running', 'done', 'dead']).optional(),
            name: z.string().max(100).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(jobDto),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              counts: z.object({ pending: z.number(), running: z.number(), done: z.number(), dead: z.number() }),
            }),
          },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        const { items, total } = await jobQueries.list(deps.db, req.query);
        const view = (j: (typeof items)[number]) => ({ ...j, runAt: j.runAt ?? j.createdAt });
        const counts = { pending: 0, running: 0, done: 0, dead: 0 };
        for (const c of await jobQueries.counts(deps.db)) counts[c.status] = c.n;
        return { items: items.map(view), total, page: req.query.page, pageSize: req.query.pageSize, counts };
      },
    );
    app.post(
      '/api/admin/jobs/:id/retry',
      {
        schema: {
          tags: ['platform'],
          summary: 'Put a dead job back in the queue (admin)',
          params: z.object({ id: z.string() }),
          response: { 200: jobDto },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        const job = await jobQueries.retry(deps.db, req.params.id, deps.clock.now());
        if (!job) throw new NotFoundError('JOB_NOT_FOUND', 'No dead or pending job with this id.');
        return { ...job, runAt: job.runAt ?? job.createdAt };
      },
    );
  };
}
