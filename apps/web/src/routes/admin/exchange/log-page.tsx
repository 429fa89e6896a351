import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HubOnly, LOG_EVENTS, type LogEntry, type LogFilter, useExchangeLog } from '../../../features/exchange';
import { formatDateTime, PagedResult, SelectField, TextField, usePageTitle } from '../../../features/ui';

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
  const [draft, setDraft] = useState({ packageId: '', agency: '', event: '' });
  const [filter, setFilter] = useState<LogFilter>({ page: 1, pageSize: 50 });
  const log = useExchangeLog(filter);

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilter({
      packageId: draft.packageId.trim() || undefined,
      agency: draft.agency.trim().toUpperCase() || undefined,
      event: (draft.event || undefined) as LogFilter['event'],
      page: 1,
      pageSize: 50,
    });
  }

  const columns = [
    { header: t('log.at'), value: (l: LogEntry) => l.at },
    { header: t('log.event'), value: (l: LogEntry) => l.event },
    { header: t('log.packageId'), value: (l: LogEntry) => l.packageId },
    { header: t('log.kind'), value: (l: LogEntry) => l.kind },
    { header: t('log.sender'), value: (l: LogEntry) => l.sender },
    { header: t('log.recipient'), value: (l: LogEntry) => l.recipient },
    { header: t('log.document'), value: (l: LogEntry) => l.documentId },
    { header: t('log.statusCode'), value: (l: LogEntry) => l.statusCode },
    { header: t('log.node'), value: (l: LogEntry) => l.nodeId },
    { header: 'SHA-256', value: (l: LogEntry) => l.sha256 },
    { header: t('log.size'), value: (l: LogEntry) => l.size },
    { header: t('log.reason'), value: (l: LogEntry) => l.reason },
  ];

  return (
    <>
      <form className="filters" role="search" aria-label={t('filter')} onSubmit={submit}>
        <TextField
          id="xl-package"
          label={t('log.packageId')}
          placeholder="pkg_…"
          value={draft.packageId}
          onChange={(e) => setDraft({ ...draft, packageId: e.target.value })}
        />
        <TextField
          id="xl-agency"
          label={t('log.agency')}
          hint={t('log.agencyHint')}
          value={draft.agency}
          onChange={(e) => setDraft({ ...draft, agency: e.target.value })}
        />
        <SelectField
          id="xl-event"
          label={t('log.event')}
          value={draft.event}
          onChange={(e) => setDraft({ ...draft, event: e.target.value })}
        >
          <option value="">{t('all')}</option>
          {LOG_EVENTS.map((ev) => (
            <option key={ev} value={ev}>
              {t(`log.events.${ev}`)}
            </option>
          ))}
        </SelectField>
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>
      <PagedResult
        query={log}
        label={t('log.title')}
        empty={t('log.empty')}
        csv={{ columns, fileBase: 'nhat-ky-lien-thong' }}
        onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
      >
        {(items) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('log.at')}</th>
                <th scope="col">
                  {t('log.event')} · {t('log.reason')}
                </th>
                <th scope="col">{t('log.package')}</th>
                <th scope="col">{t('log.route')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <tr key={l.id} data-testid="exchange-log-row">
                  <td className="nowrap">{formatDateTime(l.at, i18n.language)}</td>
                  <td className="xch-event">
                    <span className={`tag ${TAG[l.event] ?? ''}`}>{t(`log.events.${l.event}`)}</span>
                    {l.reason && <span className="xch-reason">{l.reason}</span>}
                  </td>
                  <td className="xch-package">
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
                  </td>
                  <td className="nowrap">
                    {l.sender ?? '—'}
                    <br />→ {l.recipient ?? '—'}
                    {l.nodeId && (
                      <>
                        <br />
                        <span className="muted">{t('log.viaNode', { node: l.nodeId })}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedResult>
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
