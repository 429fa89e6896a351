import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttemptKeys } from '../api/idempotency';
import { hasRole, useMe } from '../identity';
import { formatVnd } from '../procedures/money';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  Loading,
  QueryError,
  SubmitRow,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
} from '../ui';
import { PaymentHistory, PaymentStatusTag } from './components';
import { FeeSchedule } from './fee-schedule';
import { TransferReportForm } from './transfer-forms';
import { useDeskPayment, useFees, useRefund, useReviewDecision, useSetFees } from './hooks';
import { type Fees, type Payment, REFUNDERS } from './types';

/** Nghĩa vụ tài chính: the officer writes the lines the applicant owes (integer VND). */
function FeeEditor({ code, fees }: { code: string; fees: Fees }) {
  const { t } = useTranslation('payments');
  const [lines, setLines] = useState(
    fees.lines.length
      ? fees.lines.map((l) => ({ label: l.label, amount: String(l.amount) }))
      : [{ label: '', amount: '' }],
  );
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<unknown>(null);
  const save = useSetFees(code);
  const error = local ?? save.error;
  const fields = useFieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = lines.flatMap((l, i) => [
      ...(l.label.trim() ? [] : [{ path: `lines.${i}.label`, code: 'REQUIRED' }]),
      ...(/^\d+$/.test(l.amount.trim()) ? [] : [{ path: `lines.${i}.amount`, code: 'INVALID_AMOUNT' }]),
    ]);
    setLocal(clientValidation(problems));
    if (problems.length) return;
    save.mutate({
      lines: lines.map((l) => ({ label: l.label.trim(), amount: Number(l.amount.trim()) })),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  const set = (i: number, k: 'label' | 'amount', v: string) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const ids = Object.fromEntries(
    lines.flatMap((_, i) => [
      [`lines.${i}.label`, `fee-label-${i}`],
      [`lines.${i}.amount`, `fee-amount-${i}`],
    ]),
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fee-editor-title" className="action-form">
      <h3 id="fee-editor-title">{t('editor.title')}</h3>
      <p className="muted">{t('editor.hint')}</p>
      <ErrorSummary error={error} fieldIds={ids} />
      {save.isSuccess && <SuccessNotice>{t('editor.saved')}</SuccessNotice>}
      {lines.map((l, i) => (
        <fieldset key={i} className="fee-line">
          <legend className="label">{t('editor.line', { n: i + 1 })}</legend>
          <TextField
            id={`fee-label-${i}`}
            label={t('editor.label')}
            value={l.label}
            error={fields[`lines.${i}.label`]}
            onChange={(e) => set(i, 'label', e.target.value)}
          />
          <TextField
            id={`fee-amount-${i}`}
            label={t('editor.amount')}
            inputMode="numeric"
            className="input--short"
            value={l.amount}
            error={fields[`lines.${i}.amount`]}
            onChange={(e) => set(i, 'amount', e.target.value)}
          />
          {lines.length > 1 && (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => setLines(lines.filter((_, j) => j !== i))}
            >
              {t('editor.remove', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <div className="btn-row">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => setLines([...lines, { label: '', amount: '' }])}
        >
          {t('editor.add')}
        </button>
      </div>
      <TextAreaField
        id="fee-note"
        label={t('editor.note')}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      <SubmitRow label={t('editor.save')} busy={save.isPending} />
    </form>
  );
}

/** Cash or bank transfer taken at the desk: recorded once, whatever the clicks. */
function DeskForm({ code, fees }: { code: string; fees: Fees }) {
  const { t } = useTranslation('payments');
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const [transferRef, setTransferRef] = useState('');
  const [payerName, setPayerName] = useState('');
  const keys = useRef(new AttemptKeys());
  const desk = useDeskPayment(code);
  const fields = useFieldErrors(desk.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      method,
      amount: fees.amount,
      ...(payerName.trim() ? { payerName: payerName.trim() } : {}),
      ...(method === 'transfer' ? { transferRef: transferRef.trim() } : {}),
    };
    desk.mutate(
      { body, idempotencyKey: keys.current.keyFor({ code, ...body }) },
      { onSuccess: () => keys.current.reset() },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="desk-title" className="action-form">
      <h3 id="desk-title">{t('desk.title')}</h3>
      <p>{t('desk.amount', { amount: formatVnd(fees.amount) })}</p>
      <ErrorSummary error={desk.error} fieldIds={{ transferRef: 'desk-ref', payerName: 'desk-payer' }} />
      <ChoiceGroup
        id="desk-method"
        type="radio"
        legend={t('desk.method')}
        value={method}
        onChange={(v) => setMethod(v[0] as 'cash' | 'transfer')}
        choices={(['cash', 'transfer'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))}
      />
      {method === 'transfer' && (
        <TextField
          id="desk-ref"
          label={t('desk.transferRef')}
          className="input--short"
          value={transferRef}
          error={fields.transferRef}
          onChange={(e) => setTransferRef(e.target.value)}
        />
      )}
      <TextField
        id="desk-payer"
        label={t('desk.payerName')}
        hint={t('desk.payerHint')}
        value={payerName}
        error={fields.payerName}
        onChange={(e) => setPayerName(e.target.value)}
      />
      <SubmitRow label={t('desk.submit')} busy={desk.isPending} />
    </form>
  );
}

function RefundButton({ code, payment }: { code: string; payment: Payment }) {
  const { t } = useTranslation('payments');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const refund = useRefund(code);
  const fields = useFieldErrors(refund.error);
  if (payment.status !== 'paid') return null;
  if (!open)
    return (
      <button type="button" className="btn btn--secondary btn--small" onClick={() => setOpen(true)}>
        {t('refund.open')}
      </button>
    );
  return (
    <form
      className="refund-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        refund.mutate({ id: payment.id, reason: reason.trim() });
      }}
    >
      <ErrorSummary error={refund.error} fieldIds={{ reason: `refund-${payment.id}` }} />
      <TextAreaField
        id={`refund-${payment.id}`}
        label={t('refund.reason')}
        value={reason}
        error={fields.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="btn-row">
        <button className="btn btn--danger btn--small" type="submit" disabled={refund.isPending}>
          {t('refund.confirm', { amount: formatVnd(payment.amount) })}
        </button>
        <button className="btn btn--secondary btn--small" type="button" onClick={() => setOpen(false)}>
          {t('refund.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * A payment the gateway left in review (VNPAY 04 reversed after the debit, 07 suspected fraud):
 * after checking with the gateway or the bank, a leader says whether the money reached the agency.
 */
function ReviewDecision({ code, payment }: { code: string; payment: Payment }) {
  const { t } = useTranslation('payments');
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const review = useReviewDecision(code);
  const fields = useFieldErrors(review.error);
  if (payment.status !== 'review') return null;
  if (!open)
    return (
      <button type="button" className="btn btn--secondary btn--small" onClick={() => setOpen(true)}>
        {t('review.open')}
      </button>
    );
  const decide = (decision: 'paid' | 'failed') => review.mutate({ id: payment.id, decision, note: note.trim() });
  return (
    <form className="refund-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <p className="small">{t('review.explain', { code: payment.failureCode ?? '' })}</p>
      <ErrorSummary error={review.error} fieldIds={{ note: `review-${payment.id}` }} />
      <TextAreaField
        id={`review-${payment.id}`}
        label={t('review.note')}
        value={note}
        error={fields.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="btn-row">
        <button className="btn btn--small" type="button" disabled={review.isPending} onClick={() => decide('paid')}>
          {t('review.paid', { amount: formatVnd(payment.amount) })}
        </button>
        <button
          className="btn btn--danger btn--small"
          type="button"
          disabled={review.isPending}
          onClick={() => decide('failed')}
        >
          {t('review.failed')}
        </button>
        <button className="btn btn--secondary btn--small" type="button" onClick={() => setOpen(false)}>
          {t('refund.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The officer's view of a dossier's fee: what is owed, setting it, taking it at the desk, refunds. */
export function StaffFeePanel({ code }: { code: string }) {
  const { t } = useTranslation('payments');
  const me = useMe();
  const fees = useFees(code);
  if (fees.isPending) return <Loading />;
  if (fees.isError) return <QueryError error={fees.error} />;
  const f = fees.data;
  const mayRefund = hasRole(me.data, ...REFUNDERS);
  return (
    <section className="section" aria-labelledby="staff-fees-title" data-testid="staff-fees">
      <h2 id="staff-fees-title">{t('fees.title')}</h2>
      <p>
        {t('fees.state')} <PaymentStatusTag status={f.status} />{' '}
        <span className="muted">{t(`fees.collection.${f.collection}`)}</span>
      </p>
      {(f.lines.length > 0 || f.schedule.lines.length > 0) && <FeeSchedule fees={f} />}
      {f.setByName && <p className="muted small">{t('fees.setBy', { name: f.setByName })}</p>}
      <PaymentHistory
        payments={f.payments}
        actions={
          mayRefund
            ? (p) =>
                p.status === 'review' ? (
                  <ReviewDecision code={code} payment={p} />
                ) : (
                  <RefundButton code={code} payment={p} />
                )
            : undefined
        }
      />
      {f.mayRecordDesk && <DeskForm code={code} fees={f} />}
      {hasRole(me.data, 'reception', 'leader', 'agency_admin') && f.payments.some((p) => p.transfer) && (
        <TransferReportForm code={code} expected={{ amount: f.amount }} />
      )}
      {f.maySet && <FeeEditor key={f.version} code={code} fees={f} />}
    </section>
  );
}
