import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ModeBadge } from '../../../features/procedures/components';
import { useProcedures } from '../../../features/procedures/hooks';
import type { ProcedureSummary } from '../../../features/procedures/types';
import { type Column, FilterBar, ListView, TextField, useListParams, usePageTitle } from '../../../features/ui';

/** Agency admins: the catalogue, a new procedure, or a draft by code (drafts are not listed by the API). */
export default function ProceduresAdminPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('procedures.title'));
  const navigate = useNavigate();
  const list = useListParams({ q: '' });
  const [openCode, setOpenCode] = useState('');
  const procedures = useProcedures({ q: list.values.q || undefined, page: list.page, pageSize: 25 });
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (openCode.trim()) void navigate(`/admin/procedures/${encodeURIComponent(openCode.trim())}`);
  };
  const columns: Column<ProcedureSummary>[] = [
    {
      header: t('procedures.code'),
      className: 'mono',
      cell: (p) => <Link to={`/admin/procedures/${encodeURIComponent(p.code)}`}>{p.code}</Link>,
    },
    { header: t('procedures.name'), cell: (p) => p.name },
    { header: t('procedures.onlineMode'), cell: (p) => <ModeBadge mode={p.onlineMode} /> },
    { header: t('procedures.version'), cell: (p) => p.version },
  ];
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
      <FilterBar label={t('procedures.search')} onSubmit={list.submit}>
        <TextField id="pa-q" type="search" label={t('procedures.search')} {...list.field('q')} />
      </FilterBar>
      <ListView
        query={procedures}
        label={t('procedures.title')}
        columns={columns}
        rowKey={(p) => p.code}
        onPage={list.setPage}
      />
    </>
  );
}
