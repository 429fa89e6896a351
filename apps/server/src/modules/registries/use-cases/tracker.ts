import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { DELAY_ROLES, PURPOSES, REGISTRIES } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import { type DelayRow, registriesRepository as repo } from '../registries.repository.js';

/** The verified personal ID number of the caller, or 403 (the tracker and prefill are for proven identities). */
export async function ownIdNumber(ctx: RegistriesContext, p: Principal): Promise<string> {
  if (p.kind !== 'citizen')
    throw new ForbiddenError('CITIZENS_ONLY', 'This is for citizens with a personal ID number.');
  const id = await ctx.ports.verifiedIdNumber(p.userId, p);
  if (!id)
    throw new ForbiddenError('IDENTITY_NOT_VERIFIED', 'Prove your identity (VNeID, desk) to see your registry data.');
  return id;
}

/**
 * "Ai đã xem dữ liệu của tôi": every read of the caller's registry data he may see now (reads
 * under a legal delay appear once it ends), and the delays that are over.
 */
export async function myDataAccess(ctx: RegistriesContext, p: Principal, q: { page: number; pageSize: number }) {
  const subjectId = await ownIdNumber(ctx, p);
  const now = ctx.clock.now();
  const [{ items, total }, ended] = await Promise.all([
    repo.accessOf(ctx.db, subjectId, now, q.page, q.pageSize),
    repo.endedDelaysOf(ctx.db, subjectId, now),
  ]);
  return {
    idNumber: subjectId,
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      registry: r.registry,
      registryName: REGISTRIES[r.registry].name,
      service: r.service,
      fields: r.fields,
      purpose: r.purpose,
      purposeLabel: PURPOSES[r.purpose]?.label ?? r.purpose,
      dossierCode: r.dossierCode,
      client: r.client,
      agencyCode: r.agencyCode,
      actorKind: r.actorKind,
      /** The official's name; "you" for the person's own reads. */
      actorName: r.actorKind === 'citizen' && r.actorId === p.userId ? null : r.actorName,
      self: r.actorKind === 'citizen' && r.actorId === p.userId,
      delayedUntil: r.hiddenUntil?.toISOString() ?? null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    endedDelays: ended.map((d) => ({
      agencyCode: d.agencyCode,
      legalBasis: d.legalBasis,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
    })),
  };
}

const MAX_DELAY_DAYS = 730;

const delayView = (d: DelayRow) => ({
  id: d.id,
  subjectId: d.subjectId,
  agencyCode: d.agencyCode,
  legalBasis: d.legalBasis,
  caseReference: d.caseReference,
  startsAt: d.startsAt.toISOString(),
  endsAt: d.endsAt.toISOString(),
  createdBy: d.createdByName,
  createdAt: d.createdAt.toISOString(),
});

/**
 * A leader flags a legal delay: his agency's reads of one person's data stay hidden from that
 * person until `endsAt` (at most two years), with an audit event. The same case twice is one delay.
 */
export async function createDelay(
  ctx: RegistriesContext,
  p: Principal,
  actor: ActorContext,
  input: { subjectId: string; endsAt: string; legalBasis: string; caseReference: string },
) {
  if (p.kind !== 'staff' || !DELAY_ROLES.some((r) => p.roles.includes(r)) || !p.agencyCode)
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: DELAY_ROLES });
  const now = ctx.clock.now();
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > now)) throw ValidationError.field('endsAt', 'DELAY_END_IN_PAST', 'The delay must end in the future.');
  if (endsAt.getTime() - now.getTime() > MAX_DELAY_DAYS * 86_400_000)
    throw ValidationError.field('endsAt', 'DELAY_TOO_LONG', `A delay lasts at most ${MAX_DELAY_DAYS} days.`);
  const agencyCode = p.agencyCode;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertDelay(tx, {
      id: newId('rdl'),
      subjectId: input.subjectId,
      agencyCode,
      legalBasis: input.legalBasis.trim(),
      caseReference: input.caseReference.trim(),
      startsAt: now,
      endsAt,
      createdBy: p.userId,
      createdByName: p.fullName,
      createdAt: now,
    });
    if (!row) {
      const existing = await repo.delayByCase(tx, agencyCode, input.subjectId, input.caseReference.trim());
      return { created: false, delay: delayView(existing!) };
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'registries.access-delay.created',
        subjectType: 'access_delay',
        subjectId: row.id,
        after: {
          subjectId: row.subjectId,
          endsAt: row.endsAt.toISOString(),
          legalBasis: row.legalBasis,
          caseReference: row.caseReference,
        },
      },
      now,
    );
    return { created: true, delay: delayView(row) };
  });
}

/** The delays the caller's agency flagged. */
export async function listDelays(ctx: RegistriesContext, p: Principal) {
  if (p.kind !== 'staff' || !DELAY_ROLES.some((r) => p.roles.includes(r)) || !p.agencyCode)
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: DELAY_ROLES });
  return { items: (await repo.delaysOfAgency(ctx.db, p.agencyCode)).map(delayView) };
}
