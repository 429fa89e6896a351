import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AttemptKeys } from '../api/idempotency';
import { formatVnd } from '../procedures/money';
import { ChoiceGroup, ErrorSummary, Loading, QueryError } from '../ui';
import { PaymentHistory, PaymentStatusTag } from './components';
import { FeeSchedule } from './fee-schedule';
import { useFees, useStartPayment, useStartTransfer } from './hooks';
import { TransferBox } from './transfer-box';
import type { Fees, GatewayName } from './types';

type Method = GatewayName | 'vietqr';

/**
 * Choose how to pay: a gateway (then go to its page), or a bank transfer by VietQR (the code shows
 * here). A second press reuses the attempt's key, so there is never a second payment.
 */
function PayForm({ code, fees }: { code: string; fees: Fees }) {
  const { t } = useTranslation('payments');
  const methods: Method[] = [...fees.gateways, ...(fees.transferAvailable ? (['vietqr'] as const) : [])];
  const [method, setMethod] = useState<Method>(fees.defaultGateway);
  const keys = useRef(new AttemptKeys());
  const start = useStartPayment(code);
  const transfer = useStartTransfer(code);
  const pending = fees.payments.find((p) => p.status === 'pending' && p.gateway !== 'vietqr');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = keys.current.keyFor({ code, method });
    if (method === 'vietqr') {
      transfer.mutate(key, { onSuccess: () => keys.current.reset() });
      return;
    }
    start.mutate(
      { gateway: method, idempotencyKey: key },
      {
        onSuccess: (r) => {
          keys.current.reset();
          window.location.assign(r.redirectUrl);
        },
      },
    );
  };
  const amount = formatVnd(fees.amount);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pay-title" className="pay-form">
      <h3 id="pay-title">{t('pay.title')}</h3>
      <ErrorSummary error={start.error ?? transfer.error} />
      {pending ? (
        <p className="notice" data-testid="pending-notice">
          {t('pay.pendingNotice')}
        </p>
      ) : (
        methods.length > 1 && (
          <ChoiceGroup
            id="pay-gateway"
            type="radio"
            legend={t('pay.method')}
            value={method}
            onChange={(v) => setMethod(v[0] as Method)}
            choices={methods.map((g) => ({ value: g, label: t(`gateways.${g}`) }))}
          />
        )
      )}
      <div className="btn-row">
        <button className="btn" type="submit" disabled={start.isPending || start.isSuccess || transfer.isPending}>
          {pending
            ? t('pay.continue')
            : method === 'vietqr'
              ? t('pay.showQr', { amount })
              : t('pay.button', { amount })}
        </button>
      </div>
      <p className="muted small">{method === 'vietqr' ? t('pay.transferHint') : t('pay.hint')}</p>
    </form>
  );
}

/** The citizen's view of a dossier's fee: the fee table and what is owed, how to pay, past payments and receipts. */
export function PaymentPanel({ code }: { code: string }) {
  const { t } = useTranslation('payments');
  const fees = useFees(code);
  const { hash } = useLocation();
  const loaded = fees.isSuccess;
  // Arriving from "Thanh toán ngay" (…#fees): the section renders after its data, so scroll then.
  useEffect(() => {
    if (loaded && hash === '#fees') document.getElementById('fees')?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);
  if (fees.isPending) return <Loading />;
  if (fees.isError) return <QueryError error={fees.error} />;
  const f = fees.data;
  if (f.status === 'none' && f.payments.length === 0 && f.schedule.lines.length === 0) return null;
  const qr = f.payments.find((p) => p.transfer);
  return (
    <section className="section" id="fees" aria-labelledby="fees-title" data-testid="fees">
      <h2 id="fees-title">{t('fees.title')}</h2>
      <p>
        {t('fees.state')} <PaymentStatusTag status={f.status} />
      </p>
      <p className="muted">{t(`fees.collection.${f.collection}`)}</p>
      <FeeSchedule fees={f} />
      {f.note && <p>{t('fees.note', { note: f.note })}</p>}
      {f.status === 'closed' && (
        <p className="notice" data-testid="fee-closed">
          {t('fees.closed')}
        </p>
      )}
      {f.payments.some((p) => p.status === 'review') && (
        <p className="notice notice--warning" role="status" data-testid="review-notice">
          {t('result.review')}
        </p>
      )}
      {qr ? <TransferBox code={code} payment={qr} /> : f.mayPay && <PayForm code={code} fees={f} />}
      <PaymentHistory payments={f.payments} />
    </section>
  );
}
