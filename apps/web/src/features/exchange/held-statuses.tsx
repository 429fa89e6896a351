import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, PagedResult } from '../ui';
import { useHeldStatuses } from './hooks';

/**
 * Operator's view (hub and node alike): statuses (01, 03 …) of agencies without a usable seal,
 * kept until one is issued and then sent by themselves (ADR 0013).
 */
export function HeldStatuses() {
  const { t, i18n } = useTranslation('exchange');
  const [page, setPage] = useState(1);
  const held = useHeldStatuses(page);
  return (
    <section className="section" aria-labelledby="xch-held" data-testid="exchange-held-statuses">
      <h2 id="xch-held">{t('held.title')}</h2>
      {!!held.data?.total && (
        <p className="notice notice--warning" role="status">
          {t('held.intro', { count: held.data.total })}
        </p>
      )}
      <PagedResult query={held} label={t('held.title')} empty={t('held.empty')} onPage={setPage}>
        {(items) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('held.agency')}</th>
                <th scope="col">{t('held.status')}</th>
                <th scope="col">{t('held.reason')}</th>
                <th scope="col">{t('held.since')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id} data-testid="exchange-held-row">
                  <td className="nowrap">
                    {h.sender} → {h.recipient}
                  </td>
                  <td>{h.statusCode}</td>
                  <td>{t(`held.reasons.${h.reason}`, { defaultValue: h.reason ?? '' })}</td>
                  <td className="nowrap">{formatDateTime(h.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedResult>
    </section>
  );
}
