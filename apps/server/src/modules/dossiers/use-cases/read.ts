import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { ProcedureView } from '../../procedures/index.js';
import { type DossiersContext, personKeyOf } from '../dossiers.context.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';
import { AWAITING_FEE_LABEL, AWAITING_FEE_STATUS, feeBlocks, feeOwed } from '../dossier-fees.js';
import { allowedActions, mayReadDrafts, stateOf, maySee } from '../workflow-engine.js';
import { approvalStepUpOf } from './act.js';
import { applicablePrintouts } from './printouts.js';
import { formatDossierCode, parseDossierCode } from '../dossier-code.js';

export async function requireProcedure(ctx: DossiersContext, d: DossierRow): Promise<ProcedureView> {
  const p = await ctx.procedures.version(d.procedureCode, d.procedureVersion);
  if (!p) throw new Error(`procedure ${d.procedureCode} v${d.procedureVersion} missing`);
  return p;
}

/** Overdue / due soon, on the promised date (the rescheduled one if any). */
export function deadlineFlags(d: Pick<DossierRow, 'dueAt' | 'extendedDueAt' | 'finishedAt'>, now: Date) {
  const due = d.extendedDueAt ?? d.dueAt;
  const open = !d.finishedAt && due;
  return {
    overdue: Boolean(open && due! < now),
    dueSoon: Boolean(open && due! >= now && due!.getTime() - now.getTime() < 24 * 3600_000),
  };
}

/**
 * One dossier for its applicant or for staff of its agency. An official's read of it is recorded
 * (`dossier.viewed`), but not the dossier an action answers with: the officer acted, the action is
 * audited, and a view event for it would only blur what people did.
 */
export async function getDossier(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  { recordView = true }: { recordView?: boolean } = {},
) {
  const d = await repo.byCode(ctx.db, code);
  if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const who = await ctx.actorFor(p, d);
  // Another citizen's dossier, or another agency's, does not exist for the caller.
  if (!maySee(who)) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const procedure = await requireProcedure(ctx, d);
  const [history, attachments] = await Promise.all([repo.history(ctx.db, d.id), repo.attachments(ctx.db, d.id)]);
  if (!who.isApplicant && recordView) {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, actor, { action: 'dossier.viewed', subjectType: 'dossier', subjectId: d.code }, ctx.clock.now()),
    );
  }
  const w = procedure.workflow;
  return {
    code: d.code,
    procedure: {
      code: procedure.code,
      version: procedure.version,
      name: procedure.name,
      onlineMode: procedure.onlineMode,
      processingDays: procedure.processingDays,
    },
    agencyCode: d.agencyCode,
    receivingAgencyCode: d.receivingAgencyCode,
    resultAtReceiving: d.resultAtReceiving,
    applicant: { id: d.applicantId, fullName: d.applicantName, idNumber: d.applicantIdNumber, email: d.applicantEmail },
    channel: d.channel,
    status: d.state,
    statusLabel: d.statusCode === AWAITING_FEE_STATUS ? AWAITING_FEE_LABEL : stateOf(w, d.state).label,
    statusCode: d.statusCode,
    formData: d.formData,
    assigneeId: d.assigneeId,
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    register:
      d.registerBook !== null && d.registerEntry !== null ? { book: d.registerBook, entry: d.registerEntry } : null,
    dueAt: d.extendedDueAt ?? d.dueAt,
    originalDueAt: d.dueAt,
    extended: d.extendedDueAt !== null,
    finishedAt: d.finishedAt,
    returnedAt: d.returnedAt,
    resultFileId: d.resultFileId,
    ...deadlineFlags(d, ctx.clock.now()),
    // Early, on time or late says how a result came against its date: not for a dossier refused, withdrawn or
    // stopped (statuses 3, 7, 8), which ended without one.
    timeliness:
      d.finishedAt && d.dueAt && d.statusCode >= 9
        ? ctx.calendar.classify(d.finishedAt, d.extendedDueAt ?? d.dueAt)
        : null,
    attachments: attachments.map((a) => ({
      documentId: a.documentId,
      fileId: a.fileId,
      name: a.name,
      mediaType: a.mediaType,
      sha256: a.sha256,
    })),
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      note: h.note,
      // A draft is the agency's working paper: its staff read it, the applicant gets the issued result.
      draft: h.draftFileId && mayReadDrafts(who) ? { fileId: h.draftFileId, name: h.draftFileName ?? '' } : null,
      at: h.at,
    })),
    // Actions the unpaid fee forbids are not offered (receipt for `before`, returning the result).
    allowedActions: allowedActions(w, d.state, who).filter(
      (k) => !feeBlocks(d, stateOf(w, d.state), stateOf(w, w.actions.find((a) => a.key === k)!.to)),
    ),
    approvalStepUp: await approvalStepUpOf(ctx, d, procedure),
    fee: { collection: d.feeCollection, amount: d.feeAmount, paidAt: d.feePaidAt, due: feeOwed(d) },
    printouts: applicablePrintouts(d, history),
  };
}

export const BOXES: Record<string, { states?: string[]; assigned?: boolean; overdue?: boolean; forwarded?: boolean }> =
  {
    all: {},
    reception: { states: ['submitted'] },
    mine: { assigned: true, states: ['processing'] },
    approval: { states: ['pending_approval'] },
    issue: { states: ['approved'] },
    return: { states: ['result_issued'] },
    supplement: { states: ['supplement_requested'] },
    overdue: { overdue: true },
    /** Received here for another competent agency of the province and handed on (Decree 118/2025 Art 14(2)). */
    forwarded: { forwarded: true },
  };

export interface ListQuery {
  mine?: boolean;
  box?: string;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Citizens: their own dossiers. Staff: the inbox of their agency (and units below it). */
export async function listDossiers(ctx: DossiersContext, p: Principal, q: ListQuery) {
  const now = ctx.clock.now();
  const states = q.status ? [q.status] : undefined;
  let r;
  if (q.mine || p.kind !== 'staff') {
    r = await repo.list(ctx.db, {
      applicant: { id: p.userId, personKey: personKeyOf(p) },
      states,
      q: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
  } else {
    if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
    const box = BOXES[q.box ?? 'all'];
    if (!box) throw ValidationError.field('box', 'INVALID_BOX', `Unknown box ${q.box}.`);
    // "Assigned to me" crosses agencies (a department specialist works on the province's dossiers).
    const mine = box.assigned ? undefined : await ctx.directory.subtreeCodes(p.agencyCode);
    r = await repo.list(ctx.db, {
      agencyCodes: box.forwarded ? undefined : mine,
      receivingAgencyCodes: box.forwarded ? mine : undefined,
      states: states ?? box.states,
      assigneeId: box.assigned ? p.userId : undefined,
      overdueAt: box.overdue ? now : undefined,
      q: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
  }
  return {
    items: r.items.map((d) => ({
      code: d.code,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      agencyCode: d.agencyCode,
      receivingAgencyCode: d.receivingAgencyCode,
      applicantName: d.applicantName,
      channel: d.channel,
      status: d.state,
      statusCode: d.statusCode,
      submittedAt: d.submittedAt,
      dueAt: d.extendedDueAt ?? d.dueAt,
      assigneeId: d.assigneeId,
      fee: { amount: d.feeAmount, due: feeOwed(d) },
      ...deadlineFlags(d, now),
    })),
    total: r.total,
  };
}

/**
 * The dossier a person means by the code they typed from a receipt: any case, spaces or dashes of
 * another kind, and the agency part in either form, the code (`H26.X001`) or with the QCVN 102
 * prefix (`000.00.00.H26`, the legacy identifier).
 */
export async function findByTypedCode(ctx: DossiersContext, typed: string): Promise<DossierRow | null> {
  const clean = typed
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase();
  const direct = await repo.byCode(ctx.db, clean);
  if (direct) return direct;
  const parsed = parseDossierCode(clean);
  if (!parsed) return null;
  const agencies = new Set<string>();
  const agency = await ctx.directory.find(parsed.agencyCode);
  if (agency) agencies.add(agency.code);
  agencies.add(parsed.agencyCode.replace(/^000\.00\.00\./, ''));
  for (const a of agencies) {
    const d = await repo.byCode(ctx.db, formatDossierCode(a, parsed.date, parsed.seq));
    if (d) return d;
  }
  return null;
}

/** Last four digits of an ID number or tax code (what the public tracking form asks for). */
const lastDigits = (idNumber: string | null) => (idNumber ?? '').replace(/\D/g, '').slice(-4);

/**
 * Public tracking: the dossier code and a second thing a guesser does not have, either the last four
 * digits of the applicant's ID number (or tax code) or the token of the receipt's QR link. An
 * unknown code and a wrong second thing get the same 404. No personal data in the answer.
 */
export async function publicLookup(ctx: DossiersContext, code: string, proof: { token?: string; idDigits?: string }) {
  if (!proof.token && !proof.idDigits)
    throw ValidationError.field(
      'idDigits',
      'TRACKING_PROOF_REQUIRED',
      'Give the last 4 digits of the applicant’s ID number or tax code, or open the link of the receipt’s QR code.',
    );
  const d = await findByTypedCode(ctx, code);
  const ok =
    d &&
    ((proof.token && ctx.receiptCodes.checkTrackingToken(d.id, proof.token)) ||
      (proof.idDigits &&
        lastDigits(d.applicantIdNumber).length === 4 &&
        lastDigits(d.applicantIdNumber) === proof.idDigits));
  if (!d || !ok) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const procedure = await requireProcedure(ctx, d);
  return {
    code: d.code,
    procedureName: d.procedureName,
    status: d.state,
    statusLabel: d.statusCode === AWAITING_FEE_STATUS ? AWAITING_FEE_LABEL : stateOf(procedure.workflow, d.state).label,
    statusCode: d.statusCode,
    dueAt: d.extendedDueAt ?? d.dueAt,
  };
}
