import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Chart } from '../../../features/reporting/chart';
import { ProvinceMap } from '../../../features/reporting/province-map';
import { useIndicators } from '../../../features/reporting/hooks';
import {
  ExportCsvButton,
  FilterBar,
  formatDateTime,
  ListTable,
  Loading,
  QueryError,
  SelectField,
  TextField,
  usePageTitle,
} from '../../../features/ui';

/** "Ủy ban nhân dân tỉnh Lai Châu" → "Tỉnh Lai Châu". */
const provinceName = (committee: string) => {
  const s = committee.replace(/^Ủy ban nhân dân /, '');
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
};

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toLocaleString('vi-VN')}%`);

/**
 * The command centre: Resolution 17 indicators and Decision 766 points of a scope (the country, a
 * province, an agency), a chart of the units one level down (click or link to drill down), the
 * monthly series against the target, each chart with its data table, and the view as CSV, PDF and
 * Excel (the last two made by the server from the same figures).
 */
export default function DashboardPage() {
  const { t, i18n } = useTranslation('reporting');
  usePageTitle(t('dashboard.title'));
  const [params, setParams] = useSearchParams();
  const year = new Date().getFullYear();
  const scope = params.get('scope') ?? '';
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? `${year}-12-31`;
  const [draft, setDraft] = useState({ from, to });
  const q = useIndicators({ scope: scope || undefined, from, to });
  const [chosen, setChosen] = useState('R17.ONLINE_DOSSIERS');
  const go = useCallback(
    (next: Record<string, string>) => {
      const p = new URLSearchParams(params);
      for (const [k, v] of Object.entries(next))
        if (v) p.set(k, v);
        else p.delete(k);
      setParams(p);
    },
    [params, setParams],
  );
  const d = q.data;
  const ind = d?.indicators.find((i) => i.code === chosen);
  const children = useMemo(() => d?.children ?? [], [d]);
  const barSeries = useMemo(
    () => [{ name: ind?.name ?? '', values: children.map((c) => c.values[chosen] ?? null) }],
    [children, chosen, ind],
  );
  const lineSeries = useMemo(
    () => [{ name: ind?.name ?? '', values: (d?.series ?? []).map((s) => s.values[chosen] ?? null) }],
    [d, chosen, ind],
  );
  const target = useMemo(
    () => (ind?.target != null ? { label: t('dashboard.target', { value: ind.target }), value: ind.target } : null),
    [ind, t],
  );
  const categories = useMemo(() => children.map((c) => c.name.replace(/^Ủy ban nhân dân /, 'UBND ')), [children]);
  const months = useMemo(() => (d?.series ?? []).map((s) => s.month), [d]);
  // The map colours the provinces (the country's next level) by the chosen indicator.
  const mapRows = useMemo(
    () =>
      d?.scope === 'VN'
        ? children.map((c) => ({
            agencyCode: c.agencyCode,
            name: provinceName(c.name),
            value: c.values[chosen] ?? null,
          }))
        : [],
    [d, children, chosen],
  );
  const mapLabels = useMemo(
    () => ({
      noData: t('dashboard.mapNoData'),
      low: t('dashboard.mapLow'),
      high: t('dashboard.mapHigh'),
      archipelago: { '48': t('dashboard.mapHoangSa'), '56': t('dashboard.mapTruongSa') },
    }),
    [t],
  );
  const drill = useCallback((agencyCode: string) => go({ scope: agencyCode }), [go]);
  return (
    <div className="page">
      <h1>{t('dashboard.title')}</h1>
      <FilterBar
        label={t('reports.filter')}
        submitLabel={t('reports.apply')}
        onSubmit={(e) => (e.preventDefault(), go(draft))}
      >
        <TextField
          id="db-from"
          type="date"
          label={t('fields.from')}
          value={draft.from}
          onChange={(e) => setDraft((x) => ({ ...x, from: e.target.value }))}
        />
        <TextField
          id="db-to"
          type="date"
          label={t('fields.to')}
          value={draft.to}
          onChange={(e) => setDraft((x) => ({ ...x, to: e.target.value }))}
        />
      </FilterBar>
      {q.isPending && <Loading />}
      {q.isError && <QueryError error={q.error} />}
      {d && (
        <>
          <h2 data-testid="dashboard-scope">{d.scope === 'VN' ? t('dashboard.national') : d.scopeName}</h2>
          <p className="muted" data-testid="dashboard-refreshed">
            {d.refreshedAt
              ? t('dashboard.refreshed', { at: formatDateTime(String(d.refreshedAt), i18n.language) })
              : t('dashboard.neverRefreshed')}
          </p>
          {scope && (
            <p>
              <Link to={`?from=${from}&to=${to}`}>← {t('dashboard.national')}</Link>
            </p>
          )}
          <h3>{t('dashboard.indicatorsR17')}</h3>
          <ul className="report-tiles">
            {d.indicators.map((i) => (
              <li key={i.code} data-indicator={i.code}>
                <div>{i.name}</div>
                <div className="report-value">{pct(i.value)}</div>
                <div className="muted">
                  {i.numerator.toLocaleString('vi-VN')}/{i.denominator.toLocaleString('vi-VN')}
                  {i.target != null && ` · ${t('dashboard.target', { value: i.target })}`}
                </div>
              </li>
            ))}
          </ul>
          <h3>{t('dashboard.score766')}</h3>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('dashboard.score766')}>
            <ListTable
              columns={[
                { header: t('fields.code'), className: 'mono', cell: (g) => g.code },
                { header: t('fields.name'), cell: (g) => g.name },
                {
                  header: t('dashboard.total'),
                  numeric: true,
                  cell: (g) => (g.score === null ? '—' : `${g.score}/${g.max}`),
                },
              ]}
              rows={d.score766.groups}
              rowKey={(g) => g.code}
              rowProps={(g) => ({ 'data-group': g.code })}
            />
          </div>
          <p data-testid="score766-total">
            {t('dashboard.total')}: <strong>{d.score766.total ?? '—'}</strong>/100
          </p>
          <SelectField
            id="db-indicator"
            label={t('dashboard.choose')}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            choices={d.indicators.map((i) => ({ value: i.code, label: i.name }))}
          />
          {mapRows.length > 0 && (
            <ProvinceMap
              title={`${t('dashboard.mapTitle')} — ${ind?.name ?? ''}`}
              rows={mapRows}
              labels={mapLabels}
              onPick={drill}
              note={t('dashboard.mapNote')}
              table={
                <ListTable
                  columns={[
                    {
                      header: t('dashboard.province'),
                      cell: (r) => <Link to={`?scope=${r.agencyCode}&from=${from}&to=${to}`}>{r.name}</Link>,
                    },
                    { header: t('dashboard.value'), numeric: true, cell: (r) => pct(r.value) },
                  ]}
                  rows={[...mapRows].sort(
                    (a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name, 'vi'),
                  )}
                  rowKey={(r) => r.agencyCode}
                  rowProps={(r) => ({ 'data-map-agency': r.agencyCode })}
                />
              }
            />
          )}
          {children.length > 0 && (
            <Chart
              kind="bar"
              title={`${ind?.name ?? ''} — ${t('dashboard.children')}`}
              categories={categories}
              series={barSeries}
              target={target}
              onPick={(i) => children[i] && go({ scope: children[i]!.agencyCode })}
              table={
                <ListTable
                  columns={[
                    {
                      header: t('fields.agency'),
                      cell: (c) => (
                        <Link to={`?scope=${c.agencyCode}&from=${from}&to=${to}`}>
                          {c.name.replace(/^Ủy ban nhân dân /, 'UBND ')}
                        </Link>
                      ),
                    },
                    ...d.indicators.map((i) => ({
                      header: i.name,
                      numeric: true,
                      cell: (c: (typeof children)[number]) => pct(c.values[i.code]),
                    })),
                    { header: 'QĐ 766', numeric: true, cell: (c) => c.score766 ?? '—' },
                  ]}
                  rows={children}
                  rowKey={(c) => c.agencyCode}
                  rowProps={(c) => ({ 'data-agency': c.agencyCode })}
                />
              }
            />
          )}
          <div className="btn-row">
            <ExportCsvButton
              rows={children}
              fileBase={`chi-tieu-${d.scope}`}
              columns={[
                { header: 'agency_code', value: (c) => c.agencyCode },
                { header: 'agency_name', value: (c) => c.name },
                ...d.indicators.map((i) => ({
                  header: i.code,
                  value: (c: (typeof children)[number]) => c.values[i.code],
                })),
                { header: 'QD766', value: (c) => c.score766 },
              ]}
            />
            {(['pdf', 'xlsx'] as const).map((format) => (
              <a
                key={format}
                className="btn btn--secondary btn--small"
                href={`/api/indicators/export?${new URLSearchParams({ ...(scope ? { scope } : {}), from, to, format })}`}
                download
              >
                {t(format === 'pdf' ? 'dashboard.exportPdf' : 'dashboard.exportExcel')}
              </a>
            ))}
          </div>
          <Chart
            kind="line"
            title={`${ind?.name ?? ''} — ${t('dashboard.series')}`}
            categories={months}
            series={lineSeries}
            target={target}
            table={
              <ListTable
                columns={[
                  { header: t('dashboard.month'), cell: (s) => s.month },
                  ...d.indicators.map((i) => ({
                    header: i.name,
                    numeric: true,
                    cell: (s: (typeof d.series)[number]) => pct(s.values[i.code]),
                  })),
                ]}
                rows={d.series}
                rowKey={(s) => s.month}
              />
            }
          />
        </>
      )}
    </div>
  );
}
