import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agencyCsvColumns } from '../../../features/directory/csv';
import { type Agency, AGENCY_LEVELS, useAgencies } from '../../../features/directory/hooks';
import {
  type Column,
  FilterBar,
  ListView,
  oneOf,
  SelectField,
  SuccessNotice,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';
import { AgencyForm, MoveAgencyForm } from './agency-form';

type Mode = { kind: 'create' } | { kind: 'edit'; agency: Agency } | { kind: 'move'; agency: Agency } | null;

export default function AgenciesAdminPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('admin.title'));
  const list = useListParams({ q: '', level: '', parent: '' });
  const [mode, setMode] = useState<Mode>(null);
  const [saved, setSaved] = useState(false);
  const agencies = useAgencies({
    q: list.values.q || undefined,
    level: oneOf(AGENCY_LEVELS, list.values.level),
    parent: list.values.parent || undefined,
    page: list.page,
    pageSize: 25,
  });
  const done = () => {
    setMode(null);
    setSaved(true);
  };
  const open = (m: Mode) => {
    setMode(m);
    setSaved(false);
  };
  const columns: Column<Agency>[] = [
    { header: t('fields.code'), className: 'mono', cell: (a) => a.code },
    { header: t('fields.legacyCode'), className: 'mono', cell: (a) => a.legacyCode },
    {
      header: t('fields.name'),
      cell: (a) => <Link to={`/directory/${encodeURIComponent(a.code)}`}>{a.name}</Link>,
    },
    { header: t('fields.level'), cell: (a) => t(`levels.${a.level}`) },
    { header: t('fields.parentCode'), className: 'mono', cell: (a) => a.parentCode },
    {
      header: t('common:actions'),
      action: true,
      cell: (a) => (
        <div className="btn-row btn-row--tight">
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => open({ kind: 'edit', agency: a })}
          >
            {t('admin.edit')}
            <span className="visually-hidden"> {a.name}</span>
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => open({ kind: 'move', agency: a })}
          >
            {t('admin.move')}
            <span className="visually-hidden"> {a.name}</span>
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="toolbar">
        <h1>{t('admin.title')}</h1>
        <button className="btn" type="button" onClick={() => open({ kind: 'create' })}>
          {t('admin.create')}
        </button>
      </div>
      {saved && !mode && <SuccessNotice>{t('admin.saved')}</SuccessNotice>}
      {mode?.kind === 'create' && <AgencyForm onDone={done} />}
      {mode?.kind === 'edit' && <AgencyForm key={mode.agency.code} agency={mode.agency} onDone={done} />}
      {mode?.kind === 'move' && <MoveAgencyForm key={mode.agency.code} agency={mode.agency} onDone={done} />}

      <FilterBar label={t('searchLabel')} submitLabel={t('searchButton')} onSubmit={list.submit}>
        <TextField id="ag-q" type="search" label={t('search')} {...list.field('q')} />
        <SelectField
          id="ag-level"
          label={t('fields.level')}
          {...list.field('level')}
          blank={t('allLevels')}
          choices={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        <TextField id="ag-parent" label={t('fields.parentCode')} {...list.field('parent')} />
      </FilterBar>
      <ListView
        query={agencies}
        label={t('admin.title')}
        empty={t('noResults')}
        columns={columns}
        csv={{ columns: agencyCsvColumns(t), fileBase: 'co-quan' }}
        onPage={list.setPage}
      />
    </>
  );
}
