import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../procedures/money';
import { QrImage } from '../qr/qr-image';
import { ErrorSummary } from '../ui';
import { useCancelTransfer } from './hooks';
import type { Payment } from './types';

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation('payments');
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn--secondary btn--small"
      aria-label={`${t('transfer.copy')}: ${label}`}
      onClick={() => void navigator.clipboard?.writeText(text).then(() => setDone(true))}
    >
      {done ? t('transfer.copied') : t('transfer.copy')}
    </button>
  );
}

/** A VietQR transfer waiting: the code to scan and the same facts in words, to type by hand if need be. */
export function TransferBox({ code, payment }: { code: string; payment: Payment }) {
  const { t } = useTranslation('payments');
  const cancel = useCancelTransfer(code);
  const x = payment.transfer;
  if (!x) return null;
  const amount = formatVnd(x.amount);
  return (
    <div className="transfer-box" data-testid="vietqr" data-payload={x.payload}>
      <h3>{t('transfer.title')}</h3>
      <div className="transfer-grid">
        <QrImage
          text={x.payload}
          size={220}
          label={t('transfer.qrLabel', { amount, account: x.accountNumber, bank: x.bankName, content: x.content })}
        />
        <dl className="summary transfer-facts">
          <dt>{t('transfer.bank')}</dt>
          <dd>{x.bankName}</dd>
          <dt>{t('transfer.account')}</dt>
          <dd>
            <span className="mono">{x.accountNumber}</span>{' '}
            <CopyButton text={x.accountNumber} label={t('transfer.account')} />
          </dd>
          <dt>{t('transfer.accountName')}</dt>
          <dd>{x.accountName}</dd>
          <dt>{t('transfer.amount')}</dt>
          <dd>
            <strong>{amount}</strong>
          </dd>
          <dt>{t('transfer.content')}</dt>
          <dd>
            <strong className="mono" data-testid="transfer-content">
              {x.content}
            </strong>{' '}
            <CopyButton text={x.content} label={t('transfer.content')} />
          </dd>
        </dl>
      </div>
      <p className="notice">{t('transfer.keepContent')}</p>
      <p className="muted">{t('transfer.waiting')}</p>
      <ErrorSummary error={cancel.error} />
      <div className="btn-row">
        <button
          type="button"
          className="btn btn--secondary"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate(payment.id)}
        >
          {t('transfer.cancel')}
        </button>
      </div>
    </div>
  );
}
