import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { useDossierStats } from '../../../features/dossiers/hooks';
import { useAgencyNames } from '../../../features/directory/hooks';
import type { DossierStats } from '../../../features/dossiers/types';
import { useMe } from '../../../features/identity';
import {
  ExportCsvButton,
  Loading,
  periodQuery,
  QueryError,
  TextField,
  usePageTitle,
  vnDate,
} from '../../../features/ui';

type Row = DossierStats['rows'][number];

/** Share as a percentage with one decimal (`0.4567` → `45,7 %`). */
export function percent(x: number, lang: string): string {
  return `${(x * 100).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} %`;
}

/** Decision 766 raw material: received, resolved, early / on time / overdue, online share. */
export default function StatsPage() {
  const { t, i18n } = useTranslation('staff');
  usePageTitle(t('stats.title'));
  const me = useMe();
  const today = vnDate(new Date());
  const [draft, setDraft] = useState({
    from: `${today.slice(0, 8)}01`,
    to: today,
    agency: me.data?.agencyCode ?? '',
    procedure: '',
  });
  const [query, setQuery] = useState<{ from: string; to: string; agency?: string; procedure?: string } | null>({
    ...periodQuery(draft.from, draft.to),
    agency: draft.agency || undefined,
  });
  const stats = useDossierStats(query);
  const agencyName = useAgencyNames([...new Set((stats.data?.rows ?? []).map((r) => r.agencyCode))]);
  const lang = i18n.language;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({
      ...periodQuery(draft.from, draft.to),
      agency: draft.agency.trim() || undefined,
      procedure: draft.procedure.trim() || undefined,
    });
  };
  const share = (r: Row) => (r.received ? r.online / r.received : 0);
  const columns: CsvColumn<Row>[] = [
    { header: t('stats.agency'), value: (r) => r.agencyCode },
    { header: t('stats.procedureCode'), value: (r) => r.procedureCode },
    { header: t('stats.procedure'), value: (r) => r.procedureName },
    { header: t('stats.received'), value: (r) => r.received },
    { header: t('stats.online'), value: (r) => r.online },
    { header: t('stats.resolved'), value: (r) => r.resolved },
    { header: t('stats.early'), value: (r) => r.early },
    { header: t('stats.onTime'), value: (r) => r.onTime },
    { header: t('stats.overdue'), value: (r) => r.overdue },
    { header: t('stats.inProgressOverdue'), value: (r) => r.inProgressOverdue },
    { header: t('stats.onlineShare'), value: (r) => Math.round(share(r) * 1000) / 10 },
    { header: t('payments:stats.withFees'), value: (r) => r.withFees },
    { header: t('payments:stats.paidOnline'), value: (r) => r.paidOnline },
  ];
  const nums = (r: Omit<Row, 'agencyCode' | 'procedureCode' | 'procedureName'>) => [
    r.received,
    r.online,
    r.resolved,
    r.early,
    r.onTime,
    r.overdue,
    r.inProgressOverdue,
  ];
  const feeNums = (r: Omit<Row, 'agencyCode' | 'procedureCode' | 'procedureName'>) => [r.withFees, r.paidOnline];

  return (
    <>
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('stats.filter')}>
        <TextField
          id="stats-from"
          type="date"
          label={t('stats.from')}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          id="stats-to"
          type="date"
          label={t('stats.to')}
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <TextField
          id="stats-agency"
          label={t('stats.agency')}
          value={draft.agency}
          onChange={(e) => setDraft({ ...draft, agency: e.target.value })}
        />
        <TextField
          id="stats-procedure"
          label={t('stats.procedureCode')}
          value={draft.procedure}
          onChange={(e) => setDraft({ ...draft, procedure: e.target.value })}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('stats.apply')}
          </button>
        </div>
      </form>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <QueryError error={stats.error} />
      ) : (
        <>
          <ul className="cards">
            <li className="card">
              <h2>{t('stats.received')}</h2>
              <p className="stat">{stats.data.totals.received}</p>
            </li>
            <li className="card">
              <h2>{t('stats.resolved')}</h2>
              <p className="stat">{stats.data.totals.resolved}</p>
            </li>
            <li className="card">
              <h2>{t('stats.onTimeShare')}</h2>
              <p className="stat">{percent(stats.data.totals.onTimeShare, lang)}</p>
            </li>
            <li className="card">
              <h2>{t('stats.onlineShare')}</h2>
              <p className="stat">{percent(stats.data.totals.onlineShare, lang)}</p>
            </li>
            <li className="card">
              <h2>{t('payments:stats.paidOnlineShare')}</h2>
              <p className="stat" data-testid="paid-online-share">
                {percent(stats.data.totals.paidOnlineShare, lang)}
              </p>
            </li>
          </ul>
          <div className="toolbar">
            <h2>{t('stats.table')}</h2>
            <ExportCsvButton rows={stats.data.rows} columns={columns} fileBase="thong-ke-ho-so" />
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('stats.table')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('stats.agency')}</th>
                  <th scope="col">{t('stats.procedure')}</th>
                  {[
                    'received',
                    'online',
                    'resolved',
                    'early',
                    'onTime',
                    'overdue',
                    'inProgressOverdue',
                    'onlineShare',
                  ].map((k) => (
                    <th scope="col" className="num" key={k}>
                      {t(`stats.${k}`)}
                    </th>
                  ))}
                  {['withFees', 'paidOnline'].map((k) => (
                    <th scope="col" className="num" key={k}>
                      {t(`payments:stats.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.data.rows.map((r) => (
                  <tr key={r.agencyCode + r.procedureCode}>
                    <td>{agencyName(r.agencyCode)}</td>
                    <td>
                      {r.procedureName} <span className="muted mono">({r.procedureCode})</span>
                    </td>
                    {nums(r).map((n, i) => (
                      <td className="num" key={i}>
                        {n}
                      </td>
                    ))}
                    <td className="num nowrap">{percent(share(r), lang)}</td>
                    {feeNums(r).map((n, i) => (
                      <td className="num" key={`f${i}`}>
                        {n}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('stats.total')}
                  </th>
                  {nums(stats.data.totals).map((n, i) => (
                    <td className="num" key={i}>
                      {n}
                    </td>
                  ))}
                  <td className="num nowrap">{percent(stats.data.totals.onlineShare, lang)}</td>
                  {feeNums(stats.data.totals).map((n, i) => (
                    <td className="num" key={`f${i}`}>
                      {n}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
