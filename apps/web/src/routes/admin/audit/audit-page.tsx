import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEvent, type AuditFilter, useAuditEvents, useVerifyAudit } from '../../../features/audit/hooks';
import {
  ExportCsvButton,
  formatDateTime,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  TextField,
  usePageTitle,
  ErrorSummary,
} from '../../../features/ui';

const PAGE_SIZE = 50;

/** Date inputs are calendar days in Vietnam's time zone; the API takes instants. */
export function dayBounds(from?: string, to?: string): { from?: string; to?: string } {
  return {
    from: from ? `${from}T00:00:00+07:00` : undefined,
    to: to ? `${to}T23:59:59.999+07:00` : undefined,
  };
}

interface Draft {
  action: string;
  actorId: string;
  subjectType: string;
  q: string;
  from: string;
  to: string;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('audit.title'));
  const [draft, setDraft] = useState<Draft>({ action: '', actorId: '', subjectType: '', q: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: PAGE_SIZE });
  const events = useAuditEvents(filter);
  const verify = useVerifyAudit();

  function submit(e: FormEvent) {
    e.preventDefault();
    const { from, to, ...rest } = draft;
    const clean = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.trim() || undefined]));
    setFilter({ ...clean, ...dayBounds(from, to), page: 1, pageSize: PAGE_SIZE });
  }
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const columns = [
    { header: t('audit.seq'), value: (e: AuditEvent) => e.seq },
    { header: t('audit.occurredAt'), value: (e: AuditEvent) => e.occurredAt },
    { header: t('audit.actor'), value: (e: AuditEvent) => e.actorName },
    { header: t('audit.actorId'), value: (e: AuditEvent) => e.actorId },
    { header: t('audit.agency'), value: (e: AuditEvent) => e.agencyCode },
    { header: t('audit.action'), value: (e: AuditEvent) => e.action },
    { header: t('audit.subjectType'), value: (e: AuditEvent) => e.subjectType },
    { header: t('audit.subjectId'), value: (e: AuditEvent) => e.subjectId },
    { header: t('audit.ip'), value: (e: AuditEvent) => e.ip },
    { header: t('audit.before'), value: (e: AuditEvent) => e.before },
    { header: t('audit.after'), value: (e: AuditEvent) => e.after },
    { header: t('audit.hash'), value: (e: AuditEvent) => e.hash },
  ];

  return (
    <>
      <div className="toolbar">
        <h1>{t('audit.title')}</h1>
        <button
          className="btn btn--secondary"
          type="button"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
        >
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      <p>{t('audit.intro')}</p>
      <ErrorSummary error={verify.error} />
      {verify.data && (
        <div
          className={`notice ${verify.data.ok ? 'notice--success' : 'notice--warning'}`}
          role="status"
          data-testid="audit-verify"
        >
          <p>
            {verify.data.ok
              ? t('audit.verifyOk', { n: verify.data.checked })
              : t('audit.verifyBroken', {
                  n: verify.data.checked,
                  seq: verify.data.firstBrokenSeq ?? '?',
                  reason: t(`audit.reasons.${verify.data.reason}`, { defaultValue: verify.data.reason ?? '' }),
                })}
          </p>
        </div>
      )}

      <form className="filters" role="search" aria-label={t('filter')} onSubmit={submit}>
        <TextField
          id="au-action"
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          value={draft.action}
          onChange={set('action')}
        />
        <TextField id="au-actor" label={t('audit.actorId')} value={draft.actorId} onChange={set('actorId')} />
        <TextField
          id="au-subject"
          label={t('audit.subjectType')}
          value={draft.subjectType}
          onChange={set('subjectType')}
        />
        <TextField id="au-q" type="search" label={t('audit.search')} value={draft.q} onChange={set('q')} />
        <TextField id="au-from" type="date" label={t('audit.from')} value={draft.from} onChange={set('from')} />
        <TextField id="au-to" type="date" label={t('audit.to')} value={draft.to} onChange={set('to')} />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>

      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <QueryError error={events.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={events.data.total} />
            <ExportCsvButton rows={events.data.items} columns={columns} fileBase="nhat-ky-kiem-toan" />
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.seq')}</th>
                  <th scope="col">{t('audit.occurredAt')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.agency')}</th>
                  <th scope="col">{t('audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((e) => (
                  <tr key={e.id}>
                    <td className="mono">{e.seq ?? t('audit.pending')}</td>
                    <td className="nowrap">{formatDateTime(e.occurredAt, i18n.language)}</td>
                    <td>{e.actorName ?? e.actorId ?? t('audit.system')}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="mono">{[e.subjectType, e.subjectId].filter(Boolean).join(' ')}</td>
                    <td className="mono">{e.agencyCode}</td>
                    <td className="mono">{e.ip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={events.data.page}
            pageSize={events.data.pageSize}
            total={events.data.total}
            onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
          />
        </>
      )}
    </>
  );
}
