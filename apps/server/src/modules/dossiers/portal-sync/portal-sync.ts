import { hkdfSync } from 'node:crypto';
import type { Config } from '../../../config/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { enqueueJob, enqueueJobStatement } from '../../../platform/jobs/index.js';
import type { JobRegistry } from '../../../platform/module.js';
import { vnIsoDateTime } from '../../../platform/time/vn-time.js';
import type { DossiersContext } from '../dossiers.context.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';

/**
 * Dossier statuses to the national public-service portal (Cổng DVCQG), as the one-stop systems of ministries and
 * provinces synchronise them (vn-standards §4.3 codes 1–10, §4.5 `CapNhatTrangThai` field names). Every step of the
 * control sheet enqueues a job in the same transaction (the outbox of ADR 0001): a crash never loses one, a portal
 * that is down is retried with backoff and the job dead-letters after its attempts, visible in the jobs page.
 * The job sends the dossier's status *when it runs*: retries and jobs that overtake each other still leave the
 * portal on the latest status.
 */
export const PORTAL_SYNC_JOB = 'dossiers.portal-sync';

export interface PortalSyncSettings {
  /** Base URL of the portal's sync API (`…/CapNhatTrangThai` is posted under it). */
  url: string;
  token: string;
  sandbox: boolean;
}

/** The sandbox's bearer token, derived from APP_SECRET: nothing to configure in development. */
export function portalSandboxToken(appSecret: string): string {
  return Buffer.from(hkdfSync('sha256', appSecret, 'egov-dvcqg-sync-sandbox', 'token', 32)).toString('base64url');
}

/**
 * DVCQG_SYNC_URL and DVCQG_SYNC_TOKEN name the real portal; without them the built-in simulator receives the
 * statuses when DVCQG_SYNC_SANDBOX is on (default: in development); otherwise nothing is sent.
 */
export function portalSyncSettings(config: Config, appSecret: string): PortalSyncSettings | null {
  if (config.DVCQG_SYNC_URL) {
    return { url: config.DVCQG_SYNC_URL.replace(/\/$/, ''), token: config.DVCQG_SYNC_TOKEN ?? '', sandbox: false };
  }
  const sandbox = config.DVCQG_SYNC_SANDBOX ?? config.NODE_ENV === 'development';
  if (!sandbox) return null;
  return { url: `${config.publicUrl}/sandbox/dvcqg-sync`, token: portalSandboxToken(appSecret), sandbox: true };
}

/** Kênh thực hiện (vn-standards §4.4): 1 trực tiếp, 2 trực tuyến, 3 bưu chính. */
const CHANNEL = { counter: 1, online: 2, postal: 3 } as const;

/**
 * What the portal is told of a dossier: the §4.5 names, dates in Vietnam time (yyyy-MM-ddTHH:mm:ss).
 * `MaDonViTiepNhan` is the agency whose desk received the dossier (for a dossier received across administrative
 * boundaries, the receiving centre, not the competent agency); `DonViXuLy` names the agency that processes it,
 * as public one-stop systems send it in their `DongBoHoSoMC` records (OpenCPS; docs/legal/decree-118-circular-03.md
 * §5 for the sources and what we could not confirm).
 */
export function portalStatusMessage(d: DossierRow, competentAgencyName: string) {
  const at = (x: Date | null) => (x ? vnIsoDateTime(x) : null);
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaDonViTiepNhan: d.receivingAgencyCode ?? d.agencyCode,
    DonViXuLy: competentAgencyName,
    ChuHoSo: d.applicantName,
    SoDinhDanh: d.applicantIdNumber,
    KenhThucHien: CHANNEL[d.channel],
    NgayNop: at(d.submittedAt),
    NgayTiepNhan: at(d.receivedAt),
    NgayHenTra: at(d.extendedDueAt ?? d.dueAt),
    NgayKetThucXuLy: at(d.finishedAt),
    NgayTraKetQua: at(d.returnedAt),
    TrangThai: d.statusCode,
    ThoiDiemCapNhat: at(d.updatedAt),
  };
}
export type PortalStatusMessage = ReturnType<typeof portalStatusMessage>;

/** In the transaction of a step: the portal will hear of it. */
export async function schedulePortalSync(tx: Executor, dossierId: string) {
  await enqueueJob(tx, PORTAL_SYNC_JOB, { dossierId }, { maxAttempts: 12 });
}

/** The same, as a statement for a batch of writes (`runBatch`). */
export function portalSyncStatement(dossierId: string) {
  return enqueueJobStatement(PORTAL_SYNC_JOB, { dossierId }, { maxAttempts: 12 });
}

export class PortalSyncError extends Error {
  override name = 'PortalSyncError';
}

export function registerPortalSyncJob(runner: JobRegistry, ctx: DossiersContext, s: PortalSyncSettings | null) {
  runner.register(PORTAL_SYNC_JOB, async (payload) => {
    if (!s) return; // no portal configured: the step is recorded here only
    const d = await repo.byId(ctx.db, String(payload.dossierId));
    if (!d) return;
    const competent = (await ctx.directory.find(d.agencyCode))?.name ?? d.agencyCode;
    let res: Response;
    try {
      res = await fetch(`${s.url}/CapNhatTrangThai`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
        body: JSON.stringify(portalStatusMessage(d, competent)),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new PortalSyncError(`national portal unreachable (${(e as Error).name})`);
    }
    const answer = (await res.json().catch(() => null)) as { error_code?: string; message?: string } | null;
    if (!res.ok || answer?.error_code !== '0') {
      // The job runner retries with backoff; the reason is kept on the job for the jobs page.
      throw new PortalSyncError(
        `national portal answered HTTP ${res.status}${answer?.message ? `: ${answer.message}` : ''} for ${d.code}`,
      );
    }
  });
}
