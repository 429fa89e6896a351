import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../../features/identity';
import { type RegimeBody, useCreateRegime, useOpenPeriod, useRegimes } from '../../../features/reporting/hooks';
import {
  ErrorSummary,
  ListView,
  SelectField,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

type Indicator = RegimeBody['template']['indicators'][number];
const PERIODICITIES = ['month', 'quarter', 'half', 'nine_months', 'year', 'ad_hoc'] as const;
const blank = (n: number): Indicator => ({
  code: `C${String(n).padStart(2, '0')}`,
  name: '',
  unit: '',
  type: 'integer',
  aggregation: 'sum',
  formula: null,
  required: true,
});

/** Report regimes: the list, opening a period, and (administrators) a new regime with its indicators. */
export default function RegimesPage() {
  const { t } = useTranslation('reporting');
  usePageTitle(t('regimes.title'));
  const me = useMe();
  const regimes = useRegimes();
  const create = useCreateRegime();
  const open = useOpenPeriod();
  const [form, setForm] = useState({
    code: '',
    name: '',
    legalBasis: 'Nghị định số 09/2019/NĐ-CP',
    periodicity: 'month' as (typeof PERIODICITIES)[number],
    deadlineDays: '2',
    reportingRoot: '',
    levels: 'province,commune',
    receivingAgency: me.data?.agencyCode ?? '',
  });
  const [signatureRequired, setSignatureRequired] = useState(true);
  const [indicators, setIndicators] = useState<Indicator[]>([blank(1)]);
  const [periods, setPeriods] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const errs = useFieldErrors(create.error);
  const isAdmin = hasRole(me.data, 'admin', 'agency_admin');
  const set = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    create.mutate(
      {
        code: form.code.trim(),
        name: form.name,
        legalBasis: form.legalBasis,
        periodicity: form.periodicity,
        deadlineDays: Number(form.deadlineDays),
        reportingRoot: form.reportingRoot.trim(),
        reportingLevels: form.levels
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean) as RegimeBody['reportingLevels'],
        receivingAgency: (form.receivingAgency || me.data?.agencyCode || '').trim(),
        signatureRequired,
        template: {
          indicators: indicators.map((i) => ({ ...i, formula: i.formula?.trim() || null })),
          sections: [{ code: 'S1', title: 'Đánh giá chung, kiến nghị' }],
          rules: [],
        },
      },
      { onSuccess: (r) => setDone(t('regimes.created', { code: r.code })) },
    );
  };
  const patch = (i: number, p: Partial<Indicator>) =>
    setIndicators((xs) => xs.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div className="page">
      <h1>{t('regimes.title')}</h1>
      <ErrorSummary error={open.error} />
      {open.data && <SuccessNotice>{t('regimes.opened', { n: open.data.opened })}</SuccessNotice>}
      <ListView
        query={regimes}
        label={t('regimes.title')}
        empty={t('regimes.empty')}
        showCount={false}
        rowKey={(r) => r.code}
        rowProps={(r) => ({ 'data-regime': r.code })}
        columns={[
          { header: t('fields.code'), className: 'mono', cell: (r) => r.code },
          { header: t('fields.name'), cell: (r) => r.name },
          { header: t('fields.periodicity'), cell: (r) => t(`periodicity.${r.periodicity}`) },
          { header: t('fields.receivingAgency'), cell: (r) => r.receivingAgency },
          {
            header: t('regimes.openPeriod'),
            cell: (r) =>
              isAdmin ? (
                <span className="btn-row btn-row--tight">
                  <input
                    className="input"
                    aria-label={`${t('fields.period')} ${r.code}`}
                    placeholder="2026-M12"
                    size={9}
                    value={periods[r.code] ?? ''}
                    onChange={(e) => setPeriods((p) => ({ ...p, [r.code]: e.target.value }))}
                  />
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => open.mutate({ code: r.code, period: (periods[r.code] ?? '').trim() })}
                  >
                    {t('regimes.openPeriod')}
                  </button>
                </span>
              ) : null,
          },
        ]}
      />
      {isAdmin && (
        <section aria-labelledby="rg-new">
          <h2 id="rg-new">{t('regimes.new')}</h2>
          <ErrorSummary error={create.error} />
          {done && <SuccessNotice>{done}</SuccessNotice>}
          <form onSubmit={submit} noValidate>
            <div className="report-form-grid">
              <TextField
                id="rg-code"
                label={t('fields.code')}
                placeholder="BC-TTHC"
                error={errs.code}
                {...set('code')}
              />
              <TextField id="rg-name" label={t('fields.name')} error={errs.name} {...set('name')} />
              <TextField id="rg-basis" label={t('fields.legalBasis')} error={errs.legalBasis} {...set('legalBasis')} />
              <SelectField
                id="rg-periodicity"
                label={t('fields.periodicity')}
                {...set('periodicity')}
                choices={PERIODICITIES.map((p) => ({ value: p, label: t(`periodicity.${p}`) }))}
              />
              <TextField
                id="rg-days"
                type="number"
                min={0}
                label={t('fields.deadlineDays')}
                error={errs.deadlineDays}
                {...set('deadlineDays')}
              />
              <TextField
                id="rg-root"
                label={t('fields.reportingRoot')}
                placeholder="H26"
                error={errs.reportingRoot}
                {...set('reportingRoot')}
              />
              <TextField
                id="rg-levels"
                label={t('fields.reportingLevels')}
                hint="province,commune"
                {...set('levels')}
              />
              <TextField
                id="rg-receiver"
                label={t('fields.receivingAgency')}
                error={errs.receivingAgency}
                {...set('receivingAgency')}
              />
            </div>
            <div className="field">
              <label className="checkbox">
                <input
                  id="rg-signature"
                  type="checkbox"
                  checked={signatureRequired}
                  onChange={(e) => setSignatureRequired(e.target.checked)}
                />{' '}
                {t('fields.signatureRequired')}
              </label>
            </div>
            <h3>{t('fields.indicator')}</h3>
            {indicators.map((ind, i) => (
              <fieldset key={i} className="report-form-grid">
                <legend className="visually-hidden">
                  {t('fields.indicator')} {i + 1}
                </legend>
                <TextField
                  id={`ri-${i}-code`}
                  label={t('fields.code')}
                  value={ind.code}
                  error={errs[`template.indicators.${i}.code`]}
                  onChange={(e) => patch(i, { code: e.target.value })}
                />
                <TextField
                  id={`ri-${i}-name`}
                  label={t('fields.indicator')}
                  value={ind.name}
                  error={errs[`template.indicators.${i}.name`]}
                  onChange={(e) => patch(i, { name: e.target.value })}
                />
                <TextField
                  id={`ri-${i}-unit`}
                  label={t('fields.unit')}
                  value={ind.unit}
                  onChange={(e) => patch(i, { unit: e.target.value })}
                />
                <SelectField
                  id={`ri-${i}-type`}
                  label={t('fields.type')}
                  value={ind.type}
                  onChange={(e) => patch(i, { type: e.target.value as Indicator['type'] })}
                  choices={(['integer', 'number', 'percent'] as const).map((x) => ({
                    value: x,
                    label: t(`types.${x}`),
                  }))}
                />
                <SelectField
                  id={`ri-${i}-agg`}
                  label={t('fields.aggregation')}
                  value={ind.aggregation}
                  onChange={(e) => patch(i, { aggregation: e.target.value as Indicator['aggregation'] })}
                  choices={(['sum', 'avg', 'latest'] as const).map((x) => ({ value: x, label: t(`aggregation.${x}`) }))}
                />
                <TextField
                  id={`ri-${i}-formula`}
                  label={t('fields.formula')}
                  placeholder="C02 / C01 * 100"
                  value={ind.formula ?? ''}
                  error={errs[`template.indicators.${i}.formula`]}
                  onChange={(e) => patch(i, { formula: e.target.value, required: !e.target.value })}
                />
              </fieldset>
            ))}
            <div className="btn-row">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => setIndicators((xs) => [...xs, blank(xs.length + 1)])}
              >
                {t('regimes.addIndicator')}
              </button>
              {indicators.length > 1 && (
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => setIndicators((xs) => xs.slice(0, -1))}
                >
                  {t('regimes.removeIndicator')}
                </button>
              )}
              <button type="submit" className="btn" disabled={create.isPending}>
                {t('regimes.create')}
              </button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
