import type { FileInfo } from '../../../platform/files/index.js';
import { fileRepository, toFileInfo } from '../../../platform/files/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import {
  AppError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import type { DocumentsContext } from '../documents.context.js';
import { DOCUMENT_ROLES } from '../documents.policy.js';
import { type DocumentRow, documentsRepository as repo } from '../documents.repository.js';

/** Staff with a document role and an agency, or 403. */
export function requireDocumentStaff(
  p: Principal,
  roles: readonly string[] = DOCUMENT_ROLES,
): Principal & { agencyCode: string } {
  if (p.kind !== 'staff' || !roles.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: roles });
  if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
  return p as Principal & { agencyCode: string };
}

/** The document if the caller may see it (its agency or above, its drafter, its handler or handling unit); otherwise it does not exist for them. */
export async function visibleDocument(ctx: DocumentsContext, p: Principal, id: string) {
  requireDocumentStaff(p);
  const d = await repo.byId(ctx.db, id);
  if (!d) throw new NotFoundError('DOCUMENT_NOT_FOUND', 'No such document.');
  const who = await ctx.actorFor(p, d);
  if (!who.inAgency && !who.isCreator && !who.isHandler && !who.inHandlingUnit)
    throw new NotFoundError('DOCUMENT_NOT_FOUND', 'No such document.');
  return { d, who };
}

/** Files the caller uploaded, each named by its field path when it is not theirs or does not exist. */
export async function ownFiles(ctx: DocumentsContext, p: Principal, ids: string[], path: string): Promise<FileInfo[]> {
  const errors: FieldError[] = [];
  const out: FileInfo[] = [];
  for (const [i, id] of ids.entries()) {
    const f = await fileRepository.byId(ctx.db, id);
    if (!f || f.ownerId !== p.userId)
      errors.push({ path: `${path}.${i}`, code: 'FILE_NOT_FOUND', message: 'Upload the file first.' });
    else out.push(toFileInfo(f));
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/**
 * The files of a new document as its first versions, in order: the first is `firstKind` (the draft, the
 * scan), the others attachments; made by `p` at `now`.
 */
export async function insertFileVersions(
  tx: Tx,
  documentId: string,
  files: Pick<FileInfo, 'id' | 'name' | 'mediaType' | 'sha256'>[],
  firstKind: 'draft' | 'scan',
  p: Principal,
  now: Date,
) {
  for (const [i, f] of files.entries()) {
    await repo.insertVersion(tx, {
      id: newId('dver'),
      documentId,
      fileId: f.id,
      name: f.name,
      mediaType: f.mediaType,
      sha256: f.sha256,
      kind: i === 0 ? firstKind : 'attachment',
      createdBy: p.userId,
      createdByName: p.fullName,
      createdAt: now,
    });
  }
}

/** The agency's code as edXML carries it: the legacy form when there is one (`000.00.00.H26`). */
export async function organOf(ctx: DocumentsContext, code: string) {
  const a = await ctx.directory.find(code);
  if (!a) return null;
  return {
    agencyCode: a.code,
    organId: a.legacyCode ?? a.code,
    organName: a.name,
    address: a.address,
    email: a.email,
    phone: a.phone,
    website: a.website,
  };
}

export type Organ = NonNullable<Awaited<ReturnType<typeof organOf>>>;

export const isSecret = (d: Pick<DocumentRow, 'secrecy'>) => d.secrecy !== 'none';

/** The exchange outbox, or 503 when this deployment has none wired. */
export function requireExchange(ctx: DocumentsContext) {
  if (!ctx.exchange)
    throw new AppError(503, 'EXCHANGE_NOT_AVAILABLE', 'The document exchange is not configured on this deployment.');
  return ctx.exchange;
}

/** The agency's code and those of its units, in both code forms (packages may use the legacy one). */
export async function scopeCodes(ctx: DocumentsContext, agencyCode: string): Promise<string[]> {
  const codes = await ctx.directory.subtreeCodes(agencyCode);
  const legacy = await Promise.all(codes.map(async (c) => (await ctx.directory.find(c))?.legacyCode));
  return [...codes, ...legacy.filter((c): c is string => !!c)];
}
