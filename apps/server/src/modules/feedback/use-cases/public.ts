import type { FeedbackContext } from '../feedback.context.js';
import { ValidationError } from '../../../platform/http/errors.js';
import {
  feedbackRepository as repo,
  type PublicRow,
  type PublicCursor,
  type PublicFilter,
} from '../feedback.repository.js';

export const publicItem = (i: PublicRow) => ({
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

/** A keyset cursor: where the page ended, opaque to the client. */
const cursorOf = (i: PublicRow) =>
  Buffer.from(JSON.stringify([i.publishedAt!.toISOString(), i.id])).toString('base64url');

function parseCursor(s: string): PublicCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    const publishedAt = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(publishedAt.getTime()))
      return { publishedAt, id };
  } catch {
    // answered below
  }
  throw ValidationError.field('after', 'INVALID_CURSOR', 'Not a cursor this list gave.');
}

/**
 * Published feedback and answers (masked), searchable without diacritics, newest first; counted up
 * to a cap (`totalCapped` beyond it), by page or after the `next` cursor of the previous page.
 */
export async function searchPublished(ctx: FeedbackContext, f: Omit<PublicFilter, 'after'> & { after?: string }) {
  const r = await repo.publicSearch(ctx.db, {
    ...f,
    q: f.q?.normalize('NFC').trim() || undefined,
    after: f.after ? parseCursor(f.after) : undefined,
  });
  const last = r.items.length === f.pageSize ? r.items[r.items.length - 1] : undefined;
  return {
    items: r.items.map(publicItem),
    total: r.total,
    totalCapped: r.totalCapped,
    next: last ? cursorOf(last) : null,
  };
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
