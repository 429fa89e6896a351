import { enqueueJob } from '../../platform/jobs/index.js';
import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import {
  FEEDBACK_CLEAN_UPLOADS_JOB,
  FEEDBACK_DISCARD_BLOB_JOB,
  FEEDBACK_ESCALATE_JOB,
  type FeedbackFacade,
  type FeedbackPorts,
  PETITION_NOTIFY_JOB,
} from './feedback-contract.js';
import { FeedbackContext } from './feedback.context.js';
import { feedbackRepository as repo } from './feedback.repository.js';
import { feedbackRoutes } from './feedback.routes.js';
import { CLEAN_UPLOADS_EVERY_MS, cleanUnfiledUploads } from './use-cases/clean-uploads.js';
import { escalateOverdue } from './use-cases/escalate.js';
import { notifyPetition } from './use-cases/petitions.js';
import { discardUnnamedBlobs } from './use-cases/uploads.js';

export type FeedbackModule = Module<FeedbackFacade>;

/** Build the feedback module: citizen feedback (phản ánh, kiến nghị) and petitions. */
export function createFeedback(deps: PlatformDeps, ports: FeedbackPorts): FeedbackModule {
  const ctx = new FeedbackContext(deps, ports);
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'feedback',
    facade: {
      openCount: (agencyCode) => repo.openCount(ctx.db, agencyCode),
      satisfaction: (agencyCode, from, to) => repo.satisfaction(ctx.db, agencyCode, from, to),
    },
    routes: feedbackRoutes(ctx),
    jobs: {
      [FEEDBACK_ESCALATE_JOB]: (payload) =>
        escalateOverdue(ctx, { id: String(payload.id), dueAt: String(payload.dueAt) }),
      [PETITION_NOTIFY_JOB]: (payload) => notifyPetition(ctx, { id: String(payload.id), event: String(payload.event) }),
      [FEEDBACK_CLEAN_UPLOADS_JOB]: async () => {
        await cleanUnfiledUploads(ctx);
      },
      [FEEDBACK_DISCARD_BLOB_JOB]: async (payload) => {
        await discardUnnamedBlobs(ctx, [String(payload.sha256)]);
      },
    },
    start() {
      // A durable job, once per hour across processes (the dedupe key names the hour).
      if (!deps.config.WORKERS) return;
      timer = setInterval(() => {
        const hour = Math.floor(deps.clock.now().getTime() / CLEAN_UPLOADS_EVERY_MS);
        void enqueueJob(deps.db, FEEDBACK_CLEAN_UPLOADS_JOB, {}, { dedupeKey: `feedback-clean-uploads:${hour}` }).catch(
          (err: unknown) => deps.log.warn({ err }, 'feedback: could not enqueue the upload clean-up'),
        );
      }, CLEAN_UPLOADS_EVERY_MS);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await noStop();
    },
  };
}
