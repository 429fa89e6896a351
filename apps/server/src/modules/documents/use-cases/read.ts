import { fileRepository } from '../../../platform/files/index.js';
import type { Principal } from '../../../platform/http/auth.js';
import { type ValidationReport, validationReportJson } from '../../signatures/index.js';
import type { DocumentsContext } from '../documents.context.js';
import { allowedActions, type DocActor } from '../documents.policy.js';
import { type DocumentRow, documentsRepository as repo, type RecipientRow } from '../documents.repository.js';
import { formatCode, PRIORITY, vnDate } from '../numbering.js';
import { stateOf } from './act.js';
import { requireDocumentStaff, scopeCodes, visibleDocument } from './common.js';

/** Urgent, and late: not registered the same working day, or past the handling deadline. */
export function flags(d: DocumentRow, now: Date) {
  const registerLate = d.status === 'arrived' && !!d.registerDueAt && d.registerDueAt < now;
  const handlingLate =
    ['assigned', 'in_progress', 'registered'].includes(d.status) &&
    !!d.handlingDueDate &&
    d.handlingDueDate < vnDate(now);
  return { urgent: d.urgency !== 'normal', overdue: registerLate || handlingLate };
}

const code = (d: DocumentRow) => (d.codeNumber && d.codeNotation ? formatCode(d.codeNumber, d.codeNotation) : null);

/** Decree 30/2020 Phụ lục VI metadata, with its field names (they match edXML). */
export function metadataOf(d: DocumentRow, recipients: RecipientRow[]) {
  return {
    TypeName: d.typeName,
    CodeNumber: d.codeNumber,
    CodeNotation: d.codeNotation,
    IssuedDate: d.issuedDate,
    OrganName: d.direction === 'outgoing' ? d.issuerName : d.senderName,
    Subject: d.subject,
    Language: 'vi',
    PageAmount: d.pageCount,
    SignerInfo: { Position: d.signerPosition, FullName: d.signerName },
    To: recipients.map((r) => ({ OrganId: r.organId, OrganName: r.organName })),
    Priority: PRIORITY[d.urgency],
    IssuedAmount: d.direction === 'outgoing' ? recipients.length : null,
    DueDate: d.direction === 'incoming' ? (d.handlingDueDate ?? d.dueDate) : d.dueDate,
    ArrivalDate: d.arrivedAt ? vnDate(d.arrivedAt) : null,
    ArrivalNumber: d.arrivalNumber,
    ToPlaces: [d.leadUnit, ...(d.supportingUnits ?? [])].filter(Boolean).join('; ') || null,
  };
}

export function listItem(d: DocumentRow, now: Date) {
  return {
    id: d.id,
    direction: d.direction,
    agencyCode: d.agencyCode,
    status: d.status,
    typeCode: d.typeCode,
    typeName: d.typeName,
    subject: d.subject,
    code: code(d),
    urgency: d.urgency,
    secrecy: d.secrecy,
    dueDate: d.dueDate,
    issuedDate: d.issuedDate,
    senderName: d.senderName,
    arrivalNumber: d.arrivalNumber,
    arrivedAt: d.arrivedAt,
    handlerName: d.handlerName,
    handlingDueDate: d.handlingDueDate,
    createdByName: d.createdByName,
    updatedAt: d.updatedAt,
    ...flags(d, now),
  };
}

const REPORT_TTL_MS = 5 * 60_000;

/**
 * The validation report of the document's current file when it is a PDF (drafts, the leader's
 * signed version, the issued one, an arrival, a paper scan): signers, times, indication. Kept a few
 * minutes per file hash: revocation and expiry are checked again after that.
 */
export async function currentFileReport(ctx: DocumentsContext, d: DocumentRow): Promise<ValidationReport | null> {
  const f = d.fileId ? await fileRepository.byId(ctx.db, d.fileId) : null;
  if (!f || f.mediaType !== 'application/pdf') return null;
  const now = ctx.clock.now().getTime();
  const hit = ctx.reports.get(f.sha256);
  if (hit && now - hit.at < REPORT_TTL_MS && now >= hit.at) return hit.report;
  const report = await ctx.signing.validate(new Uint8Array(await ctx.files.read(f.sha256)));
  if (ctx.reports.size >= 500) ctx.reports.delete(ctx.reports.keys().next().value!);
  ctx.reports.set(f.sha256, { at: now, report });
  return report;
}

/** One document with everything its page shows, and the actions open to the caller. */
export async function getDocument(ctx: DocumentsContext, p: Principal, id: string) {
  const { d, who } = await visibleDocument(ctx, p, id);
  return documentView(ctx, d, who);
}

export async function documentView(ctx: DocumentsContext, d: DocumentRow, who: DocActor) {
  const [versions, comments, history, recipients, statuses, entries] = await Promise.all([
    repo.versions(ctx.db, d.id),
    repo.comments(ctx.db, d.id),
    repo.history(ctx.db, d.id),
    repo.recipients(ctx.db, d.id),
    repo.statuses(ctx.db, d.id),
    repo.registerEntries(ctx.db, d.id),
  ]);
  const record = d.recordId ? await repo.recordById(ctx.db, d.recordId) : null;
  const report = await currentFileReport(ctx, d);
  return {
    ...listItem(d, ctx.clock.now()),
    issuedAt: d.issuedAt,
    issuerName: d.issuerName,
    codeNumber: d.codeNumber,
    codeNotation: d.codeNotation,
    series: d.series,
    pageCount: d.pageCount,
    draftingUnit: d.draftingUnit,
    fileId: d.fileId,
    signer: d.signerName
      ? {
          id: d.signerId,
          name: d.signerName,
          position: d.signerPosition,
          competence: d.signerCompetence,
          signedAt: d.signedAt,
        }
      : null,
    createdBy: d.createdBy,
    source: d.source,
    senderCode: d.senderCode,
    externalId: d.externalId,
    registerDueAt: d.registerDueAt,
    registeredAt: d.registeredAt,
    leadUnit: d.leadUnit,
    handlerId: d.handlerId,
    supportingUnits: d.supportingUnits ?? [],
    completedAt: d.completedAt,
    pendingChange: d.pendingChange ?? null,
    supersedesId: d.supersedesId,
    // `report`: the current PDF's signatures; `packageReport`: the exchange package's seal (arrivals through the exchange).
    signatures: {
      digital: (report?.signatures.length ?? 0) > 0,
      report: report && validationReportJson(report),
      packageReport: d.signatureReport ? validationReportJson(d.signatureReport) : null,
    },
    metadata: metadataOf(d, recipients),
    versions: versions.map((v) => ({
      version: v.version,
      fileId: v.fileId,
      name: v.name,
      mediaType: v.mediaType,
      sha256: v.sha256,
      kind: v.kind,
      createdByName: v.createdByName,
      note: v.note,
      createdAt: v.createdAt,
    })),
    comments: comments.map((c) => ({ authorName: c.authorName, body: c.body, at: c.at })),
    history: history.map((h) => ({
      action: h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actorName: h.actorName,
      note: h.note,
      at: h.at,
    })),
    recipients: recipients.map((r) => ({
      agencyCode: r.agencyCode,
      organId: r.organId,
      organName: r.organName,
      state: r.state,
      statusCode: r.statusCode,
      description: r.description,
      updatedAt: r.updatedAt,
    })),
    exchangeStatuses: statuses.map((s) => ({
      agencyCode: s.agencyCode,
      direction: s.direction,
      statusCode: s.statusCode,
      description: s.description,
      at: s.at,
    })),
    registerEntries: entries.map((e) => ({ book: e.book, series: e.series, year: e.year, number: e.number, at: e.at })),
    record: record ? { id: record.id, code: record.code, title: record.title } : null,
    allowedActions: allowedActions(stateOf(d, recipients.length), who),
  };
}

export interface ListQuery {
  box: 'outgoing' | 'incoming' | 'drafts' | 'tasks';
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** The boxes of the clerk's day: drafts, my tasks, outgoing and incoming of my agency (and its units). */
export async function listDocuments(ctx: DocumentsContext, principal: Principal, q: ListQuery) {
  const p = requireDocumentStaff(principal);
  const agencyCodes = await scopeCodes(ctx, p.agencyCode);
  const base = { agencyCodes, q: q.q, page: q.page, pageSize: q.pageSize, statuses: q.status ? [q.status] : undefined };
  const filter =
    q.box === 'drafts'
      ? {
          ...base,
          direction: 'outgoing' as const,
          createdBy: p.userId,
          statuses: base.statuses ?? ['draft', 'returned'],
        }
      : q.box === 'tasks'
        ? { ...base, tasksFor: { userId: p.userId, roles: p.roles, units: [p.agencyCode] } }
        : { ...base, direction: q.box };
  const r = await repo.list(ctx.db, filter);
  const now = ctx.clock.now();
  return { items: r.items.map((d) => listItem(d, now)), total: r.total };
}
