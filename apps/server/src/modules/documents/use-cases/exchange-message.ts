import type { EdxmlDocumentRef, EdxmlOrgan, OutgoingDocumentMessage } from '../../exchange/index.js';
import type { DocumentRow, RecipientRow, VersionRow } from '../documents.repository.js';
import { formatCode, PRIORITY } from '../numbering.js';
import type { Organ } from './common.js';

export const toEdxmlOrgan = (o: Organ): EdxmlOrgan => ({
  organId: o.organId,
  organName: o.organName,
  ...(o.address ? { organAdd: o.address } : {}),
  ...(o.email ? { email: o.email } : {}),
  ...(o.phone ? { telephone: o.phone } : {}),
  ...(o.website ? { website: o.website } : {}),
});

const slashDate = (iso: string) => iso.replaceAll('-', '/');

/** edXML `DocumentId`: `{OrganId},{yyyy/MM/dd},{Number}/{Notation}`. */
export function edxmlDocumentId(organId: string, d: DocumentRow): string {
  return `${organId},${slashDate(d.issuedDate!)},${formatCode(d.codeNumber!, d.codeNotation!)}`;
}

export function documentRef(from: Organ, d: DocumentRow): EdxmlDocumentRef {
  return {
    organId: from.organId,
    code: formatCode(d.codeNumber!, d.codeNotation!),
    promulgationDate: d.issuedDate!,
    documentId: edxmlDocumentId(from.organId, d),
  };
}

/** The message handed to exchange for a new document, or a revoke / update / replace of one already sent. */
export function outgoingMessage(
  d: DocumentRow,
  from: Organ,
  to: RecipientRow[],
  files: VersionRow[],
  place: string,
  business: OutgoingDocumentMessage['business'],
): OutgoingDocumentMessage {
  return {
    localDocumentId: d.id,
    from: toEdxmlOrgan(from),
    to: to.map((r) => ({ organId: r.organId, organName: r.organName })),
    header: {
      codeNumber: d.codeNumber!,
      codeNotation: d.codeNotation!,
      promulgation: { place, date: d.issuedDate! },
      // As the national exchange's senders write it (their samples: Type 1 whatever the TypeName, and
      // SteeringType 1); the QCVN 102 numeric type table was not retrieved (vn-standards §15).
      documentType: { type: 1, typeDetail: 0, typeName: d.typeName },
      steeringType: 1,
      subject: d.subject,
      signerInfo: {
        ...(d.signerCompetence ? { competence: d.signerCompetence } : {}),
        position: d.signerPosition ?? '',
        fullName: d.signerName ?? '',
      },
      ...(d.dueDate ? { dueDate: d.dueDate } : {}),
      toPlaces: to.map((r) => r.organName),
      otherInfo: {
        priority: PRIORITY[d.urgency],
        ...(d.pageCount ? { pageAmount: d.pageCount } : {}),
        promulgationAmount: to.length,
      },
    },
    business,
    attachments: files.map((f) => ({ fileId: f.fileId, name: f.name, mediaType: f.mediaType })),
  };
}
