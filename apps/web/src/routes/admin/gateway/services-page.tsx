import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type GatewayRight,
  type GatewayService,
  useGatewayServices,
  useGrantRight,
  useRevokeRight,
  useServiceRights,
} from '../../../features/gateway';
import {
  type Column,
  ErrorSummary,
  FilterBar,
  formatDateTime,
  ListView,
  QueryError,
  SuccessNotice,
  TextField,
  useFieldErrors,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

/** The rights of one service: its provider's administrator grants and revokes them. */
function Rights({ service, onClose }: { service: GatewayService; onClose: () => void }) {
  const { t, i18n } = useTranslation('gateway');
  const rights = useServiceRights(service.id);
  const grant = useGrantRight(service.id);
  const revoke = useRevokeRight(service.id);
  const [client, setClient] = useState('');
  const fe = useFieldErrors(grant.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    grant.mutate(client.trim(), { onSuccess: () => setClient('') });
  }

  const columns: Column<GatewayRight>[] = [
    { header: t('rights.client'), cell: (r) => <code>{r.clientId}</code> },
    { header: t('rights.grantedAt'), className: 'nowrap', cell: (r) => formatDateTime(r.grantedAt, i18n.language) },
    {
      header: t('rights.revokedAt'),
      className: 'nowrap',
      cell: (r) =>
        r.revokedAt ? (
          <span className="tag tag--grey">{formatDateTime(r.revokedAt, i18n.language)}</span>
        ) : (
          <span className="tag tag--green">{t('rights.open')}</span>
        ),
    },
    {
      header: '',
      cell: (r) =>
        r.revokedAt ? null : (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(r.id)}
          >
            {t('rights.revoke')}
          </button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="gw-rights-title" data-testid="gateway-rights">
      <h2 id="gw-rights-title">{t('rights.title', { service: service.code })}</h2>
      <p>{t('rights.intro')}</p>
      {rights.isError ? (
        <QueryError error={rights.error} />
      ) : (
        <>
          {grant.data && <SuccessNotice>{t('rights.granted', { client: grant.data.clientId })}</SuccessNotice>}
          <ErrorSummary error={grant.error ?? revoke.error} fieldIds={{ client: 'gw-client' }} />
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              id="gw-client"
              label={t('rights.client')}
              hint={t('rights.clientHint')}
              value={client}
              onChange={(e) => setClient(e.target.value)}
              error={fe.client}
              autoComplete="off"
            />
            <button className="btn" type="submit" disabled={grant.isPending}>
              {t('rights.grant')}
            </button>
          </form>
          <ListView
            query={{ ...rights, data: rights.data }}
            label={t('rights.title', { service: service.code })}
            empty={t('rights.empty')}
            columns={columns}
            showCount={false}
          />
        </>
      )}
      <button type="button" className="btn btn--secondary" onClick={onClose}>
        {t('services.hideRights')}
      </button>
    </section>
  );
}

/** The service registry (danh mục dịch vụ chia sẻ), with each service's rights for its provider's administrator. */
export default function GatewayServicesPage() {
  const { t } = useTranslation('gateway');
  usePageTitle(t('services.title'));
  const list = useListParams({ q: '' });
  const services = useGatewayServices(list.values.q || undefined);
  const [selected, setSelected] = useState<GatewayService | null>(null);

  const columns: Column<GatewayService>[] = [
    {
      header: t('services.service'),
      cell: (s) => (
        <>
          <strong>{s.name}</strong>
          <br />
          <code>{s.code}</code> <span className="muted">{t('services.version', { version: s.version })}</span>
          <br />
          <span className="muted">{t('services.provider')}:</span> <code>{s.providerId}</code>
          <br />
          <span className={`tag ${s.status === 'active' ? 'tag--green' : 'tag--grey'}`}>
            {t(`services.statuses.${s.status}`)}
          </span>
        </>
      ),
    },
    {
      header: t('services.purposes'),
      cell: (s) => (
        <ul className="plain-list">
          {s.purposes.map((p) => (
            <li key={p.code}>
              {p.name} <span className="muted">· {p.legalBasis}</span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      header: '',
      cell: (s) => (
        <>
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setSelected(s)}>
            {t('services.manageRights')}
          </button>
          <br />
          <a href={`/api/gateway/services/${s.id}/openapi`} target="_blank" rel="noreferrer">
            {t('services.openapi')}
          </a>
        </>
      ),
    },
  ];

  return (
    <>
      <h1>{t('services.title')}</h1>
      <p>{t('services.intro')}</p>
      <p>
        <Link className="btn" to="/admin/gateway/services/new">
          {t('publish.link')}
        </Link>
      </p>
      <FilterBar label={t('filter')} submitLabel={t('apply')} onSubmit={list.submit}>
        <TextField id="gw-q" label={t('services.search')} hint={t('services.searchHint')} {...list.field('q')} />
      </FilterBar>
      <ListView
        query={services}
        label={t('services.title')}
        empty={t('services.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'gateway-service-row' })}
      />
      {selected && <Rights key={selected.id} service={selected} onClose={() => setSelected(null)} />}
    </>
  );
}
