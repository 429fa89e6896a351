import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
import { agencies } from './db/schema.js';

export type AgencyRow = typeof agencies.$inferSelect;
export type AgencyLevel = AgencyRow['level'];

export const LEVEL_ORDER: AgencyLevel[] = ['central', 'ministry', 'province', 'department', 'commune'];

export interface AgencyFilter {
  q?: string;
  level?: AgencyLevel;
  parentId?: string;
  page: number;
  pageSize: number;
}

const levelRank = sql`array_position(array['central','ministry','province','department','commune']::text[], ${agencies.level})`;

export const directoryRepository = {
  async findByAnyCode(db: Executor, code: string) {
    const rows = await db
      .select()
      .from(agencies)
      .where(or(eq(agencies.code, code), eq(agencies.legacyCode, code)));
    return rows[0] ?? null;
  },
  async all(db: Executor) {
    return db.select().from(agencies);
  },
  async findById(db: Executor, id: string) {
    const rows = await db.select().from(agencies).where(eq(agencies.id, id));
    return rows[0] ?? null;
  },
  async findByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db.select().from(agencies).where(inArray(agencies.id, ids));
  },
  async children(db: Executor, parentId: string) {
    return db.select().from(agencies).where(eq(agencies.parentId, parentId)).orderBy(levelRank, asc(agencies.name));
  },
  /** Accent-insensitive search over names and both codes. */
  async search(db: Executor, f: AgencyFilter) {
    const folded = f.q ? `%${likeEscape(f.q)}%` : null;
    const where = and(
      eq(agencies.active, true),
      f.level ? eq(agencies.level, f.level) : undefined,
      f.parentId ? eq(agencies.parentId, f.parentId) : undefined,
      folded
        ? sql`(vn_fold(${agencies.name}) like vn_fold(${folded})
            or vn_fold(coalesce(${agencies.shortName}, '')) like vn_fold(${folded})
            or vn_fold(coalesce(${agencies.nameEn}, '')) like vn_fold(${folded})
            or ${agencies.code} ilike ${folded} or ${agencies.legacyCode} ilike ${folded})`
        : undefined,
    );
    const items = await db
      .select()
      .from(agencies)
      .where(where)
      .orderBy(levelRank, asc(agencies.name))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(agencies)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
  /** True when `candidateId` is `ancestorId` or below it. */
  async isWithin(db: Executor, ancestorId: string, candidateId: string): Promise<boolean> {
    const rows = (await db.execute(sql`
      with recursive up(id, parent_id) as (
        select id, parent_id from directory.agencies where id = ${candidateId}
        union all
        select a.id, a.parent_id from directory.agencies a join up on a.id = up.parent_id
      )
      select exists(select 1 from up where id = ${ancestorId}) as found`)) as unknown as { rows: { found: boolean }[] };
    return Boolean(rows.rows[0]?.found);
  },
  async subtreeCodes(db: Executor, rootId: string): Promise<string[]> {
    const r = (await db.execute(sql`
      with recursive down(id, code) as (
        select id, code from directory.agencies where id = ${rootId}
        union all
        select a.id, a.code from directory.agencies a join down on a.parent_id = down.id
      )
      select code from down`)) as unknown as { rows: { code: string }[] };
    return r.rows.map((x) => x.code);
  },
  async insert(db: Executor, row: typeof agencies.$inferInsert) {
    return one(await db.insert(agencies).values(row).returning(), 'agency');
  },
  async update(db: Executor, id: string, patch: Partial<typeof agencies.$inferInsert>) {
    return one(await db.update(agencies).set(patch).where(eq(agencies.id, id)).returning(), 'agency');
  },
  async count(db: Executor) {
    return one(await db.select({ n: sql<number>`count(*)::int` }).from(agencies), 'count').n;
  },
};
