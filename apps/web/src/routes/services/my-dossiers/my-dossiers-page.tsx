import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { DeadlineBadge, StatusTag, useWorkflowLabels } from '../../../features/dossiers/components';
import { useDeleteDraft, useDossiers, useDrafts } from '../../../features/dossiers/hooks';
import type { DossierListItem } from '../../../features/dossiers/types';
import { useProcedure } from '../../../features/procedures/hooks';
import { formatVnd } from '../../../features/procedures/money';
import {
  ErrorSummary,
  FilterBar,
  formatDate,
  formatDateTime,
  ListView,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

import { ClaimSection } from './claim-section';

const PAGE_SIZE = 20;

function DraftName({ code }: { code: string }) {
  const { t } = useTranslation('services');
  const p = useProcedure(code);
  return (
    <>
      {t('my.draftOf')} {p.data?.name ?? ''} <span className="mono">({code})</span>
    </>
  );
}

function Drafts() {
  const { t, i18n } = useTranslation('services');
  const drafts = useDrafts();
  const del = useDeleteDraft();
  return (
    <>
      <ErrorSummary error={del.error} />
      <ListView query={drafts} label={t('my.drafts')} empty={t('my.noDrafts')} showCount={false}>
        {(items) => (
          <ul className="results" aria-label={t('my.drafts')}>
            {items.map((d) => (
              <li key={d.id}>
                <p className="result-title">
                  <DraftName code={d.procedureCode} />
                </p>
                <ul className="meta">
                  <li>{t('my.savedAt', { time: formatDateTime(d.updatedAt, i18n.language) })}</li>
                  <li>{t('my.files', { n: d.attachments.length })}</li>
                </ul>
                <div className="btn-row">
                  <Link
                    className="btn btn--small"
                    to={`/procedures/${encodeURIComponent(d.procedureCode)}/apply?draft=${encodeURIComponent(d.id)}`}
                  >
                    {t('my.resume')}
                    <span className="visually-hidden"> {d.procedureCode}</span>
                  </Link>
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    disabled={del.isPending}
                    onClick={() => window.confirm(t('my.confirmDelete')) && del.mutate(d.id)}
                  >
                    {t('my.deleteDraft')}
                    <span className="visually-hidden"> {d.procedureCode}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </ListView>
    </>
  );
}

/** "Hồ sơ của tôi": drafts to resume and submitted dossiers with their status and due date. */
export function MyDossiersPage() {
  const { t, i18n } = useTranslation('services');
  const { t: tp } = useTranslation('payments');
  usePageTitle(t('my.title'));
  const list = useListParams({ q: '' });
  const dossiers = useDossiers({ mine: 'true', q: list.values.q || undefined, page: list.page, pageSize: PAGE_SIZE });
  const labels = useWorkflowLabels(undefined);
  const columns: CsvColumn<DossierListItem>[] = [
    { header: t('fields.code'), value: (d) => d.code },
    { header: t('fields.procedure'), value: (d) => d.procedureName },
    { header: t('fields.status'), value: (d) => labels.state(d.status) },
    { header: t('fields.submittedAt'), value: (d) => d.submittedAt },
    { header: t('fields.dueAt'), value: (d) => d.dueAt },
  ];
  return (
    <div className="page">
      <h1>{t('my.title')}</h1>
      <section aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t('my.drafts')}</h2>
        <Drafts />
      </section>
      <ClaimSection />
      <section aria-labelledby="dossiers-title">
        <h2 id="dossiers-title">{t('my.dossiers')}</h2>
        <FilterBar label={t('my.search')} submitLabel={t('search.button')} onSubmit={list.submit}>
          <TextField id="my-q" type="search" label={t('my.search')} hint={t('my.searchHint')} {...list.field('q')} />
        </FilterBar>
        <ListView
          query={dossiers}
          label={t('my.dossiers')}
          empty={
            <>
              {t('my.none')} <Link to="/procedures">{t('my.findProcedure')}</Link>
            </>
          }
          csv={{ columns, fileBase: 'ho-so-cua-toi' }}
          onPage={list.setPage}
        >
          {(items) => (
            <ul className="results" aria-label={t('my.dossiers')}>
              {items.map((d) => (
                <li key={d.code} data-dossier={d.code}>
                  <h3 className="result-title">
                    <Link to={`/my/dossiers/${encodeURIComponent(d.code)}`}>{d.procedureName}</Link>
                  </h3>
                  <ul className="meta">
                    <li>
                      <span className="mono">{d.code}</span>
                    </li>
                    <li>
                      <StatusTag statusCode={d.statusCode} label={labels.state(d.status)} />
                    </li>
                    <li>
                      {t('fields.submittedAt')}: {formatDate(d.submittedAt, i18n.language)}
                    </li>
                    {d.dueAt && (
                      <li>
                        {t('fields.dueAt')}: {formatDate(d.dueAt, i18n.language)}
                      </li>
                    )}
                    {d.fee.due && (
                      <li>
                        <Link
                          className="btn btn--small"
                          to={`/my/dossiers/${encodeURIComponent(d.code)}#fees`}
                          aria-label={`${tp('prompt.payNow')}: ${d.code}`}
                          data-testid="list-pay"
                        >
                          {tp('prompt.payNow')}
                        </Link>{' '}
                        <span className="tag tag--yellow">
                          {tp('prompt.listDue', { amount: formatVnd(d.fee.amount) })}
                        </span>
                      </li>
                    )}
                    {(d.overdue || d.dueSoon) && (
                      <li>
                        <DeadlineBadge overdue={d.overdue} dueSoon={d.dueSoon} />
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </ListView>
      </section>
    </div>
  );
}
