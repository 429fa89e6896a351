import type { FormEvent, HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../csv/csv';
import { ExportCsvButton, Loading, Pagination, ResultCount } from './misc';
import { QueryError } from './problem-view';

/** What a list endpoint answers: a page of `{items, total, page, pageSize}`, or all `{items}` at once. */
export interface ListData<T> {
  items: T[];
  total?: number;
  /** `total` is where the server stopped counting: more match. */
  totalCapped?: boolean;
  page?: number;
  pageSize?: number;
}

/** A column of a list table: its header, its cell, and how it looks. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Class of the cells (`mono`, `nowrap` …). */
  className?: string;
  /** Amounts and counts: aligned to the end, header included. */
  numeric?: boolean;
  /** The row's buttons: the header is read out but not shown; on a phone the column stays in the card. */
  action?: boolean;
}

/**
 * The filter form of a list page: a search landmark whose fields are the children, and the button
 * that applies them.
 */
export function FilterBar({
  label,
  onSubmit,
  submitLabel,
  className = 'filters',
  children,
}: {
  label: string;
  onSubmit: (e: FormEvent) => void;
  submitLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form className={className} role="search" aria-label={label} onSubmit={onSubmit}>
      {children}
      <div className="btn-row">
        <button className="btn" type="submit">
          {submitLabel ?? t('apply')}
        </button>
      </div>
    </form>
  );
}

/** A table of rows. On a phone each row becomes a card of label–value lines (explicit roles keep it a table). */
export function ListTable<T>({
  columns,
  rows,
  rowKey,
  rowProps,
  caption,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  caption?: ReactNode;
}) {
  return (
    <table className="list-table" role="table">
      {caption && <caption>{caption}</caption>}
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((c) => (
            <th
              key={c.header}
              scope="col"
              role="columnheader"
              className={[c.numeric ? 'num' : '', c.action ? 'list-action' : ''].filter(Boolean).join(' ') || undefined}
            >
              {c.action ? <span className="visually-hidden">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((r) => (
          <tr key={rowKey(r)} role="row" {...rowProps?.(r)}>
            {columns.map((c) => (
              <td key={c.header} role="cell" data-label={c.action ? undefined : c.header} className={cellClass(c)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The one list of the web app: loading, the error, the count with a CSV export of the rows shown,
 * the empty text or the rows (a table from `columns`, or `children` for another layout) in a
 * labelled region that scrolls by itself, and the pager.
 */
export function ListView<T>({
  query,
  label,
  empty,
  columns,
  rowKey,
  rowProps,
  csv,
  onPage,
  showCount = true,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: ListData<T> };
  /** Names the region the rows are in. */
  label: string;
  /** The text when there is nothing (default: "nothing matches"). */
  empty?: ReactNode;
  columns?: readonly Column<T>[];
  rowKey?: (row: T) => string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  csv?: { columns: readonly CsvColumn<T>[]; fileBase: string };
  onPage?: (page: number) => void;
  /** The "n results" line (off for a short list of one's own things). */
  showCount?: boolean;
  /** Rows in a layout of their own (a list of results) instead of the table. */
  children?: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending || (!query.isError && !query.data)) return <Loading />;
  if (query.isError || !query.data) return <QueryError error={query.error} />;
  const { items, total = items.length, totalCapped = false, page = 1, pageSize = items.length || 1 } = query.data;
  return (
    <>
      {(showCount || csv) && (
        <div className="toolbar">
          {showCount && <ResultCount total={total} capped={totalCapped} />}
          {csv && <ExportCsvButton rows={items} columns={csv.columns} fileBase={csv.fileBase} />}
        </div>
      )}
      {items.length === 0 ? (
        <p className={showCount ? undefined : 'muted'}>{empty ?? t('noResults')}</p>
      ) : children ? (
        children(items)
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
          <ListTable columns={columns ?? []} rows={items} rowKey={rowKey ?? defaultKey} rowProps={rowProps} />
        </div>
      )}
      {onPage && <Pagination page={page} pageSize={pageSize} total={total} capped={totalCapped} onPage={onPage} />}
    </>
  );
}

function cellClass(c: Column<never>): string | undefined {
  return [c.className, c.numeric ? 'num' : '', c.action ? 'list-action' : ''].filter(Boolean).join(' ') || undefined;
}

function defaultKey(row: unknown): string {
  const r = row as { id?: unknown; code?: unknown };
  return String(r.id ?? r.code);
}
