import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { type FactKey, type IndicatorDef, R17_INDICATORS, SCORING_766 } from '../indicators-table.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, isAdmin, ROLES } from '../reporting.policy.js';
import { reportingRepository as repo } from '../reporting.repository.js';

type Facts = Record<FactKey, number>;
const ZERO = (): Facts =>
  Object.fromEntries(
    [
      'received',
      'receivedOnline',
      'resolved',
      'resolvedOnTime',
      'resolvedDigitalResult',
      'withFees',
      'paidOnline',
      'docsIn',
      'docsInElectronic',
      'docsOut',
      'docsOutElectronic',
      'docsOutSigned',
      'accounts',
      'accountsVerified',
      'ratings',
      'ratingSum',
      'ratingsPositive',
      'procedures',
      'proceduresFullOnline',
    ].map((k) => [k, 0]),
  ) as Facts;

const add = (a: Facts, b: Partial<Record<string, number>>) => {
  for (const k of Object.keys(a) as FactKey[]) a[k] += b[k] ?? 0;
  return a;
};
const sum = (f: Facts, keys: FactKey[]) => keys.reduce((s, k) => s + f[k], 0);
const round = (x: number) => Math.round(x * 100) / 100;

export function indicatorValue(def: IndicatorDef, f: Facts) {
  const numerator = sum(f, def.numerator);
  const denominator = sum(f, def.denominator);
  return {
    code: def.code,
    name: def.name,
    numerator,
    denominator,
    value: denominator ? round((numerator / denominator) * 100) : null,
    target: def.target,
    targetSource: def.targetSource,
  };
}

/** Decision 766 group points and the total (rescaled over the applicable groups). */
export function score766(f: Facts) {
  const groups = SCORING_766.map((g) => {
    let applicable = false;
    let share = 0;
    for (const c of g.components) {
      const d = sum(f, c.denominator);
      if (!d) continue;
      applicable = true;
      share += c.weight * (sum(f, c.numerator) / d / (c.scale ?? 1));
    }
    // Weights of components with nothing to divide are left out, not counted as zero.
    const w = g.components.filter((c) => sum(f, c.denominator)).reduce((s, c) => s + c.weight, 0);
    return {
      code: g.code,
      name: g.name,
      max: g.max,
      score: applicable ? round((g.max * share) / w) : null,
    };
  });
  const applicable = groups.filter((g) => g.score !== null);
  const maxApplicable = applicable.reduce((s, g) => s + g.max, 0);
  const total = maxApplicable ? round((applicable.reduce((s, g) => s + g.score!, 0) / maxApplicable) * 100) : null;
  return { groups, total };
}

/** Calendar window of a 766 period: `2026`, `2026-Q4`, `2026-M11` → local dates [from, to]. */
export function scorePeriod(period: string): { from: string; to: string } {
  const m = /^(\d{4})(?:-(Q[1-4]|M(0[1-9]|1[0-2])))?$/.exec(period);
  if (!m)
    throw ValidationError.field(
      'period',
      'INVALID_PERIOD',
      'A year (2026), a quarter (2026-Q4) or a month (2026-M11).',
    );
  const y = Number(m[1]);
  const last = (mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!m[2]) return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (m[2].startsWith('Q')) {
    const q = Number(m[2].slice(1));
    return { from: `${y}-${pad(3 * q - 2)}-01`, to: `${y}-${pad(3 * q)}-${last(3 * q)}` };
  }
  const mo = Number(m[2].slice(1));
  return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${last(mo)}` };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The codes facts may be keyed by in an agency's subtree: each unit's code and its legacy form
 * (`000.00.00.H26`, as edXML arrivals carry), so that facts under either count for the unit.
 */
async function rawCodes(ctx: ReportingContext, code: string) {
  const out: string[] = [];
  for (const c of await ctx.ports.directory.subtreeCodes(code)) {
    out.push(c);
    const legacy = (await ctx.ports.directory.find(c))?.legacyCode;
    if (legacy && legacy !== c) out.push(legacy);
  }
  return out;
}

/**
 * Facts of each listed unit over its subtree, of the scope (the country when null) and its monthly
 * series, from one grouped read of the month facts (the day facts at ragged ends) folded onto the
 * units in the database: rows = units + months, whatever the number of agencies, days or dossiers.
 */
async function factsPerUnit(
  ctx: ReportingContext,
  units: string[],
  from: string,
  to: string,
  scope: string | undefined,
) {
  const unitOf = new Map<string, string>();
  for (const u of units) for (const raw of await rawCodes(ctx, u)) unitOf.set(raw, u);
  const r = await repo.unitFacts(ctx.db, {
    from,
    to,
    unitOf,
    scope: scope ? await rawCodes(ctx, scope) : null,
  });
  const out = new Map<string, Facts>();
  for (const u of units) out.set(u, add(ZERO(), r.units.get(u) ?? {}));
  // Procedures are a state, not a flow: every month of the series sees the current catalogue.
  const series = [...r.months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, f]) => ({ month, facts: add(add(ZERO(), f), r.snapshot) }));
  return { total: add(ZERO(), r.total), units: out, series };
}

/** The units one level down (provinces for the country), kept as long as the directory's own cache. */
async function childrenOf(ctx: ReportingContext, scope: string | undefined) {
  return ctx.answers.get(`units|${scope ?? 'VN'}`, '', async () =>
    scope
      ? (await ctx.ports.directory.search({ parentCode: scope, page: 1, pageSize: 200 })).items
      : await provinces(ctx),
  );
}

async function provinces(ctx: ReportingContext) {
  return (await ctx.ports.directory.search({ level: 'province', page: 1, pageSize: 100 })).items;
}

/** May the caller see this scope (undefined = the country)? Leaders and administrators of it or above. */
async function assertScope(ctx: ReportingContext, p: Principal, scope: string | undefined) {
  assertRole(p, ['leader', 'agency_admin', 'admin'], 'dashboard');
  if (isAdmin(p)) return;
  const mine = p.agencyCode ? await ctx.ports.directory.find(p.agencyCode) : null;
  if (mine?.level === 'central') return; // the Government Office's command centre sees the country
  if (!scope || !p.agencyCode || !(await ctx.ports.directory.isWithin(p.agencyCode, scope)))
    throw new ForbiddenError('SCOPE_NOT_YOURS', 'You may see your own agency and the units below it.', {
      scope: scope ?? 'VN',
    });
}

/**
 * Resolution 17 indicators over a scope and a range of local dates: the values, a monthly series
 * and the next level down (provinces for the country; the units below an agency), with the time of
 * the last refresh of the facts.
 */
export async function indicators(ctx: ReportingContext, p: Principal, q: { scope?: string; from: string; to: string }) {
  const scope = q.scope && q.scope !== 'VN' ? q.scope : undefined;
  if (!DATE.test(q.from) || !DATE.test(q.to) || q.from > q.to)
    throw ValidationError.field('from', 'INVALID_RANGE', 'from and to are dates (YYYY-MM-DD), from ≤ to.');
  await assertScope(ctx, p, scope);
  const { stamp, refreshedAt } = await repo.refreshStampAndTime(ctx.db);
  return ctx.answers.get(`indicators|${scope ?? 'VN'}|${q.from}|${q.to}`, stamp, () =>
    computeIndicators(ctx, { scope, from: q.from, to: q.to }, refreshedAt),
  );
}

async function computeIndicators(
  ctx: ReportingContext,
  q: { scope: string | undefined; from: string; to: string },
  refreshedAt: Date | null,
) {
  const scope = q.scope;
  const agency = scope ? await ctx.ports.directory.find(scope) : null;
  if (scope && !agency) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency ${scope}.`, { code: scope });
  const children = await childrenOf(ctx, agency?.code);
  const { total, units, series } = await factsPerUnit(
    ctx,
    children.map((c) => c.code),
    q.from,
    q.to,
    agency?.code,
  );
  const defs = R17_INDICATORS;
  return {
    scope: scope ?? 'VN',
    scopeName: agency?.name ?? 'Toàn quốc',
    from: q.from,
    to: q.to,
    refreshedAt,
    indicators: defs.map((d) => indicatorValue(d, total)),
    score766: score766(total),
    series: series.map((m) => ({
      month: m.month,
      values: Object.fromEntries(defs.map((d) => [d.code, indicatorValue(d, m.facts).value])),
    })),
    children: children.map((c) => {
      const f = units.get(c.code)!;
      return {
        agencyCode: c.code,
        name: c.name,
        level: c.level,
        values: Object.fromEntries(defs.map((d) => [d.code, indicatorValue(d, f).value])),
        score766: score766(f).total,
      };
    }),
  };
}

/** Decision 766 scores of the units at one level (provinces, or the units below `agency`), ranked. */
export async function ranking(ctx: ReportingContext, q: { agency?: string; period: string }) {
  const { from, to } = scorePeriod(q.period);
  const { stamp, refreshedAt } = await repo.refreshStampAndTime(ctx.db);
  return ctx.answers.get(`766|${q.agency ?? ''}|${q.period}`, stamp, () =>
    computeRanking(ctx, q, from, to, refreshedAt),
  );
}

async function computeRanking(
  ctx: ReportingContext,
  q: { agency?: string; period: string },
  from: string,
  to: string,
  refreshedAt: Date | null,
) {
  const parent = q.agency ? await ctx.ports.directory.find(q.agency) : null;
  if (q.agency && !parent) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency ${q.agency}.`, { code: q.agency });
  const children = await childrenOf(ctx, parent?.code);
  const { total, units } = await factsPerUnit(
    ctx,
    children.map((a) => a.code),
    from,
    to,
    parent?.code,
  );
  // With an agency, the agency itself (its whole subtree: the scope's total) is ranked with its units.
  const list = parent ? [parent, ...children] : children;
  const factsOf = (code: string) => (parent && code === parent.code ? total : units.get(code)!);
  const rows = list.map((a) => ({ agencyCode: a.code, name: a.name, level: a.level, ...score766(factsOf(a.code)) }));
  const ranked = rows
    .filter((r) => r.total !== null)
    .sort((a, b) => b.total! - a.total! || a.agencyCode.localeCompare(b.agencyCode));
  const rank = new Map(ranked.map((r, i) => [r.agencyCode, i + 1]));
  return {
    period: q.period,
    from,
    to,
    refreshedAt,
    groups: SCORING_766.map((g) => ({ code: g.code, name: g.name, max: g.max, note: g.note })),
    items: rows
      .map((r) => ({ ...r, rank: rank.get(r.agencyCode) ?? null }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.agencyCode.localeCompare(b.agencyCode)),
  };
}

export async function ranking766(ctx: ReportingContext, p: Principal, q: { agency?: string; period: string }) {
  assertRole(p, ROLES.read, 'read');
  return ranking(ctx, q);
}

/** CSV of a ranking (open data): one line per unit, one column per group. */
export function rankingCsv(r: Awaited<ReturnType<typeof ranking>>) {
  const esc = (s: unknown) => {
    const t = s === null || s === undefined ? '' : String(s);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const head = ['rank', 'agency_code', 'agency_name', ...r.groups.map((g) => g.code), 'total'];
  const lines = r.items.map((i) =>
    [i.rank, i.agencyCode, i.name, ...i.groups.map((g) => g.score), i.total].map(esc).join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
