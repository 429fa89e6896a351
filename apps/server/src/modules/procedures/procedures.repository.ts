import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import { one } from '../../platform/db/rows.js';
import { procedures, procedureVersions } from './db/schema.js';

export type ProcedureRow = typeof procedures.$inferSelect;
export type VersionRow = typeof procedureVersions.$inferSelect;

export interface ProcedureFilter {
  q?: string;
  field?: string;
  agency?: string;
  mode?: 'full' | 'partial' | 'none';
  page: number;
  pageSize: number;
}

export const proceduresRepository = {
  /** Published procedures per implementing agency, and how many are fully online. */
  async onlineModeCounts(db: Executor) {
    const r = (await db.execute(sql`
      select a.code as agency_code, count(*)::int as procedures,
        count(*) filter (where v.online_mode = 'full')::int as full_online
      from procedures.procedure_versions v, unnest(v.agencies) as a(code)
      where v.status = 'published' group by a.code`)) as unknown as {
      rows: { agency_code: string; procedures: number; full_online: number }[];
    };
    return r.rows.map((x) => ({
      agencyCode: x.agency_code,
      procedures: Number(x.procedures),
      fullOnline: Number(x.full_online),
    }));
  },
  async byCode(db: Executor, code: string) {
    return (await db.select().from(procedures).where(eq(procedures.code, code)))[0] ?? null;
  },
  /** The published version of a procedure, in one query (null when missing or unpublished). */
  async publishedByCode(db: Executor, code: string) {
    const rows = await db
      .select({ v: procedureVersions })
      .from(procedures)
      .innerJoin(
        procedureVersions,
        and(
          eq(procedureVersions.procedureId, procedures.id),
          eq(procedureVersions.version, procedures.publishedVersion),
        ),
      )
      .where(eq(procedures.code, code));
    return rows[0]?.v ?? null;
  },
  async version(db: Executor, procedureId: string, version: number) {
    return (
      (
        await db
          .select()
          .from(procedureVersions)
          .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.version, version)))
      )[0] ?? null
    );
  },
  async versions(db: Executor, procedureId: string) {
    return db
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, procedureId))
      .orderBy(desc(procedureVersions.version));
  },
  async insertProcedure(db: Executor, row: typeof procedures.$inferInsert) {
    return one(await db.insert(procedures).values(row).returning(), 'procedure');
  },
  async updateProcedure(db: Executor, id: string, patch: Partial<typeof procedures.$inferInsert>) {
    return one(await db.update(procedures).set(patch).where(eq(procedures.id, id)).returning(), 'procedure');
  },
  async lockProcedure(db: Executor, id: string) {
    return one(await db.select().from(procedures).where(eq(procedures.id, id)).for('update'), 'procedure');
  },
  async insertVersion(db: Executor, row: typeof procedureVersions.$inferInsert) {
    return one(await db.insert(procedureVersions).values(row).returning(), 'procedure version');
  },
  async updateVersion(db: Executor, id: string, patch: Partial<typeof procedureVersions.$inferInsert>) {
    return one(
      await db.update(procedureVersions).set(patch).where(eq(procedureVersions.id, id)).returning(),
      'procedure version',
    );
  },
  /** Published versions only, accent-insensitive over name, code and field. */
  async search(db: Executor, f: ProcedureFilter) {
    const like = f.q ? `%${likeEscape(f.q)}%` : null;
    const where = and(
      eq(procedureVersions.status, 'published'),
      f.field ? sql`vn_fold(${procedureVersions.field}) = vn_fold(${f.field})` : undefined,
      f.agency ? sql`${f.agency} = any(${procedureVersions.agencies})` : undefined,
      f.mode ? eq(procedureVersions.onlineMode, f.mode) : undefined,
      like
        ? sql`(vn_fold(${procedureVersions.name}) like vn_fold(${like}) or ${procedureVersions.code} like ${like} or vn_fold(${procedureVersions.field}) like vn_fold(${like}))`
        : undefined,
    );
    const items = await db
      .select()
      .from(procedureVersions)
      .where(where)
      .orderBy(asc(procedureVersions.name))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(procedureVersions)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
  async fields(db: Executor) {
    return db
      .select({ field: procedureVersions.field, n: sql<number>`count(*)::int` })
      .from(procedureVersions)
      .where(eq(procedureVersions.status, 'published'))
      .groupBy(procedureVersions.field)
      .orderBy(asc(procedureVersions.field));
  },
};
