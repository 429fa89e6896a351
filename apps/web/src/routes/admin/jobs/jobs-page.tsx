import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Job, JOB_STATUSES, useJobs, useRetryJob } from '../../../features/admin/hooks';
import {
  ErrorSummary,
  ExportCsvButton,
  formatDateTime,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  SelectField,
  TextField,
  usePageTitle,
} from '../../../features/ui';

const TAG: Record<string, string> = { pending: 'tag--yellow', running: '', done: 'tag--green', dead: 'tag--red' };

export default function JobsPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('jobs.title'));
  const [draft, setDraft] = useState({ status: '', name: '' });
  const [filter, setFilter] = useState<{ status?: string; name?: string; page: number; pageSize: number }>({
    page: 1,
    pageSize: 50,
  });
  const jobs = useJobs(filter);
  const retry = useRetryJob();

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilter({ status: draft.status || undefined, name: draft.name.trim() || undefined, page: 1, pageSize: 50 });
  }

  const columns = [
    { header: 'ID', value: (j: Job) => j.id },
    { header: t('jobs.name'), value: (j: Job) => j.name },
    { header: t('jobs.status'), value: (j: Job) => t(`jobs.statuses.${j.status}`, { defaultValue: j.status }) },
    { header: t('jobs.attempts'), value: (j: Job) => `${j.attempts}/${j.maxAttempts}` },
    { header: t('jobs.runAt'), value: (j: Job) => j.runAt },
    { header: t('jobs.createdAt'), value: (j: Job) => j.createdAt },
    { header: t('jobs.finishedAt'), value: (j: Job) => j.finishedAt },
    { header: t('jobs.lastError'), value: (j: Job) => j.lastError },
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
              <p className="stat">{jobs.data.counts?.[s] ?? 0}</p>
            </li>
          ))}
        </ul>
      )}
      <form className="filters" role="search" aria-label={t('filter')} onSubmit={submit}>
        <SelectField
          id="jobs-status"
          label={t('jobs.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        >
          <option value="">{t('all')}</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`jobs.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="jobs-name"
          label={t('jobs.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>
      <ErrorSummary error={retry.error} />
      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError ? (
        <QueryError error={jobs.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={jobs.data.total} />
            <ExportCsvButton rows={jobs.data.items} columns={columns} fileBase="cong-viec-nen" />
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('jobs.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('jobs.name')}</th>
                  <th scope="col">{t('jobs.status')}</th>
                  <th scope="col">{t('jobs.attempts')}</th>
                  <th scope="col">{t('jobs.runAt')}</th>
                  <th scope="col">{t('jobs.lastError')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.items.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <code>{j.name}</code>
                    </td>
                    <td>
                      <span className={`tag ${TAG[j.status] ?? ''}`}>
                        {t(`jobs.statuses.${j.status}`, { defaultValue: j.status })}
                      </span>
                    </td>
                    <td>
                      {j.attempts}/{j.maxAttempts}
                    </td>
                    <td className="nowrap">{formatDateTime(j.runAt, i18n.language)}</td>
                    <td className="mono">{j.lastError}</td>
                    <td>
                      {j.status === 'dead' && (
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          disabled={retry.isPending}
                          onClick={() => retry.mutate(j.id)}
                        >
                          {t('jobs.retry')}
                          <span className="visually-hidden"> {j.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={jobs.data.page}
            pageSize={jobs.data.pageSize}
            total={jobs.data.total}
            onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
          />
        </>
      )}
    </>
  );
}
