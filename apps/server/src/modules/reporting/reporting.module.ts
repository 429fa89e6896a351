import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import {
  DELIVER_JOB,
  DELIVER_STATUS_JOB,
  OPEN_PERIODS_JOB,
  REFRESH_JOB,
  RELAY_JOB,
  REMIND_JOB,
  type ReportingFacade,
  type ReportingPorts,
} from './reporting-contract.js';
import { ReportingContext } from './reporting.context.js';
import { reportingRoutes } from './reporting.routes.js';
import { refreshFacts, refreshIfDue } from './use-cases/facts.js';
import { deliverReport, deliverStatus, relay } from './use-cases/federation.js';
import { seedDemoReporting } from './use-cases/seed.js';
import { openDuePeriods, openPeriod, remindOverdue, scheduleOpenPeriods } from './use-cases/obligations.js';

export type ReportingModule = Module<ReportingFacade>;

/**
 * How often a serving process brings the indicator facts up to date. The issue asks the figures to
 * include a submission within a minute: the lag is up to one period plus the refresh itself.
 */
export const REFRESH_EVERY_MS = 15_000;

/** Build the reporting module: report regimes (Decree 09/2019) and the command centre's indicators. */
export function createReporting(deps: PlatformDeps, ports: ReportingPorts): ReportingModule {
  const ctx = new ReportingContext(deps, ports);
  let timer: NodeJS.Timeout | null = null;
  let refreshing: Promise<unknown> | null = null;
  return {
    name: 'reporting',
    facade: {
      refresh: () => refreshFacts(ctx),
      openPeriod: (regimeCode, period) => openPeriod(ctx, regimeCode, period),
      seedDemo: () => seedDemoReporting(ctx),
    },
    routes: reportingRoutes(ctx),
    jobs: {
      [OPEN_PERIODS_JOB]: () => openDuePeriods(ctx),
      [REMIND_JOB]: (payload) => remindOverdue(ctx, String(payload.id)),
      [DELIVER_JOB]: (payload) => deliverReport(ctx, String(payload.id), String(payload.submittedAt)),
      [DELIVER_STATUS_JOB]: (payload) => deliverStatus(ctx, String(payload.id)),
      [RELAY_JOB]: (payload) => relay(ctx, payload),
      [REFRESH_JOB]: async () => {
        await refreshFacts(ctx);
      },
    },
    init: () => scheduleOpenPeriods(ctx),
    start() {
      // The refresh runs on this timer, not as a queued job: behind a backlog of other jobs (a mail per
      // submission at 500 submissions/s) a queued refresh would wait for all of them. A tick while the
      // previous one still runs is skipped, and so is one just after another process's refresh.
      if (!deps.config.WORKERS) return;
      timer = setInterval(() => {
        if (refreshing) return;
        refreshing = refreshIfDue(ctx, REFRESH_EVERY_MS)
          .catch((err: unknown) => deps.log.warn({ err }, 'reporting: the refresh failed'))
          .finally(() => {
            refreshing = null;
          });
      }, REFRESH_EVERY_MS);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await refreshing;
      await noStop();
    },
  };
}
