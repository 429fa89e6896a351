import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GRANT_TYPES,
  type GrantType,
  type OidcClient,
  useCreateOidcClient,
  useDeleteOidcClient,
  useOidcClients,
} from '../../../features/admin/hooks';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  ExportCsvButton,
  formatDateTime,
  Loading,
  QueryError,
  TextAreaField,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

const scopesText = (s: OidcClient['scopes']) => (Array.isArray(s) ? s.join(' ') : s);

export default function OidcClientsPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('oidc.title'));
  const clients = useOidcClients();
  const create = useCreateOidcClient();
  const remove = useDeleteOidcClient();
  const [filter, setFilter] = useState('');
  const [name, setName] = useState('');
  const [uris, setUris] = useState('');
  const [grants, setGrants] = useState<GrantType[]>(['authorization_code', 'refresh_token']);
  const [isPublic, setIsPublic] = useState(false);
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? create.error;
  const fe = useFieldErrors(error);

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const items = clients.data?.items ?? [];
    return f
      ? items.filter((c) => `${c.clientId} ${c.name} ${c.redirectUris.join(' ')}`.toLowerCase().includes(f))
      : items;
  }, [clients.data, filter]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const redirectUris = uris
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    const problems = [];
    if (!name.trim()) problems.push({ path: 'name', code: 'REQUIRED' });
    if (!grants.length) problems.push({ path: 'grantTypes', code: 'REQUIRED' });
    if (grants.includes('authorization_code') && !redirectUris.length)
      problems.push({ path: 'redirectUris', code: 'REQUIRED' });
    const v = clientValidation(problems);
    setLocalError(v);
    if (v) return;
    create.mutate(
      { name: name.trim(), redirectUris, grantTypes: grants, public: isPublic || undefined },
      {
        onSuccess: () => {
          setName('');
          setUris('');
        },
      },
    );
  }

  const columns = [
    { header: t('oidc.clientId'), value: (c: OidcClient) => c.clientId },
    { header: t('oidc.name'), value: (c: OidcClient) => c.name },
    { header: t('oidc.redirectUris'), value: (c: OidcClient) => c.redirectUris },
    { header: t('oidc.grantTypes'), value: (c: OidcClient) => c.grantTypes },
    { header: t('oidc.scopes'), value: (c: OidcClient) => scopesText(c.scopes) },
    { header: t('oidc.createdAt'), value: (c: OidcClient) => c.createdAt },
  ];

  return (
    <>
      <h1>{t('oidc.title')}</h1>
      <p>{t('oidc.intro')}</p>

      {create.data && (
        <div className="notice notice--success" role="status" data-testid="oidc-created">
          <h2>{t('oidc.created')}</h2>
          <p>
            {t('oidc.clientId')}: <code className="secret">{create.data.clientId}</code>
          </p>
          {create.data.clientSecret ? (
            <>
              <p>
                {t('oidc.clientSecret')}: <code className="secret">{create.data.clientSecret}</code>
              </p>
              <p>
                <strong>{t('oidc.secretOnce')}</strong>
              </p>
              <button
                type="button"
                className="btn btn--secondary btn--small"
                onClick={() => void navigator.clipboard?.writeText(create.data.clientSecret ?? '')}
              >
                {t('oidc.copySecret')}
              </button>
            </>
          ) : (
            <p>{t('oidc.noSecret')}</p>
          )}
          <div className="btn-row">
            <button type="button" className="btn btn--link" onClick={() => create.reset()}>
              {t('oidc.dismiss')}
            </button>
          </div>
        </div>
      )}

      <details className="section">
        <summary>{t('oidc.register')}</summary>
        <ErrorSummary error={error} fieldIds={{ name: 'oc-name', redirectUris: 'oc-uris', grantTypes: 'oc-grants' }} />
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            id="oc-name"
            label={t('oidc.name')}
            error={fe.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextAreaField
            id="oc-uris"
            label={t('oidc.redirectUris')}
            hint={t('oidc.redirectUrisHint')}
            error={fe.redirectUris ?? fe['redirectUris.0']}
            value={uris}
            onChange={(e) => setUris(e.target.value)}
          />
          <ChoiceGroup
            id="oc-grants"
            legend={t('oidc.grantTypes')}
            type="checkbox"
            error={fe.grantTypes}
            value={grants}
            choices={GRANT_TYPES.map((g) => ({ value: g, label: t(`oidc.grants.${g}`) }))}
            onChange={setGrants}
          />
          <label className="choice field">
            <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
            {t('oidc.public')}
          </label>
          <button className="btn" type="submit" disabled={create.isPending}>
            {t('oidc.registerSubmit')}
          </button>
        </form>
      </details>

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
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <QueryError error={clients.error} />
      ) : (
        <>
          <div className="toolbar">
            <p className="muted">{t('common:results', { n: rows.length })}</p>
            <ExportCsvButton rows={rows} columns={columns} fileBase="oidc-clients" />
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('oidc.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('oidc.name')}</th>
                  <th scope="col">{t('oidc.clientId')}</th>
                  <th scope="col">{t('oidc.redirectUris')}</th>
                  <th scope="col">{t('oidc.grantTypes')}</th>
                  <th scope="col">{t('oidc.createdAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.clientId}>
                    <td>{c.name}</td>
                    <td className="mono">{c.clientId}</td>
                    <td className="mono">
                      {c.redirectUris.map((u) => (
                        <div key={u}>{u}</div>
                      ))}
                    </td>
                    <td>{c.grantTypes.map((g) => t(`oidc.grants.${g}`, { defaultValue: g })).join(', ')}</td>
                    <td className="nowrap">{formatDateTime(c.createdAt, i18n.language)}</td>
                    <td>
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
