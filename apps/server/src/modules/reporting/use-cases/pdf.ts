import type { Principal } from '../../../platform/http/auth.js';
import { formatVnDate, formatVnDateTime, PdfBuilder } from '../../../platform/pdf/index.js';
import { periodWindow } from '../periods.js';
import type { ReportingContext } from '../reporting.context.js';
import { assertRole, ROLES } from '../reporting.policy.js';
import { computeFormulas } from '../template.js';
import { loadObligation } from './obligations.js';

const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);

/**
 * The report as a PDF in its template's layout: the agency's heading, the regime and the period, the
 * indicators table, the text sections, and who signed it and when (or that it is not signed yet).
 */
export async function obligationPdf(ctx: ReportingContext, p: Principal, id: string) {
  assertRole(p, ROLES.read, 'read');
  const { o, regime } = await loadObligation(ctx, p, id);
  const [lineage, receiver] = await Promise.all([
    ctx.ports.directory.lineage(o.agencyCode),
    ctx.ports.directory.find(o.receiverCode),
  ]);
  const agencyLabel = lineage[0]?.name ?? o.agencyCode;
  const parent = lineage[1] ?? null;
  const now = ctx.clock.now();
  const periodLabel = periodWindow(o.period)?.label ?? o.period;
  const b = await PdfBuilder.create({
    pageSize: 'A4',
    fontSize: 11,
    metadata: {
      title: `${regime.name} - ${agencyLabel} - ${periodLabel}`,
      author: agencyLabel,
      subject: `${regime.code} ${o.period}`,
      keywords: [regime.code, o.period, o.agencyCode],
      createdAt: o.signedAt ?? o.updatedAt,
    },
  });
  b.header({
    agency: [
      ...(parent ? [{ text: parent.name.toLocaleUpperCase('vi') }] : []),
      { text: agencyLabel.toLocaleUpperCase('vi'), bold: true },
    ],
    rightNote: formatVnDate(o.signedAt ?? now).replace(/^n/, 'N'),
  });
  b.space(b.ts.baseSize);
  b.text('BÁO CÁO', { align: 'center', bold: true, size: b.ts.baseSize * 1.3 });
  b.text(regime.name, { align: 'center', bold: true });
  b.text(
    `Kỳ báo cáo: ${periodLabel} (từ ${formatVnDate(new Date(`${o.periodFrom}T05:00:00Z`))} đến ${formatVnDate(new Date(`${o.periodTo}T05:00:00Z`))})`,
    {
      align: 'center',
      italic: true,
    },
  );
  b.text(`Kính gửi: ${receiver?.name ?? o.receiverCode}`, { align: 'center' });
  b.text(`Căn cứ: ${regime.legalBasis}`, { italic: true, size: b.ts.baseSize * 0.9 });
  b.space(b.ts.baseSize * 0.6);
  b.text('I. CÁC CHỈ TIÊU BÁO CÁO', { bold: true });
  const values = computeFormulas(regime.template, o.values);
  b.table(
    [
      { header: 'STT', width: 0.6, align: 'center' },
      { header: 'Mã', width: 0.6, align: 'center' },
      { header: 'Chỉ tiêu', width: 3.6 },
      { header: 'Đơn vị tính', width: 1 },
      { header: 'Giá trị', width: 1.1, align: 'right' },
    ],
    regime.template.indicators.map((i, n) => [
      String(n + 1),
      i.code,
      i.formula ? `${i.name} (${i.formula})` : i.name,
      i.unit ?? '',
      num(values[i.code]),
    ]),
  );
  if (regime.template.sections.length) {
    b.space(b.ts.baseSize * 0.6);
    b.text('II. NỘI DUNG BÁO CÁO', { bold: true });
    regime.template.sections.forEach((s, n) => {
      b.text(`${n + 1}. ${s.title}`, { bold: true });
      const t = o.texts[s.code]?.trim();
      b.text(t || '(Không có nội dung)', { italic: !t });
    });
  }
  b.space(b.ts.baseSize);
  if (o.signedAt && o.signedByName)
    b.text(`Đã ký số bởi ${o.signedByName} lúc ${formatVnDateTime(o.signedAt)} (chữ ký số CAdES, chứng thư cá nhân).`, {
      align: 'right',
      italic: true,
    });
  else b.text('Báo cáo chưa được lãnh đạo ký số.', { align: 'right', italic: true });
  if (o.submittedAt)
    b.text(`Đã gửi lúc ${formatVnDateTime(o.submittedAt)}${o.late ? ' (quá hạn)' : ''}.`, {
      align: 'right',
      italic: true,
    });
  return { pdf: await b.save(), name: `bao-cao-${regime.code}-${o.period}-${o.agencyCode}.pdf` };
}
