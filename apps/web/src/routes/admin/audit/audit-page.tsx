import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { type AuditEvent, useAuditEvents, useVerifyAudit } from '../../../features/audit/hooks';
import { useAgencyNames } from '../../../features/directory/hooks';
import {
  type Column,
  dayBounds,
  ErrorSummary,
  FilterBar,
  formatDateTime,
  ListView,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 50;

export default function AuditPage() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('audit.title'));
  const list = useListParams({ action: '', actorId: '', subjectType: '', q: '', from: '', to: '' });
  const { from, to, ...rest } = list.values;
  const events = useAuditEvents({
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v || undefined])),
    ...dayBounds(from, to),
    page: list.page,
    pageSize: PAGE_SIZE,
  });
  const verify = useVerifyAudit();
  // What people did, in words; the event code is in the CSV and the tooltip (the filter takes it).
  const actionLabel = (action: string) => t(`audit.actions.${action.replaceAll('.', '__')}`, { defaultValue: action });
  const subjectLabel = (type: string) => t(`audit.subjects.${type}`, { defaultValue: type });
  // The filter offers the events by name (every code the web app has words for), sorted as people read them;
  // a code from the address that has no words yet stays selectable as itself.
  const bundle = i18n.getResourceBundle(i18n.language, 'admin') as
    { audit?: { actions?: Record<string, string>; subjects?: Record<string, string> } } | undefined;
  const byLabel = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], i18n.language);
  const actionOptions = Object.entries(bundle?.audit?.actions ?? {})
    .map(([k, label]): [string, string] => [k.replaceAll('__', '.'), label])
    .sort(byLabel);
  if (list.draft.action && !actionOptions.some(([code]) => code === list.draft.action))
    actionOptions.unshift([list.draft.action, list.draft.action]);
  const subjectOptions = Object.entries(bundle?.audit?.subjects ?? {}).sort(byLabel);
  if (list.draft.subjectType && !subjectOptions.some(([code]) => code === list.draft.subjectType))
    subjectOptions.unshift([list.draft.subjectType, list.draft.subjectType]);
  const actorShown = (events.data?.items ?? []).find((e) => e.actorId === list.values.actorId)?.actorName;
  const agencyName = useAgencyNames([
    ...new Set((events.data?.items ?? []).map((e) => e.agencyCode).filter((c): c is string => !!c)),
  ]);

  const csv: CsvColumn<AuditEvent>[] = [
    { header: t('audit.seq'), value: (e) => e.seq },
    { header: t('audit.occurredAt'), value: (e) => e.occurredAt },
    { header: t('audit.actor'), value: (e) => e.actorName },
    { header: t('audit.actorId'), value: (e) => e.actorId },
    { header: t('audit.agency'), value: (e) => e.agencyCode },
    { header: t('audit.action'), value: (e) => actionLabel(e.action) },
    { header: t('audit.actionCode'), value: (e) => e.action },
    { header: t('audit.subjectType'), value: (e) => e.subjectType },
    { header: t('audit.subjectId'), value: (e) => e.subjectId },
    { header: t('audit.ip'), value: (e) => e.ip },
    { header: t('audit.before'), value: (e) => e.before },
    { header: t('audit.after'), value: (e) => e.after },
    { header: t('audit.hash'), value: (e) => e.hash },
  ];
  const columns: Column<AuditEvent>[] = [
    { header: t('audit.seq'), className: 'mono', cell: (e) => e.seq ?? t('audit.pending') },
    { header: t('audit.occurredAt'), className: 'nowrap', cell: (e) => formatDateTime(e.occurredAt, i18n.language) },
    {
      header: t('audit.actor'),
      // The actor's name filters the list to what that person did (no one types an account id).
      cell: (e) =>
        e.actorId && e.actorId !== list.values.actorId ? (
          <button
            type="button"
            className="btn btn--link"
            title={t('audit.filterByActor')}
            onClick={() => list.apply({ actorId: e.actorId ?? '' })}
          >
            {e.actorName ?? e.actorId}
          </button>
        ) : (
          (e.actorName ?? e.actorId ?? t('audit.system'))
        ),
    },
    {
      header: t('audit.action'),
      cell: (e) => <span title={e.action}>{actionLabel(e.action)}</span>,
    },
    {
      header: t('audit.subject'),
      cell: (e) => (
        <>
          {subjectLabel(e.subjectType)} <span className="mono">{e.subjectId}</span>
        </>
      ),
    },
    { header: t('audit.agency'), cell: (e) => (e.agencyCode ? agencyName(e.agencyCode) : '') },
    { header: t('audit.ip'), className: 'mono', cell: (e) => e.ip },
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

      <FilterBar label={t('filter')} onSubmit={list.submit}>
        <SelectField id="au-action" label={t('audit.action')} {...list.field('action')}>
          <option value="">{t('audit.allActions')}</option>
          {actionOptions.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField id="au-subject" label={t('audit.subjectType')} {...list.field('subjectType')}>
          <option value="">{t('audit.allSubjects')}</option>
          {subjectOptions.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField id="au-q" type="search" label={t('audit.search')} {...list.field('q')} />
        <TextField id="au-from" type="date" label={t('audit.from')} {...list.field('from')} />
        <TextField id="au-to" type="date" label={t('audit.to')} {...list.field('to')} />
      </FilterBar>
      {list.values.actorId && (
        <p className="notice" role="status" data-testid="audit-actor-filter">
          {t('audit.actorFilter', { name: actorShown ?? t('audit.actorUnnamed') })}{' '}
          <button type="button" className="btn btn--link" onClick={() => list.apply({ actorId: '' })}>
            {t('audit.clearActor')}
          </button>
        </p>
      )}
      <ListView
        query={events}
        label={t('audit.title')}
        columns={columns}
        csv={{ columns: csv, fileBase: 'nhat-ky-kiem-toan' }}
        onPage={list.setPage}
      />
    </>
  );
}
