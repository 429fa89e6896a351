import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { HubOnly, LOG_EVENTS, type LogEntry, useExchangeLog } from '../../../features/exchange';
import {
  type Column,
  FilterBar,
  formatDateTime,
  ListView,
  oneOf,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const TAG: Record<string, string> = {
  sealed: '',
  received: '',
  routed: '',
  delivered: 'tag--green',
  rejected: 'tag--red',
  duplicate: 'tag--grey',
};

function Log() {
  const { t, i18n } = useTranslation('exchange');
  const list = useListParams({ packageId: '', agency: '', event: '' });
  const log = useExchangeLog({
    packageId: list.values.packageId || undefined,
    agency: list.values.agency.toUpperCase() || undefined,
    event: oneOf(LOG_EVENTS, list.values.event),
    page: list.page,
    pageSize: 50,
  });

  const csv: CsvColumn<LogEntry>[] = [
    { header: t('log.at'), value: (l) => l.at },
    { header: t('log.event'), value: (l) => l.event },
    { header: t('log.packageId'), value: (l) => l.packageId },
    { header: t('log.kind'), value: (l) => l.kind },
    { header: t('log.sender'), value: (l) => l.sender },
    { header: t('log.recipient'), value: (l) => l.recipient },
    { header: t('log.document'), value: (l) => l.documentId },
    { header: t('log.statusCode'), value: (l) => l.statusCode },
    { header: t('log.node'), value: (l) => l.nodeId },
    { header: 'SHA-256', value: (l) => l.sha256 },
    { header: t('log.size'), value: (l) => l.size },
    { header: t('log.reason'), value: (l) => l.reason },
  ];
  const columns: Column<LogEntry>[] = [
    { header: t('log.at'), className: 'nowrap', cell: (l) => formatDateTime(l.at, i18n.language) },
    {
      header: `${t('log.event')} · ${t('log.reason')}`,
      className: 'xch-event',
      cell: (l) => (
        <>
          <span className={`tag ${TAG[l.event] ?? ''}`}>{t(`log.events.${l.event}`)}</span>
          {l.reason && <span className="xch-reason">{l.reason}</span>}
        </>
      ),
    },
    {
      header: t('log.package'),
      className: 'xch-package',
      cell: (l) => (
        <>
          <code>{l.packageId}</code>
          <br />
          <span className="muted">
            {t(`log.kinds.${l.kind}`)}
            {l.statusCode ? ` ${l.statusCode}` : ''}
            {l.documentId ? ` · ${l.documentId}` : ''}
          </span>
          <br />
          <span className="xch-hash" title={t('log.hashTitle')}>
            SHA-256 {l.sha256}
          </span>
        </>
      ),
    },
    {
      header: t('log.route'),
      className: 'nowrap',
      cell: (l) => (
        <>
          {l.sender ?? '—'}
          <br />→ {l.recipient ?? '—'}
          {l.nodeId && (
            <>
              <br />
              <span className="muted">{t('log.viaNode', { node: l.nodeId })}</span>
            </>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <FilterBar label={t('filter')} submitLabel={t('apply')} onSubmit={list.submit}>
        <TextField id="xl-package" label={t('log.packageId')} placeholder="pkg_…" {...list.field('packageId')} />
        <TextField id="xl-agency" label={t('log.agency')} hint={t('log.agencyHint')} {...list.field('agency')} />
        <SelectField
          id="xl-event"
          label={t('log.event')}
          {...list.field('event')}
          blank={t('all')}
          choices={LOG_EVENTS.map((ev) => ({ value: ev, label: t(`log.events.${ev}`) }))}
        />
      </FilterBar>
      <ListView
        query={log}
        label={t('log.title')}
        empty={t('log.empty')}
        columns={columns}
        rowProps={() => ({ 'data-testid': 'exchange-log-row' })}
        csv={{ columns: csv, fileBase: 'nhat-ky-lien-thong' }}
        onPage={list.setPage}
      />
    </>
  );
}

/** Hub operator: every package and status that crossed the hub, with its hash and outcome. */
export default function ExchangeLogPage() {
  const { t } = useTranslation('exchange');
  usePageTitle(t('log.title'));
  return (
    <>
      <h1>{t('log.title')}</h1>
      <p>{t('log.intro')}</p>
      <HubOnly>
        <Log />
      </HubOnly>
    </>
  );
}
