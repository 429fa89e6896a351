import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import {
  FEEDBACK_ESCALATE_JOB,
  type FeedbackFacade,
  type FeedbackPorts,
  PETITION_NOTIFY_JOB,
} from './feedback-contract.js';
import { FeedbackContext } from './feedback.context.js';
import { feedbackRepository as repo } from './feedback.repository.js';
import { feedbackRoutes } from './feedback.routes.js';
import { escalateOverdue } from './use-cases/escalate.js';
import { notifyPetition } from './use-cases/petitions.js';

export type FeedbackModule = Module<FeedbackFacade>;

/** Build the feedback module: citizen feedback (phản ánh, kiến nghị) and petitions. */
export function createFeedback(deps: PlatformDeps, ports: FeedbackPorts): FeedbackModule {
  const ctx = new FeedbackContext(deps, ports);
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
    },
    stop: noStop,
  };
}
