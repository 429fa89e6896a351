import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { recordAudit } from '../../audit/index.js';
import { applyChange } from '../bitemporal.js';
import type { RegistryCode } from '../db/schema.js';
import { OWNER_ROLES, REGISTRIES } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import { registriesRepository as repo } from '../registries.repository.js';
import { subjectsOf } from './serve.js';

export interface VersionChange {
  registry: RegistryCode;
  key: string;
  validFrom: Date;
  validTo: Date | null;
  patch: Record<string, unknown>;
  /** `dossier:<code>`, `correction:<id>`, `owner:<account>`, `generator`, `seed`. */
  source: string;
  recordedBy: string | null;
}

/**
 * Record a change in the registry's belief (inside the caller's transaction): the believed versions
 * it overlaps are superseded and replaced by pieces carrying the patch, per bitemporal.ts.
 */
export async function recordChange(tx: Executor, now: Date, c: VersionChange) {
  const unknown = Object.keys(c.patch).filter((f) => !REGISTRIES[c.registry].fields.includes(f));
  if (unknown.length) throw ValidationError.field('patch', 'UNKNOWN_REGISTRY_FIELD', `Unknown: ${unknown.join(', ')}`);
  const current = await repo.believedForUpdate(tx, c.registry, c.key);
  let plan;
  try {
    plan = applyChange(current, { from: c.validFrom, to: c.validTo, patch: c.patch });
  } catch (e) {
    throw ValidationError.field('validFrom', 'VALID_TIME_OUT_OF_RANGE', (e as Error).message);
  }
  await repo.supersede(tx, plan.supersede, now);
  await repo.insertVersions(
    tx,
    plan.insert.map((v) => ({
      id: newId('rec'),
      registry: c.registry,
      recordKey: c.key,
      data: v.data,
      subjects: subjectsOf(c.registry, v.data),
      validFrom: v.validFrom,
      validTo: v.validTo,
      recordedAt: now,
      supersededAt: null,
      source: c.source,
      recordedBy: c.recordedBy,
    })),
  );
  return { superseded: plan.supersede.length, recorded: plan.insert.length };
}

/** 403 unless the caller is a specialist or leader of the registry's owner agency (or below it). */
export async function assertOwner(ctx: RegistriesContext, p: Principal, registry: RegistryCode) {
  if (p.kind !== 'staff' || !OWNER_ROLES.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: OWNER_ROLES });
  const owner = REGISTRIES[registry].ownerAgencyCode;
  if (!p.agencyCode || !(p.agencyCode === owner || (await ctx.ports.directory.isWithin(owner, p.agencyCode))))
    throw new ForbiddenError('REGISTRY_NOT_OWNER', "Only the registry owner's agency records changes.", {
      ownerAgencyCode: owner,
    });
}

/** The owner agency records a change (valid from a date, possibly back-dated), audited. */
export async function recordOwnerChange(
  ctx: RegistriesContext,
  p: Principal,
  actor: ActorContext,
  registry: RegistryCode,
  key: string,
  input: { validFrom: string; validTo?: string | null; patch: Record<string, unknown>; reason: string },
  idempotencyKey: string | undefined,
) {
  await assertOwner(ctx, p, registry);
  const now = ctx.clock.now();
  const request = { registry, key, ...input };
  return withIdempotency(ctx.db, `registries.version:${p.userId}`, idempotencyKey, request, async (tx) => {
    const exists = await repo.believedForUpdate(tx, registry, key);
    if (!exists.length) throw new NotFoundError('RECORD_NOT_FOUND', 'No such record.', { key });
    const r = await recordChange(tx, now, {
      registry,
      key,
      validFrom: new Date(input.validFrom),
      validTo: input.validTo ? new Date(input.validTo) : null,
      patch: input.patch,
      source: `owner:${p.userId}`,
      recordedBy: p.userId,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'registries.record.changed',
        subjectType: `registry_${registry}`,
        subjectId: key,
        after: {
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
          fields: Object.keys(input.patch),
          reason: input.reason,
        },
      },
      now,
    );
    return { status: 200, body: r };
  });
}
