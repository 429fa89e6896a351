import { sql } from 'drizzle-orm';
import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { DossiersContext } from '../dossiers.context.js';

/**
 * Resolved (đã giải quyết) as the Decision 766 statistics count it (vn-standards §4.4): withdrawn (7), result
 * ready (9) or returned (10). A dossier refused at intake (3) or stopped (8, Decree 118/2025) also ends, with
 * a finishing date, but without a result: it is neither resolved nor early, on time or late.
 */
const RESOLVED = sql.raw('status_code in (7, 9, 10)');

export interface StatsQuery {
  from: Date;
  to: Date;
  agency?: string;
  procedure?: string;
}

interface Row {
  agency_code: string;
  procedure_code: string;
  procedure_name: string;
  received: number;
  online: number;
  resolved: number;
  early: number;
  on_time: number;
  overdue: number;
  in_progress_overdue: number;
  with_fees: number;
  paid_online: number;
}

const vnDate = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '7 hours')::date`);

/**
 * Decision 766 raw material: dossiers received in [from, to), resolved (result, refusal or
 * withdrawal) in the period, early / on time / overdue by local date against the promised date,
 * the online share, and the share of dossiers with fees that were paid online — per agency and
 * procedure, plus totals.
 */
export async function dossierStats(ctx: DossiersContext, p: Principal, q: StatsQuery) {
  let scope: string[] | null = null;
  if (!p.roles.includes('admin')) {
    if (p.kind !== 'staff' || !p.agencyCode || !p.roles.some((r) => r === 'leader' || r === 'agency_admin')) {
      throw new ForbiddenError('FORBIDDEN_ROLE', 'Statistics are for leaders and administrators.');
    }
    scope = await ctx.directory.subtreeCodes(p.agencyCode);
  }
  if (q.agency) {
    const sub = await ctx.directory.subtreeCodes(q.agency);
    scope = scope ? scope.filter((c) => sub.includes(c)) : sub;
  }
  const due = 'coalesce(extended_due_at, due_at)';
  const r = (await ctx.db.execute(sql`
    select agency_code, procedure_code, min(procedure_name) as procedure_name,
      count(*) filter (where submitted_at >= ${q.from.toISOString()} and submitted_at < ${q.to.toISOString()})::int as received,
      count(*) filter (where online and submitted_at >= ${q.from.toISOString()} and submitted_at < ${q.to.toISOString()})::int as online,
      count(*) filter (where ${RESOLVED} and finished_at >= ${q.from.toISOString()} and finished_at < ${q.to.toISOString()})::int as resolved,
      count(*) filter (where ${RESOLVED} and finished_at >= ${q.from.toISOString()} and finished_at < ${q.to.toISOString()} and due_at is not null and ${vnDate('finished_at')} < ${vnDate(due)})::int as early,
      count(*) filter (where ${RESOLVED} and finished_at >= ${q.from.toISOString()} and finished_at < ${q.to.toISOString()} and due_at is not null and ${vnDate('finished_at')} = ${vnDate(due)})::int as on_time,
      count(*) filter (where ${RESOLVED} and finished_at >= ${q.from.toISOString()} and finished_at < ${q.to.toISOString()} and due_at is not null and ${vnDate('finished_at')} > ${vnDate(due)})::int as overdue,
      count(*) filter (where finished_at is null and due_at is not null and ${sql.raw(due)} < ${q.to.toISOString()})::int as in_progress_overdue,
      count(*) filter (where fee_collection <> 'free' and fee_amount > 0 and submitted_at >= ${q.from.toISOString()} and submitted_at < ${q.to.toISOString()})::int as with_fees,
      count(*) filter (where fee_paid_online and fee_paid_at is not null and submitted_at >= ${q.from.toISOString()} and submitted_at < ${q.to.toISOString()})::int as paid_online
    from dossiers.dossiers
    where (submitted_at < ${q.to.toISOString()})
      ${
        scope
          ? scope.length
            ? sql`and agency_code in (${sql.join(
                scope.map((c) => sql`${c}`),
                sql`, `,
              )})`
            : sql`and false`
          : sql``
      }
      ${q.procedure ? sql`and procedure_code = ${q.procedure}` : sql``}
    group by agency_code, procedure_code
    order by agency_code, procedure_code`)) as unknown as { rows: Row[] };
  const rows = r.rows.map((x) => ({
    agencyCode: x.agency_code,
    procedureCode: x.procedure_code,
    procedureName: x.procedure_name,
    received: x.received,
    online: x.online,
    resolved: x.resolved,
    early: x.early,
    onTime: x.on_time,
    overdue: x.overdue,
    inProgressOverdue: x.in_progress_overdue,
    withFees: x.with_fees,
    paidOnline: x.paid_online,
  }));
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, x) => s + (x[k] as number), 0);
  const totals = {
    received: sum('received'),
    online: sum('online'),
    resolved: sum('resolved'),
    early: sum('early'),
    onTime: sum('onTime'),
    overdue: sum('overdue'),
    inProgressOverdue: sum('inProgressOverdue'),
    withFees: sum('withFees'),
    paidOnline: sum('paidOnline'),
  };
  return {
    from: q.from,
    to: q.to,
    totals: {
      ...totals,
      onlineShare: totals.received ? totals.online / totals.received : 0,
      onTimeShare: totals.resolved ? (totals.early + totals.onTime) / totals.resolved : 0,
      // Decision 766, online payment: dossiers paid online / dossiers with a financial obligation.
      paidOnlineShare: totals.withFees ? totals.paidOnline / totals.withFees : 0,
    },
    rows: rows.filter((x) => x.received || x.resolved || x.inProgressOverdue),
  };
}

const dayStart = (d: string) => sql.raw(`((${d})::timestamp - interval '7 hours') at time zone 'UTC'`);

/**
 * Facts per agency and local day for the reporting module's rollups: the (agency, day) keys that
 * dossiers changed since `since` touched (their submission day and their finishing day), each
 * recomputed whole — received, online, resolved, on time, results issued electronically, with
 * fees, paid online.
 */
export async function dossierDayFacts(ctx: DossiersContext, since: Date) {
  const s = since.toISOString();
  const due = 'coalesce(extended_due_at, due_at)';
  const touched = sql`
    touched as (
      select agency_code, ${vnDate('submitted_at')} as d from dossiers.dossiers where updated_at >= ${s}
      union
      select agency_code, ${vnDate('finished_at')} from dossiers.dossiers where updated_at >= ${s} and finished_at is not null)`;
  const columns = sql`t.agency_code, t.d::text as day,
      coalesce(sub.received, 0) as received, coalesce(sub.received_online, 0) as received_online,
      coalesce(fin.resolved, 0) as resolved, coalesce(fin.resolved_on_time, 0) as resolved_on_time,
      coalesce(fin.resolved_digital_result, 0) as resolved_digital_result,
      coalesce(sub.with_fees, 0) as with_fees, coalesce(sub.paid_online, 0) as paid_online`;
  const subCounts = sql`count(*)::int as received,
        count(*) filter (where online)::int as received_online,
        count(*) filter (where fee_collection <> 'free' and fee_amount > 0)::int as with_fees,
        count(*) filter (where fee_paid_online and fee_paid_at is not null)::int as paid_online`;
  const finCounts = sql`count(*)::int as resolved,
        count(*) filter (where due_at is not null and ${vnDate('finished_at')} <= ${vnDate(due)})::int as resolved_on_time,
        count(*) filter (where result_file_id is not null)::int as resolved_digital_result`;
  // The first refresh (every key): one grouped pass per kind of day (submitted, finished), two hash
  // aggregations over the table. Later ones: each touched key counted through the indexes by agency
  // and time (its submissions, its finished dossiers), so a refresh reads the rows of the days it
  // recomputes, not every row since the earliest of them (ADR 0024, addendum "Freshness under load").
  const r = (await ctx.db.execute(
    since.getTime() <= 0
      ? sql`
    with ${touched},
    sub as (select agency_code, ${vnDate('submitted_at')} as d, ${subCounts} from dossiers.dossiers group by 1, 2),
    fin as (select agency_code, ${vnDate('finished_at')} as d, ${finCounts}
      from dossiers.dossiers where finished_at is not null and ${RESOLVED} group by 1, 2)
    select ${columns}
    from touched t
      left join sub on sub.agency_code = t.agency_code and sub.d = t.d
      left join fin on fin.agency_code = t.agency_code and fin.d = t.d`
      : sql`
    with ${touched}
    select ${columns}
    from touched t
      cross join lateral (select ${subCounts} from dossiers.dossiers x where x.agency_code = t.agency_code
        and x.submitted_at >= ${dayStart('t.d')} and x.submitted_at < ${dayStart('t.d + 1')}) sub
      cross join lateral (select ${finCounts} from dossiers.dossiers x where x.agency_code = t.agency_code
        and x.finished_at >= ${dayStart('t.d')} and x.finished_at < ${dayStart('t.d + 1')} and ${RESOLVED}) fin`,
  )) as unknown as {
    rows: Record<string, string | number>[];
  };
  return r.rows.map((x) => ({
    agencyCode: String(x.agency_code),
    day: String(x.day),
    received: Number(x.received),
    receivedOnline: Number(x.received_online),
    resolved: Number(x.resolved),
    resolvedOnTime: Number(x.resolved_on_time),
    resolvedDigitalResult: Number(x.resolved_digital_result),
    withFees: Number(x.with_fees),
    paidOnline: Number(x.paid_online),
  }));
}
