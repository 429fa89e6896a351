import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELIVERY_STATES,
  type Delivery,
  type DeliveryFilter,
  HeldStatuses,
  HubOnly,
  useDeliveries,
} from '../../../features/exchange';
import { formatDateTime, PagedResult, SelectField, usePageTitle } from '../../../features/ui';

const TAG: Record<string, string> = { pending: 'tag--yellow', done: 'tag--green', rejected: 'tag--red' };

function Deliveries() {
  const { t, i18n } = useTranslation('exchange');
  const [draft, setDraft] = useState({ state: 'pending', failing: false });
  const [filter, setFilter] = useState<DeliveryFilter>({ state: 'pending', page: 1, pageSize: 50 });
  const list = useDeliveries(filter);

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilter({
      state: (draft.state || undefined) as DeliveryFilter['state'],
      failing: draft.failing ? 'true' : undefined,
      page: 1,
      pageSize: 50,
    });
  }

  const columns = [
    { header: t('deliveries.createdAt'), value: (d: Delivery) => d.createdAt },
    { header: t('deliveries.package'), value: (d: Delivery) => d.packageId },
    { header: t('deliveries.kind'), value: (d: Delivery) => d.kind },
    { header: t('deliveries.recipient'), value: (d: Delivery) => d.recipient },
    { header: t('deliveries.target'), value: (d: Delivery) => d.target },
    { header: t('deliveries.state'), value: (d: Delivery) => d.state },
    { header: t('deliveries.attempts'), value: (d: Delivery) => d.attempts },
    { header: t('deliveries.nextAttempt'), value: (d: Delivery) => d.nextAttemptAt },
    { header: t('deliveries.lastError'), value: (d: Delivery) => d.lastError },
  ];

  return (
    <>
      <form className="filters" role="search" aria-label={t('filter')} onSubmit={submit}>
        <SelectField
          id="xd-state"
          label={t('deliveries.state')}
          value={draft.state}
          onChange={(e) => setDraft({ ...draft, state: e.target.value })}
        >
          <option value="">{t('all')}</option>
          {DELIVERY_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`deliveries.states.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label className="choice" htmlFor="xd-failing">
            <input
              id="xd-failing"
              type="checkbox"
              checked={draft.failing}
              onChange={(e) => setDraft({ ...draft, failing: e.target.checked })}
            />
            <span>{t('deliveries.onlyFailing')}</span>
          </label>
        </div>
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>
      <PagedResult
        query={list}
        label={t('deliveries.title')}
        empty={t('deliveries.empty')}
        csv={{ columns, fileBase: 'chuyen-phat-lien-thong' }}
        onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
      >
        {(items) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.package')}</th>
                <th scope="col">{t('deliveries.route')}</th>
                <th scope="col">{t('deliveries.state')}</th>
                <th scope="col">{t('deliveries.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-testid="exchange-delivery-row">
                  <td>
                    <code>{d.packageId}</code>
                    <br />
                    <span className="muted">
                      {t(`log.kinds.${d.kind}`)} · {formatDateTime(d.createdAt, i18n.language)}
                    </span>
                  </td>
                  <td className="nowrap">
                    {d.recipient}
                    <br />
                    <span className="muted">{t('log.viaNode', { node: d.target })}</span>
                  </td>
                  <td>
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
                  </td>
                  <td className="xch-error">{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedResult>
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
