import { useTranslation } from 'react-i18next';
import { useFeedbackStats } from '../../../features/feedback/hooks';
import type { FeedbackStats } from '../../../features/feedback/types';
import { type Column, FilterBar, ListView, TextField, useListParams, usePageTitle } from '../../../features/ui';

type Row = FeedbackStats['items'][number];
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Per agency: received, answered on time, late, average days, satisfaction; exported to CSV. */
export function FeedbackStatsPage() {
  const { t } = useTranslation('feedback');
  usePageTitle(t('stats.title'));
  const now = new Date();
  const list = useListParams({
    agency: '',
    from: iso(new Date(now.getFullYear(), 0, 1)),
    to: iso(new Date(now.getTime() + 86_400_000)),
  });
  const { agency, from, to } = list.values;
  const q = { agency: agency || undefined, from, to };
  const stats = useFeedbackStats(q);
  const columns: Column<Row>[] = [
    { header: t('fields.agency'), className: 'mono', cell: (r) => r.agencyCode },
    { header: t('stats.received'), numeric: true, cell: (r) => r.received },
    { header: t('stats.answered'), numeric: true, cell: (r) => r.answered },
    { header: t('stats.answeredOnTime'), numeric: true, cell: (r) => r.answeredOnTime },
    { header: t('stats.late'), numeric: true, cell: (r) => r.late },
    { header: t('stats.averageDays'), numeric: true, cell: (r) => r.averageDays ?? '—' },
    { header: t('stats.satisfaction'), numeric: true, cell: (r) => r.satisfaction ?? '—' },
  ];
  const exportQuery = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <div className="page">
      <h1>{t('stats.title')}</h1>
      <FilterBar label={t('public.filter')} submitLabel={t('public.apply')} onSubmit={list.submit}>
        <TextField id="fbs-agency" label={t('fields.agency')} {...list.field('agency')} />
        <TextField id="fbs-from" type="date" label={t('fields.from')} {...list.field('from')} />
        <TextField id="fbs-to" type="date" label={t('fields.to')} {...list.field('to')} />
      </FilterBar>
      <p>
        <a href={`/api/stats/feedback/export.csv?${exportQuery}`}>{t('public.exportCsv')}</a>
      </p>
      <ListView
        query={{ ...stats, data: stats.data ? { items: stats.data.items } : undefined }}
        label={t('stats.title')}
        empty={t('stats.empty')}
        columns={columns}
        rowKey={(r) => r.agencyCode}
        rowProps={(r) => ({ 'data-agency': r.agencyCode })}
        showCount={false}
      />
      {stats.data && (
        <p data-testid="feedback-stats-total">
          {t('stats.total')}: {t('stats.received')} {stats.data.total.received} · {t('stats.answeredOnTime')}{' '}
          {stats.data.total.answeredOnTime} · {t('stats.late')} {stats.data.total.late}
        </p>
      )}
    </div>
  );
}
