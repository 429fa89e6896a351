import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvColumn } from '../../../features/csv/csv';
import { useReconciliation, useRunReconciliation } from '../../../features/payments/hooks';
import type { Mismatch, Reconciliation } from '../../../features/payments/types';
import { formatVnd } from '../../../features/procedures/money';
import {
  ErrorSummary,
  ExportCsvButton,
  formatDateTime,
  Loading,
  QueryError,
  TableView,
  TextField,
  usePageTitle,
  vnDate,
} from '../../../features/ui';

function Report({ r }: { r: Reconciliation }) {
  const { t, i18n } = useTranslation('payments');
  const side = (s: { status: string; amount: number } | null) =>
    s ? `${t(`status.${s.status}`, { defaultValue: s.status })} · ${formatVnd(s.amount)}` : '—';
  const columns: CsvColumn<Mismatch>[] = [
    { header: t('recon.kind'), value: (m) => t(`recon.kinds.${m.kind}`) },
    { header: t('result.reference'), value: (m) => m.reference },
    { header: t('list.agency'), value: (m) => m.agencyCode },
    { header: t('recon.ours'), value: (m) => (m.ours ? `${m.ours.status} ${m.ours.amount}` : '') },
    { header: t('recon.theirs'), value: (m) => (m.theirs ? `${m.theirs.status} ${m.theirs.amount}` : '') },
  ];
  const titleId = `recon-${r.gateway}`;
  return (
    <section className="section" aria-labelledby={titleId} data-testid={`recon-${r.gateway}`}>
      <h2 id={titleId}>{t(`gateways.${r.gateway}`)}</h2>
      <ul className="cards">
        <li className="card">
          <h3>{t('recon.oursCount')}</h3>
          <p className="stat">{r.ours}</p>
        </li>
        <li className="card">
          <h3>{t('recon.theirsCount')}</h3>
          <p className="stat">{r.theirs}</p>
        </li>
        <li className="card">
          <h3>{t('recon.matched')}</h3>
          <p className="stat">{r.matched}</p>
        </li>
        <li className="card">
          <h3>{t('recon.mismatches')}</h3>
          <p className="stat" data-testid={`recon-${r.gateway}-mismatches`}>
            {r.mismatchCount}
          </p>
        </li>
      </ul>
      <p className="muted">{t('recon.ranAt', { time: formatDateTime(r.ranAt, i18n.language), runs: r.runs })}</p>
      {r.mismatches.length === 0 ? (
        <p>{t('recon.none')}</p>
      ) : (
        <>
          <div className="toolbar">
            <span />
            <ExportCsvButton rows={r.mismatches} columns={columns} fileBase={`doi-soat-${r.gateway}-${r.day}`} />
          </div>
          <TableView
            label={t('recon.tableLabel', { gateway: t(`gateways.${r.gateway}`) })}
            headers={[t('recon.kind'), t('result.reference'), t('recon.ours'), t('recon.theirs')]}
          >
            {r.mismatches.map((m) => (
              <tr key={m.reference} data-mismatch={m.kind}>
                <td>
                  <span className="tag tag--red">{t(`recon.kinds.${m.kind}`)}</span>
                </td>
                <td className="mono">
                  {m.paymentId ? (
                    <a href={`/payments/${encodeURIComponent(m.paymentId)}`}>{m.reference}</a>
                  ) : (
                    m.reference
                  )}
                </td>
                <td>{side(m.ours)}</td>
                <td>{side(m.theirs)}</td>
              </tr>
            ))}
          </TableView>
        </>
      )}
    </section>
  );
}

/** Đối soát: our payments of a day against each gateway's transaction report, mismatches listed. */
export default function ReconciliationPage() {
  const { t } = useTranslation('payments');
  usePageTitle(t('recon.title'));
  const [yesterday] = useState(() => vnDate(new Date(Date.now() - 24 * 3600_000)));
  const [draft, setDraft] = useState(yesterday);
  const [day, setDay] = useState(yesterday);
  const report = useReconciliation(day);
  const run = useRunReconciliation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDay(draft);
  };
  return (
    <>
      <h1>{t('recon.title')}</h1>
      <p className="lead">{t('recon.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('recon.filter')}>
        <TextField
          id="recon-date"
          type="date"
          label={t('recon.date')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn btn--secondary" type="submit">
            {t('recon.show')}
          </button>
          <button
            className="btn"
            type="button"
            disabled={run.isPending}
            onClick={() => run.mutate(draft, { onSuccess: () => setDay(draft) })}
          >
            {t('recon.run')}
          </button>
        </div>
      </form>
      <ErrorSummary error={run.error} />
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <QueryError error={report.error} />
      ) : report.data.items.length === 0 ? (
        <p>{t('recon.notYet', { day })}</p>
      ) : (
        report.data.items.map((r) => <Report key={r.gateway} r={r} />)
      )}
    </>
  );
}
