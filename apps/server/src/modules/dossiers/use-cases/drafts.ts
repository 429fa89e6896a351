import type { Principal } from '../../../platform/http/auth.js';
import { formChecks } from './form-checks.js';
import { type FieldError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { validateDraftFormData } from '../../procedures/index.js';
import { assertApplicantFits, checkAttachments, loadProcedure } from './submit.js';
import { newId } from '../../../platform/ids/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo } from '../dossiers.repository.js';

export interface DraftInput {
  procedureCode: string;
  agencyCode?: string | null;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
  step?: number;
}

const view = (d: Awaited<ReturnType<typeof repo.draft>> & object) => ({
  id: d.id,
  procedureCode: d.procedureCode,
  agencyCode: d.agencyCode,
  formData: d.formData,
  attachments: d.attachments,
  step: d.step,
  updatedAt: d.updatedAt,
});

/**
 * A draft is checked like a submission except for completeness (ADR 0015): the procedure must be
 * open to the caller online, the form data must fit the form's schema (types, formats, sizes, no
 * unknown fields; required fields may still be missing), the agency must handle the procedure, and
 * attachments must be the procedure's documents and the caller's own uploads.
 */
async function checkDraft(ctx: DossiersContext, p: Principal, input: DraftInput) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Drafts are for online applicants.');
  const procedure = await loadProcedure(ctx, input.procedureCode, 'online');
  assertApplicantFits(procedure, p.kind);
  const errors: FieldError[] = [
    ...validateDraftFormData(procedure.formSchema, input.formData),
    ...formChecks(procedure.formSchema, input.formData, ctx.directory.adminUnits),
  ];
  if (input.agencyCode) {
    const ok = await Promise.all(
      procedure.implementingAgencies.map((a) => ctx.directory.isWithin(a, input.agencyCode!)),
    );
    if (!ok.some(Boolean))
      errors.push({
        path: 'agencyCode',
        code: 'AGENCY_NOT_COMPETENT',
        message: 'This agency does not handle this procedure.',
      });
  }
  await checkAttachments(ctx, procedure, input.attachments, p.userId, errors);
  if (errors.length) throw new ValidationError(errors);
}

/** Save a form in progress on the server (create, or overwrite one's own draft). */
export async function saveDraft(ctx: DossiersContext, p: Principal, id: string | null, input: DraftInput) {
  if (id) {
    const existing = await repo.draft(ctx.db, id);
    if (!existing || existing.ownerId !== p.userId) throw new NotFoundError('DRAFT_NOT_FOUND', 'No such draft.');
  }
  await checkDraft(ctx, p, input);
  const row = await repo.upsertDraft(ctx.db, {
    id: id ?? newId('drf'),
    ownerId: p.userId,
    procedureCode: input.procedureCode,
    agencyCode: input.agencyCode ?? null,
    formData: input.formData,
    attachments: input.attachments,
    step: input.step ?? 0,
    updatedAt: ctx.clock.now(),
  });
  return view(row);
}

export async function listDrafts(ctx: DossiersContext, p: Principal) {
  return (await repo.drafts(ctx.db, p.userId)).map(view);
}

export async function getDraft(ctx: DossiersContext, p: Principal, id: string) {
  const d = await repo.draft(ctx.db, id);
  if (!d || d.ownerId !== p.userId) throw new NotFoundError('DRAFT_NOT_FOUND', 'No such draft.');
  return view(d);
}

export async function deleteDraft(ctx: DossiersContext, p: Principal, id: string) {
  const rows = await repo.deleteDraft(ctx.db, id, p.userId);
  if (!rows.length) throw new NotFoundError('DRAFT_NOT_FOUND', 'No such draft.');
}
