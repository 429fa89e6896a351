import {
  PdfBuilder,
  formatVnDateTime,
  placeAndDate,
  type HeaderLine,
  type RichText,
  type TextRun,
} from '../../../platform/pdf/index.js';
import type { DossierFormData, FormApplicant, SubmissionChannel } from './types.js';

export const DEFAULT_DESK = 'Bộ phận tiếp nhận và trả kết quả';

const CHANNELS: Record<SubmissionChannel, string> = {
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua dịch vụ bưu chính công ích',
};

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** An A5 form document with its metadata (Decree 61 forms 01–05 are A5). */
export async function startForm(
  data: DossierFormData,
  formNo: string,
  title: string,
  issuedAt: Date,
): Promise<PdfBuilder> {
  const b = await PdfBuilder.create({
    pageSize: 'A5',
    metadata: {
      title: `${title} - ${data.code}`,
      author: data.agencyName,
      subject: `Mẫu số ${formNo}: ${title} (${data.procedureName})`,
      keywords: [data.code, data.procedureCode, `Mẫu số ${formNo}`],
      createdAt: issuedAt,
    },
  });
  b.marginText(`Mẫu số ${formNo}`, { align: 'right', italic: true });
  return b;
}

/**
 * A form about one dossier: the document (`startForm`) and its head, with the dossier's code under the
 * title (then `afterCode`, such as which copy it is).
 */
export async function startDossierForm(
  data: DossierFormData,
  formNo: string,
  title: string,
  issuedAt: Date,
  head: { withDesk?: boolean; leftNote?: RichText; afterCode?: TextRun[] } = {},
): Promise<PdfBuilder> {
  const b = await startForm(data, formNo, title, issuedAt);
  const { afterCode = [], ...rest } = head;
  formHead(b, data, {
    title,
    date: issuedAt,
    ...rest,
    subtitle: [{ text: 'Mã hồ sơ: ' }, { text: data.code, bold: true }, ...afterCode],
  });
  return b;
}

/** Agency lines of the header: parent (regular), agency, then the issuing unit in bold. */
export function agencyLines(data: DossierFormData, withDesk: boolean): HeaderLine[] {
  const lines: HeaderLine[] = [];
  if (data.parentAgencyName) lines.push({ text: upper(data.parentAgencyName) });
  lines.push({ text: upper(data.agencyName), bold: !withDesk });
  if (withDesk) lines.push({ text: upper(data.deskName ?? DEFAULT_DESK), bold: true });
  return lines;
}

/** Header, place-and-date line, title and the dossier code under it. */
export function formHead(
  b: PdfBuilder,
  data: DossierFormData,
  opts: { title: string; date: Date; withDesk?: boolean; leftNote?: RichText; subtitle?: RichText },
): void {
  b.header({
    agency: agencyLines(data, opts.withDesk ?? true),
    leftNote: opts.leftNote,
    rightNote: placeAndDate(data.place, opts.date),
  });
  b.space(b.ts.baseSize * 1.2);
  b.text(opts.title.toLocaleUpperCase('vi'), { align: 'center', bold: true, size: b.ts.baseSize * 1.2 });
  if (opts.subtitle) b.text(opts.subtitle, { align: 'center' });
  b.space(b.ts.baseSize * 0.5);
}

/** A labelled value: regular label, bold value, dotted leader when the value is missing. */
export function field(label: string, value: string | undefined, bold = false): TextRun[] {
  return [{ text: `${label}: ` }, value ? { text: value, bold } : { text: '…………………' }];
}

/** Applicant identity lines, one run list per line. */
export function applicantLines(a: FormApplicant, intro: string): TextRun[][] {
  const lines: TextRun[][] = [field(intro, a.fullName, true)];
  if (a.idNumber) lines.push(field('Số định danh cá nhân', a.idNumber));
  if (a.taxCode) lines.push(field('Mã số thuế', a.taxCode));
  lines.push(field('Địa chỉ', a.address));
  lines.push([...field('Số điện thoại', a.phone), { text: '   ' }, ...field('Email', a.email)]);
  return lines;
}

export function procedureLine(data: DossierFormData): TextRun[] {
  return [
    { text: 'Nội dung yêu cầu giải quyết: ' },
    { text: data.procedureName, bold: true },
    { text: ` (mã thủ tục ${data.procedureCode})` },
  ];
}

export function channelLine(channel: SubmissionChannel): TextRun[] {
  return field('Hình thức nộp', CHANNELS[channel]);
}

/** Joins run lists with line breaks. */
export function joinLines(lines: TextRun[][]): TextRun[] {
  return lines.flatMap((l, i) => (i === 0 ? l : [{ text: '\n' }, ...l]));
}

/** The dossier's particulars on the left, the QR code of the public lookup URL on the right. */
export function particularsWithQr(b: PdfBuilder, data: DossierFormData, lines: TextRun[][]): void {
  b.row(
    [
      { width: 4.2, text: joinLines(lines) },
      {
        width: 1,
        qr: data.lookupUrl,
        options: { size: 62, align: 'right', caption: 'Tra cứu hồ sơ', captionSize: b.ts.baseSize * 0.75 },
      },
    ],
    { gap: 6 },
  );
  b.space(b.ts.baseSize * 0.4);
}

/** Numbered list items: the number at the margin, wrapped lines hanging under the text. */
export function numbered(
  b: PdfBuilder,
  items: RichText[],
  opts: { marker?: (i: number) => string; indent?: number } = {},
): void {
  const hang = b.ts.baseSize * 1.2;
  const indent = (opts.indent ?? 0) + hang;
  items.forEach((item, i) => {
    const marker = opts.marker ? opts.marker(i) : `${i + 1}.`;
    const runs: TextRun[] = typeof item === 'string' ? [{ text: item }] : item;
    b.text([{ text: `${marker} ` }, ...runs], { indent, firstLineIndent: -hang });
  });
}

export const dateTime = formatVnDateTime;

/** Two-digit counts as printed on the forms ('01', '02', '12'). */
export const count = (n: number) => String(n).padStart(2, '0');
