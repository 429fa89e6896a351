import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { parseSource, REGISTRIES } from '../registries.catalog.js';
import type { RegistriesContext } from '../registries.context.js';
import { serve } from './serve.js';
import { ownIdNumber } from './tracker.js';

/** The portal's own client subsystem for once-only prefill. */
export const PORTAL_CLIENT = 'VN:GOV:G22:dvc-portal';

/**
 * Once-only prefill: the citizen consents to reading the registry fields a procedure's form names
 * (`x-registry`); the read goes through `serve` (purpose `prefill`, checked against that consent),
 * which records the consent and the read's log rows in one statement: one round trip, one commit.
 * Answers each value with its source.
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
  // The consent goes on record with the read, in the read's own statement: the read's log rows take
  // its id from that insert, so the read is never logged, nor anything committed, without it. `serve`
  // checks it first like a stored consent (its account, its fields, its age).
  const consent = {
    id: newId('rcs'),
    accountId: p.userId,
    subjectId: idNumber,
    procedureCode: input.procedureCode,
    sources,
    grantedAt: now,
    ip: actor.ip ?? null,
  };
  const r = (await serve(
    ctx,
    {
      service: 'population.person.v1',
      params: { idNumber, fields: fields.map((f) => f.field).join(',') },
      client: PORTAL_CLIENT,
      actor: { kind: 'citizen', accountId: p.userId, name: p.fullName },
      purpose: 'prefill',
      consentId: consent.id,
    },
    { ownIdNumber: idNumber, newConsent: consent },
  )) as { data: Record<string, unknown>; validFrom: string; recordedAt: string };
  const consentId = consent.id;
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
