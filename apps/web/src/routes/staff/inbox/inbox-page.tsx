import { useQueries } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiFetch, type Page } from '../../../features/api';
import type { CsvColumn } from '../../../features/csv/csv';
import { DeadlineBadge, formatDate, StatusTag, useWorkflowLabels } from '../../../features/dossiers/components';
import { useDossiers } from '../../../features/dossiers/hooks';
import { type Box, BOXES, type DossierListItem } from '../../../features/dossiers/types';
import { hasRole, type Me, useMe } from '../../../features/identity';
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

/** The box an officer starts in: the work their role does next. */
export function defaultBox(me: Me | null | undefined): Box {
  if (hasRole(me, 'reception')) return 'reception';
  if (hasRole(me, 'specialist')) return 'mine';
  if (hasRole(me, 'leader')) return 'approval';
  if (hasRole(me, 'clerk')) return 'issue';
  return 'all';
}

function useBoxCounts() {
  const results = useQueries({
    queries: BOXES.map((box) => ({
      queryKey: ['dossiers', 'list', { box, page: 1, pageSize: 1 }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiFetch<Page<DossierListItem>>('/api/dossiers', { query: { box, page: 1, pageSize: 1 }, signal }),
      staleTime: 15_000,
    })),
  });
  return (box: Box) => results[BOXES.indexOf(box)]?.data?.total;
}

/** Officers' inbox per box, due-soon and overdue marked with colour, icon and words. */
export default function InboxPage() {
  const { t, i18n } = useTranslation('staff');
  usePageTitle(t('inbox.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const box = (BOXES as readonly string[]).includes(params.get('box') ?? '')
    ? (params.get('box') as Box)
    : defaultBox(me.data);
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [draftQ, setDraftQ] = useState(q);
  const list = useDossiers({ box, q: q || undefined, page, pageSize: PAGE_SIZE }, { refetchInterval: 30_000 });
  const count = useBoxCounts();
  const labels = useWorkflowLabels(undefined);
  const lang = i18n.language;

  const go = (next: Record<string, string>) =>
    setParams(Object.fromEntries(Object.entries({ box, q, ...next }).filter(([, v]) => v)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: draftQ.trim(), page: '' });
  };
  const columns: CsvColumn<DossierListItem>[] = [
    { header: t('cols.code'), value: (d) => d.code },
    { header: t('cols.procedure'), value: (d) => d.procedureName },
    { header: t('cols.applicant'), value: (d) => d.applicantName },
    { header: t('cols.agency'), value: (d) => d.agencyCode },
    { header: t('cols.channel'), value: (d) => t(`services:channels.${d.channel}`, { defaultValue: d.channel }) },
    { header: t('cols.status'), value: (d) => labels.state(d.status) },
    { header: t('cols.submittedAt'), value: (d) => d.submittedAt },
    { header: t('cols.dueAt'), value: (d) => d.dueAt },
    {
      header: t('cols.deadline'),
      value: (d) => (d.overdue ? t('services:deadline.overdue') : d.dueSoon ? t('services:deadline.dueSoon') : ''),
    },
  ];

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <nav aria-label={t('inbox.boxes')} className="tabs">
        <ul>
          {BOXES.map((b) => (
            <li key={b}>
              <Link
                to={`?box=${b}`}
                aria-current={b === box ? 'page' : undefined}
                className={b === 'overdue' && count(b) ? 'tabs__alert' : undefined}
              >
                {t(`boxes.${b}`)}
                {count(b) !== undefined && <span className="tabs__count"> ({count(b)})</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">{t(`boxHelp.${box}`)}</p>
      <form role="search" aria-label={t('inbox.search')} className="filters" onSubmit={submit}>
        <TextField
          id="inbox-q"
          type="search"
          label={t('inbox.search')}
          hint={t('inbox.searchHint')}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('inbox.searchButton')}
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
            <ExportCsvButton rows={list.data.items} columns={columns} fileBase={`ho-so-${box}`} />
          </div>
          {list.data.items.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t(`boxes.${box}`)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('cols.code')}</th>
                    <th scope="col">{t('cols.procedure')}</th>
                    <th scope="col">{t('cols.applicant')}</th>
                    <th scope="col">{t('cols.status')}</th>
                    <th scope="col">{t('cols.dueAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((d) => (
                    <tr
                      key={d.code}
                      className={d.overdue ? 'row--overdue' : d.dueSoon ? 'row--due-soon' : undefined}
                      data-dossier={d.code}
                    >
                      <td className="mono">
                        <Link to={`/staff/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</Link>
                      </td>
                      <td>
                        {d.procedureName}
                        <span className="muted small block">
                          {t(`services:channels.${d.channel}`, { defaultValue: d.channel })} · {d.agencyCode}
                        </span>
                      </td>
                      <td>{d.applicantName}</td>
                      <td>
                        <StatusTag statusCode={d.statusCode} label={labels.state(d.status)} />
                      </td>
                      <td className="nowrap">
                        {d.dueAt ? formatDate(d.dueAt, lang) : '—'}{' '}
                        <DeadlineBadge overdue={d.overdue} dueSoon={d.dueSoon} />
                      </td>
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
