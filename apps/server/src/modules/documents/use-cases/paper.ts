import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Secrecy, Urgency } from '../db/schema.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { documentType } from '../reference/document-types.js';
import { insertFileVersions, ownFiles, requireDocumentStaff } from './common.js';
import { registerDueAt } from './inbox.js';

export interface PaperInput {
  type: string;
  subject: string;
  senderName: string;
  senderCode?: string;
  codeNumber?: string;
  codeNotation?: string;
  issuedDate?: string;
  signerName?: string;
  signerPosition?: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  dueDate?: string;
  pageCount?: number;
  /** The scan (PDF, colour, ≥ 200 dpi per TT 01/2019/TT-BNV) first, then any attachments. */
  fileIds: string[];
}

/** The clerk enters a paper document that arrived by post or by hand, with its scan; it waits in the inbox to be registered. */
export async function receivePaper(
  ctx: DocumentsContext,
  actor: ActorContext,
  principal: Principal,
  input: PaperInput,
) {
  const p = requireDocumentStaff(principal, ['clerk']);
  const type = documentType(input.type);
  if (!type)
    throw ValidationError.field('type', 'UNKNOWN_DOCUMENT_TYPE', 'Not a document type of Decree 30/2020 Phụ lục III.');
  const files = await ownFiles(ctx, p, input.fileIds, 'fileIds');
  const [scan] = files;
  if (scan?.mediaType !== 'application/pdf')
    throw ValidationError.field('fileIds.0', 'SCAN_NOT_PDF', 'The scan must be a PDF.');
  const agency = (await ctx.directory.find(p.agencyCode))!;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = newId('doc');
    await repo.insert(tx, {
      id,
      direction: 'incoming',
      agencyCode: agency.code,
      status: 'arrived',
      typeCode: type.code,
      typeName: type.name,
      subject: input.subject.normalize('NFC').trim(),
      urgency: input.urgency ?? 'normal',
      secrecy: input.secrecy ?? 'none',
      dueDate: input.dueDate ?? null,
      codeNumber: input.codeNumber?.trim() || null,
      codeNotation: input.codeNotation?.normalize('NFC').trim() || null,
      issuedDate: input.issuedDate ?? null,
      issuerName: input.senderName.normalize('NFC').trim(),
      signerName: input.signerName?.normalize('NFC').trim() || null,
      signerPosition: input.signerPosition?.normalize('NFC').trim() || null,
      pageCount: input.pageCount ?? null,
      fileId: scan.id,
      createdBy: p.userId,
      createdByName: p.fullName,
      source: 'paper',
      senderCode: input.senderCode ?? null,
      senderName: input.senderName.normalize('NFC').trim(),
      arrivedAt: now,
      registerDueAt: registerDueAt(ctx, now),
      createdAt: now,
      updatedAt: now,
    });
    await insertFileVersions(tx, id, files, 'scan', p, now);
    await repo.addHistory(tx, {
      id: newId('dhi'),
      documentId: id,
      action: 'receive_paper',
      fromStatus: null,
      toStatus: 'arrived',
      actorId: p.userId,
      actorName: p.fullName,
      note: input.senderName,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'document.paper_received',
        subjectType: 'document',
        subjectId: id,
        after: { sender: input.senderName, type: type.code },
      },
      now,
    );
    return { id };
  });
}
