import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { recordAudit } from '../../audit/index.js';
import { DOSSIER_FEE_JOB, type DossierFeeEvent, type DossierFeeView } from '../../dossiers/index.js';
import type { FeeLineRow } from '../db/schema.js';
import type { PaymentsContext } from '../payments.context.js';
import { FEE_SETTERS, hasAnyRole } from '../payments.policy.js';
import { type ObligationRow, paymentsRepository as repo } from '../payments.repository.js';
import { paymentView } from './views.js';

export const total = (lines: readonly Pick<FeeLineRow, 'amount'>[]) => lines.reduce((s, l) => s + l.amount, 0);

/** What a published fee line costs this dossier: the online rate for a dossier filed online, where one is set. */
export const appliedAmount = (l: { amount: number; onlineAmount: number | null }, online: boolean) =>
  online && l.onlineAmount !== null ? l.onlineAmount : l.amount;

/**
 * The obligation a dossier starts with (version 0): the fee lines of its procedure version at the
 * rate of its channel, so the table the applicant read and the amount charged are the same numbers.
 */
export function initialObligation(d: DossierFeeView, now: Date) {
  const collection = d.procedureFees.collection;
  const lines =
    collection === 'free'
      ? []
      : d.procedureFees.lines.map((l) => ({ label: l.label, amount: appliedAmount(l, d.online) }));
  const amount = total(lines);
  return {
    id: newId('fob'),
    dossierCode: d.code,
    dossierId: d.id,
    agencyCode: d.agencyCode,
    procedureCode: d.procedureCode,
    collection,
    lines,
    amount,
    status: amount > 0 ? ('due' as const) : ('none' as const),
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The dossier's obligation, created from its procedure version the first time anyone needs it. */
export async function ensureObligation(ctx: PaymentsContext, d: DossierFeeView): Promise<ObligationRow> {
  const existing = await repo.obligationByDossier(ctx.db, d.code);
  if (existing) return existing;
  return ctx.db.transaction((tx) => repo.insertObligation(tx, initialObligation(d, ctx.clock.now())));
}

/** Tell the dossier its whole fee state, in the caller's transaction (applied by the dossiers module's job). */
export async function tellDossier(
  tx: Executor,
  o: ObligationRow,
  event: DossierFeeEvent['event'],
  o2: { paidOnline: boolean; actorName?: string | null; note?: string | null },
) {
  const payload: DossierFeeEvent = {
    code: o.dossierCode,
    version: o.version,
    event,
    collection: o.collection,
    amount: o.amount,
    paidAt: o.paidAt?.toISOString() ?? null,
    paidOnline: o2.paidOnline,
    actorName: o2.actorName ?? null,
    note: o2.note ?? null,
  };
  await enqueueJob(tx, DOSSIER_FEE_JOB, payload, { dedupeKey: `fee:${o.id}:${o.version}` });
}

/** Fees of a dossier with its payments, for the applicant or staff of the agency. */
export async function getFees(ctx: PaymentsContext, p: Principal, code: string) {
  const d = await ctx.dossier(code, p);
  const o = await ensureObligation(ctx, d);
  const rows = await repo.paymentsOfDossier(ctx.db, d.code);
  const staff = p.kind === 'staff';
  const live = rows.find((r) => r.status === 'pending' || r.status === 'paid' || r.status === 'review');
  const open = !d.terminal && o.status === 'due' && !live;
  return {
    dossierCode: d.code,
    collection: o.collection,
    lines: o.lines,
    amount: o.amount,
    // A fee never paid on a dossier that ended without a result (refused, withdrawn, stopped) is no longer owed.
    status: d.terminal && o.status === 'due' ? ('closed' as const) : o.status,
    version: o.version,
    setByName: o.setByName,
    note: o.note,
    paidAt: o.paidAt,
    /** The procedure's published fee table and what it sets for this dossier's channel, beside the lines charged. */
    schedule: {
      online: d.online,
      lines: d.procedureFees.lines.map((l) => ({ ...l, applied: appliedAmount(l, d.online) })),
      total: total(d.procedureFees.lines.map((l) => ({ amount: appliedAmount(l, d.online) }))),
    },
    gateways: [...ctx.gateways.keys()],
    defaultGateway: ctx.settings.defaultGateway,
    payments: await Promise.all(rows.map((r) => paymentView(ctx, r, { forPayer: d.access.isApplicant }))),
    mayPay:
      d.access.isApplicant &&
      !staff &&
      !d.terminal &&
      o.status === 'due' &&
      live?.status !== 'paid' &&
      live?.status !== 'review',
    maySet: staff && hasAnyRole(p, FEE_SETTERS) && !d.terminal && o.status !== 'paid' && !live,
    mayRecordDesk: staff && p.roles.includes('reception') && open,
    transferAvailable: (await repo.collectionAccount(ctx.db, d.agencyCode)) !== null,
  };
}

export interface SetFeesInput {
  lines: FeeLineRow[];
  note?: string;
}

/** An officer sets what this dossier owes (nghĩa vụ tài chính); the dossier shows status 6 while it is due. */
export async function setFees(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: SetFeesInput,
) {
  if (p.kind !== 'staff' || !hasAnyRole(p, FEE_SETTERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Desk officers, specialists and leaders set fees.');
  const d = await ctx.dossier(code, p, { staffOnly: true });
  if (d.terminal) throw new ConflictError('DOSSIER_CLOSED', 'The dossier is closed.', { state: d.state });
  const o0 = await ensureObligation(ctx, d);
  const lines = input.lines.map((l) => ({ label: l.label.normalize('NFC').trim(), amount: l.amount }));
  const amount = total(lines);
  return ctx.db.transaction(async (tx) => {
    const o = await repo.lockObligation(tx, o0.id);
    if (o.status === 'paid')
      throw new ConflictError('FEE_ALREADY_PAID', 'The fee is paid; refund it before changing it.');
    const live = await repo.livePayment(tx, o.id);
    if (live)
      throw new ConflictError('PAYMENT_PENDING', 'A payment is in progress; wait for its result.', {
        paymentId: live.id,
      });
    const now = ctx.clock.now();
    // A fee set on a free procedure is collected before the result is returned.
    const collection = o.collection === 'free' && amount > 0 ? 'after' : o.collection;
    const updated = await repo.updateObligation(tx, o.id, {
      lines,
      amount,
      collection,
      status: amount > 0 ? 'due' : 'none',
      version: o.version + 1,
      setBy: p.userId,
      setByName: p.fullName,
      note: input.note?.trim() || null,
      updatedAt: now,
    });
    await tellDossier(tx, updated, 'set', {
      paidOnline: false,
      actorName: p.fullName,
      note: input.note?.trim() || null,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.fee_set',
        subjectType: 'dossier',
        subjectId: d.code,
        before: { amount: o.amount, lines: o.lines },
        after: { amount, lines, collection },
      },
      now,
    );
    return updated;
  });
}
