import type { Db, Executor } from '../../platform/db/index.js';
import { AdminUnits } from './admin-units.js';
import type { ActorContext, Principal } from '../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { recordAudit } from '../audit/index.js';
import { deriveLegacyCode, isLegacyCode, isQd20Code, normaliseAgencyCode } from './agency-code.js';
import {
  type AgencyFilter,
  type AgencyLevel,
  type AgencyRow,
  directoryRepository as repo,
} from './directory.repository.js';

export interface AgencyInput {
  code: string;
  legacyCode?: string | null;
  name: string;
  nameEn?: string | null;
  shortName?: string | null;
  level: AgencyLevel;
  parentCode?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
}

export type AgencyPatch = Partial<Omit<AgencyInput, 'code' | 'parentCode'>>;

export interface AgencyView extends Omit<AgencyRow, 'parentId' | 'createdAt' | 'updatedAt' | 'active'> {
  parentCode: string | null;
}

const nfc = (s: string | null | undefined) => (s == null ? s : s.normalize('NFC').trim());

interface TreeSnapshot {
  loadedAt: number;
  byCode: Map<string, AgencyRow>;
  byId: Map<string, AgencyRow>;
  children: Map<string, AgencyRow[]>;
}

/** How long another process's directory change may take to be seen here. */
const TREE_TTL_MS = 30_000;

/** The agency directory (danh mục cơ quan): tree of agencies with their electronic identifier codes. */
export class DirectoryService {
  private snapshot: TreeSnapshot | null = null;
  private loading: Promise<TreeSnapshot> | null = null;

  /** The 2025 administrative units (34 provinces, 3,321 communes) for address pick-lists and checks. */
  readonly adminUnits = new AdminUnits();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * The whole tree in memory (a national directory is tens of thousands of rows at most): the
   * lookups every request makes (agency scope, "is this unit under mine") cost no query.
   * Reloaded after a change in this process and at least every 30 s.
   */
  private async tree(): Promise<TreeSnapshot> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt < TREE_TTL_MS) return this.snapshot;
    this.loading ??= repo
      .all(this.db)
      .then((rows) => {
        const byCode = new Map<string, AgencyRow>();
        const byId = new Map<string, AgencyRow>();
        const children = new Map<string, AgencyRow[]>();
        for (const r of rows) {
          byCode.set(r.code, r);
          if (r.legacyCode) byCode.set(r.legacyCode, r);
          byId.set(r.id, r);
          if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
        }
        this.snapshot = { loadedAt: Date.now(), byCode, byId, children };
        return this.snapshot;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private invalidate() {
    this.snapshot = null;
  }

  async search(f: AgencyFilter & { parentCode?: string }) {
    let parentId: string | undefined;
    if (f.parentCode) {
      const parent = await repo.findByAnyCode(this.db, normaliseAgencyCode(f.parentCode));
      if (!parent) return { items: [], total: 0 };
      parentId = parent.id;
    }
    const { items, total } = await repo.search(this.db, { ...f, q: f.q?.normalize('NFC'), parentId });
    return { items: await this.views(items), total };
  }

  /** By either code form (`G22` or `000.00.00.G22`). */
  async get(code: string) {
    const a = await repo.findByAnyCode(this.db, normaliseAgencyCode(code));
    if (!a) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency with code ${code}.`, { code });
    const [view] = await this.views([a]);
    const parent = a.parentId ? await repo.findById(this.db, a.parentId) : null;
    const children = await repo.children(this.db, a.id);
    return {
      ...view!,
      parent: parent ? { code: parent.code, name: parent.name } : null,
      children: children.map((c) => ({ code: c.code, name: c.name, level: c.level })),
    };
  }

  /** The agency or null (either code form); used by other modules through the facade. */
  async find(code: string): Promise<AgencyRow | null> {
    return (await this.tree()).byCode.get(normaliseAgencyCode(code)) ?? null;
  }

  /**
   * The agency, then its parent, and so on up to the top of the tree (empty for an unknown code).
   * With `exec` (a caller's transaction) it reads the rows through it rather than the shared cache,
   * which may reload through the pool: on PGlite that would wait for the transaction forever.
   */
  async lineage(code: string, exec?: Executor): Promise<AgencyRow[]> {
    if (exec) {
      const out: AgencyRow[] = [];
      let a: AgencyRow | null = await repo.findByAnyCode(exec, normaliseAgencyCode(code));
      while (a && out.length < 64) {
        out.push(a);
        a = a.parentId ? await repo.findById(exec, a.parentId) : null;
      }
      return out;
    }
    const t = await this.tree();
    const out: AgencyRow[] = [];
    for (
      let a = t.byCode.get(normaliseAgencyCode(code));
      a && out.length < 64;
      a = a.parentId ? t.byId.get(a.parentId) : undefined
    )
      out.push(a);
    return out;
  }

  /** The agency's code and the codes of every unit below it (for "my agency's dossiers"). */
  async subtreeCodes(code: string): Promise<string[]> {
    const t = await this.tree();
    const root = t.byCode.get(normaliseAgencyCode(code));
    if (!root) return [];
    const out: string[] = [];
    const stack = [root];
    while (stack.length) {
      const a = stack.pop()!;
      out.push(a.code);
      stack.push(...(t.children.get(a.id) ?? []));
    }
    return out;
  }

  /** True when `code` is `ancestorCode` or a unit below it. */
  async isWithin(ancestorCode: string, code: string): Promise<boolean> {
    const t = await this.tree();
    const a = t.byCode.get(normaliseAgencyCode(ancestorCode));
    let b = t.byCode.get(normaliseAgencyCode(code));
    for (let depth = 0; a && b && depth < 64; depth++) {
      if (b.id === a.id) return true;
      b = b.parentId ? t.byId.get(b.parentId) : undefined;
    }
    return false;
  }

  async create(ctx: ActorContext, input: AgencyInput): Promise<AgencyView> {
    const code = normaliseAgencyCode(input.code);
    if (!isQd20Code(code))
      throw ValidationError.field('code', 'INVALID_AGENCY_CODE', 'Not a Decision 20/2020 agency code.');
    const legacyCode = input.legacyCode ? normaliseAgencyCode(input.legacyCode) : deriveLegacyCode(code);
    if (legacyCode && !isLegacyCode(legacyCode)) {
      throw ValidationError.field('legacyCode', 'INVALID_LEGACY_AGENCY_CODE', 'Not a QCVN 102:2016 agency code.');
    }
    return this.db
      .transaction(async (tx) => {
        if (await repo.findByAnyCode(tx, code))
          throw new ConflictError('AGENCY_CODE_TAKEN', `Code ${code} is taken.`, { code });
        if (legacyCode && (await repo.findByAnyCode(tx, legacyCode))) {
          throw new ConflictError('AGENCY_CODE_TAKEN', `Code ${legacyCode} is taken.`, { code: legacyCode });
        }
        let parentId: string | null = null;
        if (input.parentCode) {
          const parent = await repo.findByAnyCode(tx, normaliseAgencyCode(input.parentCode));
          if (!parent) throw ValidationError.field('parentCode', 'AGENCY_NOT_FOUND', 'Unknown parent agency.');
          parentId = parent.id;
        }
        const row = await repo.insert(tx, {
          id: newId('agy'),
          code,
          legacyCode,
          name: nfc(input.name)!,
          nameEn: nfc(input.nameEn) ?? null,
          shortName: nfc(input.shortName) ?? null,
          level: input.level,
          parentId,
          address: nfc(input.address) ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          website: input.website ?? null,
        });
        await recordAudit(
          tx,
          ctx,
          { action: 'agency.created', subjectType: 'agency', subjectId: code, after: summary(row) },
          this.clock.now(),
        );
        return { ...toView(row), parentCode: input.parentCode ? normaliseAgencyCode(input.parentCode) : null };
      })
      .finally(() => this.invalidate());
  }

  async update(ctx: ActorContext, actor: Principal, code: string, patch: AgencyPatch) {
    const a = await this.require(code);
    await this.assertMayEdit(actor, a);
    if (patch.legacyCode && !isLegacyCode(normaliseAgencyCode(patch.legacyCode))) {
      throw ValidationError.field('legacyCode', 'INVALID_LEGACY_AGENCY_CODE', 'Not a QCVN 102:2016 agency code.');
    }
    if (patch.level && !actor.roles.includes('admin'))
      throw new ForbiddenError('FORBIDDEN_ROLE', 'Only admins change the level.');
    const clean = Object.fromEntries(
      Object.entries(patch)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === 'string' ? (k === 'legacyCode' ? normaliseAgencyCode(v) : nfc(v)) : v]),
    );
    return this.db
      .transaction(async (tx) => {
        const row = await repo.update(tx, a.id, { ...clean, updatedAt: this.clock.now() });
        await recordAudit(
          tx,
          ctx,
          {
            action: 'agency.updated',
            subjectType: 'agency',
            subjectId: a.code,
            before: pick(summary(a), Object.keys(clean)),
            after: pick(summary(row), Object.keys(clean)),
          },
          this.clock.now(),
        );
        const [view] = await this.views([row], tx);
        return view;
      })
      .finally(() => this.invalidate());
  }

  /** Re-parent an agency (mergers, reorganisations); refuses cycles. */
  async move(ctx: ActorContext, code: string, parentCode: string | null) {
    const a = await this.require(code);
    return this.db
      .transaction(async (tx) => {
        let parent: AgencyRow | null = null;
        if (parentCode) {
          parent = await repo.findByAnyCode(tx, normaliseAgencyCode(parentCode));
          if (!parent) throw ValidationError.field('parentCode', 'AGENCY_NOT_FOUND', 'Unknown parent agency.');
          if (await repo.isWithin(tx, a.id, parent.id)) {
            throw new ConflictError('AGENCY_MOVE_CYCLE', 'An agency cannot move under itself or its own units.');
          }
        }
        const oldParent = a.parentId ? await repo.findById(tx, a.parentId) : null;
        const row = await repo.update(tx, a.id, { parentId: parent?.id ?? null, updatedAt: this.clock.now() });
        await recordAudit(
          tx,
          ctx,
          {
            action: 'agency.moved',
            subjectType: 'agency',
            subjectId: a.code,
            before: { parentCode: oldParent?.code ?? null },
            after: { parentCode: parent?.code ?? null },
          },
          this.clock.now(),
        );
        return { ...toView(row), parentCode: parent?.code ?? null };
      })
      .finally(() => this.invalidate());
  }

  private async require(code: string) {
    const a = await this.find(code);
    if (!a) throw new NotFoundError('AGENCY_NOT_FOUND', `No agency with code ${code}.`, { code });
    return a;
  }

  /** Admins edit any agency; an agency admin edits their own agency and the units below it. */
  private async assertMayEdit(actor: Principal, a: AgencyRow) {
    if (actor.roles.includes('admin')) return;
    if (actor.roles.includes('agency_admin') && actor.agencyCode && (await this.isWithin(actor.agencyCode, a.code)))
      return;
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may only edit your own agency.');
  }

  private async views(
    rows: AgencyRow[],
    db: Db | Parameters<typeof repo.findByIds>[0] = this.db,
  ): Promise<AgencyView[]> {
    const parentIds = [...new Set(rows.map((r) => r.parentId).filter((x): x is string => !!x))];
    const parents = new Map((await repo.findByIds(db, parentIds)).map((p) => [p.id, p.code]));
    return rows.map((r) => ({ ...toView(r), parentCode: r.parentId ? (parents.get(r.parentId) ?? null) : null }));
  }
}

function toView(r: AgencyRow): Omit<AgencyView, 'parentCode'> {
  const { parentId: _p, createdAt: _c, updatedAt: _u, active: _a, ...rest } = r;
  return rest;
}

function summary(r: AgencyRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

function pick(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
