import type { Principal } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo } from '../dossiers.repository.js';

export interface DraftInput {
  procedureCode: string;
  agencyCode?: string | null;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
}

const view = (d: Awaited<ReturnType<typeof repo.draft>> & object) => ({
  id: d.id,
  procedureCode: d.procedureCode,
  agencyCode: d.agencyCode,
  formData: d.formData,
  attachments: d.attachments,
  updatedAt: d.updatedAt,
});

/** Save a form in progress on the server (create, or overwrite one's own draft). */
export async function saveDraft(ctx: DossiersContext, p: Principal, id: string | null, input: DraftInput) {
  if (id) {
    const existing = await repo.draft(ctx.db, id);
    if (!existing || existing.ownerId !== p.userId) throw new NotFoundError('DRAFT_NOT_FOUND', 'No such draft.');
  }
  const row = await repo.upsertDraft(ctx.db, {
    id: id ?? newId('drf'),
    ownerId: p.userId,
    procedureCode: input.procedureCode,
    agencyCode: input.agencyCode ?? null,
    formData: input.formData,
    attachments: input.attachments,
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
