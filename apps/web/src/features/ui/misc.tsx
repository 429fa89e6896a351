import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CsvColumn, csvFileName, downloadCsv, toCsv } from '../csv/csv';

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

/** The trail above a page's heading: links to the pages above it, then the page itself. */
export function Breadcrumbs({ trail, current }: { trail: { to: string; label: ReactNode }[]; current: ReactNode }) {
  const { t } = useTranslation('services');
  return (
    <nav className="breadcrumbs" aria-label={t('breadcrumbs')}>
      <ol>
        {trail.map((c) => (
          <li key={c.to}>
            <Link to={c.to}>{c.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/** A form's row of buttons: its submit button (disabled while `busy`), then what follows it (cancel, back …). */
export function SubmitRow({ label, busy, children }: { label: ReactNode; busy?: boolean; children?: ReactNode }) {
  return (
    <div className="btn-row">
      <button className="btn" type="submit" disabled={busy}>
        {label}
      </button>
      {children}
    </div>
  );
}

/**
 * A table in a region that scrolls sideways on a phone: a column header per `headers` and, with
 * `actionsLabel`, a last one for the rows' buttons whose name only screen readers read; the rows are
 * the children.
 */
export function TableView({
  label,
  headers,
  actionsLabel,
  className,
  children,
}: {
  label: string;
  headers: ReactNode[];
  actionsLabel?: string;
  /** The table's own class (e.g. `edit-table`). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className={className}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
            {actionsLabel && (
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
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
  capped = false,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The list counted up to `total` and stopped: there are more (the pages shown are the first ones). */
  capped?: boolean;
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
      <span>{t(capped ? 'pagination.statusMore' : 'pagination.status', { page, pages })}</span>
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

/** "12 results" line ("more than 1,000" when the list stopped counting), announced when it changes. */
export function ResultCount({ total, capped = false }: { total: number; capped?: boolean }) {
  const { t, i18n } = useTranslation();
  const n = capped ? new Intl.NumberFormat(i18n.language).format(total) : total;
  return (
    <p className="muted" role="status" aria-live="polite">
      {t(capped ? 'resultsMore' : 'results', { n })}
    </p>
  );
}

/** Focus (and scroll to) an element when it first appears: forms opened from a row far down a table. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
