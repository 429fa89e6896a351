import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencyNames } from '../../../features/directory/hooks';
import { useAggregate, useObligations, useReceivedReports, useRegimes } from '../../../features/reporting/hooks';
import {
  type Column,
  FilterBar,
  formatDateTime,
  ListTable,
  ListView,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

type Row = NonNullable<ReturnType<typeof useObligations>['data']>['items'][number];
type ReceivedRow = NonNullable<ReturnType<typeof useReceivedReports>['data']>['items'][number];

/** Reports the caller's agency owes or receives, filtered; the aggregate of a regime's period. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation('reporting');
  usePageTitle(t('reports.title'));
  const list = useListParams({ regime: '', period: '', status: '', agency: '' });
  const { regime, period, status, agency } = list.values;
  const obligations = useObligations({
    regime: regime || undefined,
    period: period || undefined,
    status: (status || undefined) as never,
    agency: agency || undefined,
    page: list.page,
    pageSize: 50,
  });
  const regimes = useRegimes();
  const agencyNames = useAgencyNames(obligations.data?.items.flatMap((o) => [o.agencyCode, o.receiverCode]) ?? []);
  // "Ủy ban nhân dân" → "UBND", as Vietnamese tables write it: the list stays readable on a laptop.
  const names = (code: string) => agencyNames(code).replace(/^Ủy ban nhân dân /, 'UBND ');
  const agg = useAggregate(regime && period ? { regime, period, scope: agency || undefined } : null);
  const columns: Column<Row>[] = [
    { header: t('fields.regime'), className: 'mono', cell: (o) => o.regime.code },
    { header: t('fields.period'), cell: (o) => o.periodLabel },
    { header: t('fields.agency'), cell: (o) => names(o.agencyCode) },
    { header: t('fields.receiver'), cell: (o) => names(o.receiverCode) },
    { header: t('fields.status'), cell: (o) => t(`status.${o.status}`) },
    { header: t('fields.due'), className: 'nowrap', cell: (o) => formatDateTime(o.dueAt, i18n.language) },
    { header: t('fields.late'), cell: (o) => (o.late || o.overdue ? t('yes') : t('no')) },
    {
      header: t('reports.open'),
      action: true,
      cell: (o) => (
        <Link to={`/staff/reports/${o.id}`} aria-label={`${t('reports.open')} ${names(o.agencyCode)} ${o.periodLabel}`}>
          {t('reports.open')}
        </Link>
      ),
    },
  ];
  const template = agg.data?.template;
  // Reports from agencies another deployment serves (ADR 0024): shown when there are any.
  const received = useReceivedReports({ page: 1, pageSize: 50 });
  const short = (name: string) => name.replace(/^Ủy ban nhân dân /, 'UBND ');
  const receivedColumns: Column<ReceivedRow>[] = [
    { header: t('fields.regime'), className: 'mono', cell: (r) => r.regime.code },
    { header: t('fields.period'), cell: (r) => r.periodLabel },
    { header: t('fields.agency'), cell: (r) => short(r.agency.name) },
    { header: t('fields.status'), cell: (r) => t(`status.${r.status}`) },
    {
      header: t('received.submittedAt'),
      className: 'nowrap',
      cell: (r) => formatDateTime(r.submittedAt, i18n.language),
    },
    { header: t('fields.late'), cell: (r) => (r.late ? t('yes') : t('no')) },
    {
      header: t('reports.open'),
      action: true,
      cell: (r) => (
        <Link
          to={`/staff/reports/received/${r.id}`}
          aria-label={`${t('reports.open')} ${short(r.agency.name)} ${r.periodLabel}`}
        >
          {t('reports.open')}
        </Link>
      ),
    },
  ];
  return (
    <div className="page">
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <FilterBar label={t('reports.filter')} submitLabel={t('reports.apply')} onSubmit={list.submit}>
        <SelectField
          id="rp-regime"
          label={t('fields.regime')}
          {...list.field('regime')}
          blank={t('reports.any')}
          choices={regimes.data?.items.map((r) => ({ value: r.code, label: r.name }))}
        />
        <TextField id="rp-period" label={t('fields.period')} placeholder="2026-M12" {...list.field('period')} />
        <SelectField
          id="rp-status"
          label={t('fields.status')}
          {...list.field('status')}
          blank={t('reports.any')}
          choices={(['open', 'submitted', 'accepted', 'returned'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
        />
        <TextField id="rp-agency" label={t('fields.scope')} placeholder="H26" {...list.field('agency')} />
      </FilterBar>
      <ListView
        query={obligations}
        label={t('reports.title')}
        empty={t('reports.empty')}
        columns={columns}
        rowProps={(o) => ({ 'data-agency': o.agencyCode, 'data-status': o.status })}
        csv={{
          fileBase: 'bao-cao',
          columns: [
            { header: t('fields.regime'), value: (o) => o.regime.code },
            { header: t('fields.period'), value: (o) => o.period },
            { header: t('fields.agency'), value: (o) => o.agencyCode },
            { header: t('fields.status'), value: (o) => t(`status.${o.status}`) },
            { header: t('fields.late'), value: (o) => (o.late ? 1 : 0) },
          ],
        }}
        onPage={list.setPage}
      />
      {!!received.data?.total && (
        <section aria-labelledby="rp-received" data-testid="received-reports">
          <h2 id="rp-received">{t('received.title')}</h2>
          <p>{t('received.intro')}</p>
          <ListView
            query={received}
            label={t('received.title')}
            empty={t('received.empty')}
            columns={receivedColumns}
            rowProps={(r) => ({ 'data-agency': r.agency.code, 'data-status': r.status })}
          />
        </section>
      )}
      <section aria-labelledby="rp-agg">
        <h2 id="rp-agg">{t('reports.aggregate')}</h2>
        {!agg.data && <p className="muted">{t('reports.aggregateHint')}</p>}
        {agg.data && template && (
          <>
            <p data-testid="aggregate-counts">
              {t('fields.scope')}: {names(agg.data.scope)} · {t('reports.expected')} {agg.data.reports.expected} ·{' '}
              {t('reports.accepted')} {agg.data.reports.accepted} · {t('reports.lateCount')} {agg.data.reports.late}
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reports.aggregate')}>
              <ListTable
                columns={[
                  { header: t('fields.code'), className: 'mono', cell: (i) => i.code },
                  { header: t('fields.indicator'), cell: (i) => i.name },
                  { header: t('fields.value'), numeric: true, cell: (i) => agg.data.values[i.code] ?? '—' },
                  { header: t('fields.unit'), cell: (i) => i.unit },
                  {
                    header: t('fields.aggregation'),
                    cell: (i) => (i.formula ? i.formula : t(`aggregation.${i.aggregation}`)),
                  },
                ]}
                rows={template.indicators}
                rowKey={(i) => i.code}
                rowProps={(i) => ({ 'data-indicator': i.code })}
              />
            </div>
          </>
        )}
      </section>
    </div>
  );
}
