import { fileRepository, type FileInfo } from '../../../platform/files/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { BusinessDocType } from '../../exchange/index.js';
import type { DocumentsContext, LeaderSigner } from '../documents.context.js';
import type { DocumentAction } from '../documents.policy.js';
import { type DocumentRow, documentsRepository as repo } from '../documents.repository.js';
import { pageCountOf } from '../page-count.js';
import { formatCode, formatCodeNumber, formatNotation, seriesOf, vnDate, vnYear } from '../numbering.js';
import { formatVnSigningTime } from '../../../platform/pdf/index.js';
import type { StampLayout } from '../db/schema.js';
import { layoutForUpload, leaderWidgets, sealWidgets } from './stamps.js';
import { documentType } from '../reference/document-types.js';
import type { ActionInput, Step, StepContext } from './act.js';
import { type Organ, organOf, ownFiles, requireExchange } from './common.js';
import { documentRef, edxmlDocumentId, outgoingMessage } from './exchange-message.js';

const note = (input: ActionInput, what = 'Give the reason.') => {
  const n = input.note?.trim();
  if (!n) throw ValidationError.field('note', 'REQUIRED', what);
  return n;
};

async function currentPdf(ctx: DocumentsContext, d: DocumentRow): Promise<Uint8Array> {
  const f = d.fileId ? await fileRepository.byId(ctx.db, d.fileId) : null;
  if (!f || f.mediaType !== 'application/pdf')
    throw new ConflictError(
      'DOCUMENT_NOT_PDF',
      'Convert the draft to PDF (1.4 or later) before it is signed and issued.',
    );
  return new Uint8Array(await ctx.files.read(f.sha256));
}

/** What issuing prepared before its transaction: the number it expects and the PDF sealed with it. */
interface IssuePrep {
  number: number;
  series: 'normal' | 'secret';
  year: number;
  at: Date;
  codeNumber: string;
  codeNotation: string;
  lines: string[];
  sealed: Uint8Array;
  sealedBy: string;
}

/**
 * The agency's seal over the leader's signature (an incremental update: both stay valid), its
 * appearance showing the number and notation and the time (Decree 30 Phụ lục I), with the number
 * the series will give next. The transaction takes that number or the issue is redone.
 */
async function prepareIssue(ctx: DocumentsContext, actor: ActorContext, d: DocumentRow): Promise<IssuePrep> {
  const settings = await repo.settings(ctx.db, d.agencyCode);
  if (!settings)
    throw new ConflictError('AGENCY_ABBREVIATION_MISSING', 'Set the agency abbreviation used in notations first.', {
      agencyCode: d.agencyCode,
    });
  const pdf = await currentPdf(ctx, d);
  const at = ctx.clock.now();
  const series = seriesOf(d.secrecy);
  const year = vnYear(at);
  const number = await repo.peekNumber(ctx.db, { agencyCode: d.agencyCode, book: 'outgoing', series, year });
  const codeNumber = formatCodeNumber(number);
  const codeNotation = formatNotation(
    documentType(d.typeCode)?.abbreviation ?? null,
    settings.abbreviation,
    d.draftingUnit,
  );
  const lines = [`Số: ${formatCode(codeNumber, codeNotation)}`, `Thời gian ký: ${formatVnSigningTime(at)}`];
  const code = formatCode(codeNumber, codeNotation);
  const sealed = await ctx.signing.seal({
    pdf,
    agencyCode: d.agencyCode,
    lines,
    reason: `Ban hành văn bản số ${code}`,
    actor,
    widgets: (agencyName) => sealWidgets(pdf, d.layout ?? null, { agencyName, code, codeNumber, at }),
  });
  return { number, series, year, at, codeNumber, codeNotation, lines, sealed: sealed.pdf, sealedBy: sealed.sealedBy };
}

/** Read what the step needs from other modules and the file store, before the transaction. */
export async function prepareOutgoing(
  ctx: DocumentsContext,
  actor: ActorContext,
  p: Principal,
  d: DocumentRow,
  input: ActionInput,
  leaderSigner?: LeaderSigner,
): Promise<Record<string, unknown>> {
  const a = input.action as DocumentAction;
  if (a === 'add_version') {
    if (input.fileIds?.length !== 1)
      throw ValidationError.field('fileIds', 'ONE_FILE_REQUIRED', 'Upload the new version (one file).');
    return { files: await ownFiles(ctx, p, input.fileIds, 'fileIds') };
  }
  if (a === 'sign') {
    const position = input.signerPosition?.trim();
    if (!position)
      throw ValidationError.field('signerPosition', 'REQUIRED', 'The position of the signer (Chủ tịch, Giám đốc …).');
    const current = await currentPdf(ctx, d);
    const reason = `Ký ban hành: ${d.subject}`;
    // A drafted document has its signer's slot; an uploaded one gets free space (or a page) found now.
    const placed = d.layout ? { pdf: current, layout: d.layout } : await layoutForUpload(current).catch(() => null);
    const widgets = placed ? leaderWidgets(placed.layout, p.fullName, ctx.clock.now()) : undefined;
    if (leaderSigner)
      return {
        signed: await leaderSigner({ pdf: placed?.pdf ?? current, position, reason, widgets }),
        layout: placed?.layout ?? null,
      };
    return {
      signed: await ctx.signing.signAsLeader({
        principal: p,
        actor,
        pdf: placed?.pdf ?? current,
        certificateId: input.certificateId,
        otp: input.otp,
        passkey: input.passkey,
        position,
        reason,
        widgets,
      }),
      layout: placed?.layout ?? null,
    };
  }
  if (a === 'issue') return { issue: await prepareIssue(ctx, actor, d) };
  if (a === 'send' || a === 'revoke' || a === 'update' || a === 'replace') {
    requireExchange(ctx);
    const from = await organOf(ctx, d.agencyCode);
    const files = a === 'update' || a === 'replace' ? await ownFiles(ctx, p, input.fileIds ?? [], 'fileIds') : [];
    if ((a === 'update' || a === 'replace') && files.length === 0)
      throw ValidationError.field('fileIds', 'REQUIRED', 'Upload the updated or replacing document.');
    return { from, files };
  }
  return {};
}

async function storeGenerated(
  s: StepContext,
  bytes: Uint8Array,
  name: string,
  kind: 'signed' | 'issued',
  note: string | null,
) {
  const stored = await s.ctx.files.putBuffer(Buffer.from(bytes));
  const f = await fileRepository.insert(s.tx, { ...stored, mediaType: 'application/pdf', name, ownerId: null });
  await repo.insertVersion(s.tx, {
    id: newId('dver'),
    documentId: s.d.id,
    fileId: f.id,
    name,
    mediaType: 'application/pdf',
    sha256: f.sha256,
    kind,
    createdBy: s.p.userId,
    createdByName: s.p.fullName,
    note,
    createdAt: s.now,
  });
  return f;
}

const issue: Step = async (s) => {
  const { d, tx } = s;
  const i = s.pre.issue as IssuePrep;
  const number = await repo.nextNumber(tx, {
    agencyCode: d.agencyCode,
    book: 'outgoing',
    series: i.series,
    year: i.year,
  });
  // Another process issued in this series since the seal was made: redo it with the next number.
  if (number !== i.number)
    throw new ConflictError('DOCUMENT_NUMBER_TAKEN', 'Another document took this number meanwhile: issue again.', {
      number: i.number,
    });
  await repo.insertRegisterEntry(tx, {
    id: newId('dreg'),
    agencyCode: d.agencyCode,
    book: 'outgoing',
    series: i.series,
    year: i.year,
    number,
    documentId: d.id,
    at: i.at,
  });
  const code = formatCode(i.codeNumber, i.codeNotation);
  const f = await storeGenerated(
    s,
    i.sealed,
    `${i.codeNumber}-${i.codeNotation}.pdf`.replace(/[/\\]/g, '_'),
    'issued',
    i.lines.join(' · '),
  );
  const patch = {
    codeNumber: i.codeNumber,
    codeNotation: i.codeNotation,
    series: i.series,
    year: i.year,
    issuedAt: i.at,
    issuedDate: vnDate(i.at),
    pageCount: await pageCountOf(i.sealed),
    fileId: f.id,
  };
  const comment = s.input.note?.trim();
  return {
    patch,
    note: comment ? `${code} · ${comment}` : code,
    after: { number: code, series: i.series, year: i.year, sealedBy: i.sealedBy },
  };
};

async function sendBusiness(s: StepContext, type: BusinessDocType): Promise<Record<string, unknown>> {
  const { d, tx, ctx, now } = s;
  const from = s.pre.from as Organ;
  const settings = await repo.settings(tx, d.agencyCode);
  const files = (await repo.versions(tx, d.id)).filter((v) => v.kind === 'issued' || v.kind === 'attachment');
  const newFiles = (s.pre.files as FileInfo[]).map((f) => ({ fileId: f.id, name: f.name, mediaType: f.mediaType }));
  const attachments =
    type === 'new'
      ? [files.filter((v) => v.kind === 'issued').at(-1)!, ...files.filter((v) => v.kind === 'attachment')]
      : (newFiles as typeof files);
  const msg = outgoingMessage(d, from, s.recipients, attachments, settings?.place ?? from.organName, {
    type,
    paper: false,
    staff: { staff: s.p.fullName },
    ...(type === 'new' ? {} : { reason: s.input.note?.trim(), target: documentRef(from, d) }),
  });
  const { packageIds } = await requireExchange(ctx).sendDocument(tx, s.actor, msg);
  for (const r of s.recipients) {
    const packageId = packageIds[r.organId] ?? packageIds[r.agencyCode] ?? r.packageId;
    await repo.updateRecipient(tx, d.id, r.agencyCode, {
      state: type === 'new' ? 'queued' : `${type}_requested`,
      packageId,
      updatedAt: now,
    });
  }
  return {
    documentId: edxmlDocumentId(from.organId, d),
    business: type,
    recipients: s.recipients.map((r) => r.agencyCode),
  };
}

export const OUTGOING_STEPS: Partial<Record<DocumentAction, Step>> = {
  comment: async (s) => {
    await repo.addComment(s.tx, {
      id: newId('dcm'),
      documentId: s.d.id,
      authorId: s.p.userId,
      authorName: s.p.fullName,
      body: note(s.input, 'Write the comment.'),
      at: s.now,
    });
    return { quiet: true };
  },
  add_version: async (s) => {
    const f = (s.pre.files as FileInfo[])[0]!;
    const v = await repo.insertVersion(s.tx, {
      id: newId('dver'),
      documentId: s.d.id,
      fileId: f.id,
      name: f.name,
      mediaType: f.mediaType,
      sha256: f.sha256,
      kind: 'draft',
      createdBy: s.p.userId,
      createdByName: s.p.fullName,
      note: s.input.note?.trim() || null,
      createdAt: s.now,
    });
    return { patch: { fileId: f.id }, note: `v${v.version}: ${f.name}`, after: { version: v.version } };
  },
  submit: async () => ({}),
  review: async () => ({}),
  return: async (s) => ({ note: note(s.input, 'Say what must change.') }),
  sign: async (s) => {
    const f = await storeGenerated(s, s.pre.signed as Uint8Array, 'signed.pdf', 'signed', null);
    const patch: Partial<DocumentRow> = {
      signerId: s.p.userId,
      signerName: s.p.fullName,
      signerPosition: s.input.signerPosition!.trim(),
      signerCompetence: s.input.signerCompetence?.trim() || null,
      signedAt: s.now,
      fileId: f.id,
      layout: (s.pre.layout as StampLayout | null) ?? s.d.layout,
    };
    return { patch, after: { digital: true, sha256: f.sha256 } };
  },
  issue,
  send: async (s) => ({ patch: { sentAt: s.now }, after: await sendBusiness(s, 'new') }),
  revoke: async (s) => ({ note: note(s.input), after: await sendBusiness(s, 'revoke') }),
  update: async (s) => ({ note: note(s.input), after: await sendBusiness(s, 'update') }),
  replace: async (s) => ({ note: note(s.input), after: await sendBusiness(s, 'replace') }),
};
