import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDecideReceived, useReceivedReport } from '../../../features/reporting/hooks';
import {
  ErrorSummary,
  formatDateTime,
  ListTable,
  Loading,
  QueryError,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

/**
 * A report sent from another deployment (ADR 0024, across deployments): the figures and texts as the
 * leader signed them, read-only; the receiving agency accepts it or returns it with a reason.
 */
export default function ReceivedReportPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('reporting');
  const q = useReceivedReport(id);
  const r = q.data;
  const title = r ? t('report.title', { agency: r.agency.name, period: r.periodLabel }) : t('received.title');
  usePageTitle(title);
  const decide = useDecideReceived(id);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<'accepted' | 'returned' | null>(null);
  const fieldErrors = useFieldErrors(decide.error);
  if (q.isPending) return <Loading />;
  if (q.isError || !r) return <QueryError error={q.error} />;
  const act = (body: { action: 'accept' } | { action: 'return'; comment: string }) => {
    setDone(null);
    decide.mutate(body, { onSuccess: (x) => setDone(x.status === 'returned' ? 'returned' : 'accepted') });
  };
  const onReturn = (e: FormEvent) => {
    e.preventDefault();
    act({ action: 'return', comment });
  };
  return (
    <div className="page">
      <p>
        <Link to="/staff/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {r.regime.name} · {t('report.window', { from: r.periodFrom, to: r.periodTo })}
      </p>
      <p className="muted">{t('received.fromDeployment', { origin: r.origin })}</p>
      <dl className="summary">
        <dt>{t('fields.status')}</dt>
        <dd data-testid="received-status">{t(`status.${r.status}`)}</dd>
        <dt>{t('received.submittedAt')}</dt>
        <dd>
          {formatDateTime(r.submittedAt, i18n.language)} {r.late && <strong>({t('fields.late')})</strong>}
        </dd>
        <dt>{t('fields.receiver')}</dt>
        <dd>{r.receiver.name}</dd>
        <dt>{t('fields.legalBasis')}</dt>
        <dd>{r.regime.legalBasis}</dd>
        <dt>{t('report.signature')}</dt>
        <dd data-testid="received-signature">
          {t('report.signedBy', { name: r.signedByName, at: formatDateTime(r.signedAt, i18n.language) })} ·{' '}
          <a href={`/api/received-reports/${r.id}/signature/content`}>{t('report.signedContent')}</a> ·{' '}
          <a href={`/api/received-reports/${r.id}/signature/signature`}>{t('report.signatureFile')}</a>
        </dd>
        {r.decidedAt && (
          <>
            <dt>{t('received.decision')}</dt>
            <dd>
              {t('received.decidedBy', {
                name: r.decidedByName ?? '',
                at: formatDateTime(r.decidedAt, i18n.language),
              })}
            </dd>
          </>
        )}
        {r.returnComment && (
          <>
            <dt>{t('fields.comment')}</dt>
            <dd>{r.returnComment}</dd>
          </>
        )}
      </dl>
      <p className="muted">{t('received.signatureChecked')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('report.sections')}>
        <ListTable
          columns={[
            { header: t('fields.code'), className: 'mono', cell: (i) => i.code },
            { header: t('fields.indicator'), cell: (i) => i.name },
            { header: t('fields.value'), numeric: true, cell: (i) => (i.value ?? '—').toLocaleString(i18n.language) },
            { header: t('fields.unit'), cell: (i) => i.unit },
          ]}
          rows={r.indicators}
          rowKey={(i) => i.code}
          rowProps={(i) => ({ 'data-indicator': i.code })}
        />
      </div>
      {r.sections.length > 0 && <h2>{t('report.sections')}</h2>}
      {r.sections.map((s) => (
        <section key={s.code} aria-labelledby={`rs-${s.code}`}>
          <h3 id={`rs-${s.code}`}>{s.title}</h3>
          <p className="prewrap">{s.text || '—'}</p>
        </section>
      ))}
      <ErrorSummary error={decide.error} fieldIds={{ comment: 'received-comment' }} />
      {done && <SuccessNotice>{t(`received.${done}`)}</SuccessNotice>}
      {r.access.decide && r.status === 'submitted' && (
        <section className="section" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('received.decideTitle')}</h2>
          <p>{t('received.decideIntro')}</p>
          <div className="btn-row">
            <button type="button" className="btn" disabled={decide.isPending} onClick={() => act({ action: 'accept' })}>
              {t('report.accept')}
            </button>
          </div>
          <form className="form" onSubmit={onReturn} noValidate>
            <TextField
              id="received-comment"
              label={t('fields.comment')}
              value={comment}
              error={fieldErrors.comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <button type="submit" className="btn btn--secondary" disabled={decide.isPending}>
              {t('report.return')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
