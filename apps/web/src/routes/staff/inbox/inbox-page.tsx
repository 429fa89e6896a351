import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../features/api';
import type { CsvColumn } from '../../../features/csv/csv';
import { DeadlineBadge, StatusTag, useWorkflowLabels } from '../../../features/dossiers/components';
import { useDossiers } from '../../../features/dossiers/hooks';
import { useAgencyNames } from '../../../features/directory/hooks';
import { type Box, BOXES, type DossierListItem } from '../../../features/dossiers/types';
import { hasRole, type Me, useMe } from '../../../features/identity';
import {
  BoxTabs,
  type Column,
  FilterBar,
  formatDate,
  ListView,
  oneOf,
  TextField,
  useListParams,
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
        unwrap(api.GET('/api/dossiers', { params: { query: { box, page: 1, pageSize: 1 } }, signal })),
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
  const list = useListParams({ box: '', q: '' });
  const box = oneOf(BOXES, list.values.box) ?? defaultBox(me.data);
  const q = list.values.q;
  const dossiers = useDossiers(
    { box, q: q || undefined, page: list.page, pageSize: PAGE_SIZE },
    { refetchInterval: 30_000 },
  );
  const count = useBoxCounts();
  const agencyName = useAgencyNames([...new Set((dossiers.data?.items ?? []).map((d) => d.agencyCode))]);
  const labels = useWorkflowLabels(undefined);
  const lang = i18n.language;
  const channel = (d: DossierListItem) => t(`services:channels.${d.channel}`, { defaultValue: d.channel });

  const csv: CsvColumn<DossierListItem>[] = [
    { header: t('cols.code'), value: (d) => d.code },
    { header: t('cols.procedure'), value: (d) => d.procedureName },
    { header: t('cols.applicant'), value: (d) => d.applicantName },
    { header: t('cols.agency'), value: (d) => agencyName(d.agencyCode) },
    { header: t('cols.channel'), value: channel },
    { header: t('cols.status'), value: (d) => labels.state(d.status) },
    { header: t('cols.submittedAt'), value: (d) => d.submittedAt },
    { header: t('cols.dueAt'), value: (d) => d.dueAt },
    {
      header: t('cols.deadline'),
      value: (d) => (d.overdue ? t('services:deadline.overdue') : d.dueSoon ? t('services:deadline.dueSoon') : ''),
    },
  ];
  const columns: Column<DossierListItem>[] = [
    {
      header: t('cols.code'),
      className: 'mono',
      cell: (d) => <Link to={`/staff/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</Link>,
    },
    {
      header: t('cols.procedure'),
      cell: (d) => (
        <>
          {d.procedureName}
          <span className="muted small block">
            {channel(d)} · {agencyName(d.agencyCode)}
          </span>
        </>
      ),
    },
    { header: t('cols.applicant'), cell: (d) => d.applicantName },
    {
      header: t('cols.status'),
      cell: (d) => <StatusTag statusCode={d.statusCode} label={labels.state(d.status)} />,
    },
    {
      header: t('cols.dueAt'),
      className: 'nowrap',
      cell: (d) => (
        <>
          {d.dueAt ? formatDate(d.dueAt, lang) : '—'} <DeadlineBadge overdue={d.overdue} dueSoon={d.dueSoon} />
        </>
      ),
    },
  ];

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <BoxTabs
        boxes={BOXES.filter((b) => b !== 'forwarded' || hasRole(me.data, 'reception', 'leader'))}
        current={box}
        label={t('inbox.boxes')}
        text={(b) => t(`boxes.${b}`)}
        count={count}
        alert={(b) => b === 'overdue' && !!count(b)}
      />
      <p className="muted">{t(`boxHelp.${box}`)}</p>
      <FilterBar label={t('inbox.search')} submitLabel={t('inbox.searchButton')} onSubmit={list.submit}>
        <TextField
          id="inbox-q"
          type="search"
          label={t('inbox.search')}
          hint={t('inbox.searchHint')}
          {...list.field('q')}
        />
      </FilterBar>
      <ListView
        query={dossiers}
        label={t(`boxes.${box}`)}
        empty={t('inbox.empty')}
        columns={columns}
        rowKey={(d) => d.code}
        rowProps={(d) => ({
          className: d.overdue ? 'row--overdue' : d.dueSoon ? 'row--due-soon' : undefined,
          'data-dossier': d.code,
        })}
        csv={{ columns: csv, fileBase: `ho-so-${box}` }}
        onPage={list.setPage}
      />
    </>
  );
}
