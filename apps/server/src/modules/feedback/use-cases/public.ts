import type { FeedbackContext } from '../feedback.context.js';
import { feedbackRepository as repo, type ItemRow, type PublicFilter } from '../feedback.repository.js';

export const publicItem = (i: ItemRow) => ({
  code: i.code,
  contentType: i.contentType,
  agencyCode: i.agencyCode,
  procedureCode: i.procedureCode,
  procedureName: i.procedureName,
  title: i.publicTitle ?? '',
  text: i.publicBody ?? '',
  answer: i.publicAnswer ?? '',
  createdAt: i.createdAt,
  answeredAt: i.approvedAt,
  publishedAt: i.publishedAt!,
  onTime: !!i.approvedAt && !!i.dueAt && i.approvedAt <= i.dueAt,
  rating: i.rating,
});

/** Published feedback and answers (masked), searchable without diacritics. */
export async function searchPublished(ctx: FeedbackContext, f: PublicFilter) {
  const r = await repo.publicSearch(ctx.db, { ...f, q: f.q?.normalize('NFC').trim() || undefined });
  return { items: r.items.map(publicItem), total: r.total };
}

/** Per agency: received, answered on time and late, mean days to answer, satisfaction. */
export async function feedbackStats(ctx: FeedbackContext, q: { agency?: string; from: Date; to: Date }) {
  const agencyCodes = q.agency ? await ctx.ports.directory.subtreeCodes(q.agency) : undefined;
  const rows = await repo.stats(ctx.db, { agencyCodes, from: q.from, to: q.to });
  const items = rows.map((r) => ({
    agencyCode: r.agencyCode!,
    received: r.received,
    answered: r.answered,
    answeredOnTime: r.onTime,
    late: r.late,
    averageDays: r.avgDays == null ? null : Math.round(Number(r.avgDays) * 10) / 10,
    rated: r.rated,
    satisfaction: r.satisfaction == null ? null : Math.round(Number(r.satisfaction) * 100) / 100,
  }));
  const sum = (k: 'received' | 'answered' | 'answeredOnTime' | 'late' | 'rated') => items.reduce((s, i) => s + i[k], 0);
  return {
    from: q.from,
    to: q.to,
    items,
    total: {
      received: sum('received'),
      answered: sum('answered'),
      answeredOnTime: sum('answeredOnTime'),
      late: sum('late'),
      rated: sum('rated'),
    },
  };
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows as CSV (RFC 4180, UTF-8 with BOM so that spreadsheets read the diacritics). */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
