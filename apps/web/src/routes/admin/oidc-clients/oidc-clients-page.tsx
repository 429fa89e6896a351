import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OidcClient, useDeleteOidcClient, useOidcClients } from '../../../features/admin/hooks';
import type { CsvColumn } from '../../../features/csv/csv';
import { type Column, ErrorSummary, formatDateTime, ListView, TextField, usePageTitle } from '../../../features/ui';
import { OidcClientForm } from './oidc-client-form';

const scopesText = (s: OidcClient['scopes']) => (Array.isArray(s) ? s.join(' ') : s);

export default function OidcClientsPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('oidc.title'));
  const clients = useOidcClients();
  const remove = useDeleteOidcClient();
  const [filter, setFilter] = useState('');

  // A deployment has a handful of clients: the server sends them all, the filter runs here as one types.
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const items = clients.data?.items ?? [];
    return f
      ? items.filter((c) => `${c.clientId} ${c.name} ${c.redirectUris.join(' ')}`.toLowerCase().includes(f))
      : items;
  }, [clients.data, filter]);

  const csv: CsvColumn<OidcClient>[] = [
    { header: t('oidc.clientId'), value: (c) => c.clientId },
    { header: t('oidc.name'), value: (c) => c.name },
    { header: t('oidc.redirectUris'), value: (c) => c.redirectUris },
    { header: t('oidc.grantTypes'), value: (c) => c.grantTypes },
    { header: t('oidc.scopes'), value: (c) => scopesText(c.scopes) },
    { header: t('oidc.createdAt'), value: (c) => c.createdAt },
  ];
  const columns: Column<OidcClient>[] = [
    { header: t('oidc.name'), cell: (c) => c.name },
    { header: t('oidc.clientId'), className: 'mono', cell: (c) => c.clientId },
    {
      header: t('oidc.redirectUris'),
      className: 'mono',
      cell: (c) => c.redirectUris.map((u) => <div key={u}>{u}</div>),
    },
    {
      header: t('oidc.grantTypes'),
      cell: (c) => c.grantTypes.map((g) => t(`oidc.grants.${g}`, { defaultValue: g })).join(', '),
    },
    { header: t('oidc.createdAt'), className: 'nowrap', cell: (c) => formatDateTime(c.createdAt, i18n.language) },
    {
      header: t('actions'),
      action: true,
      cell: (c) => (
        <button
          type="button"
          className="btn btn--danger btn--small"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('oidc.confirmDelete', { name: c.name }))) remove.mutate(c.clientId);
          }}
        >
          {t('oidc.delete')}
          <span className="visually-hidden"> {c.name}</span>
        </button>
      ),
    },
  ];

  return (
    <>
      <h1>{t('oidc.title')}</h1>
      <p>{t('oidc.intro')}</p>
      <OidcClientForm />

      <h2>{t('oidc.listTitle')}</h2>
      <ErrorSummary error={remove.error} />
      <div className="filters">
        <TextField
          id="oc-filter"
          type="search"
          label={t('filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <ListView
        query={{ ...clients, data: clients.data && { items: rows } }}
        label={t('oidc.listTitle')}
        columns={columns}
        rowKey={(c) => c.clientId}
        csv={{ columns: csv, fileBase: 'oidc-clients' }}
      />
    </>
  );
}
