import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { ModeBadge } from '../../../features/procedures/components';
import { useProcedureFields, useProcedures } from '../../../features/procedures/hooks';
import { formatVnd } from '../../../features/procedures/money';
import { ONLINE_MODES, type ProcedureSummary } from '../../../features/procedures/types';
import { FilterBar, ListView, oneOf, SelectField, TextField, useListParams, usePageTitle } from '../../../features/ui';

const PAGE_SIZE = 20;

/** "Dịch vụ công": search the procedure catalogue (accent-insensitive on the server). */
export function ProceduresPage() {
  const { t } = useTranslation('services');
  usePageTitle(t('search.title'));
  const list = useListParams({ q: '', field: '', mode: '' });
  const { q, field, mode } = list.values;
  const procedures = useProcedures({
    q: q || undefined,
    field: field || undefined,
    mode: oneOf(ONLINE_MODES, mode),
    page: list.page,
    pageSize: PAGE_SIZE,
  });
  const fields = useProcedureFields();
  const fee = (n: number) => (n > 0 ? formatVnd(n) : t('fees.free'));
  const columns: CsvColumn<ProcedureSummary>[] = [
    { header: t('fields.code'), value: (p) => p.code },
    { header: t('fields.name'), value: (p) => p.name },
    { header: t('fields.field'), value: (p) => p.field },
    { header: t('fields.mode'), value: (p) => t(`modes.${p.onlineMode}`) },
    { header: t('fields.processingDays'), value: (p) => p.processingDays },
    { header: t('fields.feeVnd'), value: (p) => p.feeTotal },
    { header: t('fields.agencies'), value: (p) => p.agencies },
  ];

  return (
    <div className="page">
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.intro')}</p>
      <FilterBar label={t('search.label')} submitLabel={t('search.button')} onSubmit={list.submit}>
        <TextField id="q" type="search" label={t('search.q')} hint={t('search.qHint')} {...list.field('q')} />
        <SelectField
          id="field"
          label={t('fields.field')}
          {...list.field('field')}
          blank={t('search.allFields')}
          choices={fields.data?.items.map((f) => ({ value: f.field, label: `${f.field} (${f.n})` }))}
        />
        <SelectField
          id="mode"
          label={t('fields.mode')}
          {...list.field('mode')}
          blank={t('search.allModes')}
          choices={ONLINE_MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))}
        />
      </FilterBar>
      <ListView
        query={procedures}
        label={t('search.results')}
        empty={t('search.none')}
        csv={{ columns, fileBase: 'thu-tuc-hanh-chinh' }}
        onPage={list.setPage}
      >
        {(items) => (
          <ul className="results" aria-label={t('search.results')}>
            {items.map((p) => (
              <li key={p.code}>
                <h2 className="result-title">
                  <Link to={`/procedures/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                </h2>
                <ul className="meta">
                  <li>
                    <ModeBadge mode={p.onlineMode} />
                  </li>
                  <li>
                    {t('fields.code')}: <span className="mono">{p.code}</span>
                  </li>
                  <li>
                    {t('fields.field')}: {p.field}
                  </li>
                  <li>{t('fields.days', { n: p.processingDays })}</li>
                  <li>
                    {t('fields.fee')}: {fee(p.feeTotal)}
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </ListView>
    </div>
  );
}
