import type { Principal } from '../../platform/http/auth.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { Federation } from '../exchange/index.js';
import type { AccountInfo } from '../identity/index.js';
import type { SigningService } from '../signatures/index.js';

/**
 * The contract of the reporting module (hệ thống thông tin báo cáo, Decree 09/2019/NĐ-CP, and the
 * command centre's indicators): what it needs from other modules, and what it offers them.
 */

/** Facts of one agency on one local day, as a source module computed them. */
export interface DayFactRow {
  agencyCode: string;
  day: string;
  [fact: string]: string | number;
}

/** A source of facts: the (agency, day) keys touched by rows changed since `since`, recomputed whole. */
export type FactSource = (since: Date) => Promise<DayFactRow[]>;

/** A dossier as reporting needs it for a rating: where it was handled, finished or not, whose it is. */
export interface RatedDossier {
  code: string;
  agencyCode: string;
  finished: boolean;
  isApplicant: boolean;
}

/** What reporting needs from other modules (given by the composition root). */
export interface ReportingPorts {
  directory: Pick<DirectoryService, 'find' | 'isWithin' | 'subtreeCodes' | 'lineage' | 'search'>;
  /** The leader's remote CAdES signature with his person certificate, confirmed by TOTP or passkey (signatures). */
  signing: Pick<SigningService, 'signCadesAsPerson' | 'validateBytes'>;
  /**
   * The exchange's signed-HTTP federation (ADR 0005): a report whose receiver another deployment serves
   * is sent there, and its decision comes back (ADR 0024, "Reports across deployments").
   */
  federation: Pick<Federation, 'selfId' | 'relays' | 'peerOf' | 'speaksFor' | 'post' | 'verify'>;
  /** Send deadlines in working days after the cut-off day. */
  calendar: Pick<CalendarService, 'dueDate'>;
  /** Staff of an agency holding one of the roles (whom to remind). */
  staffOf(agencyCode: string, roles: string[]): Promise<AccountInfo[]>;
  /** A dossier as `p` sees it (for ratings), or null. */
  findDossier(code: string, p: Principal): Promise<RatedDossier | null>;
  /** Incremental sources of the day facts, one per module (dossiers, documents, identity). */
  sources: Record<string, FactSource>;
  /** Published procedures per implementing agency and how many are offered fully online. */
  procedureCounts(): Promise<{ agencyCode: string; procedures: number; fullOnline: number }[]>;
}

/** A computed indicator at a scope over a time range. */
export interface IndicatorValue {
  code: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100, null when nothing to divide. */
  value: number | null;
  target: number | null;
}

/** What other modules (and the composition root, tests, CLI) may ask of reporting. */
export interface ReportingFacade {
  /** Bring the day facts up to date from every source (the refresh job's work). */
  refresh(): Promise<{ rows: number; refreshedAt: Date }>;
  /** Open the obligations of a period of a regime (idempotent). */
  openPeriod(regimeCode: string, period: string): Promise<{ opened: number }>;
  /** Demo data: a regime, its current period, the facts computed once. */
  seedDemo(): Promise<void>;
}

/** Open the current period of every periodic regime (daily) and re-schedules itself. */
export const OPEN_PERIODS_JOB = 'reporting.open-periods';
/** Flag and remind an obligation still unsubmitted at its deadline. */
export const REMIND_JOB = 'reporting.remind-overdue';
/** Bring the day facts up to date (every minute, and after changes in tests). */
export const REFRESH_JOB = 'reporting.refresh-facts';
/** Send a submitted report to the deployment that serves its receiver (retried with backoff). */
export const DELIVER_JOB = 'reporting.deliver';
/** Send a received report's acceptance or return back to the reporting agency's deployment. */
export const DELIVER_STATUS_JOB = 'reporting.deliver-status';
/** At the hub: pass a report or a decision on to the node that serves its addressee (retried with backoff). */
export const RELAY_JOB = 'reporting.relay';
/** Where a deployment receives reports and decisions from the others (signed requests only). */
export const FEDERATION_REPORTS_PATH = '/federation/reporting/reports';
export const FEDERATION_STATUSES_PATH = '/federation/reporting/statuses';
