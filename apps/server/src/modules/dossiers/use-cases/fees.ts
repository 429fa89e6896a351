import { type ActorContext, type Principal, systemActor } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { AWAITING_FEE_LABEL, feeDue, statusCodeOf } from '../dossier-fees.js';
import type { DossiersContext } from '../dossiers.context.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';
import { stateOf } from '../workflow-engine.js';
import { notifyApplicant } from './notify.js';
import { requireProcedure } from './read.js';
import { returnOnline } from './return-online.js';
import type { JobRegistry } from '../../../platform/module.js';

/** Job through which the payments module tells a dossier about its fee (enqueued in the payment's transaction). */
export const DOSSIER_FEE_JOB = 'dossiers.apply-fee-status';

/**
 * The whole fee state of a dossier after a change in the payments module. Every event carries
 * the full state and a version, so a retried or reordered job never applies an older state.
 */
export interface DossierFeeEvent {
  code: string;
  version: number;
  event: 'set' | 'paid' | 'refunded';
  collection: 'before' | 'after' | 'free';
  amount: number;
  paidAt: string | null;
  paidOnline: boolean;
  actorName?: string | null;
  note?: string | null;
  [k: string]: unknown;
}

const NOTICES = {
  set: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Fee to pay' },
  paid: { vi: 'Đã nộp phí, lệ phí', en: 'Fee paid' },
  refunded: { vi: 'Đã hoàn trả phí, lệ phí', en: 'Fee refunded' },
};

const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

/** Apply a fee event: projection columns, status 6 on or off, history, the applicant's e-mail, audit. */
export async function applyFeeEvent(ctx: DossiersContext, e: DossierFeeEvent, actor: ActorContext = systemActor) {
  const d0 = await repo.byCode(ctx.db, e.code);
  if (!d0) throw new Error(`fee event for unknown dossier ${e.code}`);
  const procedure = await requireProcedure(ctx, d0);
  const w = procedure.workflow;
  await ctx.db.transaction(async (tx) => {
    const d = (await repo.lockByCode(tx, e.code))!;
    if (e.version <= d.feeVersion) return; // already applied, or overtaken by a newer state
    const now = ctx.clock.now();
    const fee = {
      feeCollection: e.collection,
      feeAmount: e.amount,
      feePaidAt: e.paidAt ? new Date(e.paidAt) : null,
      feePaidOnline: e.paidOnline,
      feeVersion: e.version,
    };
    const state = stateOf(w, d.state);
    let updated: DossierRow = await repo.update(tx, d.id, {
      ...fee,
      statusCode: statusCodeOf(fee, state),
      updatedAt: now,
    });
    const base =
      e.event === 'set'
        ? feeDue(fee)
          ? `Số tiền phải nộp: ${money(e.amount)}`
          : 'Không phải nộp phí, lệ phí'
        : money(e.amount);
    const note = e.note ? `${base}. ${e.note}` : base;
    await ctx.syncPortal(tx, d.id);
    await repo.addHistory(tx, {
      id: newId('dsh'),
      dossierId: d.id,
      action: `fee_${e.event}`,
      fromState: d.state,
      toState: d.state,
      actorId: null,
      actorName: e.actorName ?? 'Hệ thống',
      note,
      at: now,
    });
    // A full-online result waiting only for its fee goes back electronically once paid.
    if (e.event === 'paid' && state.statusCode === 9 && d.online && procedure.onlineMode === 'full')
      updated = (await returnOnline(tx, w, d, state.key, now)) ?? updated;
    const label = updated.statusCode === 6 ? AWAITING_FEE_LABEL : NOTICES[e.event];
    await notifyApplicant(ctx, tx, updated, label, note);
    await recordAudit(
      tx,
      actor,
      {
        action: `dossier.fee_${e.event}`,
        subjectType: 'dossier',
        subjectId: d.code,
        before: { feeVersion: d.feeVersion, statusCode: d.statusCode },
        after: { feeVersion: e.version, amount: e.amount, paid: !!e.paidAt, statusCode: updated.statusCode },
      },
      now,
    );
  });
}

export function registerDossierFeeJob(runner: JobRegistry, ctx: DossiersContext) {
  runner.register(DOSSIER_FEE_JOB, (payload) => applyFeeEvent(ctx, payload as DossierFeeEvent));
}

/** What the payments module may know of a dossier, and how the caller stands to it. */
export interface DossierFeeView {
  id: string;
  code: string;
  agencyCode: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  applicant: { id: string; fullName: string; idNumber: string | null; email: string | null };
  state: string;
  statusCode: number;
  online: boolean;
  finished: boolean;
  /** In a terminal state of its workflow (refused, withdrawn, returned): nothing more to pay. */
  terminal: boolean;
  fee: { collection: 'before' | 'after' | 'free'; amount: number; paidAt: Date | null; version: number };
  /** The fee lines and collection of the procedure version the dossier was filed under. */
  procedureFees: {
    collection: 'before' | 'after' | 'free';
    lines: { label: string; amount: number; onlineAmount: number | null; note: string | null }[];
  };
  /** The caller is the applicant / staff of the receiving agency (or above it) / its assignee. */
  /** `isReceiver`: the desk that received it for another agency of the province (Decree 118/2025 Art 14(2)). */
  access: { isApplicant: boolean; inAgency: boolean; isAssignee: boolean; isReceiver: boolean };
}

/** A dossier seen from the payments module (null when it does not exist). */
export async function dossierForFees(
  ctx: DossiersContext,
  code: string,
  p: Principal | null,
): Promise<DossierFeeView | null> {
  const d = await repo.byCode(ctx.db, code);
  if (!d) return null;
  const who = p ? await ctx.actorFor(p, d) : { isApplicant: false, inAgency: false, isAssignee: false };
  const procedure = await requireProcedure(ctx, d);
  const state = stateOf(procedure.workflow, d.state);
  return {
    id: d.id,
    code: d.code,
    agencyCode: d.agencyCode,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
    procedureName: d.procedureName,
    applicant: { id: d.applicantId, fullName: d.applicantName, idNumber: d.applicantIdNumber, email: d.applicantEmail },
    state: d.state,
    statusCode: d.statusCode,
    online: d.online,
    finished: d.finishedAt !== null,
    terminal: state.terminal,
    fee: { collection: d.feeCollection, amount: d.feeAmount, paidAt: d.feePaidAt, version: d.feeVersion },
    procedureFees: {
      collection: procedure.feeCollection,
      lines: procedure.fees.map((f) => ({
        label: f.label,
        amount: f.amount,
        onlineAmount: f.onlineAmount ?? null,
        note: f.note ?? null,
      })),
    },
    access: {
      isApplicant: who.isApplicant,
      inAgency: who.inAgency,
      isAssignee: who.isAssignee,
      isReceiver: 'isReceiver' in who && who.isReceiver === true,
    },
  };
}
