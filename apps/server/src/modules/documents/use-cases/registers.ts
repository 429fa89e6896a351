import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import type { DocumentsContext } from '../documents.context.js';
import { documentsRepository as repo } from '../documents.repository.js';
import { formatCode, vnDate, vnYear } from '../numbering.js';
import { requireDocumentStaff } from './common.js';

export type Book = 'outgoing' | 'incoming';

const SECRECY_VI = { none: '', confidential: 'Mật', secret: 'Tối mật', top_secret: 'Tuyệt mật' } as const;
const URGENCY_VI = { normal: '', urgent: 'Khẩn', very_urgent: 'Thượng khẩn', express: 'Hỏa tốc' } as const;

/** The Phụ lục IV columns, in order, for each book (vn-standards §3.5). */
export const REGISTER_COLUMNS: Record<Book, { key: string; header: string; width: number }[]> = {
  outgoing: [
    { key: 'code', header: 'Số, ký hiệu văn bản', width: 1.7 },
    { key: 'date', header: 'Ngày tháng văn bản', width: 1.2 },
    { key: 'typeAndSubject', header: 'Tên loại và trích yếu nội dung', width: 2.6 },
    { key: 'signer', header: 'Người ký', width: 1.2 },
    { key: 'recipients', header: 'Nơi nhận văn bản', width: 1.8 },
    { key: 'keptBy', header: 'Đơn vị, người nhận bản lưu', width: 1.2 },
    { key: 'copies', header: 'Số lượng bản', width: 0.8 },
    { key: 'transferDate', header: 'Ngày chuyển', width: 1.2 },
    { key: 'acknowledgement', header: 'Ký nhận', width: 0.8 },
    { key: 'note', header: 'Ghi chú', width: 0.9 },
  ],
  incoming: [
    { key: 'arrivalDate', header: 'Ngày đến', width: 1.2 },
    { key: 'arrivalNumber', header: 'Số đến', width: 0.6 },
    { key: 'author', header: 'Tác giả', width: 1.5 },
    { key: 'code', header: 'Số, ký hiệu', width: 1.7 },
    { key: 'date', header: 'Ngày tháng văn bản', width: 1.2 },
    { key: 'typeAndSubject', header: 'Tên loại và trích yếu nội dung', width: 2.6 },
    { key: 'receiver', header: 'Đơn vị hoặc người nhận', width: 1.4 },
    { key: 'transferDate', header: 'Ngày chuyển', width: 1.2 },
    { key: 'acknowledgement', header: 'Ký nhận', width: 0.8 },
    { key: 'note', header: 'Ghi chú', width: 0.9 },
  ],
};

export type RegisterRow = Record<string, string | number | null> & {
  documentId: string;
  series: string;
  number: number;
};

const dmy = (iso: string | null | undefined) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
const note = (d: { secrecy: keyof typeof SECRECY_VI; urgency: keyof typeof URGENCY_VI }) =>
  [SECRECY_VI[d.secrecy], URGENCY_VI[d.urgency]].filter(Boolean).join(', ');

/** Sổ đăng ký văn bản đi / đến of the caller's agency (or a unit below it) for a year. */
export async function registerRows(
  ctx: DocumentsContext,
  principal: Principal,
  book: Book,
  q: { year?: number; agency?: string },
) {
  const p = requireDocumentStaff(principal, ['clerk', 'leader']);
  const agency = await ctx.directory.find(q.agency ?? p.agencyCode);
  if (!agency) throw new NotFoundError('AGENCY_NOT_FOUND', 'Unknown agency.');
  if (!(await ctx.directory.isWithin(p.agencyCode, agency.code)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'Registers of your agency and its units only.');
  const year = q.year ?? vnYear(ctx.clock.now());
  const entries = await repo.register(ctx.db, [agency.code], book, year);
  const rows: RegisterRow[] = [];
  for (const { entry, doc: d } of entries) {
    const typeAndSubject = `${d.typeName}: ${d.subject}`;
    const code = d.codeNumber && d.codeNotation ? formatCode(d.codeNumber, d.codeNotation) : '';
    if (book === 'outgoing') {
      const recipients = await repo.recipients(ctx.db, d.id);
      rows.push({
        documentId: d.id,
        series: entry.series,
        number: entry.number,
        code,
        date: dmy(d.issuedDate),
        typeAndSubject,
        signer: [d.signerCompetence, d.signerPosition, d.signerName].filter(Boolean).join(' '),
        recipients: recipients.map((r) => r.organName).join('; '),
        keptBy: [d.draftingUnit, d.createdByName].filter(Boolean).join(', '),
        copies: recipients.length + 1,
        transferDate: d.sentAt ? dmy(vnDate(d.sentAt)) : '',
        acknowledgement: d.sentAt ? 'Trục liên thông' : '',
        note: [entry.series === 'secret' ? 'Sổ mật' : '', note(d)].filter(Boolean).join('; '),
      });
    } else {
      rows.push({
        documentId: d.id,
        series: entry.series,
        number: entry.number,
        arrivalDate: d.arrivedAt ? dmy(vnDate(d.arrivedAt)) : '',
        arrivalNumber: entry.number,
        author: d.senderName ?? '',
        code,
        date: dmy(d.issuedDate),
        typeAndSubject,
        receiver: [d.leadUnit, d.handlerName].filter(Boolean).join(' – '),
        transferDate: d.assignedAt ? dmy(vnDate(d.assignedAt)) : '',
        acknowledgement: d.assignedAt ? (d.handlerName ?? '') : '',
        note: [d.source === 'paper' ? 'Văn bản giấy' : 'Điện tử', note(d)].filter(Boolean).join('; '),
      });
    }
  }
  return {
    book,
    year,
    agencyCode: agency.code,
    agencyName: agency.name,
    columns: REGISTER_COLUMNS[book].map((c) => ({ key: c.key, header: c.header })),
    rows,
  };
}
