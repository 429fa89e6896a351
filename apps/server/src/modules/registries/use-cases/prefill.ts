import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { parseSource, REGISTRIES } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import { registriesRepository as repo } from '../registries.repository.js';
import { serve } from './serve.js';
import { ownIdNumber } from './tracker.js';

/** The portal's own client subsystem for once-only prefill. */
export const PORTAL_CLIENT = 'VN:GOV:G22:dvc-portal';

/**
 * Once-only prefill: the citizen consents to reading the registry fields a procedure's form names
 * (`x-registry`), the consent is recorded, then the read goes through `serve` (purpose `prefill`,
 * logged with the consent) in the same transaction. Answers each value with its source.
 */
export async function prefill(
  ctx: RegistriesContext,
  p: Principal,
  actor: ActorContext,
  input: { procedureCode: string; sources: string[] },
) {
  const idNumber = await ownIdNumber(ctx, p);
  const formSources = await ctx.ports.formSources(input.procedureCode);
  if (!formSources) throw new NotFoundError('PROCEDURE_NOT_FOUND', 'No such published procedure.');
  const sources = [...new Set(input.sources)].sort();
  const bad = sources.filter((s) => !parseSource(s) || !formSources.includes(s));
  if (bad.length || !sources.length)
    throw ValidationError.field('sources', 'SOURCE_NOT_IN_FORM', `Not asked by this form: ${bad.join(', ')}`);
  // Once-only covers the person's own population record; other registries are read by officials.
  const fields = sources.map((s) => parseSource(s)!).filter((s) => s.registry === 'population');
  if (fields.length !== sources.length)
    throw ValidationError.field('sources', 'SOURCE_NOT_PREFILLABLE', 'Only population fields prefill a form.');
  const now = ctx.clock.now();
  // The consent is on record before the read happens; the read then checks it like any other call.
  const consentId = newId('rcs');
  await ctx.db.transaction(async (tx) => {
    await repo.insertConsent(tx, {
      id: consentId,
      accountId: p.userId,
      subjectId: idNumber,
      procedureCode: input.procedureCode,
      sources,
      grantedAt: now,
      ip: actor.ip,
    });
  });
  const r = (await serve(ctx, {
    service: 'population.person.v1',
    params: { idNumber, fields: fields.map((f) => f.field).join(',') },
    client: PORTAL_CLIENT,
    actor: { kind: 'citizen', accountId: p.userId, name: p.fullName },
    purpose: 'prefill',
    consentId,
  })) as { data: Record<string, unknown>; validFrom: string; recordedAt: string };
  const registry = REGISTRIES.population;
  return {
    consentId,
    consentedAt: now.toISOString(),
    values: sources.map((s) => ({
      source: s,
      value: r.data[parseSource(s)!.field] ?? null,
      registry: registry.code,
      registryName: registry.name,
      ownerAgencyCode: registry.ownerAgencyCode,
      validFrom: r.validFrom,
      recordedAt: r.recordedAt,
    })),
  };
}
