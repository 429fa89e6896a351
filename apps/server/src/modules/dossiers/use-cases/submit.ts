import type { FileInfo } from '../../../platform/files/index.js';
import { formChecks } from './form-checks.js';
import type { RawStatement } from '../../../platform/db/insert.js';
import type { SQL } from 'drizzle-orm';
import { fileRepository, toFileInfo } from '../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { assertIdempotencyKey, withIdempotentBatch } from '../../../platform/idempotency/index.js';
import { queueMailStatement } from '../../../platform/mail/index.js';
import { auditStatement } from '../../audit/index.js';
import { accountOf, findAccountByLogin } from '../../identity/index.js';
import { type ProcedureView, validateFormData } from '../../procedures/index.js';
import { formatDossierCode, vnDay } from '../dossier-code.js';
import type { DossiersContext } from '../dossiers.context.js';
import { feeDue, statusCodeOf } from '../dossier-fees.js';
import { dossiersRepository as repo, type NewHistoryRow } from '../dossiers.repository.js';
import { stateOf } from '../workflow-engine.js';
import { applicantMail } from './notify.js';
import { reminderStatement } from './reminders.js';
import { portalSyncStatement } from '../portal-sync/portal-sync.js';
import { deskScope, transferNote, transferRule } from './receipt-anywhere.js';
import { registerBookName, registerUnitOf, registerYearOf } from './register-entry.js';

export interface SubmitInput {
  procedureCode: string;
  agencyCode: string;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
  channel?: 'online' | 'counter' | 'postal';
  /**
   * Counter submissions for another agency of the province (Decree 118/2025 Art 14(2)): the applicant
   * collects the result at the receiving desk (default) rather than at the competent agency.
   */
  resultAtReceiving?: boolean;
  /** Counter submissions: the person the officer files for. */
  applicant?: { idNumber: string; fullName: string; email?: string | null; phone?: string | null };
  /** Online: the submitter's draft this submission finishes (deleted with it). */
  draftId?: string;
}

export interface SubmitResult {
  code: string;
  status: string;
  statusCode: number;
  submittedAt: string;
  dueAt?: string;
}

export async function loadProcedure(ctx: DossiersContext, code: string, channel: string): Promise<ProcedureView> {
  const p = await ctx.procedures.forSubmission(code);
  if (!p) throw new NotFoundError('PROCEDURE_NOT_FOUND', `No procedure ${code}.`, { code });
  if (p === 'unpublished')
    throw new ConflictError('PROCEDURE_NOT_PUBLISHED', 'This procedure is not published.', { code });
  if (channel === 'online' && (p.onlineMode === 'none' || !p.channels.includes('online'))) {
    throw new ConflictError('PROCEDURE_NOT_ONLINE', 'This procedure cannot be filed online.', { code });
  }
  return p;
}

/** Who may apply for a procedure: its `subjects` (citizens; businesses and organisations with a tax code). */
export function applicantFits(p: Pick<ProcedureView, 'subjects'>, kind: 'citizen' | 'business'): boolean {
  return kind === 'citizen' ? p.subjects.includes('citizen') : p.subjects.some((s) => s !== 'citizen');
}

/** 403 when the caller's kind of account is not among the procedure's subjects (online submissions and drafts). */
export function assertApplicantFits(p: ProcedureView, kind: Principal['kind']) {
  if ((kind === 'citizen' || kind === 'business') && !applicantFits(p, kind))
    throw new ForbiddenError(
      'PROCEDURE_NOT_FOR_APPLICANT',
      kind === 'citizen'
        ? 'This procedure is for businesses and organisations.'
        : 'This procedure is for citizens; apply with a personal account.',
      { subjects: p.subjects, kind },
    );
}

/** Attachments: documents of the procedure, files the caller uploaded; every problem names its field. */
export async function checkAttachments(
  ctx: DossiersContext,
  p: Pick<ProcedureView, 'requiredDocuments'>,
  attachments: { documentId: string; fileId: string }[],
  ownerId: string,
  errors: FieldError[],
): Promise<Map<string, FileInfo>> {
  const docs = new Set(p.requiredDocuments.map((d) => d.id));
  const files = new Map<string, FileInfo>();
  for (const [i, a] of attachments.entries()) {
    if (!docs.has(a.documentId))
      errors.push({
        path: `attachments.${i}.documentId`,
        code: 'UNKNOWN_DOCUMENT',
        message: 'Not a document of this procedure.',
      });
    // Another user's file is answered as a missing one: its id must not open it, nor tell it exists.
    const f = await fileRepository.byId(ctx.db, a.fileId);
    if (!f || f.ownerId !== ownerId)
      errors.push({ path: `attachments.${i}.fileId`, code: 'FILE_NOT_FOUND', message: 'Upload the file first.' });
    else files.set(a.fileId, toFileInfo(f));
  }
  return files;
}

/** Validate form data, attachments and the receiving agency; every problem names its field. */
async function validate(
  ctx: DossiersContext,
  p: ProcedureView,
  input: SubmitInput,
  ownerId: string,
): Promise<Map<string, FileInfo>> {
  const errors: FieldError[] = [
    ...validateFormData(p.formSchema, input.formData),
    ...formChecks(p.formSchema, input.formData, ctx.directory.adminUnits),
  ];
  const agencyOk = await Promise.all(p.implementingAgencies.map((a) => ctx.directory.isWithin(a, input.agencyCode)));
  if (!agencyOk.some(Boolean))
    errors.push({
      path: 'agencyCode',
      code: 'AGENCY_NOT_COMPETENT',
      message: 'This agency does not handle this procedure.',
    });
  const files = await checkAttachments(ctx, p, input.attachments, ownerId, errors);
  for (const d of p.requiredDocuments) {
    if (d.required && !input.attachments.some((a) => a.documentId === d.id)) {
      errors.push({ path: `attachments.${d.id}`, code: 'REQUIRED_DOCUMENT_MISSING', message: `Missing: ${d.name}` });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return files;
}

/** Online (citizen/business) or counter (reception officer) submission, idempotent per key. */
export async function submitDossier(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  input: SubmitInput,
  idempotencyKey: string | undefined,
) {
  const channel = input.channel ?? (p.kind === 'staff' ? 'counter' : 'online');
  const counter = channel !== 'online';
  /** Received here for another competent agency of the province, and handed on to it. */
  let anywhere = false;
  if (counter) {
    if (p.kind !== 'staff' || !p.roles.includes('reception'))
      throw new ForbiddenError('FORBIDDEN_ROLE', 'Only one-stop desk officers file at the counter.');
    if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You file only for your own agency.');
    anywhere = (await deskScope(ctx, p.agencyCode, input.agencyCode)) === 'anywhere';
    if (!input.applicant) throw ValidationError.field('applicant', 'REQUIRED', 'Who is the applicant?');
  } else if (p.kind === 'staff' || p.kind === 'client') {
    throw new ForbiddenError(
      'FORBIDDEN_ROLE',
      'Online submission is for citizens and businesses; officers file at the counter.',
    );
  }
  const procedure = await loadProcedure(ctx, input.procedureCode, channel);
  if (counter) {
    const kind = /^\d{12}$/.test(input.applicant!.idNumber) ? 'citizen' : 'business';
    if (!applicantFits(procedure, kind))
      throw ValidationError.field(
        'applicant.idNumber',
        'PROCEDURE_NOT_FOR_APPLICANT',
        kind === 'citizen'
          ? 'This procedure is for businesses and organisations: give their tax code.'
          : 'This procedure is for citizens: give a personal ID number.',
      );
  } else assertApplicantFits(procedure, p.kind);
  const agency = await ctx.directory.find(input.agencyCode);
  if (!agency) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'Unknown agency.');
  const files = await validate(ctx, procedure, input, p.userId);
  // The applicant's account (if any) only lends its e-mail: the dossier belongs to `person:<ID>`
  // until an account with a verified identity, or the receipt's claim code, shows it is theirs.
  const applicantAccount = counter ? await findAccountByLogin(ctx.identity, input.applicant!.idNumber) : null;
  const self = counter ? null : await accountOf(ctx.identity, p);

  // The number is taken in its own short transaction before the dossier's: the counter row is then
  // locked for one statement, not for the whole submission, so submissions to one agency do not
  // queue behind each other. A submission that fails after this leaves a gap; a number is never
  // given twice (ADR 0012).
  assertIdempotencyKey(idempotencyKey);
  const now = ctx.clock.now();
  const day = vnDay(now);
  // The receipt is the receiving desk's: its dossier number too.
  const receiving = anywhere ? await ctx.directory.find(p.agencyCode!) : null;
  const codeAgency = receiving ? (receiving.legacyCode ?? receiving.code) : (agency.legacyCode ?? agency.code);
  const seq = await ctx.numbers.next(codeAgency, day);
  return withIdempotentBatch(ctx.db, `dossier.submit:${p.userId}`, idempotencyKey, input, () => {
    const w = procedure.workflow;
    const initial = stateOf(w, w.initial);
    const fee = {
      feeCollection: procedure.feeCollection,
      // At the rate of the channel, as the payments module will charge it (a fee may be lower or waived online).
      feeAmount:
        procedure.feeCollection === 'free'
          ? 0
          : procedure.fees.reduce(
              (s, f) => s + (!counter && f.onlineAmount !== undefined ? f.onlineAmount : f.amount),
              0,
            ),
      feePaidAt: null,
    };
    // At the counter the officer receives on the spot (the statutory clock starts now), unless a
    // fee collected before receipt is still to be paid.
    const receive =
      counter && !(fee.feeCollection === 'before' && feeDue(fee))
        ? w.actions.find((a) => a.from.includes(initial.key) && stateOf(w, a.to).clock === 'running')
        : undefined;
    const state = receive ? stateOf(w, receive.to) : initial;
    // Handed on across boundaries, the procedure's time runs from when the competent agency has it: the
    // appointment adds the transfer the configuration allows (ONE_STOP_TRANSFER_DAYS, ADR 0028).
    const days = procedure.processingDays + (anywhere ? transferRule(ctx.config).days : 0);
    const dueAt = receive ? ctx.calendar.dueDate(now, days) : null;
    const d = {
      id: newId('dos'),
      code: formatDossierCode(codeAgency, day, seq),
      procedureCode: procedure.code,
      procedureVersion: procedure.version,
      procedureName: procedure.name,
      agencyCode: agency.code,
      receivingAgencyCode: receiving?.code ?? null,
      resultAtReceiving: receiving ? input.resultAtReceiving !== false : false,
      applicantId: counter ? `person:${input.applicant!.idNumber}` : p.userId,
      applicantName: counter ? input.applicant!.fullName.normalize('NFC') : p.fullName,
      applicantIdNumber: counter ? input.applicant!.idNumber : (self?.idNumber ?? self?.taxCode ?? null),
      applicantEmail: counter
        ? (input.applicant!.email ?? (applicantAccount?.identityVerified ? applicantAccount.email : null))
        : (self?.email ?? null),
      applicantPhone: counter ? (input.applicant!.phone ?? null) : null,
      channel,
      submittedBy: p.userId,
      formData: input.formData,
      state: state.key,
      statusCode: statusCodeOf(fee, state),
      feeCollection: fee.feeCollection,
      feeAmount: fee.feeAmount,
      submittedAt: now,
      receivedAt: receive ? now : null,
      dueAt,
      extendedDueAt: null,
      online: !counter,
      createdAt: now,
      updatedAt: now,
    };
    // Every write is known now: the dossier, its attachments, the control sheet, the reminder, the
    // applicant's mail and the audit event go to the database as one batch (one round trip).
    const statements: (RawStatement | SQL)[] = [repo.insertStatement(d)];
    // Received on the spot: entered in the receiving unit's register (Mẫu 07) in the same batch, so a
    // failed or replayed submission takes no number (register-entry.ts).
    if (receive) {
      const unit = registerUnitOf(d);
      const year = registerYearOf(now);
      statements.push(
        repo.registerEntryStatement({
          dossierId: d.id,
          agencyCode: unit,
          year,
          book: registerBookName(ctx.config.ONE_STOP_REGISTER_BOOK, year, unit),
        }),
      );
    }
    if (input.attachments.length) {
      statements.push(
        repo.insertAttachmentsStatement(
          input.attachments.map((a) => {
            const f = files.get(a.fileId)!;
            return {
              id: newId('att'),
              dossierId: d.id,
              documentId: a.documentId,
              fileId: f.id,
              name: f.name,
              mediaType: f.mediaType,
              sha256: f.sha256,
              addedAt: now,
            };
          }),
        ),
      );
    }
    const steps: NewHistoryRow[] = [
      {
        id: newId('dsh'),
        dossierId: d.id,
        action: 'submit',
        fromState: null,
        toState: initial.key,
        actorId: p.userId,
        actorName: p.fullName,
        note: channel,
        at: now,
      },
    ];
    if (receive)
      steps.push({
        id: newId('dsh'),
        dossierId: d.id,
        action: receive.key,
        fromState: initial.key,
        toState: state.key,
        actorId: p.userId,
        actorName: p.fullName,
        note: null,
        at: now,
      });
    if (receiving)
      steps.push({
        id: newId('dsh'),
        dossierId: d.id,
        action: 'transfer',
        fromState: state.key,
        toState: state.key,
        actorId: p.userId,
        actorName: p.fullName,
        note: transferNote(ctx.config, receiving.name, agency.name),
        at: now,
      });
    statements.push(repo.addHistoryStatement(steps));
    if (dueAt) statements.push(reminderStatement(d, dueAt, now));
    // The draft goes with the submission, in the same batch: a retry answers this dossier, never a second.
    if (!counter && input.draftId) statements.push(repo.deleteDraftStatement(input.draftId, p.userId));
    if (ctx.portalSync) statements.push(portalSyncStatement(d.id));
    const mail = applicantMail(ctx, d, state.label);
    if (mail) statements.push(queueMailStatement(mail));
    statements.push(
      auditStatement(
        actor,
        {
          action: 'dossier.submitted',
          subjectType: 'dossier',
          subjectId: d.code,
          after: {
            procedure: procedure.code,
            version: procedure.version,
            channel,
            agency: agency.code,
            ...(receiving ? { receivingAgency: receiving.code, resultAtReceiving: d.resultAtReceiving } : {}),
          },
        },
        now,
      ),
    );
    const body: SubmitResult = {
      code: d.code,
      status: d.state,
      statusCode: d.statusCode,
      submittedAt: d.submittedAt.toISOString(),
      ...(d.dueAt ? { dueAt: d.dueAt.toISOString() } : {}),
    };
    return { status: 201, body, statements };
  });
}
