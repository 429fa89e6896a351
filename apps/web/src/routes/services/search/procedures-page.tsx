import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { useProcedureFields, useProcedures } from '../../../features/procedures/hooks';
import { formatVnd } from '../../../features/procedures/money';
import { ONLINE_MODES, type OnlineMode, type ProcedureSummary } from '../../../features/procedures/types';
import {
  ExportCsvButton,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  SelectField,
  TextField,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 20;

export function ModeBadge({ mode }: { mode: OnlineMode }) {
  const { t } = useTranslation('services');
  return (
    <span className={`tag ${mode === 'full' ? 'tag--green' : mode === 'partial' ? '' : 'tag--grey'}`}>
      {t(`modes.${mode}`)}
    </span>
  );
}

/** "Dịch vụ công": search the procedure catalogue (accent-insensitive on the server). */
export function ProceduresPage() {
  const { t } = useTranslation('services');
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const mode = params.get('mode') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState({ q, field, mode });
  const list = useProcedures({
    q: q || undefined,
    field: field || undefined,
    mode: mode || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const fields = useProcedureFields();

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.field) next.set('field', draft.field);
    if (draft.mode) next.set('mode', draft.mode);
    setParams(next);
  }
  const goTo = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
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
      <form role="search" aria-label={t('search.label')} className="filters" onSubmit={submit}>
        <TextField
          id="q"
          type="search"
          label={t('search.q')}
          hint={t('search.qHint')}
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <SelectField
          id="field"
          label={t('fields.field')}
          value={draft.field}
          onChange={(e) => setDraft({ ...draft, field: e.target.value })}
        >
          <option value="">{t('search.allFields')}</option>
          {fields.data?.items.map((f) => (
            <option key={f.field} value={f.field}>
              {f.field} ({f.n})
            </option>
          ))}
        </SelectField>
        <SelectField
          id="mode"
          label={t('fields.mode')}
          value={draft.mode}
          onChange={(e) => setDraft({ ...draft, mode: e.target.value })}
        >
          <option value="">{t('search.allModes')}</option>
          {ONLINE_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`modes.${m}`)}
            </option>
          ))}
        </SelectField>
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('search.button')}
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={list.data.total} />
            <ExportCsvButton rows={list.data.items} columns={columns} fileBase="thu-tuc-hanh-chinh" />
          </div>
          {list.data.items.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <ul className="results" aria-label={t('search.results')}>
              {list.data.items.map((p) => (
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
          <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={goTo} />
        </>
      )}
    </div>
  );
}
