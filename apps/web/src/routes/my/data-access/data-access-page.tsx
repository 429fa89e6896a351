import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../features/api';
import type { CsvColumn } from '../../../features/csv/csv';
import { useAgencyNames } from '../../../features/directory/hooks';
import { type DataAccessItem, useDataAccess } from '../../../features/registries';
import { type Column, formatDateTime, ListView, useListParams, usePageTitle } from '../../../features/ui';

/**
 * "Ai đã xem dữ liệu của tôi" (data tracker, after Estonia's andmejälgija): every read of the
 * citizen's registry data — who, when, which fields, why, for which dossier — newest first.
 */
export function DataAccessPage() {
  const { t, i18n } = useTranslation('registries');
  usePageTitle(t('tracker.title'));
  const list = useListParams({});
  const q = useDataAccess(list.page);
  const codes = [
    ...new Set([
      ...(q.data?.items.map((i) => i.agencyCode).filter((c): c is string => !!c) ?? []),
      ...(q.data?.endedDelays.map((d) => d.agencyCode) ?? []),
    ]),
  ];
  const agency = useAgencyNames(codes);
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const who = (r: DataAccessItem) =>
    r.self ? t('tracker.you') : [r.agencyCode ? agency(r.agencyCode) : null, r.actorName].filter(Boolean).join(' — ');
  const fields = (r: DataAccessItem) => r.fields.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ');
  const purpose = (r: DataAccessItem) => (i18n.language === 'vi' ? r.purposeLabel : r.purpose);
  const columns: Column<DataAccessItem>[] = [
    {
      header: t('tracker.when'),
      className: 'nowrap',
      cell: (r) => (
        <>
          {when(r.at)}
          {r.delayedUntil && (
            // On a line of its own and wrapping: the time column stays narrow, the dossier code readable.
            <div>
              <span className="tag tag--yellow tag--wrap">
                {t('tracker.delayedUntil', { date: when(r.delayedUntil) })}
              </span>
            </div>
          )}
        </>
      ),
    },
    { header: t('tracker.who'), cell: who },
    { header: t('tracker.registry'), cell: (r) => r.registryName },
    { header: t('tracker.fields'), cell: fields },
    { header: t('tracker.purpose'), cell: purpose },
    { header: t('tracker.dossier'), className: 'mono', cell: (r) => r.dossierCode ?? '—' },
  ];
  const csv: CsvColumn<DataAccessItem>[] = [
    { header: t('tracker.when'), value: (r) => r.at },
    { header: t('tracker.who'), value: who },
    { header: t('tracker.registry'), value: (r) => r.registryName },
    { header: t('tracker.fields'), value: fields },
    { header: t('tracker.purpose'), value: purpose },
    { header: t('tracker.dossier'), value: (r) => r.dossierCode },
  ];
  const notVerified = isApiError(q.error) && q.error.problem.code === 'IDENTITY_NOT_VERIFIED';
  return (
    <div className="page">
      <h1>{t('tracker.title')}</h1>
      <p>{t('tracker.intro')}</p>
      {q.data && <p className="muted">{t('tracker.idNumber', { id: q.data.idNumber })}</p>}
      <p className="muted">{t('tracker.delayNote')}</p>
      {notVerified ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('tracker.notVerified')}</p>
        </div>
      ) : (
        <ListView
          query={q}
          label={t('tracker.title')}
          empty={<p>{t('tracker.empty')}</p>}
          columns={columns}
          rowKey={(r) => r.id}
          csv={{ columns: csv, fileBase: t('tracker.csvFile') }}
          onPage={list.setPage}
        />
      )}
      {q.data && q.data.endedDelays.length > 0 && (
        <section className="section" aria-labelledby="ended-delays">
          <h2 id="ended-delays">{t('tracker.endedDelays')}</h2>
          <ul>
            {q.data.endedDelays.map((d) => (
              <li key={`${d.agencyCode}-${d.startsAt}`}>
                {t('tracker.endedDelay', {
                  agency: agency(d.agencyCode),
                  from: when(d.startsAt),
                  to: when(d.endsAt),
                  basis: d.legalBasis,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
