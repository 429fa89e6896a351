import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Agency, AGENCY_LEVELS, type AgencyFilter, useAgencies } from '../../../features/directory/hooks';
import {
  ExportCsvButton,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  SelectField,
  SuccessNotice,
  TextField,
  usePageTitle,
} from '../../../features/ui';
import { agencyCsvColumns } from '../../directory/search/directory-page';
import { AgencyForm, MoveAgencyForm } from './agency-form';

type Mode = { kind: 'create' } | { kind: 'edit'; agency: Agency } | { kind: 'move'; agency: Agency } | null;

export default function AgenciesAdminPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('admin.title'));
  const [draft, setDraft] = useState<AgencyFilter>({});
  const [filter, setFilter] = useState<AgencyFilter>({ page: 1, pageSize: 25 });
  const [mode, setMode] = useState<Mode>(null);
  const [saved, setSaved] = useState(false);
  const list = useAgencies(filter);
  const done = () => {
    setMode(null);
    setSaved(true);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilter({ ...draft, page: 1, pageSize: 25 });
  }

  return (
    <>
      <div className="toolbar">
        <h1>{t('admin.title')}</h1>
        <button
          className="btn"
          type="button"
          onClick={() => {
            setMode({ kind: 'create' });
            setSaved(false);
          }}
        >
          {t('admin.create')}
        </button>
      </div>
      {saved && !mode && <SuccessNotice>{t('admin.saved')}</SuccessNotice>}
      {mode?.kind === 'create' && <AgencyForm onDone={done} />}
      {mode?.kind === 'edit' && <AgencyForm key={mode.agency.code} agency={mode.agency} onDone={done} />}
      {mode?.kind === 'move' && <MoveAgencyForm key={mode.agency.code} agency={mode.agency} onDone={done} />}

      <form className="filters" role="search" aria-label={t('searchLabel')} onSubmit={submit}>
        <TextField
          id="ag-q"
          type="search"
          label={t('search')}
          value={draft.q ?? ''}
          onChange={(e) => setDraft({ ...draft, q: e.target.value || undefined })}
        />
        <SelectField
          id="ag-level"
          label={t('fields.level')}
          value={draft.level ?? ''}
          onChange={(e) => setDraft({ ...draft, level: e.target.value || undefined })}
        >
          <option value="">{t('allLevels')}</option>
          {AGENCY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="ag-parent"
          label={t('fields.parentCode')}
          value={draft.parent ?? ''}
          onChange={(e) => setDraft({ ...draft, parent: e.target.value || undefined })}
        />
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
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fields.code')}</th>
                  <th scope="col">{t('fields.legacyCode')}</th>
                  <th scope="col">{t('fields.name')}</th>
                  <th scope="col">{t('fields.level')}</th>
                  <th scope="col">{t('fields.parentCode')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common:actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id}>
                    <td className="mono">{a.code}</td>
                    <td className="mono">{a.legacyCode}</td>
                    <td>
                      <Link to={`/directory/${encodeURIComponent(a.code)}`}>{a.name}</Link>
                    </td>
                    <td>{t(`levels.${a.level}`)}</td>
                    <td className="mono">{a.parentCode}</td>
                    <td>
                      <div className="btn-row btn-row--tight">
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          onClick={() => {
                            setMode({ kind: 'edit', agency: a });
                            setSaved(false);
                          }}
                        >
                          {t('admin.edit')}
                          <span className="visually-hidden"> {a.name}</span>
                        </button>
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          onClick={() => {
                            setMode({ kind: 'move', agency: a });
                            setSaved(false);
                          }}
                        >
                          {t('admin.move')}
                          <span className="visually-hidden"> {a.name}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
          />
        </>
      )}
    </>
  );
}
