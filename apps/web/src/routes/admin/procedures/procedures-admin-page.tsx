import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useProcedures } from '../../../features/procedures/hooks';
import { Loading, Pagination, QueryError, ResultCount, TextField, usePageTitle } from '../../../features/ui';
import { ModeBadge } from '../../services/search/procedures-page';

/** Agency admins: the catalogue, a new procedure, or a draft by code (drafts are not listed by the API). */
export default function ProceduresAdminPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('procedures.title'));
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState({ q: '', page: 1 });
  const [openCode, setOpenCode] = useState('');
  const list = useProcedures({ q: filter.q || undefined, page: filter.page, pageSize: 25 });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ q: q.trim(), page: 1 });
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (openCode.trim()) void navigate(`/admin/procedures/${encodeURIComponent(openCode.trim())}`);
  };
  return (
    <>
      <div className="toolbar">
        <h1>{t('procedures.title')}</h1>
        <Link className="btn" to="/admin/procedures/new">
          {t('procedures.new')}
        </Link>
      </div>
      <form className="filters" onSubmit={open} aria-label={t('procedures.openByCode')}>
        <TextField
          id="pa-open"
          label={t('procedures.openByCode')}
          hint={t('procedures.openByCodeHint')}
          className="mono"
          value={openCode}
          onChange={(e) => setOpenCode(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn btn--secondary" type="submit">
            {t('procedures.open')}
          </button>
        </div>
      </form>
      <form className="filters" role="search" onSubmit={search} aria-label={t('procedures.search')}>
        <TextField
          id="pa-q"
          type="search"
          label={t('procedures.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : (
        <>
          <ResultCount total={list.data.total} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('procedures.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('procedures.code')}</th>
                  <th scope="col">{t('procedures.name')}</th>
                  <th scope="col">{t('procedures.onlineMode')}</th>
                  <th scope="col">{t('procedures.version')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr key={p.code}>
                    <td className="mono">
                      <Link to={`/admin/procedures/${encodeURIComponent(p.code)}`}>{p.code}</Link>
                    </td>
                    <td>{p.name}</td>
                    <td>
                      <ModeBadge mode={p.onlineMode} />
                    </td>
                    <td>{p.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(page) => setFilter((f) => ({ ...f, page }))}
          />
        </>
      )}
    </>
  );
}
