import { type Module, type PlatformDeps } from '../../platform/module.js';
import { type MeetingsFacade, type MeetingsPorts, OPINION_REMIND_JOB } from './meetings-contract.js';
import { MeetingsContext } from './meetings.context.js';
import { meetingsRepository as repo } from './meetings.repository.js';
import { meetingsRoutes } from './meetings.routes.js';
import { remindOpinion } from './use-cases/opinions.js';
import { proposeAgendaItem } from './use-cases/proposals.js';
import { seedDemoMeetings } from './meetings.seed.js';

export type MeetingsModule = Module<MeetingsFacade>;

/** Build the meetings module (e-Cabinet): paperless meetings and written opinions of the members. */
export function createMeetings(deps: PlatformDeps, ports: MeetingsPorts): MeetingsModule {
  const ctx = new MeetingsContext(deps, ports);
  return {
    name: 'meetings',
    facade: {
      openTasks: (agencyCode) => repo.openTasks(ctx.db, agencyCode),
      seedDemo: (people) => seedDemoMeetings(ctx, people),
      proposeAgendaItem: (i) => proposeAgendaItem(ctx, i),
    },
    routes: meetingsRoutes(ctx),
    jobs: { [OPINION_REMIND_JOB]: (payload) => remindOpinion(ctx, String(payload.id)) },
    // Follow the bus from the start: a stream opened on this process hears every process's changes.
    init: async () => {
      await ctx.snapshots.start();
      await ctx.live.start();
    },
    stop: async () => {
      ctx.live.stop();
      ctx.snapshots.stop();
    },
  };
}
