import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import {
  contactCodes,
  events,
  type FeedbackStatus,
  items,
  petitions,
  petitionSettings,
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
}

const fold = (s: string) => sql`vn_fold(${s})`;

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

  async publicSearch(ex: Executor, f: PublicFilter) {
    const where = and(
      isNotNull(items.publishedAt),
      f.agency ? eq(items.agencyCode, f.agency) : undefined,
      f.procedure ? eq(items.procedureCode, f.procedure) : undefined,
      f.type ? eq(items.contentType, f.type) : undefined,
      f.q
        ? sql`vn_fold(coalesce(${items.publicTitle}, '') || ' ' || coalesce(${items.publicBody}, '')) ilike ${sql`'%' || ${fold(f.q)} || '%'`}`
        : undefined,
    );
    const [rows, [total]] = await Promise.all([
      ex
        .select()
        .from(items)
        .where(where)
        .orderBy(desc(items.publishedAt), desc(items.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      ex.select({ n: count() }).from(items).where(where),
    ]);
    return { items: rows, total: total?.n ?? 0 };
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
  /** +1 or −1 on the count, in the transaction that holds the petition's row lock. */
  async addToCount(ex: Executor, id: string, delta: 1 | -1) {
    const [r] = await ex
      .update(petitions)
      .set({ supportCount: sql`${petitions.supportCount} + ${delta}` })
      .where(eq(petitions.id, id))
      .returning({ supportCount: petitions.supportCount });
    return r!.supportCount;
  },
  /**
   * One support in one statement: the row is inserted if the petition takes supports and the person
   * has none, and then the count moves (and the threshold is crossed) by an UPDATE, whose row lock is
   * the only one taken and is held from here to the commit. Answers what happened.
   */
  async addSupport(
    ex: Executor,
    o: { petitionId: string; personKey: string; userId: string; level: string; now: Date; responseDueAt: Date },
  ) {
    const now = o.now.toISOString();
    const res = await ex.execute(sql`
      with ins as (
        insert into feedback.supports (petition_id, person_key, user_id, identity_level, created_at)
        select ${o.petitionId}, ${o.personKey}, ${o.userId}, ${o.level}, ${now}::timestamptz
        where exists (select 1 from feedback.petitions where id = ${o.petitionId}
                        and status in ('open', 'responding') and closes_at > ${now}::timestamptz)
        on conflict do nothing
        returning 1
      ), upd as (
        update feedback.petitions set
          support_count = support_count + 1,
          status = case when status = 'open' and support_count + 1 >= threshold then 'responding' else status end,
          threshold_reached_at = case when status = 'open' and support_count + 1 >= threshold then ${now}::timestamptz else threshold_reached_at end,
          response_due_at = case when status = 'open' and support_count + 1 >= threshold then ${o.responseDueAt.toISOString()}::timestamptz else response_due_at end
        where id = ${o.petitionId} and exists (select 1 from ins)
        returning support_count, status, threshold_reached_at = ${now}::timestamptz as crossed
      )
      select (select count(*)::int from upd) as added, upd.support_count, upd.status, upd.crossed,
             p.support_count as before_count, p.status as before_status, p.closes_at
      from feedback.petitions p left join upd on true
      where p.id = ${o.petitionId}`);
    const r = (res as unknown as { rows: Record<string, unknown>[] }).rows[0];
    if (!r) return null;
    return {
      added: Number(r.added) === 1,
      supportCount: Number(r.support_count ?? r.before_count),
      status: String(r.status ?? r.before_status) as PetitionRow['status'],
      crossed: r.crossed === true,
      closesAt: new Date(String(r.closes_at)),
    };
  },
  /** True when the person had not supported it yet. */
  async insertSupport(ex: Executor, row: typeof supports.$inferInsert) {
    const r = await ex.insert(supports).values(row).onConflictDoNothing().returning({ k: supports.personKey });
    return r.length === 1;
  },
  async deleteSupport(ex: Executor, petitionId: string, personKey: string) {
    const r = await ex
      .delete(supports)
      .where(and(eq(supports.petitionId, petitionId), eq(supports.personKey, personKey)))
      .returning({ k: supports.personKey });
    return r.length === 1;
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
