import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatVnd } from '../procedures/money';
import { formatDateTime } from '../ui';
import type { Payment, PaymentStatus } from './types';

const TONE: Record<PaymentStatus | 'none' | 'due' | 'closed', string> = {
  pending: 'tag--yellow',
  paid: 'tag--green',
  failed: 'tag--red',
  refunded: 'tag--grey',
  review: 'tag--red',
  due: 'tag--yellow',
  none: 'tag--grey',
  closed: 'tag--grey',
};

/** A payment or fee status in words, with colour (never colour alone). */
export function PaymentStatusTag({ status }: { status: PaymentStatus | 'none' | 'due' | 'closed' }) {
  const { t } = useTranslation('payments');
  return (
    <span className={`tag ${TONE[status]}`} data-payment-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** How a payment was made, in words. */
export function useMethodLabel() {
  const { t } = useTranslation('payments');
  return (p: Pick<Payment, 'method' | 'gateway'>) =>
    p.method === 'online' ? t(`gateways.${p.gateway}`) : t(`methods.${p.method}`);
}

/** The payments of a dossier, newest first, each with its receipt once paid. */
export function PaymentHistory({ payments, actions }: { payments: Payment[]; actions?: (p: Payment) => ReactNode }) {
  const { t, i18n } = useTranslation('payments');
  const method = useMethodLabel();
  if (!payments.length) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('history.title')}>
      <table>
        <caption>{t('history.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.method')}</th>
            <th scope="col" className="num">
              {t('fees.amount')}
            </th>
            <th scope="col">{t('history.status')}</th>
            <th scope="col">{t('history.receipt')}</th>
            {actions && <th scope="col">{t('history.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id} data-payment={p.id}>
              <td className="nowrap">
                <Link to={`/payments/${encodeURIComponent(p.id)}`}>
                  {formatDateTime(p.paidAt ?? p.createdAt, i18n.language)}
                </Link>
              </td>
              <td>{method(p)}</td>
              <td className="num nowrap">{formatVnd(p.amount)}</td>
              <td>
                <PaymentStatusTag status={p.status} />
              </td>
              <td>
                <ReceiptDownload payment={p} />
              </td>
              {actions && <td>{actions(p)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The e-receipt (biên lai điện tử) of a payment as a PDF download, or a dash when there is none yet. */
export function ReceiptDownload({ payment: p }: { payment: Payment }) {
  const { t } = useTranslation('payments');
  if (!p.receipt) return <>—</>;
  return (
    <a href={`/api/payments/${encodeURIComponent(p.id)}/receipt.pdf`} download>
      {t('history.receiptLink', { serial: p.receipt.serial, number: p.receipt.number })}
    </a>
  );
}
