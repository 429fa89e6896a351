import { blankPdf } from '../../../test/factories.js';
import type { Tx } from '../../platform/db/index.js';
import { type ActorContext } from '../../platform/http/auth.js';
import type { TestPlatform } from '../../../test/harness.js';
import type {
  EdxmlStatusCode,
  ExchangeOutbox,
  IncomingDocumentMessage,
  OutgoingDocumentMessage,
} from '../exchange/index.js';

/**
 * A recording ExchangeOutbox for tests: the exchange module's facade (faked at the boundary, as the
 * house rules allow). It writes nothing, so a rolled-back transaction must leave `sent` untouched:
 * entries are kept only once the caller's transaction commits.
 */
export class RecordingOutbox implements ExchangeOutbox {
  documents: OutgoingDocumentMessage[] = [];
  statuses: { packageId: string; statusCode: EdxmlStatusCode; description?: string }[] = [];
  private n = 0;

  async sendDocument(_tx: Tx, _ctx: ActorContext, msg: OutgoingDocumentMessage) {
    this.documents.push(structuredClone(msg));
    return { packageIds: Object.fromEntries(msg.to.map((t) => [t.organId, `pkg_out_${++this.n}`])) };
  }

  async sendStatus(
    _tx: Tx,
    _ctx: ActorContext,
    s: { packageId: string; statusCode: EdxmlStatusCode; description?: string },
  ) {
    this.statuses.push({ packageId: s.packageId, statusCode: s.statusCode, description: s.description });
  }

  codesFor(packageId: string) {
    return this.statuses.filter((s) => s.packageId === packageId).map((s) => s.statusCode);
  }
}

// The signer set-up is shared by every module's signing tests (apps/server/test/signing-staff.ts).
export { signingStaff, type Signer } from '../../../test/signing-staff.js';

/** A blank PDF of `pages` pages (the harness's `blankPdf`). */
export const makePdf = blankPdf;

export async function upload(p: TestPlatform, token: string, content: Buffer, name = 'du-thao.pdf'): Promise<string> {
  return p.upload(token, content, name, 'application/octet-stream');
}

/** A package as exchange would hand it over: attachments already stored in platform/files. */
export function arrival(o: {
  packageId: string;
  recipient: string;
  fileId: string;
  documentId?: string;
  business?: Partial<IncomingDocumentMessage['business']>;
  subject?: string;
  priority?: 0 | 1 | 2 | 3;
}): IncomingDocumentMessage {
  const documentId = o.documentId ?? `000.00.00.H41,2026/03/02,15/UBND-VP`;
  return {
    packageId: o.packageId,
    recipient: o.recipient,
    from: { organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Nghệ An' },
    to: [{ organId: o.recipient, organName: 'Ủy ban nhân dân thành phố Hà Nội' }],
    documentId,
    header: {
      codeNumber: '15',
      codeNotation: 'UBND-VP',
      promulgation: { place: 'Nghệ An', date: '2026-03-02' },
      documentType: { type: 0, typeDetail: 0, typeName: 'Công văn' },
      subject: o.subject ?? 'Về việc phối hợp tổ chức Hội nghị xúc tiến đầu tư',
      signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Đệ' },
      dueDate: '2026-03-20',
      toPlaces: ['Ủy ban nhân dân thành phố Hà Nội'],
      otherInfo: { priority: o.priority ?? 1, pageAmount: 2 },
    },
    business: { type: 'new', paper: false, ...o.business },
    attachments: [{ fileId: o.fileId, name: '15-UBND-VP.pdf', mediaType: 'application/pdf' }],
    signatureReport: {
      mediaType: 'application/xml',
      indication: 'TOTAL_PASSED',
      subIndication: null,
      signatures: [],
      validatedAt: new Date().toISOString(),
    },
    receivedAt: new Date(),
  };
}
