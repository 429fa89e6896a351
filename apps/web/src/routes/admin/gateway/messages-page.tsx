import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { downloadEvidence, type GatewayMessage, useGatewayMessages } from '../../../features/gateway';
import {
  type Column,
  FilterBar,
  formatDateTime,
  ListView,
  orUndefined,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

/** The gateway's message log: who called what, for whom and why, with the evidence of each exchange. */
export default function GatewayMessagesPage() {
  const { t, i18n } = useTranslation('gateway');
  usePageTitle(t('messages.title'));
  const list = useListParams({ service: '' });
  const messages = useGatewayMessages({ service: orUndefined(list.values.service), page: list.page, pageSize: 50 });

  const csv: CsvColumn<GatewayMessage>[] = [
    { header: t('messages.at'), value: (m) => m.createdAt },
    { header: t('messages.messageId'), value: (m) => m.messageId },
    { header: t('messages.side'), value: (m) => m.side },
    { header: 'client', value: (m) => m.clientId },
    { header: 'provider', value: (m) => m.providerId },
    { header: t('messages.service'), value: (m) => m.serviceCode },
    { header: t('messages.purpose'), value: (m) => m.purpose },
    { header: t('messages.actor'), value: (m) => `${m.actor.kind}:${m.actor.accountId}` },
    { header: 'dossier', value: (m) => m.dossierCode },
    { header: t('messages.status'), value: (m) => m.status },
    { header: 'requestHash', value: (m) => m.requestHash },
    { header: 'responseHash', value: (m) => m.responseHash },
    { header: 'seq', value: (m) => m.seq },
  ];
  const columns: Column<GatewayMessage>[] = [
    {
      header: `${t('messages.at')} · ${t('messages.purpose')} · ${t('messages.actor')}`,
      cell: (m) => (
        <>
          {formatDateTime(m.createdAt, i18n.language)} <span className="tag">{t(`messages.sides.${m.side}`)}</span>
          <br />
          {m.purpose}
          {m.dossierCode && (
            <>
              <br />
              <span className="muted">{t('messages.dossier', { code: m.dossierCode })}</span>
            </>
          )}
          <br />
          <span className="muted" title={m.actor.accountId}>
            {t(`messages.actors.${m.actor.kind}`)}
            {m.actor.agencyCode ? ` (${m.actor.agencyCode})` : ''}
          </span>
        </>
      ),
    },
    {
      header: `${t('messages.route')} · ${t('messages.service')}`,
      cell: (m) => (
        <>
          <code>{m.clientId}</code>
          <br />→ <code>{m.providerId}</code>
          {m.via !== 'local' && <span className="muted"> {t('messages.via', { via: m.via })}</span>}
          <br />
          <code>{m.serviceCode}</code>
        </>
      ),
    },
    {
      header: t('messages.status'),
      cell: (m) => (
        <>
          <span className={`tag ${m.status < 400 ? 'tag--green' : 'tag--red'}`}>HTTP {m.status}</span>
          <br />
          <span className="muted">{m.stamped ? t('messages.stamped', { seq: m.seq }) : t('messages.pending')}</span>
          <br />
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => void downloadEvidence(m.messageId)}
          >
            {t('messages.evidence')}
          </button>
        </>
      ),
    },
  ];
  return (
    <>
      <h1>{t('messages.title')}</h1>
      <p>{t('messages.intro')}</p>
      <FilterBar label={t('filter')} submitLabel={t('apply')} onSubmit={list.submit}>
        <TextField
          id="gw-service"
          label={t('messages.service')}
          hint={t('messages.serviceHint')}
          {...list.field('service')}
        />
      </FilterBar>
      <ListView
        query={messages}
        label={t('messages.title')}
        empty={t('messages.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'gateway-message-row' })}
        csv={{ columns: csv, fileBase: 'nhat-ky-chia-se-du-lieu' }}
        onPage={list.setPage}
      />
    </>
  );
}
