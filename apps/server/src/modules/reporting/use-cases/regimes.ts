import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, covers, ROLES } from '../reporting.policy.js';
import { reportingRepository as repo, type RegimeRow } from '../reporting.repository.js';
import { checkTemplate, type Periodicity, type RegimeTemplate } from '../template.js';

export interface RegimeInput {
  code: string;
  name: string;
  legalBasis: string;
  periodicity: Periodicity;
  deadlineDays: number;
  reportingRoot: string;
  reportingLevels: string[];
  receivingAgency: string;
  template: RegimeTemplate;
  /** Default on: a new regime asks for the leader's signature. */
  signatureRequired?: boolean;
}

export function regimeDto(r: RegimeRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    legalBasis: r.legalBasis,
    periodicity: r.periodicity,
    deadlineDays: r.deadlineDays,
    reportingRoot: r.reportingRoot,
    reportingLevels: r.reportingLevels,
    receivingAgency: r.receivingAgency,
    template: r.template,
    signatureRequired: r.signatureRequired,
    active: r.active,
    createdAt: r.createdAt,
  };
}

/** Define a regime: by an administrator of the receiving agency (or above), for a subtree it covers. */
export async function createRegime(ctx: ReportingContext, p: Principal, actor: ActorContext, input: RegimeInput) {
  assertRole(p, ROLES.define, 'define');
  const errors = checkTemplate(input.template);
  const nfc = (s: string) => s.normalize('NFC').trim();
  for (const [field, code] of [
    ['reportingRoot', input.reportingRoot],
    ['receivingAgency', input.receivingAgency],
  ] as const)
    if (!(await ctx.ports.directory.find(code)))
      errors.push({ path: field, code: 'AGENCY_NOT_FOUND', message: `No agency ${code}.` });
  if (errors.length) throw new ValidationError(errors);
  if (!(await covers(ctx, p, input.receivingAgency)))
    throw new ValidationError([
      { path: 'receivingAgency', code: 'NOT_YOUR_AGENCY', message: 'Only the receiving agency defines its regimes.' },
    ]);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertRegime(tx, {
      id: newId('rgm'),
      code: input.code,
      name: nfc(input.name),
      legalBasis: nfc(input.legalBasis),
      periodicity: input.periodicity,
      deadlineDays: input.deadlineDays,
      reportingRoot: input.reportingRoot,
      reportingLevels: input.reportingLevels,
      receivingAgency: input.receivingAgency,
      template: {
        indicators: input.template.indicators.map((i) => ({ ...i, name: nfc(i.name) })),
        sections: input.template.sections.map((s) => ({ ...s, title: nfc(s.title) })),
        rules: input.template.rules,
      },
      signatureRequired: input.signatureRequired ?? true,
      createdBy: p.userId,
      createdAt: now,
    });
    if (!row)
      throw new ConflictError('REGIME_EXISTS', `A regime with code ${input.code} exists.`, { code: input.code });
    await recordAudit(
      tx,
      actor,
      { action: 'report-regime.created', subjectType: 'report-regime', subjectId: row.code, after: { name: row.name } },
      now,
    );
    return regimeDto(row);
  });
}

export async function listRegimes(ctx: ReportingContext, p: Principal) {
  assertRole(p, ROLES.read, 'read');
  return (await repo.regimes(ctx.db)).map(regimeDto);
}

export async function getRegime(ctx: ReportingContext, code: string) {
  const r = await repo.regimeByCode(ctx.db, code);
  if (!r) throw new NotFoundError('REGIME_NOT_FOUND', `No report regime ${code}.`, { code });
  return r;
}
