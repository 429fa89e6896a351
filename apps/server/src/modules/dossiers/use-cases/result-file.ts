import type { Tx } from '../../../platform/db/index.js';
import { fileRepository, toFileInfo } from '../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import { mayReadDrafts, maySee } from '../workflow-engine.js';
import type { DossiersContext } from '../dossiers.context.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';

/** The sealed result, stored but not yet recorded: the action's transaction records it. */
export interface SealedResult {
  sha256: string;
  size: number;
  name: string;
  sealedBy: string;
}

/**
 * Seal the result PDF with the receiving agency's seal (PAdES B-T, Decree 30 visible block), or
 * with the nearest agency above it that has one: the applicant gets a document every PAdES
 * validator accepts. Runs before the action's transaction (signing reads the PKI).
 */
export async function sealResult(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  d: DossierRow,
  fileId: string | undefined,
): Promise<SealedResult> {
  const f = fileId ? await fileRepository.byId(ctx.db, fileId) : null;
  if (!f || f.ownerId !== p.userId)
    throw ValidationError.field(
      'resultFileId',
      fileId ? 'FILE_NOT_FOUND' : 'REQUIRED',
      'Upload the result file first.',
    );
  if (f.mediaType !== 'application/pdf')
    throw ValidationError.field(
      'resultFileId',
      'RESULT_NOT_PDF',
      'The result must be a PDF, so that it can carry the agency seal.',
    );
  const pdf = await ctx.files.read(f.sha256);
  for (const agency of await ctx.directory.lineage(d.agencyCode)) {
    try {
      const sealed = await ctx.signing.sealPdf(agency.code, pdf, {
        actor,
        visible: true,
        reason: `Kết quả giải quyết hồ sơ ${d.code}`,
        location: agency.name,
      });
      const stored = await ctx.files.putBuffer(Buffer.from(sealed));
      return { ...stored, name: f.name.replace(/(\.pdf)?$/i, '-da-ky-so.pdf'), sealedBy: agency.code };
    } catch (e) {
      if ((e as AppError).code !== 'SEAL_CERTIFICATE_MISSING') throw e;
    }
  }
  throw new ConflictError(
    'SEAL_CERTIFICATE_MISSING',
    `Neither ${d.agencyCode} nor an agency above it has an active seal certificate: ask the administrator to issue one.`,
    { agencyCode: d.agencyCode },
  );
}

/** Record the sealed result as a file of the officer's, inside the action's transaction. */
export async function recordSealedResult(tx: Tx, p: Principal, r: SealedResult) {
  return fileRepository.insert(tx, {
    sha256: r.sha256,
    size: r.size,
    name: r.name,
    mediaType: 'application/pdf',
    ownerId: p.userId,
  });
}

/**
 * A file of a dossier (an attachment or the result) for whoever may read the dossier: its
 * applicant, the staff of its agency, its assignee. An official's download of the applicant's
 * files is recorded, as every read of another person's data is.
 */
export async function dossierFile(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  fileId: string,
) {
  const d = await repo.byCode(ctx.db, code);
  if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const who = await ctx.actorFor(p, d);
  if (!maySee(who)) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const attached = (await repo.attachments(ctx.db, d.id)).some((a) => a.fileId === fileId);
  const isResult = d.resultFileId === fileId;
  const isDraft =
    !attached &&
    !isResult &&
    mayReadDrafts(who) &&
    (await repo.history(ctx.db, d.id)).some((h) => h.draftFileId === fileId);
  const f = attached || isResult || isDraft ? await fileRepository.byId(ctx.db, fileId) : null;
  if (!f) throw new NotFoundError('FILE_NOT_FOUND', 'No such file in this dossier.');
  if (!who.isApplicant) {
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        actor,
        {
          action: 'dossier.file_viewed',
          subjectType: 'dossier',
          subjectId: d.code,
          after: { fileId: f.id, sha256: f.sha256, result: isResult, ...(isDraft ? { draft: true } : {}) },
        },
        ctx.clock.now(),
      ),
    );
  }
  return { info: toFileInfo(f), stream: ctx.files.open(f.sha256) };
}
