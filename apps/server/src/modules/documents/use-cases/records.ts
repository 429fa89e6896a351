import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { isUniqueViolation } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo, type RecordRow } from '../documents.repository.js';
import { formatCode, formatRecordCode, vnYear } from '../numbering.js';
import { organOf, requireDocumentStaff, visibleDocument } from './common.js';

export interface RecordInput {
  fileNotation: string;
  title: string;
  year?: number;
  maintenance: string;
  rights?: string;
  language?: string;
  description?: string;
}

/** A record (hồ sơ) of the caller's agency, coded `{OrganId}.{year}.{FileNotation}`. */
export async function createRecord(
  ctx: DocumentsContext,
  actor: ActorContext,
  principal: Principal,
  input: RecordInput,
) {
  const p = requireDocumentStaff(principal);
  const organ = (await organOf(ctx, p.agencyCode))!;
  const year = input.year ?? vnYear(ctx.clock.now());
  const code = formatRecordCode(organ.organId, year, input.fileNotation);
  try {
    return await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const r = await repo.insertRecord(tx, {
        id: newId('rec'),
        agencyCode: organ.agencyCode,
        code,
        year,
        fileNotation: input.fileNotation,
        title: input.title.normalize('NFC').trim(),
        maintenance: input.maintenance.normalize('NFC').trim(),
        rights: input.rights?.normalize('NFC').trim() || 'Hạn chế',
        creator: p.fullName,
        language: input.language ?? 'Tiếng Việt',
        description: input.description?.normalize('NFC').trim() || null,
        createdBy: p.userId,
        createdAt: now,
      });
      await recordAudit(
        tx,
        actor,
        { action: 'record.created', subjectType: 'record', subjectId: r.id, after: { code } },
        now,
      );
      return { id: r.id, code };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError('RECORD_CODE_TAKEN', `Record ${code} exists.`, { code });
    throw e;
  }
}

async function visibleRecord(
  ctx: DocumentsContext,
  p: Principal & { agencyCode: string },
  id: string,
): Promise<RecordRow> {
  const r = await repo.recordById(ctx.db, id);
  if (!r || !(await ctx.directory.isWithin(p.agencyCode, r.agencyCode)))
    throw new NotFoundError('RECORD_NOT_FOUND', 'No such record.');
  return r;
}

export async function listRecords(ctx: DocumentsContext, principal: Principal, year?: number) {
  const p = requireDocumentStaff(principal);
  const rows = await repo.records(ctx.db, await ctx.directory.subtreeCodes(p.agencyCode), year);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      year: r.year,
      maintenance: r.maintenance,
      creator: r.creator,
      agencyCode: r.agencyCode,
    })),
  };
}

/** Phụ lục VI hồ sơ metadata and the table of its documents (mục lục văn bản). */
export async function getRecord(ctx: DocumentsContext, principal: Principal, id: string) {
  const p = requireDocumentStaff(principal);
  const r = await visibleRecord(ctx, p, id);
  const items = await repo.recordItems(ctx.db, r.id);
  const dates = items.map((i) => i.doc.issuedDate ?? i.doc.createdAt.toISOString().slice(0, 10)).sort();
  return {
    id: r.id,
    code: r.code,
    fileCode: {
      organId: r.code.slice(0, r.code.length - `.${r.year}.${r.fileNotation}`.length),
      fileCatalog: r.year,
      fileNotation: r.fileNotation,
    },
    title: r.title,
    maintenance: r.maintenance,
    rights: r.rights,
    creator: r.creator,
    language: r.language,
    description: r.description,
    startDate: dates[0] ?? null,
    endDate: dates.at(-1) ?? null,
    docTotal: items.length,
    pageTotal: items.reduce((n, i) => n + (i.doc.pageCount ?? 0), 0),
    documents: items.map((i) => ({
      ordinal: i.item.ordinal,
      id: i.doc.id,
      code: i.doc.codeNumber && i.doc.codeNotation ? formatCode(i.doc.codeNumber, i.doc.codeNotation) : null,
      typeName: i.doc.typeName,
      subject: i.doc.subject,
      issuedDate: i.doc.issuedDate,
      pageCount: i.doc.pageCount,
    })),
  };
}

export async function addToRecord(
  ctx: DocumentsContext,
  actor: ActorContext,
  principal: Principal,
  recordId: string,
  documentId: string,
) {
  const p = requireDocumentStaff(principal);
  const r = await visibleRecord(ctx, p, recordId);
  const { d } = await visibleDocument(ctx, p, documentId);
  if (
    !(await ctx.directory.isWithin(r.agencyCode, d.agencyCode)) &&
    !(await ctx.directory.isWithin(d.agencyCode, r.agencyCode))
  ) {
    throw ValidationError.field('documentId', 'DOCUMENT_OTHER_AGENCY', 'The document belongs to another agency.');
  }
  await ctx.db.transaction(async (tx) => {
    const locked = (await repo.lockById(tx, d.id))!;
    if (locked.recordId === r.id) return;
    if (locked.recordId)
      throw new ConflictError('DOCUMENT_ALREADY_IN_RECORD', 'The document is already in another record.', {
        recordId: locked.recordId,
      });
    const now = ctx.clock.now();
    await repo.addRecordItem(tx, r.id, d.id, now);
    await repo.update(tx, d.id, { recordId: r.id, updatedAt: now });
    await recordAudit(
      tx,
      actor,
      { action: 'record.document_added', subjectType: 'record', subjectId: r.id, after: { documentId: d.id } },
      now,
    );
  });
  return getRecord(ctx, p, r.id);
}
