import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { executePrepared } from '../../platform/db/prepared.js';
import {
  contactCodes,
  events,
  type FeedbackStatus,
  items,
  petitions,
  petitionSettings,
  SEARCH_LEVELS,
  searchKeys,
  supports,
} from './db/schema.js';

export type ItemRow = typeof items.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type PetitionRow = typeof petitions.$inferSelect;

export interface ItemFilter {
  submitterId?: string;
  /** Items at these agencies, or (unrouted) naming one of them as a candidate. */
  agencyCodes?: string[];
  statuses?: FeedbackStatus[];
  overdueAt?: Date;
  groupId?: string;
  page: number;
  pageSize: number;
}

export interface PublicFilter {
  agency?: string;
  procedure?: string;
  type?: string;
  q?: string;
  page: number;
  pageSize: number;
  /** Keyset page: the items after this one in the list's order (`page` is then ignored). */
  after?: PublicCursor;
}

/** A place in the public list's order (newest published first, then id). */
export interface PublicCursor {
  publishedAt: Date;
  id: string;
}

/** The public list counts its matches up to this; beyond it says "more than" (ADR 0020, addendum). */
export const PUBLIC_TOTAL_CAP = 1000;
/**
 * A phrase search counts up to this: a common phrase's count then comes from the same look at the
 * newest items that finds its page, not from a scan of thousands of rows (ADR 0020, addendum 5).
 */
export const PHRASE_TOTAL_CAP = 100;
/** A text search first looks among this many newest items of the filters (see `publicSearch`). */
const NEWEST_WINDOW = 1000;
/**
 * A rare phrase is looked for day by day (or 32 days by 32 days), newest first, when the newest
 * window's rate of matches says that `need` of them are within this many steps back; otherwise among
 * all of its matches at once (see `publicSearch`).
 */
const WALK_STEPS = 8;
/** The most steps a walk takes before it gives up and takes every match (a rate misjudged). */
const WALK_MAX_STEPS = 32;

const fold = (s: string) => sql`vn_fold(${s})`;

/** What the public list shows of an item (masked texts, never the originals), and its cursor. */
const publicColumns = {
  id: items.id,
  code: items.code,
  contentType: items.contentType,
  agencyCode: items.agencyCode,
  procedureCode: items.procedureCode,
  procedureName: items.procedureName,
  publicTitle: items.publicTitle,
  publicBody: items.publicBody,
  publicAnswer: items.publicAnswer,
  createdAt: items.createdAt,
  approvedAt: items.approvedAt,
  dueAt: items.dueAt,
  publishedAt: items.publishedAt,
  rating: items.rating,
};
export type PublicRow = { [K in keyof typeof publicColumns]: ItemRow[K] };
/** A row of `publicColumns` read by raw SQL (its database column names), mapped as a typed select maps it. */
const fromRaw = (r: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(publicColumns).map(([k, col]) => {
      const v = r[col.name];
      return [k, v == null ? null : col.mapFromDriverValue(v as never)];
    }),
  ) as PublicRow;

/** The only code that touches the feedback module's tables. */
export const feedbackRepository = {
  async insertItem(ex: Executor, row: typeof items.$inferInsert) {
    await ex.insert(items).values(row);
  },
  async itemByCode(ex: Executor, code: string) {
    return (await ex.select().from(items).where(eq(items.code, code.toUpperCase())))[0] ?? null;
  },
  /** The item, locked for the rest of the transaction (actions are serialised per item). */
  async lockByCode(ex: Executor, code: string) {
    return (await ex.select().from(items).where(eq(items.code, code.toUpperCase())).for('update'))[0] ?? null;
  },
  async itemById(ex: Executor, id: string) {
    return (await ex.select().from(items).where(eq(items.id, id)))[0] ?? null;
  },
  async updateItem(ex: Executor, id: string, patch: Partial<typeof items.$inferInsert>) {
    await ex.update(items).set(patch).where(eq(items.id, id));
  },
  async insertEvent(ex: Executor, row: typeof events.$inferInsert) {
    await ex.insert(events).values(row);
  },
  async eventsOf(ex: Executor, itemId: string) {
    return ex.select().from(events).where(eq(events.itemId, itemId)).orderBy(asc(events.at), asc(events.id));
  },
  async list(ex: Executor, f: ItemFilter) {
    const where = and(
      f.submitterId ? eq(items.submitterId, f.submitterId) : undefined,
      f.agencyCodes
        ? or(
            inArray(items.agencyCode, f.agencyCodes),
            and(
              isNull(items.agencyCode),
              sql`${items.candidateAgencies} && ${sql`array[${sql.join(
                f.agencyCodes.map((c) => sql`${c}`),
                sql`, `,
              )}]::text[]`}`,
            ),
          )
        : undefined,
      f.statuses ? inArray(items.status, f.statuses) : undefined,
      f.overdueAt
        ? and(lte(items.dueAt, f.overdueAt), inArray(items.status, ['received', 'routed', 'answered']))
        : undefined,
      f.groupId ? eq(items.groupId, f.groupId) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      ex
        .select()
        .from(items)
        .where(where)
        .orderBy(desc(items.createdAt), desc(items.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      ex.select({ n: count() }).from(items).where(where),
    ]);
    return { items: rows, total: total?.n ?? 0 };
  },
  /**
   * The closest earlier feedback on the same subject filed since `since` whose text is nearly the
   * same (trigram similarity on the folded text at least `min`), or null.
   */
  async nearDuplicate(
    ex: Executor,
    o: { body: string; procedureCode: string | null; agencyCode: string | null; since: Date; min: number },
  ) {
    const sim = sql<number>`similarity(vn_fold(${items.body}), ${fold(o.body)})`;
    const rows = await ex
      .select({ id: items.id, groupId: items.groupId, code: items.code, sim })
      .from(items)
      .where(
        and(
          sql`vn_fold(${items.body}) % ${fold(o.body)}`,
          gt(items.createdAt, o.since),
          o.procedureCode
            ? eq(items.procedureCode, o.procedureCode)
            : o.agencyCode
              ? eq(items.agencyCode, o.agencyCode)
              : undefined,
        ),
      )
      .orderBy(desc(sim))
      .limit(1);
    const r = rows[0];
    return r && r.sim >= o.min ? r : null;
  },
  /** Items merged into `id` (to notify their submitters as well). */
  async mergedInto(ex: Executor, id: string) {
    return ex.select().from(items).where(eq(items.mergedInto, id));
  },
  async openCount(ex: Executor, agencyCode: string) {
    const [r] = await ex
      .select({ n: count() })
      .from(items)
      .where(and(eq(items.agencyCode, agencyCode), inArray(items.status, ['routed', 'answered'])));
    return r?.n ?? 0;
  },
  async satisfaction(ex: Executor, agencyCode: string, from: Date, to: Date) {
    const [r] = await ex
      .select({ n: count(items.rating), avg: sql<string | null>`avg(${items.rating})` })
      .from(items)
      .where(
        and(
          eq(items.agencyCode, agencyCode),
          isNotNull(items.ratedAt),
          sql`${items.ratedAt} >= ${from}`,
          sql`${items.ratedAt} < ${to}`,
        ),
      );
    return { rated: r?.n ?? 0, average: r?.avg == null ? null : Math.round(Number(r.avg) * 100) / 100 };
  },

  /**
   * Published items newest first, a page by offset or after a cursor, with their count up to
   * PUBLIC_TOTAL_CAP, or PHRASE_TOTAL_CAP with a phrase (`capped` when there are more). A text search
   * matches the stored folded text (`public_text`, lower case without diacritics, like the folded
   * phrase: so LIKE, not ILIKE, which lower-cases every row again): first among the NEWEST_WINDOW
   * newest items of the other filters (one statement, which answers a common phrase), then, for a
   * rare one, from the search index day by day back from the newest, or every match at once (a second
   * statement; ADR 0020, addendum 9; see below).
   */
  async publicSearch(
    ex: Executor,
    f: PublicFilter,
  ): Promise<{ items: PublicRow[]; total: number; totalCapped: boolean }> {
    const filters = and(
      isNotNull(items.publishedAt),
      f.agency ? eq(items.agencyCode, f.agency) : undefined,
      f.procedure ? eq(items.procedureCode, f.procedure) : undefined,
      f.type ? eq(items.contentType, f.type) : undefined,
    );
    const after = f.after
      ? sql`(${items.publishedAt}, ${items.id}) < (${f.after.publishedAt.toISOString()}::timestamptz, ${f.after.id})`
      : undefined;
    // The phrase folded like the column, its LIKE wildcards taken literally.
    const pattern = f.q
      ? sql`'%' || replace(replace(replace(${fold(f.q)}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`
      : undefined;
    const offset = f.after ? 0 : (f.page - 1) * f.pageSize;
    const newestFirst = [desc(items.publishedAt), desc(items.id)];
    // How many match, up to the cap: without a phrase an index-only scan (the filter columns are in
    // the order's indexes).
    const capped = (where: SQL | undefined, cap = PUBLIC_TOTAL_CAP) =>
      ex.select({ n: count() }).from(
        ex
          .select({ one: sql`1`.as('one') })
          .from(items)
          .where(where)
          .limit(cap + 1)
          .as('c'),
      );
    const total = (n: number | undefined) => ({
      total: Math.min(n ?? 0, PUBLIC_TOTAL_CAP),
      totalCapped: (n ?? 0) > PUBLIC_TOTAL_CAP,
    });
    if (!pattern) {
      const [rows, [n]] = await Promise.all([
        ex
          .select(publicColumns)
          .from(items)
          .where(and(filters, after))
          .orderBy(...newestFirst)
          .limit(f.pageSize)
          .offset(offset),
        capped(filters),
      ]);
      return { items: rows, ...total(n?.n) };
    }
    // The pattern from its one row (an InitPlan: computed once; written out in the conditions, a
    // generic plan would fold the phrase again for every row it checks).
    const match = sql`${items.publicText} like (select pat.p from pat)`;
    const phraseTotal = (n: number) => ({ total: Math.min(n, PHRASE_TOTAL_CAP), totalCapped: n > PHRASE_TOTAL_CAP });
    const need = Math.max(offset + f.pageSize, PHRASE_TOTAL_CAP + 1);
    // Numbers and flags of the code are written into the texts, not sent as parameters: a generic
    // plan takes a LIMIT parameter for a tenth of the rows, and would never be as cheap as a custom
    // one, so the statement would be planned again at every search. `need` is 101 for the first
    // pages of 20: a few texts, each prepared once per connection.
    const lit = (v: number | boolean) => sql.raw(String(v));
    const cols = sql.join(
      Object.values(publicColumns).map((col) => sql`i.${sql.identifier(col.name)}`),
      sql`, `,
    );
    const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;
    const itemsOf = (rows: Record<string, unknown>[]) => rows.filter((r) => r[items.id.name] != null).map(fromRaw);
    // First the window: the NEWEST_WINDOW newest items of the filters (the newest-first index, a
    // bounded cost), and among them as many matches as the page and the phrase's capped count need.
    // If the page fills there, those are its rows (nothing newer was skipped), and so when the window
    // holds every item of the filters (and so every match); the count is then the window's when it
    // holds them all or more than the cap, otherwise a walk of the newest items to the cap. The page's
    // rows come back with what the window saw (its matches, items, newest and span).
    const win = rowsOf(
      await executePrepared(
        ex,
        sql`
        with pat as (
          select ${pattern} as p
        ), win as (
          select ${items.id} as id, ${items.publishedAt} as published_at, ${match} as hit
          from ${items} where ${and(filters, after)}
          order by ${items.publishedAt} desc, ${items.id} desc limit ${lit(NEWEST_WINDOW)}
        ), st as (
          select least(count(*) filter (where win.hit), ${lit(need)})::int as n, count(*)::int as rows,
            max(win.published_at)::text as newest,
            extract(epoch from max(win.published_at) - min(win.published_at))::float8 as span
          from win
        ), pl as (
          select st.*, st.rows < ${lit(NEWEST_WINDOW)} and ${lit(!f.after)} as whole,
            st.n >= ${offset + f.pageSize} or (st.rows < ${lit(NEWEST_WINDOW)} and ${lit(!f.after)}) as done
          from st
        ), page as (
          select win.id, win.published_at from win where win.hit and (select done from pl)
          order by win.published_at desc, win.id desc limit ${f.pageSize} offset ${offset}
        )
        select pl.n, pl.rows, pl.newest, pl.span, pl.done,
          case when pl.done and not (pl.n = ${lit(need)} or pl.whole) then (
            select count(*) from (
              select 1 from ${items} where ${and(filters, match)} limit ${lit(PHRASE_TOTAL_CAP + 1)}) c)
          end::int as capped, ${cols}
        from pl left join page on true left join ${items} i on i.id = page.id
        order by page.published_at desc nulls last, page.id desc nulls last`,
      ),
    );
    const w0 = win[0]!;
    if (w0.done) return { items: itemsOf(win), ...phraseTotal(Number(w0.capped ?? w0.n)) };

    // Otherwise the phrase is rare here, and the search index answers (`searchKeys`: the trigrams of
    // the text without spaces and the filters, alone and with the day and the 32-day span of
    // publication). The window's rate of matches says how far back `need` of them should be (at least
    // one match in the window's span when it had none): when that is at most WALK_STEPS days, or
    // spans, the statement walks back day by day (or span by span) from the newest, each step the
    // matches of one day from the index (those alone are read from the table), and stops when it
    // holds `need`, or at the oldest published item. After WALK_MAX_STEPS, or when the rate says that
    // would be too far, or after a cursor (the count is of the whole list's matches, up to the cap,
    // not of those after it), it takes every match from the keys without a time. The phrase itself is
    // then checked on the text; the page's rows come back with the count (ADR 0020, addendum 9).
    const { day, span } = SEARCH_LEVELS;
    const back = (need * Math.max(Number(w0.span ?? 0), 1)) / Math.max(Number(w0.n), 1);
    const level = back <= WALK_STEPS * day.seconds ? day : back <= WALK_STEPS * span.seconds ? span : null;
    // A phrase without three letters or digits in a row has no trigram: the index cannot help it.
    const indexed = /[\p{L}\p{N}]{3}/u.test(f.q!.replace(/\s+/g, ''));
    const walks = indexed && !f.after && level != null && w0.newest != null;
    const width = level?.seconds ?? day.seconds;
    const filterKeys = [f.agency && `a:${f.agency}`, f.procedure && `p:${f.procedure}`, f.type && `t:${f.type}`].filter(
      (k): k is string => !!k,
    );
    // The filters again, as the keys already hold them: not with `=`, which the planner would AND
    // with the agency's B-tree (every item of the agency) into the bitmap of a day's matches.
    const recheck = and(
      isNotNull(items.publishedAt),
      f.agency ? sql`${items.agencyCode} is not distinct from ${f.agency}` : undefined,
      f.procedure ? sql`${items.procedureCode} is not distinct from ${f.procedure}` : undefined,
      f.type ? sql`${items.contentType} is not distinct from ${f.type}` : undefined,
    );
    const rare = and(indexed ? recheck : filters, match);
    const keysCol = searchKeys(items);
    const afterM = f.after
      ? sql`where (m.published_at, m.id) < (${f.after.publishedAt.toISOString()}::timestamptz, ${f.after.id})`
      : sql``;
    const rows = rowsOf(
      await executePrepared(
        ex,
        sql`
        with recursive pat as (
          select ${pattern} as p
        ), fq as (
          select ${fold(f.q!)} as q
        ), tg as (
          -- The phrase's trigrams across its words (of the text without spaces, not of any one word):
          -- as rare as the phrase, where a word's own are as common as the word (GIN reads every
          -- entry's list); all of them when it is one word.
          select array(select t from unnest(public.show_trgm(replace(fq.q, ' ', ''))) t where t !~ ' ') as every
          from fq
        ), across as (
          select array(select t from unnest(tg.every) t
                       where t <> all (select unnest(public.show_trgm(w)) from regexp_split_to_table(fq.q, ' +') w)) as t
          from tg, fq
        ), qk as (
          select coalesce(nullif(across.t, '{}'), tg.every)
            || array[${sql.join(
              filterKeys.map((k) => sql`${k}`),
              sql`, `,
            )}]::text[] as k
          from tg, across
        ), lo as (
          select floor(extract(epoch from ((
              select min(${items.publishedAt}) from ${items} where ${isNotNull(items.publishedAt)}
            ) at time zone 'UTC')) / ${lit(width)})::int as lo
        ), walk(step, b, acc, ids, ats) as (
          select 0, floor(extract(epoch from (${w0.newest as string | null}::timestamptz at time zone 'UTC')) / ${lit(width)})::int + 1,
            0, '{}'::text[], '{}'::timestamptz[]
          where ${lit(walks)}
          union all
          select w.step + 1, w.b - 1, w.acc + s.n, s.ids, s.ats
          from walk w, lateral (
            select count(*)::int as n, coalesce(array_agg(${items.id}), '{}') as ids,
              coalesce(array_agg(${items.publishedAt}), '{}') as ats
            from ${items}
            where ${keysCol} @> (
                select array(select k || ${sql.raw(`'${level?.suffix ?? day.suffix}'`)} || (w.b - 1) from unnest(qk.k || '{*}'::text[]) k)
                from qk)
              and ${rare}
          ) s
          where w.acc < ${lit(need)} and w.step < ${lit(WALK_MAX_STEPS)} and w.b - 1 >= (select lo from lo)
        ), fin as (
          select w.acc >= ${lit(need)} or w.b - 1 < (select lo from lo) as whole from walk w order by w.step desc limit 1
        ), every as materialized (
          select ${items.id} as id, ${items.publishedAt} as published_at from ${items}
          where ${indexed ? sql`${keysCol} @> (select k from qk) and ` : sql``}${rare}
            and (select whole from fin) is not true
        ), m as (
          select u.id, u.published_at from walk, unnest(walk.ids, walk.ats) u(id, published_at)
          where (select whole from fin)
          union all select id, published_at from every
        ), page as (
          select m.id, m.published_at from m ${afterM}
          order by m.published_at desc, m.id desc limit ${f.pageSize} offset ${offset}
        )
        select c.n, ${cols}
        from (select least(count(*), ${lit(need)})::int as n from m) c
          left join page on true
          left join ${items} i on i.id = page.id
        order by page.published_at desc nulls last, page.id desc nulls last`,
      ),
    );
    return { items: itemsOf(rows), ...phraseTotal(Number(rows[0]?.n ?? 0)) };
  },

  /** Per agency between two instants: received, answered (approved) on time and late, mean days, ratings. */
  async stats(ex: Executor, o: { agencyCodes?: string[]; from: Date; to: Date }) {
    return ex
      .select({
        agencyCode: items.agencyCode,
        received: count(),
        answered: sql<number>`count(*) filter (where ${items.approvedAt} is not null)::int`,
        onTime: sql<number>`count(*) filter (where ${items.approvedAt} is not null and ${items.approvedAt} <= ${items.dueAt})::int`,
        late: sql<number>`count(*) filter (where (${items.approvedAt} is not null and ${items.approvedAt} > ${items.dueAt}) or (${items.approvedAt} is null and ${items.dueAt} < ${o.to}))::int`,
        avgDays: sql<
          string | null
        >`avg(extract(epoch from (${items.approvedAt} - ${items.createdAt})) / 86400) filter (where ${items.approvedAt} is not null)`,
        rated: sql<number>`count(${items.rating})::int`,
        satisfaction: sql<string | null>`avg(${items.rating})`,
      })
      .from(items)
      .where(
        and(
          isNotNull(items.agencyCode),
          o.agencyCodes ? inArray(items.agencyCode, o.agencyCodes) : undefined,
          sql`${items.createdAt} >= ${o.from}`,
          sql`${items.createdAt} < ${o.to}`,
          sql`${items.status} <> 'merged'`,
        ),
      )
      .groupBy(items.agencyCode)
      .orderBy(items.agencyCode);
  },

  /** Of these verifications, those still open (unused, not expired): a filing may still name their uploads. */
  async openCodeIds(ex: Executor, ids: string[], now: Date) {
    if (!ids.length) return new Set<string>();
    const rows = await ex
      .select({ id: contactCodes.id })
      .from(contactCodes)
      .where(and(inArray(contactCodes.id, ids), isNull(contactCodes.usedAt), gt(contactCodes.expiresAt, now)));
    return new Set(rows.map((r) => r.id));
  },
  /**
   * Of these files, those some feedback item lists among its attachments; with `submitterId`, only
   * the items that account filed are looked at (by their index: the check of one filer's uploads).
   */
  async attachedFileIds(ex: Executor, fileIds: string[], o: { submitterId?: string } = {}) {
    if (!fileIds.length) return new Set<string>();
    const r = (await ex.execute(sql`
      select f.id from unnest(array[${sql.join(
        fileIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]) as f(id)
      where exists (
        select 1 from ${items} i where i.attachments @> jsonb_build_array(jsonb_build_object('fileId', f.id))${
          o.submitterId ? sql` and i.submitter_id = ${o.submitterId}` : sql``
        })`)) as unknown as {
      rows: { id: string }[];
    };
    return new Set(r.rows.map((x) => x.id));
  },
  async insertCode(ex: Executor, row: typeof contactCodes.$inferInsert) {
    await ex.insert(contactCodes).values(row);
  },
  async lockCode(ex: Executor, id: string) {
    return (await ex.select().from(contactCodes).where(eq(contactCodes.id, id)).for('update'))[0] ?? null;
  },
  async updateCode(ex: Executor, id: string, patch: Partial<typeof contactCodes.$inferInsert>) {
    await ex.update(contactCodes).set(patch).where(eq(contactCodes.id, id));
  },

  async insertPetition(ex: Executor, row: typeof petitions.$inferInsert) {
    await ex.insert(petitions).values(row);
  },
  async petition(ex: Executor, id: string) {
    return (await ex.select().from(petitions).where(eq(petitions.id, id)))[0] ?? null;
  },
  async lockPetition(ex: Executor, id: string) {
    return (await ex.select().from(petitions).where(eq(petitions.id, id)).for('update'))[0] ?? null;
  },
  async updatePetition(ex: Executor, id: string, patch: Partial<typeof petitions.$inferInsert>) {
    await ex.update(petitions).set(patch).where(eq(petitions.id, id));
  },
  /**
   * Supports of several people in one statement (a batch, `use-cases/support-batch.ts`): the rows
   * are inserted if the petition takes supports, each person at most once (the primary key refuses
   * a second support), and then the count moves by the number of rows inserted (and the threshold is
   * crossed) by one UPDATE, whose row lock is the only one taken and is held from here to the commit.
   * Answers which people were added, the count and status after, and whether this batch crossed the
   * threshold; null when there is no such petition.
   */
  async addSupports(
    ex: Executor,
    o: {
      petitionId: string;
      people: { personKey: string; userId: string; level: string }[];
      now: Date;
      responseDueAt: Date;
    },
  ) {
    const res = await ex.execute(addSupportsSql(o));
    return parseAddSupports((res as unknown as { rows: Record<string, unknown>[] }).rows[0]);
  },
  /**
   * A batch of supports as statements for one round trip (`runBatchRows`, one transaction): the
   * petition's row locked first, so the next statement sees its latest count; then the rows and the
   * count, unless this batch might cross the threshold (`mayCross`: nothing is written, and the
   * caller writes the batch in a transaction that opens the response case); then the audit
   * statement, given the keys this transaction inserted (`supportsAddedHere`).
   */
  addSupportsStatements(
    o: {
      petitionId: string;
      people: { personKey: string; userId: string; level: string }[];
      now: Date;
    },
    audit: (added: SQL) => SQL,
  ): SQL[] {
    return [
      sql`select id from feedback.petitions where id = ${o.petitionId} for update`,
      addSupportsSql({ ...o, unlessCrossing: true }),
      audit(
        sql`select person_key from feedback.supports where petition_id = ${o.petitionId} and xmin = pg_current_xact_id()::xid`,
      ),
    ];
  },
  parseAddSupports: (row: Record<string, unknown> | undefined) => parseAddSupports(row),
  /**
   * Withdraw one person's support: the petition's row is locked first (the order every support
   * takes: petition, then support rows — deleting the support row first deadlocked with a support
   * batch of the same person, which holds the petition and waits on that row), then the row is
   * deleted if the petition still takes withdrawals and the count moves by −1 in one statement.
   * Run inside the caller's transaction. Null when there is no such petition.
   */
  async removeSupport(ex: Executor, o: { petitionId: string; personKey: string; now: Date }) {
    const now = o.now.toISOString();
    await ex.execute(sql`select 1 from feedback.petitions where id = ${o.petitionId} for update`);
    const res = await ex.execute(sql`
      with del as (
        delete from feedback.supports s
        where s.petition_id = ${o.petitionId} and s.person_key = ${o.personKey}
          and exists (select 1 from feedback.petitions where id = ${o.petitionId}
                        and status in ('open', 'responding') and closes_at > ${now}::timestamptz)
        returning 1
      ), upd as (
        update feedback.petitions set support_count = support_count - 1
        where id = ${o.petitionId} and exists (select 1 from del)
        returning support_count, status
      )
      select (select count(*)::int from del) as removed, upd.support_count, upd.status,
             p.support_count as before_count, p.status as before_status, p.closes_at
      from feedback.petitions p left join upd on true
      where p.id = ${o.petitionId}`);
    const r = (res as unknown as { rows: Record<string, unknown>[] }).rows[0];
    if (!r) return null;
    return {
      removed: Number(r.removed) === 1,
      supportCount: Number(r.support_count ?? r.before_count),
      status: String(r.status ?? r.before_status) as PetitionRow['status'],
      closesAt: new Date(String(r.closes_at)),
    };
  },
  async hasSupport(ex: Executor, petitionId: string, personKey: string) {
    const r = await ex
      .select({ k: supports.personKey })
      .from(supports)
      .where(and(eq(supports.petitionId, petitionId), eq(supports.personKey, personKey)));
    return r.length === 1;
  },
  async countSupports(ex: Executor, petitionId: string) {
    const [r] = await ex.select({ n: count() }).from(supports).where(eq(supports.petitionId, petitionId));
    return r?.n ?? 0;
  },
  async supporterIds(ex: Executor, petitionId: string) {
    return (await ex.select({ userId: supports.userId }).from(supports).where(eq(supports.petitionId, petitionId))).map(
      (r) => r.userId,
    );
  },
  async listPetitions(
    ex: Executor,
    f: { agency?: string; status?: string; q?: string; authorId?: string; page: number; pageSize: number },
  ) {
    const where: SQL | undefined = and(
      f.agency ? eq(petitions.agencyCode, f.agency) : undefined,
      f.status ? eq(petitions.status, f.status as PetitionRow['status']) : undefined,
      f.authorId ? eq(petitions.authorId, f.authorId) : undefined,
      f.q ? sql`vn_fold(${petitions.title}) ilike ${sql`'%' || ${fold(f.q)} || '%'`}` : undefined,
    );
    const [rows, [total]] = await Promise.all([
      ex
        .select()
        .from(petitions)
        .where(where)
        .orderBy(desc(petitions.createdAt), desc(petitions.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      ex.select({ n: count() }).from(petitions).where(where),
    ]);
    return { items: rows, total: total?.n ?? 0 };
  },
  async petitionSettings(ex: Executor, agencyCode: string) {
    return (await ex.select().from(petitionSettings).where(eq(petitionSettings.agencyCode, agencyCode)))[0] ?? null;
  },
  async putPetitionSettings(ex: Executor, row: typeof petitionSettings.$inferInsert) {
    await ex
      .insert(petitionSettings)
      .values(row)
      .onConflictDoUpdate({
        target: petitionSettings.agencyCode,
        set: {
          threshold: row.threshold,
          windowDays: row.windowDays,
          responseWorkingDays: row.responseWorkingDays,
          updatedAt: row.updatedAt,
        },
      });
  },
};

/**
 * The supports of a batch and the count, in one statement: the rows inserted (`on conflict do
 * nothing`: one per person), the count moved by the number inserted, the threshold crossed at most
 * once. `unlessCrossing`: nothing is written when the petition is open and the candidates could
 * reach its threshold (`may_cross`), and the response limit is not set here.
 */
function addSupportsSql(o: {
  petitionId: string;
  people: { personKey: string; userId: string; level: string }[];
  now: Date;
  responseDueAt?: Date;
  unlessCrossing?: boolean;
}) {
  const now = o.now.toISOString();
  const people = JSON.stringify(o.people.map((x) => ({ k: x.personKey, u: x.userId, l: x.level })));
  const candidates = o.people.length;
  const mayCross = (p: SQL) => sql`(${p}status = 'open' and ${p}support_count + ${candidates}::int >= ${p}threshold)`;
  const due = o.responseDueAt ? sql`${o.responseDueAt.toISOString()}::timestamptz` : sql`p.response_due_at`;
  return sql`
      with ins as (
        insert into feedback.supports (petition_id, person_key, user_id, identity_level, created_at)
        select ${o.petitionId}, t.k, t.u, t.l, ${now}::timestamptz
        from jsonb_to_recordset(${people}::jsonb) as t(k text, u text, l text)
        where exists (select 1 from feedback.petitions where id = ${o.petitionId}
                        and status in ('open', 'responding') and closes_at > ${now}::timestamptz
                        ${o.unlessCrossing ? sql`and not ${mayCross(sql``)}` : sql``})
        on conflict do nothing
        returning person_key
      ), n as (
        select count(*)::int as n from ins
      ), upd as (
        update feedback.petitions p set
          support_count = p.support_count + n.n,
          status = case when p.status = 'open' and p.support_count + n.n >= p.threshold then 'responding' else p.status end,
          threshold_reached_at = case when p.status = 'open' and p.support_count + n.n >= p.threshold then ${now}::timestamptz else p.threshold_reached_at end,
          response_due_at = case when p.status = 'open' and p.support_count + n.n >= p.threshold then ${due} else p.response_due_at end
        from n
        where p.id = ${o.petitionId} and n.n > 0
        returning p.support_count, p.status,
          p.threshold_reached_at = ${now}::timestamptz and p.support_count - n.n < p.threshold as crossed
      )
      select (select coalesce(json_agg(person_key), '[]'::json) from ins) as added, upd.support_count, upd.status, upd.crossed,
             p.support_count as before_count, p.status as before_status, p.closes_at, p.agency_code,
             ${o.unlessCrossing ? sql`p.closes_at > ${now}::timestamptz and ${mayCross(sql`p.`)}` : sql`false`} as may_cross
      from feedback.petitions p left join upd on true
      where p.id = ${o.petitionId}`;
}

function parseAddSupports(r: Record<string, unknown> | undefined) {
  if (!r) return null;
  const added = typeof r.added === 'string' ? (JSON.parse(r.added) as string[]) : (r.added as string[]);
  return {
    added: new Set(added),
    supportCount: Number(r.support_count ?? r.before_count),
    status: String(r.status ?? r.before_status) as PetitionRow['status'],
    crossed: r.crossed === true,
    mayCross: r.may_cross === true,
    agencyCode: String(r.agency_code),
    closesAt: new Date(String(r.closes_at)),
  };
}
