import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PaymentStatusTag, useMethodLabel } from '../../../features/payments/components';
import { useCheckNow, usePayment } from '../../../features/payments/hooks';
import { useMe } from '../../../features/identity';
import { formatVnd } from '../../../features/procedures/money';
import { ErrorSummary, formatDateTime, Loading, QueryError, SuccessNotice, usePageTitle } from '../../../features/ui';

/** Where the payer lands after the gateway: the result as our server knows it (polled while pending). */
export function PaymentPage() {
  const { t, i18n } = useTranslation('payments');
  const { id } = useParams();
  const q = usePayment(id);
  const check = useCheckNow(id ?? '');
  const method = useMethodLabel();
  const me = useMe();
  usePageTitle(t('result.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  const lang = i18n.language;
  const dossierLink = (
    <Link
      className="btn btn--secondary"
      to={`${me.data?.kind === 'staff' ? '/staff/dossiers' : '/my/dossiers'}/${encodeURIComponent(p.dossierCode)}`}
    >
      {t('result.backToDossier')}
    </Link>
  );
  return (
    <div className="page page--narrow">
      <h1>{t('result.title')}</h1>
      {p.status === 'paid' && (
        <SuccessNotice>
          <p data-testid="payment-result">{t('result.paid')}</p>
        </SuccessNotice>
      )}
      {p.status === 'pending' && (
        <div className="notice" role="status" aria-live="polite">
          <p data-testid="payment-result">{t('result.pending')}</p>
        </div>
      )}
      {p.status === 'failed' && (
        <div className="notice notice--warning" role="alert">
          <p data-testid="payment-result">{t('result.failed')}</p>
        </div>
      )}
      {p.status === 'review' && (
        <div className="notice notice--warning" role="status">
          <p data-testid="payment-result">{t('result.review')}</p>
        </div>
      )}
      {p.status === 'refunded' && (
        <div className="notice" role="status">
          <p data-testid="payment-result">{t('result.refunded')}</p>
        </div>
      )}
      <ErrorSummary error={check.error} />
      <dl className="summary">
        <dt>{t('result.dossier')}</dt>
        <dd className="mono">{p.dossierCode}</dd>
        <dt>{t('result.procedure')}</dt>
        <dd>{p.procedureName}</dd>
        <dt>{t('fees.amount')}</dt>
        <dd>{formatVnd(p.amount)}</dd>
        <dt>{t('history.method')}</dt>
        <dd>{method(p)}</dd>
        <dt>{t('history.status')}</dt>
        <dd>
          <PaymentStatusTag status={p.status} />
        </dd>
        <dt>{t('result.reference')}</dt>
        <dd className="mono">{p.reference}</dd>
        <dt>{t('history.when')}</dt>
        <dd>{formatDateTime(p.paidAt ?? p.failedAt ?? p.createdAt, lang)}</dd>
        {p.receipt && (
          <>
            <dt>{t('history.receipt')}</dt>
            <dd>
              {p.receipt.templateCode} · {p.receipt.serial} · {p.receipt.number}
            </dd>
          </>
        )}
      </dl>
      <div className="btn-row">
        {p.receipt && (
          <a className="btn" href={`/api/payments/${encodeURIComponent(p.id)}/receipt.pdf`} download>
            {t('result.downloadReceipt')}
          </a>
        )}
        {p.status === 'pending' && (
          <button type="button" className="btn" disabled={check.isPending} onClick={() => check.mutate()}>
            {t('result.checkNow')}
          </button>
        )}
        {p.status === 'pending' && p.redirectUrl && (
          <a className="btn btn--secondary" href={p.redirectUrl}>
            {t('pay.continue')}
          </a>
        )}
        {dossierLink}
      </div>
    </div>
  );
}
