import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { requireDocumentStaff } from './common.js';

/** The abbreviations and place names of the caller's agency and its units. */
export async function listSettings(ctx: DocumentsContext, principal: Principal) {
  const p = principal.roles.includes('admin')
    ? principal
    : requireDocumentStaff(principal, ['clerk', 'leader', 'agency_admin']);
  const all = await repo.allSettings(ctx.db);
  const scope = p.roles.includes('admin') ? null : new Set(await ctx.directory.subtreeCodes(p.agencyCode!));
  return {
    items: all
      .filter((s) => !scope || scope.has(s.agencyCode))
      .map((s) => ({ agencyCode: s.agencyCode, abbreviation: s.abbreviation, place: s.place, updatedAt: s.updatedAt })),
  };
}

/** An agency administrator (for their agency and its units) or the platform admin sets the notation abbreviation. */
export async function putSettings(
  ctx: DocumentsContext,
  actor: ActorContext,
  p: Principal,
  agencyCode: string,
  input: { abbreviation: string; place?: string | null },
) {
  if (!p.roles.includes('admin') && !p.roles.includes('agency_admin'))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators set agency abbreviations.', {
      requiredRoles: ['agency_admin', 'admin'],
    });
  const a = await ctx.directory.find(agencyCode);
  if (!a) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency with code ${agencyCode}.`, { code: agencyCode });
  if (!p.roles.includes('admin') && !(p.agencyCode && (await ctx.directory.isWithin(p.agencyCode, a.code))))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'Only for your agency and its units.');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const before = await repo.settings(tx, a.code);
    const row = await repo.upsertSettings(tx, {
      agencyCode: a.code,
      abbreviation: input.abbreviation.normalize('NFC').trim(),
      place: input.place?.normalize('NFC').trim() || null,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'document_settings.updated',
        subjectType: 'agency',
        subjectId: a.code,
        before: before ? { abbreviation: before.abbreviation, place: before.place } : null,
        after: { abbreviation: row.abbreviation, place: row.place },
      },
      now,
    );
    return { agencyCode: row.agencyCode, abbreviation: row.abbreviation, place: row.place, updatedAt: row.updatedAt };
  });
}
