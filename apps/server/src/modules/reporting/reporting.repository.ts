import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import {
  agencySnapshots,
  dayFacts,
  dossierRatings,
  monthFacts,
  obligationEvents,
  obligations,
  type ObligationStatus,
  receivedReports,
  type ReceivedStatus,
  refreshState,
  regimes,
} from './db/schema.js';

export type RegimeRow = typeof regimes.$inferSelect;
export type ObligationRow = typeof obligations.$inferSelect;
export type EventRow = typeof obligationEvents.$inferSelect;
export type ReceivedRow = typeof receivedReports.$inferSelect;

/** The only file that touches the reporting tables. */
export const reportingRepository = {
  async insertRegime(db: Executor, row: typeof regimes.$inferInsert) {
    const [r] = await db.insert(regimes).values(row).onConflictDoNothing().returning();
    return r ?? null;
  },
  async regimeByCode(db: Executor, code: string) {
    const [r] = await db.select().from(regimes).where(eq(regimes.code, code));
    return r ?? null;
  },
  async regimeById(db: Executor, id: string) {
    const [r] = await db.select().from(regimes).where(eq(regimes.id, id));
    return r ?? null;
  },
  async regimes(db: Executor) {
    return db.select().from(regimes).orderBy(asc(regimes.code));
  },
  async regimesByIds(db: Executor, ids: string[]) {
    return ids.length ? db.select().from(regimes).where(inArray(regimes.id, ids)) : [];
  },
  async insertObligations(db: Executor, rows: (typeof obligations.$inferInsert)[]) {
    if (!rows.length) return [];
    return db.insert(obligations).values(rows).onConflictDoNothing().returning();
  },
  async obligation(db: Executor, id: string) {
    const [r] = await db.select().from(obligations).where(eq(obligations.id, id));
    return r ?? null;
  },
  async lockObligation(db: Executor, id: string) {
    const [r] = await db.select().from(obligations).where(eq(obligations.id, id)).for('update');
    return r ?? null;
  },
  async updateObligation(db: Executor, id: string, patch: Partial<typeof obligations.$inferInsert>) {
    const [r] = await db.update(obligations).set(patch).where(eq(obligations.id, id)).returning();
    return r!;
  },
  async listObligations(
    db: Executor,
    f: {
      visibleTo: string[] | null;
      agency?: string[];
      period?: string;
      status?: ObligationStatus;
      regimeId?: string;
      late?: boolean;
      page: number;
      pageSize: number;
    },
  ) {
    const w: SQL[] = [];
    if (f.visibleTo)
      w.push(
        f.visibleTo.length
          ? sql`(${inArray(obligations.agencyCode, f.visibleTo)} or ${inArray(obligations.receiverCode, f.visibleTo)}
              or ${obligations.regimeId} in (select ${regimes.id} from ${regimes} where ${inArray(regimes.receivingAgency, f.visibleTo)}))`
          : sql`false`,
      );
    if (f.agency) w.push(f.agency.length ? inArray(obligations.agencyCode, f.agency) : sql`false`);
    if (f.period) w.push(eq(obligations.period, f.period));
    if (f.status) w.push(eq(obligations.status, f.status));
    if (f.regimeId) w.push(eq(obligations.regimeId, f.regimeId));
    if (f.late !== undefined) w.push(eq(obligations.late, f.late));
    const where = w.length ? and(...w) : undefined;
    const items = await db
      .select()
      .from(obligations)
      .where(where)
      .orderBy(desc(obligations.period), asc(obligations.agencyCode))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(obligations)
      .where(where)) as [{ n: number }];
    return { items, total: n };
  },
  async acceptedIn(db: Executor, regimeId: string, period: string, agencies: string[]) {
    if (!agencies.length) return [];
    return db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.regimeId, regimeId),
          eq(obligations.period, period),
          eq(obligations.status, 'accepted'),
          inArray(obligations.agencyCode, agencies),
        ),
      );
  },
  async countByStatus(db: Executor, regimeId: string, period: string, agencies: string[]) {
    if (!agencies.length) return [];
    return db
      .select({ status: obligations.status, late: obligations.late, n: sql<number>`count(*)::int` })
      .from(obligations)
      .where(
        and(
          eq(obligations.regimeId, regimeId),
          eq(obligations.period, period),
          inArray(obligations.agencyCode, agencies),
        ),
      )
      .groupBy(obligations.status, obligations.late);
  },
  async addEvent(db: Executor, row: typeof obligationEvents.$inferInsert) {
    await db.insert(obligationEvents).values(row);
  },
  async events(db: Executor, obligationId: string) {
    return db
      .select()
      .from(obligationEvents)
      .where(eq(obligationEvents.obligationId, obligationId))
      .orderBy(asc(obligationEvents.at), asc(obligationEvents.id));
  },

  // ---- reports received from other deployments ----
  /**
   * Store a report that arrived: a redelivery of the same submission changes nothing; the same report
   * sent again after it was returned (a later submission) replaces the returned one. Null when nothing
   * was written.
   */
  async receiveReport(db: Executor, row: typeof receivedReports.$inferInsert) {
    const [r] = await db
      .insert(receivedReports)
      .values(row)
      .onConflictDoUpdate({
        target: [receivedReports.origin, receivedReports.obligationId],
        set: {
          content: row.content,
          signature: row.signature,
          signedByName: row.signedByName,
          signedAt: row.signedAt,
          submittedAt: row.submittedAt,
          late: row.late,
          status: 'submitted',
          decidedAt: null,
          decidedBy: null,
          decidedByName: null,
          returnComment: null,
          updatedAt: row.updatedAt,
        },
        setWhere: sql`${receivedReports.status} = 'returned' and ${receivedReports.submittedAt} < excluded.submitted_at`,
      })
      .returning();
    return r ?? null;
  },
  async receivedReport(db: Executor, id: string) {
    const [r] = await db.select().from(receivedReports).where(eq(receivedReports.id, id));
    return r ?? null;
  },
  async lockReceived(db: Executor, id: string) {
    const [r] = await db.select().from(receivedReports).where(eq(receivedReports.id, id)).for('update');
    return r ?? null;
  },
  async updateReceived(db: Executor, id: string, patch: Partial<typeof receivedReports.$inferInsert>) {
    const [r] = await db.update(receivedReports).set(patch).where(eq(receivedReports.id, id)).returning();
    return r!;
  },
  async listReceived(
    db: Executor,
    f: { receivers: string[] | null; status?: ReceivedStatus; page: number; pageSize: number },
  ) {
    const w: SQL[] = [];
    if (f.receivers) w.push(f.receivers.length ? inArray(receivedReports.receiverCode, f.receivers) : sql`false`);
    if (f.status) w.push(eq(receivedReports.status, f.status));
    const where = w.length ? and(...w) : undefined;
    const items = await db
      .select()
      .from(receivedReports)
      .where(where)
      .orderBy(desc(receivedReports.period), asc(receivedReports.agencyCode), asc(receivedReports.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(receivedReports)
      .where(where)) as [{ n: number }];
    return { items, total: n };
  },
  /** Accepted reports of a regime (by code) and period received from other deployments, for these agencies. */
  async acceptedReceived(db: Executor, regimeCode: string, period: string, agencies: string[]) {
    if (!agencies.length) return [];
    return db
      .select()
      .from(receivedReports)
      .where(
        and(
          eq(receivedReports.regimeCode, regimeCode),
          eq(receivedReports.period, period),
          eq(receivedReports.status, 'accepted'),
          inArray(receivedReports.agencyCode, agencies),
        ),
      );
  },

  // ---- facts ----
  async refreshStates(db: Executor) {
    return db.select().from(refreshState);
  },
  /**
   * A value that changes whenever any source's refresh state is written (its row version, `xmin`, is
   * new after each upsert, whatever the clock says): the key under which dashboard answers are cached.
   */
  async refreshStamp(db: Executor): Promise<string> {
    return (await this.refreshStampAndTime(db)).stamp;
  },
  /** The stamp and the time of the last refresh (the oldest of the sources'), in one read. */
  async refreshStampAndTime(db: Executor): Promise<{ stamp: string; refreshedAt: Date | null }> {
    const r = (await db.execute(
      sql`select coalesce(string_agg(source || ':' || xmin::text, ',' order by source), '') as stamp,
            min(refreshed_at) as at from reporting.refresh_state`,
    )) as unknown as { rows: { stamp: string; at: string | Date | null }[] };
    const at = r.rows[0]?.at;
    return { stamp: String(r.rows[0]?.stamp ?? ''), refreshedAt: at ? new Date(at) : null };
  },
  async putRefreshState(db: Executor, row: typeof refreshState.$inferInsert) {
    await db
      .insert(refreshState)
      .values(row)
      .onConflictDoUpdate({
        target: refreshState.source,
        set: { watermark: row.watermark, refreshedAt: row.refreshedAt, rows: row.rows },
      });
  },
  /** Upsert the given columns of day facts (other sources' columns stay). */
  async upsertFacts(db: Executor, rows: Record<string, string | number>[], columns: string[]) {
    if (!rows.length) return;
    const all = getTableColumns(dayFacts) as Record<string, { name: string }>;
    const cols = columns.filter((c) => c in all && c !== 'agencyCode' && c !== 'day');
    const set = Object.fromEntries(cols.map((c) => [c, sql.raw(`excluded.${all[c]!.name}`)]));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insert(dayFacts)
        .values(rows.slice(i, i + 500) as (typeof dayFacts.$inferInsert)[])
        .onConflictDoUpdate({ target: [dayFacts.agencyCode, dayFacts.day], set });
  },
  async replaceSnapshots(db: Executor, rows: (typeof agencySnapshots.$inferInsert)[]) {
    await db.delete(agencySnapshots);
    if (rows.length) await db.insert(agencySnapshots).values(rows);
  },
  /**
   * Recompute the month facts of the (agency, month) pairs the given day facts fall in, from the day
   * facts, inside the caller's transaction. An advisory lock serialises concurrent refreshes, so a
   * month row is never summed without another refresh's committed day rows.
   */
  async rollupMonths(db: Executor, keys: { agencyCode: string; day: string }[]) {
    const pairs = [...new Set(keys.map((k) => `${k.agencyCode}|${k.day.slice(0, 7)}-01`))];
    if (!pairs.length) return;
    await db.execute(sql`select pg_advisory_xact_lock(hashtext('reporting.month_facts'))`);
    const cols = factColumnNames();
    const sums = sql.raw(cols.map((c) => `coalesce(sum(d.${c}), 0)`).join(', '));
    const set = sql.raw(cols.map((c) => `${c} = excluded.${c}`).join(', '));
    for (let i = 0; i < pairs.length; i += 500) {
      const values = sql.join(
        pairs.slice(i, i + 500).map((p) => {
          const [agency = '', month = ''] = p.split('|');
          return sql`(${agency}, ${month}::date)`;
        }),
        sql`, `,
      );
      await db.execute(sql`
        insert into reporting.month_facts (agency_code, month, ${sql.raw(cols.join(', '))})
        select k.agency_code, k.month, ${sums}
        from (values ${values}) as k(agency_code, month)
        left join reporting.day_facts d on d.agency_code = k.agency_code
          and d.day >= k.month and d.day < (k.month + interval '1 month')::date
        group by k.agency_code, k.month
        on conflict (agency_code, month) do update set ${set}`);
    }
  },
  /**
   * The dashboard's one read: the facts over [from, to] local days (whole months from the month facts,
   * the ragged ends from the day facts, see `splitRange`) and the procedure snapshot, folded in the
   * database onto the listed units (`unitOf`: each raw agency code a source keyed facts by — both code
   * forms — to the unit whose subtree holds it), per month and in total, in one grouped query
   * (`grouping sets`): rows = units + months + 2, whatever the number of agencies, days or dossiers.
   * With `scope` (the raw codes of a subtree) only its rows count; without, every row (the country,
   * including facts of the whole deployment keyed ''). `snapshot` is the procedures of the scope, which
   * every month of the series sees (a state, not a flow).
   */
  async unitFacts(db: Executor, o: { from: string; to: string; unitOf: Map<string, string>; scope: string[] | null }) {
    const facts = Object.entries(getTableColumns(monthFacts)).filter(([k]) => k !== 'agencyCode' && k !== 'month');
    const names = facts.map(([, v]) => v.name);
    const list = sql.raw(names.join(', '));
    const zeros = sql.raw(names.map((n) => `0 as ${n}`).join(', '));
    const all = [...names, 'procedures', 'procedures_full_online'];
    const keys = [...facts.map(([k]) => k), 'procedures', 'proceduresFullOnline'];
    const sums = sql.raw(all.map((n, i) => `coalesce(sum(f.${n}), 0)::bigint as "${keys[i]}"`).join(', '));
    const scope = o.scope ? sql`and agency_code = any(string_to_array(${o.scope.join(',')}, ','))` : sql``;
    const parts = splitRange(o.from, o.to);
    const selects = [
      ...parts.days.map(
        ([a, b]) =>
          sql`select agency_code, to_char(day, 'YYYY-MM') as mo, ${list}, 0 as procedures, 0 as procedures_full_online
              from reporting.day_facts where day >= ${a} and day <= ${b} ${scope}`,
      ),
      ...(parts.months
        ? [
            sql`select agency_code, to_char(month, 'YYYY-MM') as mo, ${list}, 0 as procedures, 0 as procedures_full_online
                from reporting.month_facts where month >= ${parts.months[0]} and month <= ${parts.months[1]} ${scope}`,
          ]
        : []),
      sql`select agency_code, null as mo, ${zeros}, procedures, procedures_full_online
          from reporting.agency_snapshots where true ${scope}`,
    ];
    const raws = [...o.unitOf.keys()];
    const r = (await db.execute(sql`
      with m as (select * from unnest(string_to_array(${raws.join(',')}, ','),
                                      string_to_array(${raws.map((k) => o.unitOf.get(k)).join(',')}, ',')) as m(raw, unit))
      select grouping(m.unit) as gu, grouping(f.mo) as gm, m.unit, f.mo, ${sums}
      from (${sql.join(selects, sql` union all `)}) f left join m on m.raw = f.agency_code
      group by grouping sets ((m.unit), (f.mo), ())`)) as unknown as { rows: Record<string, string | number | null>[] };
    const num = (row: Record<string, string | number | null>) => {
      const out: Record<string, number> = {};
      for (const k of keys) out[k] = Number(row[k]);
      return out;
    };
    const units = new Map<string, Record<string, number>>();
    const months = new Map<string, Record<string, number>>();
    let total: Record<string, number> = {};
    let snapshot: Record<string, number> = {};
    for (const row of r.rows) {
      const gu = Number(row.gu);
      const gm = Number(row.gm);
      if (gu && gm) total = num(row);
      else if (!gu && row.unit !== null) units.set(String(row.unit), num(row));
      else if (gu && !gm) {
        if (row.mo === null) snapshot = num(row);
        else months.set(String(row.mo), num(row));
      }
    }
    return { total, units, months, snapshot };
  },

  // ---- ratings ----
  async rating(db: Executor, dossierCode: string) {
    const [r] = await db.select().from(dossierRatings).where(eq(dossierRatings.dossierCode, dossierCode));
    return r ?? null;
  },
  async upsertRating(db: Executor, row: typeof dossierRatings.$inferInsert) {
    const [r] = await db
      .insert(dossierRatings)
      .values(row)
      .onConflictDoUpdate({
        target: dossierRatings.dossierCode,
        set: { score: row.score, reason: row.reason, updatedAt: row.updatedAt },
      })
      .returning();
    return r!;
  },
  /** Ratings per agency and rating day for the keys touched since `since` (the ratings fact source). */
  async ratingFacts(db: Executor, since: Date) {
    const r = (await db.execute(sql`
      with touched as (
        select distinct agency_code, ((rated_at at time zone 'UTC') + interval '7 hours')::date as d
        from reporting.dossier_ratings where updated_at >= ${since.toISOString()})
      select t.agency_code, t.d::text as day, count(r.dossier_code)::int as ratings,
        coalesce(sum(r.score), 0)::int as rating_sum, count(r.dossier_code) filter (where r.score >= 4)::int as positive
      from touched t left join reporting.dossier_ratings r on r.agency_code = t.agency_code
        and ((r.rated_at at time zone 'UTC') + interval '7 hours')::date = t.d
      group by t.agency_code, t.d`)) as unknown as {
      rows: { agency_code: string; day: string; ratings: number; rating_sum: number; positive: number }[];
    };
    return r.rows.map((x) => ({
      agencyCode: x.agency_code,
      day: x.day,
      ratings: Number(x.ratings),
      ratingSum: Number(x.rating_sum),
      ratingsPositive: Number(x.positive),
    }));
  },
};

/** SQL names of the fact columns (the same on the day and the month grain). */
function factColumnNames() {
  return Object.entries(getTableColumns(monthFacts))
    .filter(([k]) => k !== 'agencyCode' && k !== 'month')
    .map(([, v]) => v.name);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * [from, to] local days as the whole calendar months inside it (first days of the first and last
 * month, or null) and the ranges of days before and after them.
 */
export function splitRange(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const f = utc(from);
  const t = utc(to);
  const firstFull = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const afterTo = new Date(t.getTime() + 86_400_000);
  // The first day of the month after the last whole month: `to`'s month if `to` ends it, else `to`'s month start.
  const endFull = afterTo.getUTCDate() === 1 ? afterTo : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  if (firstFull >= endFull) return { months: null, days: [[from, to]] };
  const lastMonth = new Date(Date.UTC(endFull.getUTCFullYear(), endFull.getUTCMonth() - 1, 1));
  const days: [string, string][] = [];
  if (f < firstFull) days.push([from, iso(new Date(firstFull.getTime() - 86_400_000))]);
  if (endFull <= t) days.push([iso(endFull), to]);
  return { months: [iso(firstFull), iso(lastMonth)], days };
}
