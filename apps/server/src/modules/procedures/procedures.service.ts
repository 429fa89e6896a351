import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import type { ActorContext, Principal } from '../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { recordAudit } from '../audit/index.js';
import type { DirectoryService } from '../directory/index.js';
import { compileFormSchema } from './form-schema.js';
import {
  type ProcedureFilter,
  type ProcedureRow,
  proceduresRepository as repo,
  type VersionRow,
} from './procedures.repository.js';
import type { ProcedureContent } from './procedure.types.js';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from './workflow.js';

export interface ProcedureView extends ProcedureContent {
  code: string;
  version: number;
  status: VersionRow['status'];
  publishedAt: Date | null;
  workflow: WorkflowDefinition;
  approvalStepUp: NonNullable<ProcedureContent['approvalStepUp']>;
}

/** How long `forSubmission` keeps an answer (published versions are immutable). */
const SUBMISSION_CACHE_MS = 5_000;

const feeTotal = (c: ProcedureContent) => c.fees.reduce((s, f) => s + f.amount, 0);

export function toView(v: VersionRow): ProcedureView {
  return {
    ...v.content,
    workflow: v.content.workflow ?? DEFAULT_WORKFLOW,
    // Versions saved before the setting existed ask for no step-up.
    approvalStepUp: v.content.approvalStepUp ?? 'none',
    code: v.code,
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt,
  };
}

/** The procedure catalogue (CSDL TTHC): versioned procedures with forms and workflows. */
export class ProceduresService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  /**
   * Published procedures per implementing agency and how many are offered fully online (toàn
   * trình), for the reporting module's Resolution 17 and Decision 766 indicators.
   */
  async onlineModeCounts(): Promise<{ agencyCode: string; procedures: number; fullOnline: number }[]> {
    return repo.onlineModeCounts(this.db);
  }

  async search(f: ProcedureFilter) {
    const { items, total } = await repo.search(this.db, { ...f, q: f.q?.normalize('NFC') });
    return {
      items: items.map((v) => ({
        code: v.code,
        version: v.version,
        name: v.name,
        field: v.field,
        onlineMode: v.onlineMode,
        agencies: v.agencies,
        processingDays: v.content.processingDays,
        feeTotal: feeTotal(v.content),
        publishedAt: v.publishedAt,
      })),
      total,
    };
  }

  fields() {
    return repo.fields(this.db);
  }

  /** The published version (or a given published/superseded version); drafts are not public. */
  async getPublished(code: string, version?: number): Promise<ProcedureView> {
    const p = await repo.byCode(this.db, code);
    const v = p && (version ?? p.publishedVersion);
    const row = p && v ? await repo.version(this.db, p.id, v) : null;
    if (!row || row.status === 'draft')
      throw new NotFoundError('PROCEDURE_NOT_FOUND', `No published procedure ${code}.`, { code });
    return toView(row);
  }

  /** For submission: the published version, or why not (never published → 'unpublished'). */
  async forSubmission(code: string): Promise<ProcedureView | 'unpublished' | null> {
    // A published version never changes, so the answer is kept a few seconds (every submission
    // asks); publishing here forgets it at once, another process's publish is seen within the TTL.
    const hit = this.submissionCache.get(code);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await this.loadForSubmission(code);
    if (this.submissionCache.size > 5000) this.submissionCache.clear();
    this.submissionCache.set(code, { value, until: Date.now() + SUBMISSION_CACHE_MS });
    return value;
  }

  private readonly submissionCache = new Map<string, { value: ProcedureView | 'unpublished' | null; until: number }>();

  private async loadForSubmission(code: string): Promise<ProcedureView | 'unpublished' | null> {
    const published = await repo.publishedByCode(this.db, code);
    if (published) return toView(published);
    const p = await repo.byCode(this.db, code);
    if (!p) return null;
    if (!p.publishedVersion) return 'unpublished';
    return toView((await repo.version(this.db, p.id, p.publishedVersion))!);
  }

  /** A given version, whatever its status (a dossier keeps the version it was filed under). */
  async version(code: string, version: number): Promise<ProcedureView | null> {
    const p = await repo.byCode(this.db, code);
    const row = p ? await repo.version(this.db, p.id, version) : null;
    return row ? toView(row) : null;
  }

  /** For editors: the draft if there is one, else the published version. */
  async getForEdit(actor: Principal, code: string): Promise<ProcedureView> {
    const p = await this.require(code);
    const row = await repo.version(this.db, p.id, (p.draftVersion ?? p.publishedVersion)!);
    await this.assertMayManage(actor, p, row!.content);
    return toView(row!);
  }

  async versions(actor: Principal, code: string) {
    const p = await this.require(code);
    const rows = await repo.versions(this.db, p.id);
    await this.assertMayManage(actor, p, rows[0]!.content);
    return rows.map((r) => ({
      version: r.version,
      status: r.status,
      name: r.name,
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
    }));
  }

  async create(ctx: ActorContext, actor: Principal, code: string, content: ProcedureContent): Promise<ProcedureView> {
    await this.validate(content);
    if (!actor.roles.includes('admin')) {
      if (!actor.agencyCode || !(await this.coversAny(actor.agencyCode, content.implementingAgencies))) {
        throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may only create procedures your agency implements.');
      }
    }
    this.submissionCache.delete(code);
    const now = this.clock.now();
    return this.db
      .transaction(async (tx) => {
        if (await repo.byCode(tx, code))
          throw new ConflictError('PROCEDURE_CODE_TAKEN', `Procedure ${code} exists.`, { code });
        const p = await repo.insertProcedure(tx, {
          id: newId('prc'),
          code,
          ownerAgencyCode: actor.agencyCode,
          draftVersion: 1,
          createdAt: now,
          updatedAt: now,
        });
        const v = await repo.insertVersion(tx, this.versionRow(p, 1, content, now));
        await recordAudit(
          tx,
          ctx,
          {
            action: 'procedure.created',
            subjectType: 'procedure',
            subjectId: code,
            after: { version: 1, name: content.name },
          },
          now,
        );
        return toView(v);
      })
      .catch((e) => {
        throw isUniqueViolation(e)
          ? new ConflictError('PROCEDURE_CODE_TAKEN', `Procedure ${code} exists.`, { code })
          : e;
      });
  }

  /** Edit the draft; editing a published procedure opens a new draft version. */
  async saveDraft(
    ctx: ActorContext,
    actor: Principal,
    code: string,
    content: ProcedureContent,
  ): Promise<ProcedureView> {
    await this.validate(content);
    const p0 = await this.require(code);
    const current = await repo.version(this.db, p0.id, (p0.draftVersion ?? p0.publishedVersion)!);
    await this.assertMayManage(actor, p0, current!.content);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const p = await repo.lockProcedure(tx, p0.id);
      let v: VersionRow;
      if (p.draftVersion) {
        const draft = (await repo.version(tx, p.id, p.draftVersion))!;
        v = await repo.updateVersion(tx, draft.id, {
          content,
          name: content.name,
          field: content.field,
          onlineMode: content.onlineMode,
          agencies: content.implementingAgencies,
          updatedAt: now,
        });
      } else {
        const next = Math.max(...(await repo.versions(tx, p.id)).map((r) => r.version)) + 1;
        v = await repo.insertVersion(tx, this.versionRow(p, next, content, now));
        await repo.updateProcedure(tx, p.id, { draftVersion: next, updatedAt: now });
      }
      await recordAudit(
        tx,
        ctx,
        { action: 'procedure.draft_saved', subjectType: 'procedure', subjectId: code, after: { version: v.version } },
        now,
      );
      return toView(v);
    });
  }

  /** Publish the draft: it becomes immutable; the previous published version is superseded. */
  async publish(ctx: ActorContext, actor: Principal, code: string): Promise<ProcedureView> {
    const p0 = await this.require(code);
    if (!p0.draftVersion) throw new ConflictError('NO_DRAFT', 'There is no draft to publish.');
    const draft0 = (await repo.version(this.db, p0.id, p0.draftVersion))!;
    await this.assertMayManage(actor, p0, draft0.content);
    const now = this.clock.now();
    const view = await this.db.transaction(async (tx) => {
      const p = await repo.lockProcedure(tx, p0.id);
      if (!p.draftVersion) throw new ConflictError('NO_DRAFT', 'There is no draft to publish.');
      if (p.publishedVersion) {
        const prev = (await repo.version(tx, p.id, p.publishedVersion))!;
        await repo.updateVersion(tx, prev.id, { status: 'superseded', updatedAt: now });
      }
      const draft = (await repo.version(tx, p.id, p.draftVersion))!;
      const v = await repo.updateVersion(tx, draft.id, {
        status: 'published',
        publishedAt: now,
        publishedBy: ctx.actorId,
        updatedAt: now,
      });
      await repo.updateProcedure(tx, p.id, { publishedVersion: v.version, draftVersion: null, updatedAt: now });
      await recordAudit(
        tx,
        ctx,
        { action: 'procedure.published', subjectType: 'procedure', subjectId: code, after: { version: v.version } },
        now,
      );
      return toView(v);
    });
    this.submissionCache.delete(code);
    return view;
  }

  private versionRow(p: ProcedureRow, version: number, c: ProcedureContent, now: Date) {
    return {
      id: newId('prv'),
      procedureId: p.id,
      code: p.code,
      version,
      status: 'draft' as const,
      name: c.name.normalize('NFC'),
      field: c.field.normalize('NFC'),
      onlineMode: c.onlineMode,
      agencies: c.implementingAgencies,
      content: c,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async validate(c: ProcedureContent) {
    try {
      compileFormSchema(c.formSchema);
    } catch (e) {
      throw ValidationError.field('formSchema', 'FORM_SCHEMA_INVALID', (e as Error).message);
    }
    const errors = [];
    for (const [i, code] of c.implementingAgencies.entries()) {
      if (!(await this.directory.find(code)))
        errors.push({
          path: `implementingAgencies.${i}`,
          code: 'AGENCY_NOT_FOUND',
          message: `Unknown agency ${code}.`,
        });
    }
    const ids = c.requiredDocuments.map((d) => d.id);
    if (new Set(ids).size !== ids.length)
      errors.push({
        path: 'requiredDocuments',
        code: 'DUPLICATE_DOCUMENT_ID',
        message: 'Document ids must be unique.',
      });
    if (errors.length) throw new ValidationError(errors);
  }

  private async coversAny(agencyCode: string, codes: string[]) {
    for (const c of codes) if (await this.directory.isWithin(agencyCode, c)) return true;
    return false;
  }

  private async assertMayManage(actor: Principal, p: ProcedureRow, c: ProcedureContent) {
    if (actor.roles.includes('admin')) return;
    if (
      actor.roles.includes('agency_admin') &&
      actor.agencyCode &&
      (p.ownerAgencyCode === actor.agencyCode || (await this.coversAny(actor.agencyCode, c.implementingAgencies)))
    )
      return;
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may only manage procedures of your agency.');
  }

  private async require(code: string) {
    const p = await repo.byCode(this.db, code);
    if (!p) throw new NotFoundError('PROCEDURE_NOT_FOUND', `No procedure ${code}.`, { code });
    return p;
  }
}
