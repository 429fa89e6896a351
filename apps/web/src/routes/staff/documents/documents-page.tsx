import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { DocFlags, DocStatus, formatDay } from '../../../features/documents/components';
import { useDocuments } from '../../../features/documents/hooks';
import { type Box, BOXES, type DocumentListItem } from '../../../features/documents/types';
import { hasRole, useMe } from '../../../features/identity';
import {
  ExportCsvButton,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  TextField,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 25;

/** The clerk's day: my tasks, drafts, outgoing and incoming boxes, urgent and late ones marked. */
export default function DocumentsPage() {
  const { t, i18n } = useTranslation('documents');
  usePageTitle(t('list.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const box = (BOXES as readonly string[]).includes(params.get('box') ?? '') ? (params.get('box') as Box) : 'tasks';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [draftQ, setDraftQ] = useState(q);
  const list = useDocuments({ box, q: q || undefined, page, pageSize: PAGE_SIZE });
  const go = (next: Record<string, string>) =>
    setParams(Object.fromEntries(Object.entries({ box, q, ...next }).filter(([, v]) => v)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: draftQ.trim(), page: '' });
  };
  const lang = i18n.language;
  const columns: CsvColumn<DocumentListItem>[] = [
    { header: t('cols.code'), value: (d) => d.code ?? '' },
    { header: t('cols.type'), value: (d) => d.typeName },
    { header: t('cols.subject'), value: (d) => d.subject },
    { header: t('cols.from'), value: (d) => d.senderName ?? d.createdByName },
    { header: t('cols.status'), value: (d) => t(`status.${d.status}`) },
    { header: t('cols.urgency'), value: (d) => t(`urgency.${d.urgency}`) },
    { header: t('cols.date'), value: (d) => d.issuedDate ?? d.arrivedAt ?? d.updatedAt },
  ];
  return (
    <>
      <h1>{t('list.title')}</h1>
      <div className="btn-row">
        {hasRole(me.data, 'specialist', 'leader') && (
          <Link className="btn" to="/staff/documents/new">
            {t('list.newDraft')}
          </Link>
        )}
        {hasRole(me.data, 'clerk') && (
          <Link className="btn btn--secondary" to="/staff/documents/paper">
            {t('list.paper')}
          </Link>
        )}
        {hasRole(me.data, 'clerk', 'leader') && (
          <Link className="btn btn--secondary" to="/staff/registers">
            {t('list.registers')}
          </Link>
        )}
      </div>
      <nav aria-label={t('list.boxes')} className="tabs">
        <ul>
          {BOXES.map((b) => (
            <li key={b}>
              <Link to={`?box=${b}`} aria-current={b === box ? 'page' : undefined}>
                {t(`boxes.${b}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">{t(`boxHelp.${box}`)}</p>
      <form role="search" aria-label={t('list.search')} className="filters" onSubmit={submit}>
        <TextField
          id="documents-q"
          type="search"
          label={t('list.search')}
          hint={t('list.searchHint')}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('list.searchButton')}
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={list.data.total} />
            <ExportCsvButton rows={list.data.items} columns={columns} fileBase={`van-ban-${box}`} />
          </div>
          {list.data.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t(`boxes.${box}`)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('cols.code')}</th>
                    <th scope="col">{t('cols.subject')}</th>
                    <th scope="col">{t('cols.from')}</th>
                    <th scope="col">{t('cols.status')}</th>
                    <th scope="col">{t('cols.date')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((d) => (
                    <tr
                      key={d.id}
                      className={d.overdue ? 'row--overdue' : d.urgent ? 'row--due-soon' : undefined}
                      data-document={d.id}
                    >
                      <td className="nowrap">
                        <Link to={`/staff/documents/${d.id}`}>{d.code ?? t('detail.unnumbered')}</Link>
                        <span className="muted small block">{d.typeName}</span>
                      </td>
                      <td>
                        {d.subject} <DocFlags d={d} />
                      </td>
                      <td>{d.senderName ?? d.createdByName}</td>
                      <td>
                        <DocStatus status={d.status} />
                      </td>
                      <td className="nowrap">{formatDay(d.issuedDate ?? d.arrivedAt ?? d.updatedAt, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => go({ page: String(p) })}
          />
        </>
      )}
    </>
  );
}
