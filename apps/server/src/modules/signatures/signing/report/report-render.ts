/** A validation report as a readable Vietnamese HTML page and PDF document. */
import { PdfBuilder } from '../../../../platform/pdf/index.js';
import type { ValidationReport } from '../../signing-ports.js';
import { overallLine, signatureRows, viTime } from './report-text.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const BADGE = { TOTAL_PASSED: '#1a7f37', INDETERMINATE: '#9a6700', TOTAL_FAILED: '#cf222e' } as const;

/** A self-contained HTML page (no scripts, no external resources). */
export function reportHtml(r: ValidationReport, fileName: string): string {
  const sections = r.signatures
    .map((s) => {
      const rows = signatureRows(s)
        .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join('');
      const chain = s.chain.map((c) => `<li>${esc(c.subject)}</li>`).join('');
      return (
        `<section><h2>Chữ ký ${s.index + 1} <span class="badge" style="background:${BADGE[s.indication]}">${esc(signatureRows(s)[0]![1])}</span></h2>` +
        `<table>${rows}</table><h3>Chuỗi chứng thư</h3><ol>${chain || '<li>—</li>'}</ol>` +
        (s.messages.length
          ? `<h3>Ghi chú kỹ thuật</h3><ul>${s.messages.map((m) => `<li lang="en">${esc(m)}</li>`).join('')}</ul>`
          : '') +
        `</section>`
      );
    })
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo kiểm tra chữ ký số — ${esc(fileName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1f2328}table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.4rem;text-align:left;vertical-align:top}th{width:30%;background:#f6f8fa}.badge{color:#fff;border-radius:1rem;padding:.1rem .6rem;font-size:.9rem}</style></head>
<body><main><h1>Báo cáo kiểm tra chữ ký số</h1>
<p>Tệp: <strong>${esc(fileName)}</strong> (${esc(r.mediaType)}). Thời điểm kiểm tra: ${esc(viTime(r.validatedAt))}.</p>
<p><strong>${esc(overallLine(r))}</strong></p>${sections}
<p><small>Kết quả theo ETSI EN 319 102-1; danh sách tin cậy gồm các tổ chức chứng thực chuyên dùng Chính phủ và công cộng được quản trị viên đưa vào.</small></p></main></body></html>`;
}

/** The same report as an A4 PDF with Vietnamese fonts. */
export async function reportPdf(r: ValidationReport, fileName: string): Promise<Uint8Array> {
  const b = await PdfBuilder.create({
    metadata: { title: `Báo cáo kiểm tra chữ ký số — ${fileName}`, createdAt: new Date(r.validatedAt) },
  });
  b.text('BÁO CÁO KIỂM TRA CHỮ KÝ SỐ', { bold: true, align: 'center', size: 14, spaceAfter: 8 });
  b.text(`Tệp: ${fileName} (${r.mediaType})`);
  b.text(`Thời điểm kiểm tra: ${viTime(r.validatedAt)}`);
  b.text(overallLine(r), { bold: true, spaceAfter: 8 });
  for (const s of r.signatures) {
    b.text(`Chữ ký ${s.index + 1}`, { bold: true, spaceBefore: 6, spaceAfter: 4 });
    b.table(
      [
        { header: 'Mục', width: 2.2 },
        { header: 'Nội dung', width: 5 },
      ],
      [...signatureRows(s), ['Chuỗi chứng thư', s.chain.map((c, i) => `${i + 1}. ${c.subject}`).join('; ') || '—']],
      { size: 9.5 },
    );
  }
  b.text('Kết quả theo ETSI EN 319 102-1.', { italic: true, size: 9, spaceBefore: 8 });
  return b.save();
}
