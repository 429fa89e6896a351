import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicScores } from '../../../features/reporting/hooks';
import { ListTable, Loading, QueryError, SelectField, usePageTitle } from '../../../features/ui';

/** Public: the Decision 766 scores of every province, ranked, with open data links (stable URLs). */
export function ScoresPage() {
  const { t } = useTranslation('reporting');
  usePageTitle(t('scores.title'));
  const year = new Date().getFullYear();
  const periods = [String(year), `${year}-Q4`, `${year}-Q3`, `${year}-Q2`, `${year}-Q1`, String(year - 1)];
  const [period, setPeriod] = useState(periods[0]!);
  const q = usePublicScores(period);
  const d = q.data;
  return (
    <div className="page">
      <h1>{t('scores.title')}</h1>
      <p>{t('scores.intro')}</p>
      <SelectField
        id="sc-period"
        label={t('fields.period')}
        value={period}
        onChange={(e) => setPeriod(e.target.value)}
        choices={periods.map((p) => ({ value: p, label: p }))}
      />
      <p>
        {t('scores.openData')}: <a href={`/api/public/scores/${period}.csv`}>CSV</a> ·{' '}
        <a href={`/api/public/scores/${period}.json`}>JSON</a>
      </p>
      {q.isPending && <Loading />}
      {q.isError && <QueryError error={q.error} />}
      {d && (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('scores.title')}>
            <ListTable
              columns={[
                { header: t('scores.rank'), numeric: true, cell: (r) => r.rank ?? '—' },
                { header: t('fields.agency'), cell: (r) => r.name.replace(/^Ủy ban nhân dân /, 'UBND ') },
                ...d.groups.map((g) => ({
                  header: `${g.name} (${g.max})`,
                  numeric: true,
                  cell: (r: (typeof d.items)[number]) => r.groups.find((x) => x.code === g.code)?.score ?? '—',
                })),
                { header: t('dashboard.total'), numeric: true, cell: (r) => r.total ?? t('scores.na') },
              ]}
              rows={d.items}
              rowKey={(r) => r.agencyCode}
              rowProps={(r) => ({ 'data-agency': r.agencyCode })}
            />
          </div>
          <h2>{t('scores.method')}</h2>
          <ul>
            {d.groups.map((g) => (
              <li key={g.code}>
                <strong>
                  {g.name} ({g.max}):
                </strong>{' '}
                {g.note}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
