import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { parseSource, REGISTRIES } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import { type CorrectionRow, registriesRepository as repo } from '../registries.repository.js';
import { assertOwner, recordChange } from './versions.js';
import { ownIdNumber } from './tracker.js';

export const correctionView = (c: CorrectionRow) => ({
  id: c.id,
  registry: c.registry,
  registryName: REGISTRIES[c.registry].name,
  recordKey: c.recordKey,
  field: c.field,
  currentValue: c.currentValue,
  proposedValue: c.proposedValue,
  reason: c.reason,
  ownerAgencyCode: c.ownerAgencyCode,
  status: c.status,
  resolutionNote: c.resolutionNote,
  createdAt: c.createdAt.toISOString(),
  resolvedAt: c.resolvedAt?.toISOString() ?? null,
});

/**
 * A citizen flags a value of his own population record as wrong: a correction request to the
 * owner agency. The same field flagged again while open is the same request (double submit).
 */
export async function flagValue(
  ctx: RegistriesContext,
  p: Principal,
  actor: ActorContext,
  input: { source: string; proposedValue?: string | null; reason: string },
) {
  const idNumber = await ownIdNumber(ctx, p);
  const src = parseSource(input.source);
  if (!src || src.registry !== 'population')
    throw ValidationError.field('source', 'UNKNOWN_REGISTRY_FIELD', 'Name a field of your population record.');
  const now = ctx.clock.now();
  // The person's own value, kept with the request for the owner (not a read by anyone else: not logged).
  const current = await repo.recordAt(ctx.db, 'population', idNumber, now, null);
  if (!current) throw new NotFoundError('RECORD_NOT_FOUND', 'Your record is not in the registry.');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertCorrection(tx, {
      id: newId('rcr'),
      registry: 'population',
      recordKey: idNumber,
      field: src.field,
      currentValue: current.data[src.field] == null ? null : String(current.data[src.field]),
      proposedValue: input.proposedValue?.trim() || null,
      reason: input.reason.trim(),
      subjectId: idNumber,
      submittedBy: p.userId,
      ownerAgencyCode: REGISTRIES.population.ownerAgencyCode,
      status: 'open',
      createdAt: now,
    });
    if (!row) {
      const existing = await repo.openCorrection(tx, 'population', idNumber, src.field, p.userId);
      return { created: false, correction: correctionView(existing!) };
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'registries.correction.requested',
        subjectType: 'registry_correction',
        subjectId: row.id,
        after: { registry: row.registry, field: row.field },
      },
      now,
    );
    return { created: true, correction: correctionView(row) };
  });
}

/** The citizen's own correction requests. */
export async function myCorrections(ctx: RegistriesContext, p: Principal) {
  await ownIdNumber(ctx, p);
  return { items: (await repo.correctionsOf(ctx.db, { submittedBy: p.userId })).map(correctionView) };
}

/** The owner agency's correction requests. */
export async function ownerCorrections(ctx: RegistriesContext, p: Principal, status?: string) {
  await assertOwner(ctx, p, 'population');
  return {
    items: (await repo.correctionsOf(ctx.db, { ownerAgencyCode: REGISTRIES.population.ownerAgencyCode, status })).map(
      correctionView,
    ),
  };
}

/** The owner accepts (recording the proposed value from `validFrom`) or rejects a request. */
export async function resolveCorrection(
  ctx: RegistriesContext,
  p: Principal,
  actor: ActorContext,
  id: string,
  input: { decision: 'accept' | 'reject'; note: string; validFrom?: string },
) {
  const c0 = await repo.correctionById(ctx.db, id);
  if (!c0) throw new NotFoundError('CORRECTION_NOT_FOUND', 'No such correction request.');
  await assertOwner(ctx, p, c0.registry);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = (await repo.correctionById(tx, id))!;
    if (c.status !== 'open') throw new ConflictError('CORRECTION_RESOLVED', 'This request is already resolved.');
    if (input.decision === 'accept') {
      if (c.proposedValue === null)
        throw ValidationError.field(
          'decision',
          'NO_PROPOSED_VALUE',
          'Nothing was proposed; record the change directly.',
        );
      await recordChange(tx, now, {
        registry: c.registry,
        key: c.recordKey,
        validFrom: input.validFrom ? new Date(input.validFrom) : now,
        validTo: null,
        patch: { [c.field]: c.proposedValue },
        source: `correction:${c.id}`,
        recordedBy: p.userId,
      });
    }
    await repo.resolveCorrection(tx, id, {
      status: input.decision === 'accept' ? 'accepted' : 'rejected',
      resolvedBy: p.userId,
      resolvedAt: now,
      resolutionNote: input.note.trim(),
    });
    await recordAudit(
      tx,
      actor,
      { action: `registries.correction.${input.decision}ed`, subjectType: 'registry_correction', subjectId: id },
      now,
    );
    return correctionView({
      ...c,
      status: input.decision === 'accept' ? 'accepted' : 'rejected',
      resolvedAt: now,
      resolutionNote: input.note.trim(),
    });
  });
}
