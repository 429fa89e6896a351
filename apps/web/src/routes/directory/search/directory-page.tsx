import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agencyCsvColumns } from '../../../features/directory/csv';
import { AGENCY_LEVELS, useAgencies } from '../../../features/directory/hooks';
import { FilterBar, ListView, oneOf, SelectField, TextField, useListParams, usePageTitle } from '../../../features/ui';

const PAGE_SIZE = 20;

export function DirectoryPage() {
  const { t, i18n } = useTranslation('directory');
  usePageTitle(t('title'));
  const list = useListParams({ q: '', level: '' });
  const agencies = useAgencies({
    q: list.values.q || undefined,
    level: oneOf(AGENCY_LEVELS, list.values.level),
    page: list.page,
    pageSize: PAGE_SIZE,
  });
  const en = i18n.language === 'en';

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <FilterBar label={t('searchLabel')} submitLabel={t('searchButton')} onSubmit={list.submit}>
        <TextField id="q" type="search" label={t('search')} hint={t('searchHint')} {...list.field('q')} />
        <SelectField
          id="level"
          label={t('fields.level')}
          {...list.field('level')}
          blank={t('allLevels')}
          choices={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
      </FilterBar>
      <ListView
        query={agencies}
        label={t('resultsLabel')}
        empty={t('noResults')}
        csv={{ columns: agencyCsvColumns(t), fileBase: 'co-quan' }}
        onPage={list.setPage}
      >
        {(items) => (
          <ul className="results" aria-label={t('resultsLabel')}>
            {items.map((a) => (
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
      </ListView>
    </div>
  );
}
