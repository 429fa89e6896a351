import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvColumn, csvFileName, downloadCsv, toCsv } from '../csv/csv';
import { QueryError as QueryErrorView } from './problem-view';

/** Sets the document title; every page calls it once. */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('site.name')}`;
  }, [title, t]);
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status" role="status" aria-live="polite">
      {label ?? t('loading')}
    </p>
  );
}

/** Success message announced to screen readers. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status" aria-live="polite">
      {children}
    </div>
  );
}

export function ExportCsvButton<T>({
  rows,
  columns,
  fileBase,
}: {
  rows: readonly T[] | undefined;
  columns: readonly CsvColumn<T>[];
  fileBase: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn--secondary btn--small"
      disabled={!rows?.length}
      onClick={() => rows && downloadCsv(csvFileName(fileBase), toCsv(rows, columns))}
    >
      {t('exportCsv')}
    </button>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (p: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('pagination.previous')}
      </button>
      <span>{t('pagination.status', { page, pages })}</span>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('pagination.next')}
      </button>
    </nav>
  );
}

/** "12 results" line, announced when it changes. */
export function ResultCount({ total }: { total: number }) {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('results', { n: total })}
    </p>
  );
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // "14:05 01/12/2026": the full year and two-digit days, as Vietnamese forms write dates.
  return d.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** Focus (and scroll to) an element when it first appears: forms opened from a row far down a table. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** What a paged list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A paged list as a result: loading, the error, the count with a CSV export, the empty text or the
 * table (scrollable region, labelled), and the pager. `children` renders the rows' table.
 */
export function PagedResult<T>({
  query,
  label,
  empty,
  csv,
  onPage,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: Page<T> };
  label: string;
  empty: string;
  csv?: { columns: readonly CsvColumn<T>[]; fileBase: string };
  onPage: (page: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending || (!query.isError && !query.data)) return <Loading />;
  if (query.isError || !query.data) return <QueryErrorView error={query.error} />;
  const data = query.data;
  return (
    <>
      <div className="toolbar">
        <ResultCount total={data.total} />
        {csv && <ExportCsvButton rows={data.items} columns={csv.columns} fileBase={csv.fileBase} />}
      </div>
      {data.items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
          {children(data.items)}
        </div>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} />
    </>
  );
}
