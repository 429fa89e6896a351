import { useTranslation } from 'react-i18next';
import { type Job, JOB_STATUSES, useJobs, useRetryJob } from '../../../features/admin/hooks';
import type { CsvColumn } from '../../../features/csv/csv';
import {
  type Column,
  ErrorSummary,
  FilterBar,
  formatDateTime,
  ListView,
  oneOf,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const TAG: Record<string, string> = { pending: 'tag--yellow', running: '', done: 'tag--green', dead: 'tag--red' };

export default function JobsPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('jobs.title'));
  const list = useListParams({ status: '', name: '' });
  const jobs = useJobs({
    status: oneOf(JOB_STATUSES, list.values.status),
    name: list.values.name || undefined,
    page: list.page,
    pageSize: 50,
  });
  const retry = useRetryJob();
  const status = (j: Job) => t(`jobs.statuses.${j.status}`, { defaultValue: j.status });

  const csv: CsvColumn<Job>[] = [
    { header: 'ID', value: (j) => j.id },
    { header: t('jobs.name'), value: (j) => j.name },
    { header: t('jobs.status'), value: status },
    { header: t('jobs.attempts'), value: (j) => `${j.attempts}/${j.maxAttempts}` },
    { header: t('jobs.runAt'), value: (j) => j.runAt },
    { header: t('jobs.createdAt'), value: (j) => j.createdAt },
    { header: t('jobs.finishedAt'), value: (j) => j.finishedAt },
    { header: t('jobs.lastError'), value: (j) => j.lastError },
  ];
  const columns: Column<Job>[] = [
    { header: t('jobs.name'), cell: (j) => <code>{j.name}</code> },
    { header: t('jobs.status'), cell: (j) => <span className={`tag ${TAG[j.status] ?? ''}`}>{status(j)}</span> },
    { header: t('jobs.attempts'), cell: (j) => `${j.attempts}/${j.maxAttempts}` },
    { header: t('jobs.runAt'), className: 'nowrap', cell: (j) => formatDateTime(j.runAt, i18n.language) },
    { header: t('jobs.lastError'), className: 'mono', cell: (j) => j.lastError },
    {
      header: t('actions'),
      action: true,
      cell: (j) =>
        j.status === 'dead' && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={retry.isPending}
            onClick={() => retry.mutate(j.id)}
          >
            {t('jobs.retry')}
            <span className="visually-hidden"> {j.name}</span>
          </button>
        ),
    },
  ];

  return (
    <>
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      {jobs.data && (
        <ul className="cards" aria-label={t('jobs.counts')}>
          {JOB_STATUSES.map((s) => (
            <li key={s} className="card">
              <h2 className="h3">{t(`jobs.statuses.${s}`)}</h2>
              <p className="stat">{jobs.data.counts[s] ?? 0}</p>
            </li>
          ))}
        </ul>
      )}
      <FilterBar label={t('filter')} onSubmit={list.submit}>
        <SelectField
          id="jobs-status"
          label={t('jobs.status')}
          {...list.field('status')}
          blank={t('all')}
          choices={JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.statuses.${s}`) }))}
        />
        <TextField id="jobs-name" label={t('jobs.name')} {...list.field('name')} />
      </FilterBar>
      <ErrorSummary error={retry.error} />
      <ListView
        query={jobs}
        label={t('jobs.title')}
        columns={columns}
        csv={{ columns: csv, fileBase: 'cong-viec-nen' }}
        onPage={list.setPage}
      />
    </>
  );
}
