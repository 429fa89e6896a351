import type { Tx } from '../../../platform/db/index.js';
import { systemActor } from '../../../platform/http/auth.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { ExchangeInbox, IncomingDocumentMessage, StatusMessage } from '../../exchange/index.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { urgencyOf } from '../numbering.js';
import { typeFromName } from '../reference/document-types.js';

/**
 * Registration is due the same working day (Decree 30 Art 22; vn-standards §3.4): at closing time of
 * the arrival day, or of the next working day when it arrives after hours or on a day off.
 */
export function registerDueAt(ctx: DocumentsContext, arrivedAt: Date): Date {
  const cal = ctx.calendar.calendar;
  return cal.atLocalTime(cal.receiptDay(arrivedAt, { cutoffHour: 17 }), 17);
}

/** An incoming document from a package: everything stays in `tx` (exchange's transaction). */
async function insertArrival(ctx: DocumentsContext, tx: Tx, msg: IncomingDocumentMessage, supersedesId: string | null) {
  const h = msg.header;
  const type = typeFromName(h.documentType.typeName);
  const id = newId('doc');
  const at = msg.receivedAt;
  await repo.insert(tx, {
    id,
    direction: 'incoming',
    agencyCode: msg.recipient,
    status: 'arrived',
    typeCode: type.code,
    typeName: h.documentType.typeName?.trim() || type.name,
    subject: h.subject.normalize('NFC'),
    urgency: urgencyOf(h.otherInfo.priority),
    secrecy: 'none',
    dueDate: h.dueDate ?? null,
    codeNumber: h.codeNumber,
    codeNotation: h.codeNotation,
    issuedDate: h.promulgation.date,
    issuerName: msg.from.organName,
    signerName: h.signerInfo.fullName || null,
    signerPosition: h.signerInfo.position || null,
    signerCompetence: h.signerInfo.competence ?? null,
    pageCount: h.otherInfo.pageAmount ?? null,
    fileId: msg.attachments[0]?.fileId ?? null,
    createdBy: 'system',
    createdByName: 'Trục liên thông',
    source: 'exchange',
    senderCode: msg.from.organId,
    senderName: msg.from.organName,
    externalId: msg.documentId,
    packageId: msg.packageId,
    arrivedAt: at,
    registerDueAt: registerDueAt(ctx, at),
    signatureReport: msg.signatureReport,
    supersedesId,
    createdAt: at,
    updatedAt: at,
  });
  for (const a of msg.attachments) {
    await repo.insertVersion(tx, {
      id: newId('dver'),
      documentId: id,
      fileId: a.fileId,
      name: a.name,
      mediaType: a.mediaType,
      sha256: '',
      kind: 'received',
      createdBy: null,
      createdByName: msg.from.organName,
      note: a.description ?? null,
      createdAt: at,
    });
  }
  await repo.addHistory(tx, {
    id: newId('dhi'),
    documentId: id,
    action: 'arrive',
    fromStatus: null,
    toStatus: 'arrived',
    actorId: null,
    actorName: msg.from.organName,
    note: msg.documentId,
    at,
  });
  // Status 01 itself is queued by the exchange in this same transaction, right after this call returns.
  await repo.addStatus(tx, {
    id: newId('dst'),
    documentId: id,
    agencyCode: msg.from.organId,
    direction: 'sent',
    statusCode: '01',
    description: null,
    at,
  });
  await recordAudit(
    tx,
    systemActor,
    {
      action: 'document.arrived',
      subjectType: 'document',
      subjectId: id,
      after: {
        packageId: msg.packageId,
        from: msg.from.organId,
        recipient: msg.recipient,
        indication: msg.signatureReport.indication,
      },
    },
    at,
  );
  return id;
}

/** documents' side of the exchange contract: arrivals and statuses, inside exchange's transaction. */
export function documentsInbox(ctx: DocumentsContext): ExchangeInbox {
  return {
    async documentArrived(tx, msg) {
      const seen = await repo.byPackageId(tx, msg.packageId);
      if (seen) return { localDocumentId: seen.id };
      const b = msg.business;
      const target =
        b.type !== 'new' && b.target ? await repo.incomingByExternalId(tx, [msg.recipient], b.target.documentId) : null;
      if (!target) return { localDocumentId: await insertArrival(ctx, tx, msg, null) };
      if (target.pendingChange?.packageId === msg.packageId)
        return { localDocumentId: target.pendingChange.newDocumentId ?? target.id };
      const newDocumentId = b.type === 'revoke' ? null : await insertArrival(ctx, tx, msg, target.id);
      const change = {
        type: b.type as 'revoke' | 'update' | 'replace',
        packageId: msg.packageId,
        reason: b.reason ?? null,
        newDocumentId,
        at: msg.receivedAt.toISOString(),
      };
      await repo.update(tx, target.id, { pendingChange: change, updatedAt: msg.receivedAt });
      await repo.addHistory(tx, {
        id: newId('dhi'),
        documentId: target.id,
        action: `${b.type}_requested`,
        fromStatus: target.status,
        toStatus: target.status,
        actorId: null,
        actorName: msg.from.organName,
        note: b.reason ?? null,
        at: msg.receivedAt,
      });
      await recordAudit(
        tx,
        systemActor,
        {
          action: `document.${b.type}_requested`,
          subjectType: 'document',
          subjectId: target.id,
          after: { packageId: msg.packageId, newDocumentId },
        },
        msg.receivedAt,
      );
      return { localDocumentId: newDocumentId ?? target.id };
    },

    async statusArrived(tx, s: StatusMessage) {
      if (s.localDocumentId) {
        const d = await repo.byId(tx, s.localDocumentId);
        if (!d || d.direction !== 'outgoing') return;
        const r = await repo.recipientByOrgan(tx, d.id, [s.from.organId]);
        if (r)
          await repo.updateRecipient(tx, d.id, r.agencyCode, {
            state: s.statusCode,
            statusCode: s.statusCode,
            description: s.description ?? null,
            updatedAt: s.timestamp,
          });
        await repo.addStatus(tx, {
          id: newId('dst'),
          documentId: d.id,
          agencyCode: r?.agencyCode ?? s.from.organId,
          direction: 'received',
          statusCode: s.statusCode,
          description: s.description ?? null,
          at: s.timestamp,
        });
        await repo.update(tx, d.id, { updatedAt: s.timestamp });
        return;
      }
      // The sender takes back a document we received (13): the clerk agrees (15) or refuses (16).
      if (s.statusCode === '13' && s.packageId) {
        const d = await repo.byPackageId(tx, s.packageId);
        if (!d) return;
        const change = {
          type: 'revoke' as const,
          packageId: null,
          reason: s.description ?? null,
          newDocumentId: null,
          at: s.timestamp.toISOString(),
        };
        await repo.update(tx, d.id, { pendingChange: change, updatedAt: s.timestamp });
        await repo.addStatus(tx, {
          id: newId('dst'),
          documentId: d.id,
          agencyCode: s.from.organId,
          direction: 'received',
          statusCode: '13',
          description: s.description ?? null,
          at: s.timestamp,
        });
        await repo.addHistory(tx, {
          id: newId('dhi'),
          documentId: d.id,
          action: 'revoke_requested',
          fromStatus: d.status,
          toStatus: d.status,
          actorId: null,
          actorName: s.from.organName,
          note: s.description ?? null,
          at: s.timestamp,
        });
      }
    },
  };
}
