import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, covers, ROLES } from '../reporting.policy.js';
import { reportingRepository as repo } from '../reporting.repository.js';
import { aggregate } from '../template.js';
import { reportingAgencies } from './obligations.js';
import { signedValues } from './federation.js';
import { getRegime } from './regimes.js';

/**
 * Accepted values of a period combined over a scope (an agency's subtree; the whole regime when
 * omitted), by each indicator's rule, with how many reports are in and how many are late.
 */
export async function aggregateReports(
  ctx: ReportingContext,
  p: Principal,
  q: { regime: string; period: string; scope?: string },
) {
  assertRole(p, ROLES.read, 'read');
  const regime = await getRegime(ctx, q.regime);
  const scope = q.scope ?? regime.reportingRoot;
  const national = p.agencyCode !== null && p.agencyCode === regime.receivingAgency;
  if (!national && !(await covers(ctx, p, scope)))
    throw new ForbiddenError('SCOPE_NOT_YOURS', 'You may see your own agency and the units below it.', { scope });
  const inRegime = new Set(await reportingAgencies(ctx, regime));
  const agencies = (await ctx.ports.directory.subtreeCodes(scope)).filter((c) => inRegime.has(c));
  const accepted = await repo.acceptedIn(ctx.db, regime.id, q.period, agencies);
  // Reports of the same regime code accepted here from agencies another deployment serves (ADR 0024,
  // across deployments) count as theirs, read from the signed JSON; a local acceptance comes first.
  const local = new Set(accepted.map((o) => o.agencyCode));
  const fromPeers = (await repo.acceptedReceived(ctx.db, regime.code, q.period, agencies))
    .filter((r) => !local.has(r.agencyCode))
    .map((r) => ({ agencyCode: r.agencyCode, decidedAt: r.decidedAt!, values: signedValues(r.content) }));
  const peerAgencies = new Set(fromPeers.map((r) => r.agencyCode));
  const counts = await repo.countByStatus(
    ctx.db,
    regime.id,
    q.period,
    agencies.filter((a) => !peerAgencies.has(a)),
  );
  const n = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((s, c) => s + c.n, 0);
  return {
    regime: regime.code,
    period: q.period,
    scope,
    values: aggregate(regime.template, [
      ...accepted.map((o) => ({ agencyCode: o.agencyCode, decidedAt: o.decidedAt!, values: o.values })),
      ...fromPeers,
    ]),
    agencies: [...local, ...peerAgencies].sort(),
    reports: {
      expected: agencies.length,
      accepted: n((c) => c.status === 'accepted') + peerAgencies.size,
      submitted: n((c) => c.status === 'submitted'),
      open: n((c) => c.status === 'open' || c.status === 'returned'),
      late: n((c) => c.late),
    },
    template: regime.template,
  };
}
