import { type ActorContext, type Principal, systemActor } from '../../../platform/http/auth.js';
import { AppError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob, type JobRunner } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import type { MismatchRow } from '../db/schema.js';
import { GatewayError, type GatewayName, type ReportLine } from '../gateways/gateway.js';
import type { PaymentsContext } from '../payments.context.js';
import { hasAnyRole, RECONCILERS } from '../payments.policy.js';
import { type PaymentRow, paymentsRepository as repo, type ReconciliationRow } from '../payments.repository.js';
import { vnDayRange, vnIsoDate } from '../../../platform/time/vn-time.js';

export const RECONCILE_JOB = 'payments.reconcile-daily';

export { vnDayRange };
export const vnDateOf = vnIsoDate;

/**
 * Compare the gateway's transactions of a day with ours: a reference on one side only, an amount
 * or a status that differs. Our payments that never reached the gateway and failed are not
 * mismatches (the payer left before paying).
 */
export function compare(
  ours: PaymentRow[],
  theirs: ReportLine[],
): { matched: number; mismatches: MismatchRow[]; byAgency: Record<string, { ours: number; matched: number }> } {
  const byAgency: Record<string, { ours: number; matched: number }> = {};
  for (const o of ours) (byAgency[o.agencyCode] ??= { ours: 0, matched: 0 }).ours++;
  const byRef = new Map(ours.map((p) => [p.reference, p]));
  const seen = new Set<string>();
  const mismatches: MismatchRow[] = [];
  let matched = 0;
  for (const t of theirs) {
    const o = byRef.get(t.reference);
    const theirsView = { status: t.status, amount: t.amount, gatewayTxnId: t.gatewayTxnId };
    if (!o) {
      mismatches.push({
        kind: 'missing_here',
        reference: t.reference,
        paymentId: null,
        agencyCode: null,
        ours: null,
        theirs: theirsView,
      });
      continue;
    }
    seen.add(o.reference);
    const oursView = { status: o.status, amount: o.amount };
    if (o.amount !== t.amount)
      mismatches.push({
        kind: 'amount_differs',
        reference: o.reference,
        paymentId: o.id,
        agencyCode: o.agencyCode,
        ours: oursView,
        theirs: theirsView,
      });
    else if (o.status !== t.status)
      mismatches.push({
        kind: 'status_differs',
        reference: o.reference,
        paymentId: o.id,
        agencyCode: o.agencyCode,
        ours: oursView,
        theirs: theirsView,
      });
    else {
      matched++;
      byAgency[o.agencyCode]!.matched++;
    }
  }
  for (const o of ours) {
    if (seen.has(o.reference) || o.status === 'failed') continue;
    mismatches.push({
      kind: 'missing_there',
      reference: o.reference,
      paymentId: o.id,
      agencyCode: o.agencyCode,
      ours: { status: o.status, amount: o.amount },
      theirs: null,
    });
  }
  return { matched, mismatches, byAgency };
}

/** Fetch the gateway's report of the day, match it against our payments, keep the result. */
export async function reconcile(
  ctx: PaymentsContext,
  gateway: GatewayName,
  day: string,
  actor: ActorContext = systemActor,
): Promise<ReconciliationRow> {
  let theirs: ReportLine[];
  try {
    theirs = await ctx.gateway(gateway).report(day);
  } catch (e) {
    if (e instanceof GatewayError)
      throw new AppError(502, 'GATEWAY_UNAVAILABLE', 'The gateway did not give its transaction report.', { gateway });
    throw e;
  }
  const { from, to } = vnDayRange(day);
  const ours = await repo.ofGatewayBetween(ctx.db, gateway, from, to);
  // A reference of theirs that we created another day is still ours.
  const known = new Set(ours.map((p) => p.reference));
  ours.push(
    ...(await repo.byReferences(
      ctx.db,
      theirs.map((t) => t.reference).filter((r) => !known.has(r)),
    )),
  );
  const { matched, mismatches, byAgency } = compare(ours, theirs);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.saveReconciliation(tx, {
      id: newId('rcn'),
      gateway,
      day,
      ours: ours.length,
      theirs: theirs.length,
      matched,
      mismatches,
      byAgency,
      ranBy: actor.actorId,
      ranAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.reconciled',
        subjectType: 'reconciliation',
        subjectId: `${gateway}:${day}`,
        after: { ours: ours.length, theirs: theirs.length, matched, mismatches: mismatches.length },
      },
      now,
    );
    return row;
  });
}

/**
 * A reconciliation as the caller may see it. An admin sees the whole day; anyone else the figures and
 * mismatches of their agency and the units below it only (another agency's payments are neither
 * listed nor counted), and not the gateway's transactions that match none of ours.
 */
export async function reconciliationView(ctx: PaymentsContext, p: Principal, row: ReconciliationRow) {
  const base = { gateway: row.gateway, day: row.day, runs: row.runs, ranAt: row.ranAt };
  if (p.roles.includes('admin'))
    return {
      ...base,
      ours: row.ours,
      theirs: row.theirs,
      matched: row.matched,
      mismatchCount: row.mismatches.length,
      mismatches: row.mismatches,
    };
  const scope = new Set(await ctx.directory.subtreeCodes(p.agencyCode ?? ''));
  const mismatches = row.mismatches.filter((m) => m.agencyCode && scope.has(m.agencyCode));
  let ours = 0;
  let matched = 0;
  for (const [agency, n] of Object.entries(row.byAgency ?? {}))
    if (scope.has(agency)) {
      ours += n.ours;
      matched += n.matched;
    }
  // The gateway's lines that are ours in scope: the matched ones and those that differ.
  const theirs = matched + mismatches.filter((m) => m.kind === 'amount_differs' || m.kind === 'status_differs').length;
  return { ...base, ours, theirs, matched, mismatchCount: mismatches.length, mismatches };
}

export function assertReconciler(p: Principal) {
  if (p.kind !== 'staff' || !hasAnyRole(p, RECONCILERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Reconciliation is for leaders and administrators.');
  if (!p.roles.includes('admin') && !p.agencyCode)
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
}

export async function getReconciliations(ctx: PaymentsContext, p: Principal, day: string, gateway?: GatewayName) {
  assertReconciler(p);
  const names = gateway ? [gateway] : [...ctx.gateways.keys()];
  const rows = (await Promise.all(names.map((g) => repo.reconciliation(ctx.db, g, day)))).filter(
    (r): r is ReconciliationRow => !!r,
  );
  if (!rows.length) throw new NotFoundError('RECONCILIATION_NOT_FOUND', `No reconciliation for ${day} yet.`, { day });
  return { items: await Promise.all(rows.map((r) => reconciliationView(ctx, p, r))) };
}

export async function runReconciliations(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  day: string,
  gateway?: GatewayName,
) {
  assertReconciler(p);
  const names = gateway ? [gateway] : [...ctx.gateways.keys()];
  const rows = [];
  for (const g of names) rows.push(await reconcile(ctx, g, day, actor));
  return { items: await Promise.all(rows.map((r) => reconciliationView(ctx, p, r))) };
}

/** 01:00 Vietnam time of the day after `day`: when `day` is reconciled. */
export function reconcileAt(day: string): Date {
  return new Date(vnDayRange(day).to.getTime() + 3600_000);
}

/** Make sure yesterday's reconciliation is scheduled (at start; each run schedules the next). */
export async function scheduleDailyReconciliation(ctx: PaymentsContext) {
  const today = vnDateOf(ctx.clock.now());
  const yesterday = vnDateOf(new Date(vnDayRange(today).from.getTime() - 3600_000));
  const next = reconcileAt(yesterday) > ctx.clock.now() ? yesterday : today;
  await enqueueJob(ctx.db, RECONCILE_JOB, { day: next }, { runAt: reconcileAt(next), dedupeKey: `reconcile:${next}` });
}

export function registerReconcileJob(runner: JobRunner, ctx: PaymentsContext) {
  runner.register(RECONCILE_JOB, async (payload) => {
    const day = String(payload.day);
    for (const g of ctx.gateways.keys()) await reconcile(ctx, g, day);
    const next = vnDateOf(new Date(vnDayRange(day).to.getTime() + 3600_000));
    await enqueueJob(
      ctx.db,
      RECONCILE_JOB,
      { day: next },
      { runAt: reconcileAt(next), dedupeKey: `reconcile:${next}` },
    );
  });
}
