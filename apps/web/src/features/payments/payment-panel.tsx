import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttemptKeys } from '../api/idempotency';
import { formatVnd } from '../procedures/money';
import { ChoiceGroup, ErrorSummary, Loading, QueryError } from '../ui';
import { FeeTable, PaymentHistory, PaymentStatusTag } from './components';
import { useFees, useStartPayment } from './hooks';
import type { Fees, GatewayName } from './types';

/** Choose a gateway and go pay; a second press reuses the attempt's key, so there is never a second payment. */
function PayForm({ code, fees }: { code: string; fees: Fees }) {
  const { t } = useTranslation('payments');
  const [gateway, setGateway] = useState<GatewayName>(fees.defaultGateway);
  const keys = useRef(new AttemptKeys());
  const start = useStartPayment(code);
  const pending = fees.payments.find((p) => p.status === 'pending');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(
      { gateway, idempotencyKey: keys.current.keyFor({ code, gateway }) },
      {
        onSuccess: (r) => {
          keys.current.reset();
          window.location.assign(r.redirectUrl);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pay-title" className="pay-form">
      <h3 id="pay-title">{t('pay.title')}</h3>
      <ErrorSummary error={start.error} />
      {pending ? (
        <p className="notice" data-testid="pending-notice">
          {t('pay.pendingNotice')}
        </p>
      ) : (
        fees.gateways.length > 1 && (
          <ChoiceGroup
            id="pay-gateway"
            type="radio"
            legend={t('pay.gateway')}
            value={gateway}
            onChange={(v) => setGateway(v[0] as GatewayName)}
            choices={fees.gateways.map((g) => ({ value: g, label: t(`gateways.${g}`) }))}
          />
        )
      )}
      <div className="btn-row">
        <button className="btn" type="submit" disabled={start.isPending || start.isSuccess}>
          {pending ? t('pay.continue') : t('pay.button', { amount: formatVnd(fees.amount) })}
        </button>
      </div>
      <p className="muted small">{t('pay.hint')}</p>
    </form>
  );
}

/** The citizen's view of a dossier's fee: lines, status, the pay button, past payments and receipts. */
export function PaymentPanel({ code }: { code: string }) {
  const { t } = useTranslation('payments');
  const fees = useFees(code);
  if (fees.isPending) return <Loading />;
  if (fees.isError) return <QueryError error={fees.error} />;
  const f = fees.data;
  if (f.status === 'none' && f.payments.length === 0) return null;
  return (
    <section className="section" aria-labelledby="fees-title" data-testid="fees">
      <h2 id="fees-title">{t('fees.title')}</h2>
      <p>
        {t('fees.state')} <PaymentStatusTag status={f.status} />
      </p>
      <p className="muted">{t(`fees.collection.${f.collection}`)}</p>
      {f.lines.length > 0 && <FeeTable lines={f.lines} amount={f.amount} caption={t('fees.caption')} />}
      {f.note && <p>{t('fees.note', { note: f.note })}</p>}
      {f.payments.some((p) => p.status === 'review') && (
        <p className="notice notice--warning" role="status" data-testid="review-notice">
          {t('result.review')}
        </p>
      )}
      {f.mayPay && <PayForm code={code} fees={f} />}
      <PaymentHistory payments={f.payments} />
    </section>
  );
}
