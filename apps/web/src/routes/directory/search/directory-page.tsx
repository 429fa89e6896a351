import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CsvColumn } from '../../../features/csv/csv';
import { type Agency, AGENCY_LEVELS, useAgencies } from '../../../features/directory/hooks';
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

export function agencyCsvColumns(t: (k: string) => string): CsvColumn<Agency>[] {
  return [
    { header: t('directory:fields.code'), value: (a) => a.code },
    { header: t('directory:fields.legacyCode'), value: (a) => a.legacyCode },
    { header: t('directory:fields.name'), value: (a) => a.name },
    { header: t('directory:fields.nameEn'), value: (a) => a.nameEn },
    { header: t('directory:fields.level'), value: (a) => t(`directory:levels.${a.level}`) },
    { header: t('directory:fields.parentCode'), value: (a) => a.parentCode },
    { header: t('directory:fields.address'), value: (a) => a.address },
    { header: t('directory:fields.phone'), value: (a) => a.phone },
    { header: t('directory:fields.email'), value: (a) => a.email },
    { header: t('directory:fields.website'), value: (a) => a.website },
  ];
}

export function DirectoryPage() {
  const { t, i18n } = useTranslation('directory');
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = params.get('level') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [draftQ, setDraftQ] = useState(q);
  const [draftLevel, setDraftLevel] = useState(level);
  const list = useAgencies({ q: q || undefined, level: level || undefined, page, pageSize: PAGE_SIZE });
  const en = i18n.language === 'en';

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftLevel) next.set('level', draftLevel);
    setParams(next);
  }

  function goTo(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  }

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <form role="search" aria-label={t('searchLabel')} className="filters" onSubmit={submit}>
        <TextField
          id="q"
          type="search"
          label={t('search')}
          hint={t('searchHint')}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <SelectField
          id="level"
          label={t('fields.level')}
          value={draftLevel}
          onChange={(e) => setDraftLevel(e.target.value)}
        >
          <option value="">{t('allLevels')}</option>
          {AGENCY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </SelectField>
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('searchButton')}
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
            <ExportCsvButton rows={list.data.items} columns={agencyCsvColumns(t)} fileBase="co-quan" />
          </div>
          {list.data.items.length === 0 ? (
            <p>{t('noResults')}</p>
          ) : (
            <ul className="results" aria-label={t('resultsLabel')}>
              {list.data.items.map((a) => (
                <li key={a.id}>
                  <h2 className="result-title">
                    <Link to={`/directory/${encodeURIComponent(a.code)}`}>{en && a.nameEn ? a.nameEn : a.name}</Link>
                  </h2>
                  {en && a.nameEn && (
                    <p className="muted result-subtitle" lang="vi">
                      {a.name}
                    </p>
                  )}
                  <ul className="meta">
                    <li>
                      <span className="tag">{t(`levels.${a.level}`)}</span>
                    </li>
                    <li>
                      {t('fields.code')}: <span className="mono">{a.code}</span>
                    </li>
                    {a.legacyCode && (
                      <li>
                        {t('fields.legacyCode')}: <span className="mono">{a.legacyCode}</span>
                      </li>
                    )}
                    {a.parentCode && (
                      <li>
                        {t('fields.parentCode')}: <span className="mono">{a.parentCode}</span>
                      </li>
                    )}
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
