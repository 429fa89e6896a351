import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { ReportingContext } from '../reporting.context.js';
import { reportingRepository as repo } from '../reporting.repository.js';

/**
 * A citizen rates a finished dossier of theirs, 1–5 with a reason (Decision 766, satisfaction).
 * One rating per dossier: rating again changes it (a PUT), never adds a second.
 */
export async function rateDossier(
  ctx: ReportingContext,
  p: Principal,
  actor: ActorContext,
  code: string,
  body: { score: number; reason?: string | null },
) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only the applicant rates a dossier.');
  const d = await ctx.ports.findDossier(code, p);
  if (!d || !d.isApplicant) throw new NotFoundError('DOSSIER_NOT_FOUND', `No dossier ${code}.`, { code });
  if (!d.finished) throw new ConflictError('DOSSIER_NOT_FINISHED', 'A dossier is rated once it is finished.', { code });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.rating(tx, d.code);
    const r = await repo.upsertRating(tx, {
      dossierCode: d.code,
      agencyCode: d.agencyCode,
      raterId: p.userId,
      score: body.score,
      reason: body.reason?.normalize('NFC').trim() || null,
      ratedAt: before?.ratedAt ?? now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'dossier.rated',
        subjectType: 'dossier',
        subjectId: d.code,
        before: before ? { score: before.score } : null,
        after: { score: r.score },
      },
      now,
    );
    return { dossierCode: r.dossierCode, score: r.score, reason: r.reason, ratedAt: r.ratedAt };
  });
}

export async function myRating(ctx: ReportingContext, p: Principal, code: string) {
  const d = await ctx.ports.findDossier(code, p);
  if (!d || !d.isApplicant) throw new NotFoundError('DOSSIER_NOT_FOUND', `No dossier ${code}.`, { code });
  const r = await repo.rating(ctx.db, d.code);
  return {
    dossierCode: d.code,
    finished: d.finished,
    rating: r ? { score: r.score, reason: r.reason, ratedAt: r.ratedAt } : null,
  };
}
