import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { fileRepository } from '../../../platform/files/index.js';
import { renderAdministrativeDocument } from '../../../platform/pdf/administrative.js';
import type { StampLayout } from '../db/schema.js';
import { formatNotation } from '../numbering.js';
import { newId } from '../../../platform/ids/index.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Secrecy, Urgency } from '../db/schema.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { type DocumentType, documentType } from '../reference/document-types.js';
import { insertFileVersions, type Organ, organOf, ownFiles, requireDocumentStaff } from './common.js';

export interface CreateInput {
  type: string;
  subject: string;
  recipients: string[];
  /** The first file is the document; the others are its attachments (phụ lục). */
  fileIds: string[];
  urgency?: Urgency;
  secrecy?: Secrecy;
  dueDate?: string;
  /** The issuing agency, when a unit drafts for the agency above it (default: the drafter's agency). */
  issuingAgency?: string;
  draftingUnit?: string;
  /** Draft from the template of the type: the server lays the PDF out per Phụ lục I (then `fileIds` are attachments). */
  template?: TemplateInput;
}

export interface TemplateInput {
  preamble?: string[];
  body: string[];
  /** Công văn: Kính gửi. */
  addressees?: string[];
  /** Nơi nhận lines. */
  copiesTo?: string[];
  signerPosition: string;
  signerCompetence?: string;
  signerName: string;
}

/** The PDF of a drafted document and its stamp slots, laid out per Phụ lục I. */
async function draftFromTemplate(
  ctx: DocumentsContext,
  issuing: { code: string; name: string },
  type: DocumentType,
  input: CreateInput & { template: TemplateInput },
): Promise<{ pdf: Uint8Array; layout: StampLayout }> {
  const lineage = await ctx.directory.lineage(issuing.code);
  const settings = await repo.settings(ctx.db, issuing.code);
  if (!settings)
    throw new ConflictError('AGENCY_ABBREVIATION_MISSING', 'Set the agency abbreviation used in notations first.', {
      agencyCode: issuing.code,
    });
  let place: string | null = null;
  for (const a of lineage) place ??= (await repo.settings(ctx.db, a.code))?.place ?? null;
  const [self, parent] = lineage;
  const t = input.template;
  const { pdf, layout } = await renderAdministrativeDocument({
    // A unit (sở, phòng) is headed by the agency it belongs to; a province or a ministry stands alone.
    parentAgency: self?.level === 'department' && parent ? parent.name : null,
    agency: issuing.name,
    notation: formatNotation(type.abbreviation, settings.abbreviation, input.draftingUnit),
    place: place ?? issuing.name,
    typeTitle: type.abbreviation ? type.name.replace(/\s*\(.*\)\s*$/u, '') : null,
    subject: input.subject.normalize('NFC').trim(),
    addressees: t.addressees,
    preamble: t.preamble,
    body: t.body,
    signer: { competence: t.signerCompetence, position: t.signerPosition, name: t.signerName },
    recipients: t.copiesTo?.length ? t.copiesTo : ['- Như trên;', '- Lưu: VT.'],
    createdAt: ctx.clock.now(),
  });
  return { pdf, layout };
}

async function resolveRecipients(ctx: DocumentsContext, codes: string[]): Promise<Organ[]> {
  const errors: FieldError[] = [];
  const out: Organ[] = [];
  const seen = new Set<string>();
  for (const [i, code] of codes.entries()) {
    const o = await organOf(ctx, code);
    if (!o) errors.push({ path: `recipients.${i}`, code: 'AGENCY_NOT_FOUND', message: 'Unknown agency code.' });
    else if (seen.has(o.agencyCode))
      errors.push({ path: `recipients.${i}`, code: 'DUPLICATE_RECIPIENT', message: 'This agency is listed twice.' });
    else {
      seen.add(o.agencyCode);
      out.push(o);
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/** A new outgoing draft (dự thảo) with its first version, recipients and history; idempotent per key when one is given. */
export async function createDocument(
  ctx: DocumentsContext,
  actor: ActorContext,
  principal: Principal,
  input: CreateInput,
  idempotencyKey: string | undefined,
) {
  const p = requireDocumentStaff(principal, ['specialist', 'leader']);
  const type = documentType(input.type);
  if (!type)
    throw ValidationError.field('type', 'UNKNOWN_DOCUMENT_TYPE', 'Not a document type of Decree 30/2020 Phụ lục III.');
  const issuing = input.issuingAgency
    ? await ctx.directory.find(input.issuingAgency)
    : await ctx.directory.find(p.agencyCode);
  if (!issuing) throw ValidationError.field('issuingAgency', 'AGENCY_NOT_FOUND', 'Unknown agency code.');
  if (!(await ctx.directory.isWithin(issuing.code, p.agencyCode)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You draft only for your agency or the agencies above it.');
  const recipients = await resolveRecipients(ctx, input.recipients);
  const uploaded = await ownFiles(ctx, p, input.fileIds, 'fileIds');
  const drafted = input.template
    ? await draftFromTemplate(ctx, issuing, type, { ...input, template: input.template })
    : null;
  const stored = drafted ? await ctx.files.putBuffer(Buffer.from(drafted.pdf)) : null;
  if (!drafted && !uploaded[0]) throw ValidationError.field('fileIds', 'REQUIRED', 'Attach the document.');

  const work = async (tx: Tx) => {
    const now = ctx.clock.now();
    const id = newId('doc');
    const generated = stored
      ? await fileRepository.insert(tx, {
          ...stored,
          mediaType: 'application/pdf',
          name: `Dự thảo ${type.name.replace(/\s*\(.*\)\s*$/u, '')}.pdf`,
          ownerId: p.userId,
        })
      : null;
    const files = generated ? [generated, ...uploaded] : uploaded;
    const main = files[0]!;
    await repo.insert(tx, {
      id,
      direction: 'outgoing',
      agencyCode: issuing.code,
      status: 'draft',
      typeCode: type.code,
      typeName: type.name,
      subject: input.subject.normalize('NFC').trim(),
      urgency: input.urgency ?? 'normal',
      secrecy: input.secrecy ?? 'none',
      dueDate: input.dueDate ?? null,
      issuerName: issuing.name,
      draftingUnit: input.draftingUnit?.trim() || null,
      fileId: main.id,
      layout: drafted?.layout ?? null,
      createdBy: p.userId,
      createdByName: p.fullName,
      createdAt: now,
      updatedAt: now,
    });
    await insertFileVersions(tx, id, files, 'draft', p, now);
    await repo.insertRecipients(
      tx,
      recipients.map((r) => ({
        documentId: id,
        agencyCode: r.agencyCode,
        organId: r.organId,
        organName: r.organName,
        state: 'pending',
        updatedAt: now,
      })),
    );
    await repo.addHistory(tx, {
      id: newId('dhi'),
      documentId: id,
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorId: p.userId,
      actorName: p.fullName,
      note: null,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'document.created',
        subjectType: 'document',
        subjectId: id,
        after: {
          type: type.code,
          agency: issuing.code,
          recipients: recipients.map((r) => r.agencyCode),
          secrecy: input.secrecy ?? 'none',
          template: !!drafted,
        },
      },
      now,
    );
    return { status: 201, body: { id } };
  };
  if (idempotencyKey === undefined) return { ...(await ctx.db.transaction(work)), replayed: false };
  return withIdempotency(ctx.db, `document.create:${p.userId}`, idempotencyKey, input, work);
}
