import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo } from '../dossiers.repository.js';
import { findByTypedCode } from './read.js';

const invalid = () =>
  ValidationError.field(
    'claimCode',
    'CLAIM_CODE_INVALID',
    'The dossier code and the claim code do not match a dossier filed for you.',
  );

/**
 * Attach a dossier filed at the desk for the caller's ID number (or tax code) to the account, with
 * the claim code printed on its receipt. The account's ID number must be the applicant's: the code
 * proves possession of the receipt, the number that it is this person's. A wrong code, another
 * person's dossier, an online one and an unknown code all get the same answer.
 */
export async function claimDossier(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  claimCode: string,
) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Dossiers are claimed by their applicants.');
  const d = await findByTypedCode(ctx, code);
  if (!d || d.applicantIdNumber !== p.username || !ctx.receiptCodes.checkClaimCode(d.id, claimCode)) throw invalid();
  if (d.applicantId === p.userId) return { code: d.code, claimed: false };
  if (d.applicantId !== `person:${p.username}`) throw invalid();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await repo.claim(tx, d.id, `person:${p.username}`, p.userId, now);
    if (!rows.length) return;
    await recordAudit(
      tx,
      actor,
      { action: 'dossier.claimed', subjectType: 'dossier', subjectId: d.code, after: { applicantId: p.userId } },
      now,
    );
  });
  return { code: d.code, claimed: true };
}
