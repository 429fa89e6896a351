import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, formatDateTime, ListView } from '../ui';
import { useHeldStatuses } from './hooks';
import type { HeldStatus } from './types';

/**
 * Operator's view (hub and node alike): statuses (01, 03 …) of agencies without a usable seal,
 * kept until one is issued and then sent by themselves (ADR 0013).
 */
export function HeldStatuses() {
  const { t, i18n } = useTranslation('exchange');
  const [page, setPage] = useState(1);
  const held = useHeldStatuses(page);
  const columns: Column<HeldStatus>[] = [
    {
      header: t('held.agency'),
      className: 'nowrap',
      cell: (h) => (
        <>
          {h.sender} → {h.recipient}
        </>
      ),
    },
    { header: t('held.status'), cell: (h) => h.statusCode },
    { header: t('held.reason'), cell: (h) => t(`held.reasons.${h.reason}`, { defaultValue: h.reason ?? '' }) },
    { header: t('held.since'), className: 'nowrap', cell: (h) => formatDateTime(h.createdAt, i18n.language) },
  ];
  return (
    <section className="section" aria-labelledby="xch-held" data-testid="exchange-held-statuses">
      <h2 id="xch-held">{t('held.title')}</h2>
      {!!held.data?.total && (
        <p className="notice notice--warning" role="status">
          {t('held.intro', { count: held.data.total })}
        </p>
      )}
      <ListView
        query={held}
        label={t('held.title')}
        empty={t('held.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'exchange-held-row' })}
        onPage={setPage}
      />
    </section>
  );
}
