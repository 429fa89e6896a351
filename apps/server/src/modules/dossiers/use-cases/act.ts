import { fileRepository } from '../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import {
  confirmActionWithPasskey,
  confirmActionWithTotp,
  findAccount,
  otpAsFieldError,
  type PasskeyAssertion,
  secondFactorsOf,
} from '../../identity/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { assertIdempotencyKey, storedAnswer, withIdempotency } from '../../../platform/idempotency/index.js';
import type { ProcedureView, WorkflowAction, WorkflowDefinition } from '../../procedures/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { AWAITING_FEE_LABEL, AWAITING_FEE_STATUS, feeBlocks, feeDue, statusCodeOf } from '../dossier-fees.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';
import { acceptsDraft, type Actor, APPROVAL_ACTION, checkTransition, stateOf, maySee } from '../workflow-engine.js';
import { notifyApplicant } from './notify.js';
import { scheduleReminder } from './reminders.js';
import { returnOnline } from './return-online.js';
import { requireProcedure } from './read.js';
import { recordSealedResult, type SealedResult, sealResult } from './result-file.js';
import { transferRule } from './receipt-anywhere.js';
import { registerBookName, registerUnitOf, registerYearOf } from './register-entry.js';

export interface ActionInput {
  action: string;
  note?: string;
  assigneeId?: string;
  fileIds?: string[];
  resultFileId?: string;
  /** With the submission for approval: the specialist's draft result (a PDF he uploaded). */
  draftFileId?: string;
  /** The leader's confirmation of an approval the procedure asks step-up for: a TOTP code or a passkey. */
  otp?: string;
  passkey?: PasskeyAssertion;
}

/** The action, or the problem the workflow finds with it (422 unknown, 403 role, 409 state). */
function assertTransition(w: WorkflowDefinition, state: string, action: string, who: Actor): WorkflowAction {
  const a = checkTransition(w, state, action, who);
  if (a === 'UNKNOWN_ACTION')
    throw ValidationError.field('action', 'UNKNOWN_ACTION', `No action ${action} in this workflow.`);
  if (a === 'ACTION_FORBIDDEN_FOR_ROLE')
    throw new ForbiddenError('ACTION_FORBIDDEN_FOR_ROLE', 'Your role cannot take this action.', { action });
  if (a === 'ACTION_NOT_ALLOWED_IN_STATE')
    throw new ConflictError('ACTION_NOT_ALLOWED_IN_STATE', `Not possible while the dossier is ${state}.`, {
      action,
      state,
    });
  return a;
}

/**
 * Whether the leader's approval of this dossier needs a second factor: the procedure's setting as
 * now published (a stricter setting applies to dossiers already waiting), else as the dossier's version had it.
 */
export async function approvalStepUpOf(ctx: DossiersContext, d: DossierRow, version: ProcedureView) {
  const published = await ctx.procedures.getPublished(d.procedureCode).catch(() => null);
  return (published ?? version).approvalStepUp;
}

/** The passkey challenge an approval is confirmed with is bound to this action (`POST /api/auth/mfa/passkey/action-options`). */
export const approvalActionOf = (code: string) => `dossier_approval:${code}`;

/**
 * The leader confirms an approval with a fresh TOTP code or a passkey assertion made for this
 * dossier, when the procedure asks for it. Without any second factor he is told how to get one.
 */
async function confirmApproval(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: ActionInput,
) {
  const factors = await secondFactorsOf(ctx.identity, p.userId);
  if (!factors.totp && !factors.passkeys)
    throw new ForbiddenError(
      'SECOND_FACTOR_REQUIRED',
      'This procedure asks the leader to confirm an approval with a second factor, and your account has none: turn on two-step verification (an authenticator app) or add a passkey on your account page, then approve again.',
      { action: APPROVAL_ACTION, setupUrl: '/account' },
    );
  if (input.otp && input.passkey)
    throw ValidationError.field(
      'passkey',
      'OTP_OR_PASSKEY',
      'Confirm with the authenticator code or with a passkey, not both.',
    );
  const action = approvalActionOf(code);
  if (input.passkey) return confirmActionWithPasskey(ctx.identity, actor, p.userId, input.passkey, action);
  if (!input.otp)
    throw ValidationError.field(
      'otp',
      'STEP_UP_REQUIRED',
      factors.totp
        ? 'Enter the code from your authenticator app (or confirm with a passkey) to approve.'
        : 'Confirm the approval with your passkey.',
    );
  await otpAsFieldError(confirmActionWithTotp(ctx.identity, actor, p.userId, input.otp, action));
}

/** Apply a workflow action: state, clock, history, audit and the applicant's e-mail in one transaction. */
export async function actOnDossier(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: ActionInput,
  idempotencyKey?: string,
): Promise<{ replayed: boolean }> {
  // The secrets (code, assertion) are not part of what is repeated: the same step is the same request.
  const request = {
    action: input.action,
    note: input.note ?? null,
    assigneeId: input.assigneeId ?? null,
    fileIds: input.fileIds ?? null,
    resultFileId: input.resultFileId ?? null,
    draftFileId: input.draftFileId ?? null,
  };
  const scope = `dossier.action:${p.userId}:${code}`;
  if (idempotencyKey !== undefined) assertIdempotencyKey(idempotencyKey);
  if (await storedAnswer(ctx.db, scope, idempotencyKey, request)) return { replayed: true };
  // Everything that asks another module is read before the transaction: on PGlite (one
  // connection) a facade call inside it would wait for the transaction forever.
  const d0 = await repo.byCode(ctx.db, code);
  if (!d0) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const who0 = await ctx.actorFor(p, d0);
  if (!maySee(who0)) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const procedure = await requireProcedure(ctx, d0);
  const w = procedure.workflow;
  // Checked before anything is spent (a one-time code, a seal): a double click meets the new state here.
  const a0 = assertTransition(w, d0.state, input.action, who0);
  let draft: { id: string; name: string } | undefined;
  if (input.draftFileId) {
    if (!acceptsDraft(w, a0))
      throw ValidationError.field(
        'draftFileId',
        'DRAFT_NOT_ACCEPTED',
        'A draft result goes with the submission for approval only.',
      );
    const f = await fileRepository.byId(ctx.db, input.draftFileId);
    if (!f || f.ownerId !== p.userId)
      throw ValidationError.field('draftFileId', 'FILE_NOT_FOUND', 'Upload the draft result first.');
    // The type was sniffed from the bytes at upload (platform/files), not taken from the name.
    if (f.mediaType !== 'application/pdf')
      throw ValidationError.field('draftFileId', 'DRAFT_NOT_PDF', 'The draft result must be a PDF.');
    draft = { id: f.id, name: f.name };
  }
  if (a0.key === APPROVAL_ACTION && (await approvalStepUpOf(ctx, d0, procedure)) === 'totp_or_passkey')
    await confirmApproval(ctx, actor, p, d0.code, input);
  let assigneeId: string | undefined;
  if (input.assigneeId) {
    const u = await findAccount(ctx.identity, input.assigneeId);
    const eligible =
      u &&
      u.active &&
      u.roles.includes('specialist') &&
      u.agencyCode &&
      (await ctx.directory.isWithin(d0.agencyCode, u.agencyCode));
    if (!eligible)
      throw ValidationError.field(
        'assigneeId',
        'ASSIGNEE_NOT_ELIGIBLE',
        'Assign to an active specialist of this agency.',
      );
    assigneeId = u.id;
  }
  // The result is sealed before the transaction (signing reads the PKI); a refused action leaves
  // only an unreferenced blob behind, which the content-addressed store tolerates.
  let sealed: SealedResult | undefined;
  const declared = w.actions.find((x) => x.key === input.action);
  if (declared?.requires.includes('resultFile') && declared.from.includes(d0.state))
    sealed = await sealResult(ctx, actor, p, d0, input.resultFileId);

  const work = async (tx: Tx) => {
    const d = await repo.lockByCode(tx, code);
    if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
    const who = { ...who0, isAssignee: d.assigneeId === p.userId };
    const a = assertTransition(w, d.state, input.action, who);

    const now = ctx.clock.now();
    const patch: Partial<DossierRow> = {};
    if (a.requires.includes('note') && !input.note?.trim())
      throw ValidationError.field('note', 'REQUIRED', 'Give the reason.');
    if (a.requires.includes('assignee')) {
      if (!assigneeId) throw ValidationError.field('assigneeId', 'REQUIRED', 'Choose a specialist.');
      patch.assigneeId = assigneeId;
    }
    if (a.requires.includes('resultFile')) {
      // The state moved since the pre-check (a concurrent action): nothing was sealed for this one.
      if (!sealed)
        throw new ConflictError('ACTION_NOT_ALLOWED_IN_STATE', `Not possible while the dossier is ${d.state}.`, {
          action: input.action,
          state: d.state,
        });
      patch.resultFileId = (await recordSealedResult(tx, p, sealed)).id;
    }
    const to = stateOf(w, a.to);
    const from = stateOf(w, d.state);
    if (feeBlocks(d, from, to))
      throw new ConflictError('FEE_NOT_PAID', 'The fee must be paid first.', {
        action: input.action,
        amount: d.feeAmount,
        statusCode: AWAITING_FEE_STATUS,
      });
    if (to.clock === 'running' && from.clock === 'not_started') {
      // Receipt: the statutory clock starts (again from zero after a supplement, Decree 61 Art 17).
      patch.receivedAt = now;
      // Taken in at another desk of the province and received now: the transfer days count first, as at
      // a receipt on the spot (submit.ts, ADR 0028); a receipt after a supplement counts afresh.
      const transfer = d.receivingAgencyCode && d.receivedAt === null ? transferRule(ctx.config).days : 0;
      patch.dueAt = ctx.calendar.dueDate(now, procedure.processingDays + transfer);
      patch.extendedDueAt = null;
    }
    if (to.statusCode === 9 || to.statusCode === 8 || to.key === 'withdrawn' || to.key === 'refused')
      patch.finishedAt = now;
    if (to.statusCode === 10) patch.returnedAt = now;
    if (input.fileIds?.length) {
      const rows = [];
      for (const id of input.fileIds) {
        const f = await fileRepository.byId(tx, id);
        if (!f || f.ownerId !== p.userId)
          throw ValidationError.field('fileIds', 'FILE_NOT_FOUND', 'Upload the files first.');
        rows.push({
          id: newId('att'),
          dossierId: d.id,
          documentId: 'supplement',
          fileId: f.id,
          name: f.name,
          mediaType: f.mediaType,
          sha256: f.sha256,
          addedAt: now,
        });
      }
      await repo.insertAttachments(tx, rows);
    }
    // The first reception enters the dossier in its unit's register (Mẫu 07); a receipt after a
    // supplement keeps its entry.
    if (patch.receivedAt && d.registerEntry === null) {
      const unit = registerUnitOf(d);
      const year = registerYearOf(now);
      await repo.takeRegisterEntry(tx, {
        dossierId: d.id,
        agencyCode: unit,
        year,
        book: registerBookName(ctx.config.ONE_STOP_REGISTER_BOOK, year, unit),
      });
    }
    let updated = await repo.update(tx, d.id, {
      ...patch,
      state: to.key,
      statusCode: statusCodeOf(d, to),
      updatedAt: now,
    });
    if (patch.dueAt) await scheduleReminder(tx, updated, patch.dueAt, now);
    await ctx.syncPortal(tx, d.id);
    await repo.addHistory(tx, {
      id: newId('dsh'),
      dossierId: d.id,
      action: a.key,
      fromState: d.state,
      toState: to.key,
      actorId: p.userId,
      actorName: p.fullName,
      note: input.note?.trim() || null,
      draftFileId: draft?.id ?? null,
      draftFileName: draft?.name ?? null,
      at: now,
    });
    // A full-online result is returned electronically at once (no trip to the desk).
    if (to.statusCode === 9 && d.online && procedure.onlineMode === 'full' && !feeDue(d))
      updated = (await returnOnline(tx, w, d, to.key, now)) ?? updated;
    if (to.statusCode === 9 && ctx.onFinished)
      await ctx.onFinished()(tx, {
        code: d.code,
        procedureCode: d.procedureCode,
        agencyCode: d.agencyCode,
        formData: d.formData,
        finishedAt: now.toISOString(),
        actorId: p.userId,
        actorName: p.fullName,
      });
    await notifyApplicant(
      ctx,
      tx,
      updated,
      updated.statusCode === AWAITING_FEE_STATUS ? AWAITING_FEE_LABEL : stateOf(w, updated.state).label,
      input.note,
    );
    // Last: the audit chain's head row is a global lock held until commit.
    await recordAudit(
      tx,
      actor,
      {
        action: `dossier.${a.key}`,
        subjectType: 'dossier',
        subjectId: d.code,
        before: { state: d.state },
        after: {
          state: updated.state,
          assigneeId: updated.assigneeId,
          note: input.note ?? null,
          ...(draft ? { draftFileId: draft.id } : {}),
        },
      },
      now,
    );
    return updated;
  };
  if (idempotencyKey === undefined) {
    await ctx.db.transaction(work);
    return { replayed: false };
  }
  const r = await withIdempotency(ctx.db, scope, idempotencyKey, request, async (tx) => {
    const updated = await work(tx);
    return { status: 200, body: { code: updated.code, state: updated.state } };
  });
  return { replayed: r.replayed };
}

/** Mẫu 04: once, before the deadline, a leader or specialist apologises and sets a new date. */
export async function extendDeadline(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  input: { newDueAt: Date; reason: string },
) {
  const d0 = await repo.byCode(ctx.db, code);
  const who = d0 ? await ctx.actorFor(p, d0) : null;
  if (!d0 || !who?.inAgency) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  return ctx.db.transaction(async (tx) => {
    const d = (await repo.lockByCode(tx, code))!;
    if (!p.roles.some((r) => r === 'leader' || r === 'specialist'))
      throw new ForbiddenError('FORBIDDEN_ROLE', 'Leaders and specialists reschedule.');
    if (!d.dueAt || d.finishedAt)
      throw new ConflictError('DOSSIER_NOT_IN_PROGRESS', 'Only a dossier being processed can be rescheduled.');
    if (d.extendedDueAt) throw new ConflictError('ALREADY_EXTENDED', 'The return date can be rescheduled only once.');
    if (input.newDueAt <= d.dueAt)
      throw ValidationError.field('newDueAt', 'MUST_BE_LATER', 'The new date must be after the current one.');
    const now = ctx.clock.now();
    const updated = await repo.update(tx, d.id, { extendedDueAt: input.newDueAt, updatedAt: now });
    await scheduleReminder(tx, updated, input.newDueAt, now);
    await ctx.syncPortal(tx, d.id);
    await repo.addHistory(tx, {
      id: newId('dsh'),
      dossierId: d.id,
      action: 'extend',
      fromState: d.state,
      toState: d.state,
      actorId: p.userId,
      actorName: p.fullName,
      note: input.reason,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'dossier.extended',
        subjectType: 'dossier',
        subjectId: d.code,
        before: { dueAt: d.dueAt },
        after: { extendedDueAt: input.newDueAt, reason: input.reason },
      },
      now,
    );
    await notifyApplicant(
      ctx,
      tx,
      updated,
      { vi: 'Xin lỗi vì chậm trễ, hẹn lại ngày trả kết quả', en: 'Apology: new return date' },
      input.reason,
    );
    return updated;
  });
}
