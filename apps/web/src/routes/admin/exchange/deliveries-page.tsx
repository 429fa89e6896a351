import { useTranslation } from 'react-i18next';
import { useAgencyNames } from '../../../features/directory/hooks';
import type { CsvColumn } from '../../../features/csv/csv';
import { DELIVERY_STATES, type Delivery, HeldStatuses, HubOnly, useDeliveries } from '../../../features/exchange';
import {
  type Column,
  FilterBar,
  formatDateTime,
  ListView,
  oneOf,
  SelectField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const TAG: Record<string, string> = {
  pending: 'tag--yellow',
  done: 'tag--green',
  rejected: 'tag--red',
  set_aside: 'tag--red',
};

function Deliveries() {
  const { t, i18n } = useTranslation('exchange');
  const list = useListParams({ state: 'pending', failing: '' });
  const deliveries = useDeliveries({
    state: oneOf(DELIVERY_STATES, list.values.state),
    failing: list.values.failing === 'true' ? 'true' : undefined,
    page: list.page,
    pageSize: 50,
  });

  // "chuyển nội bộ", "qua trục", not the internal target names.
  const hop = (target: string) =>
    target === 'local' ? t('log.local') : target === 'hub' ? t('log.viaHub') : t('log.viaNode', { node: target });
  const agencyName = useAgencyNames([...new Set((deliveries.data?.items ?? []).map((d) => d.recipient))]);
  const csv: CsvColumn<Delivery>[] = [
    { header: t('deliveries.createdAt'), value: (d) => d.createdAt },
    { header: t('deliveries.package'), value: (d) => d.packageId },
    { header: t('deliveries.kind'), value: (d) => d.kind },
    { header: t('deliveries.recipient'), value: (d) => d.recipient },
    { header: t('deliveries.target'), value: (d) => hop(d.target) },
    { header: t('deliveries.state'), value: (d) => d.state },
    { header: t('deliveries.attempts'), value: (d) => d.attempts },
    { header: t('deliveries.nextAttempt'), value: (d) => d.nextAttemptAt },
    { header: t('deliveries.lastError'), value: (d) => d.lastError },
  ];
  const columns: Column<Delivery>[] = [
    {
      header: t('deliveries.package'),
      cell: (d) => (
        <>
          <code>{d.packageId}</code>
          <br />
          <span className="muted">
            {t(`log.kinds.${d.kind}`)} · {formatDateTime(d.createdAt, i18n.language)}
          </span>
        </>
      ),
    },
    {
      header: t('deliveries.route'),
      className: 'nowrap',
      cell: (d) => (
        <>
          {agencyName(d.recipient)} <span className="muted mono">({d.recipient})</span>
          <br />
          <span className="muted">{hop(d.target)}</span>
        </>
      ),
    },
    {
      header: t('deliveries.state'),
      cell: (d) => (
        <>
          <span className={`tag ${TAG[d.state] ?? ''}`}>{t(`deliveries.states.${d.state}`)}</span>
          <br />
          <span className="muted nowrap">
            {t('deliveries.attempts')}: {d.attempts}
          </span>
          {d.state === 'pending' && (
            <>
              <br />
              <span className="muted nowrap">
                {t('deliveries.nextAttempt')}: {formatDateTime(d.nextAttemptAt, i18n.language)}
              </span>
            </>
          )}
        </>
      ),
    },
    { header: t('deliveries.lastError'), className: 'xch-error', cell: (d) => d.lastError ?? '' },
  ];

  return (
    <>
      <FilterBar label={t('filter')} submitLabel={t('apply')} onSubmit={list.submit}>
        <SelectField
          id="xd-state"
          label={t('deliveries.state')}
          {...list.field('state')}
          blank={t('all')}
          choices={DELIVERY_STATES.map((s) => ({ value: s, label: t(`deliveries.states.${s}`) }))}
        />
        <div className="field">
          <label className="choice" htmlFor="xd-failing">
            <input
              id="xd-failing"
              type="checkbox"
              checked={list.draft.failing === 'true'}
              onChange={(e) => list.set('failing', e.target.checked ? 'true' : '')}
            />
            <span>{t('deliveries.onlyFailing')}</span>
          </label>
        </div>
      </FilterBar>
      <ListView
        query={deliveries}
        label={t('deliveries.title')}
        empty={t('deliveries.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'exchange-delivery-row' })}
        csv={{ columns: csv, fileBase: 'chuyen-phat-lien-thong' }}
        onPage={list.setPage}
      />
    </>
  );
}

/** Hub operator: the outbox — deliveries waiting or failing, with attempts and the last error; hub and node: statuses held for a seal. */
export default function ExchangeDeliveriesPage() {
  const { t } = useTranslation('exchange');
  usePageTitle(t('deliveries.title'));
  return (
    <>
      <h1>{t('deliveries.title')}</h1>
      <p>{t('deliveries.intro')}</p>
      <HeldStatuses />
      <HubOnly>
        <Deliveries />
      </HubOnly>
    </>
  );
}
