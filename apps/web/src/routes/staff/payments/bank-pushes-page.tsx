import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BankPush,
  type BankPushStatusFilter,
  useBankPushCandidates,
  useBankPushes,
  useDismissBankPush,
  useMatchBankPush,
} from '../../../features/payments/bank-push-hooks';
import { formatVnd } from '../../../features/procedures/money';
import {
  ChoiceGroup,
  type Column,
  ErrorSummary,
  formatDateTime,
  ListView,
  Loading,
  SelectField,
  SuccessNotice,
  TextAreaField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

const STATUSES: BankPushStatusFilter[] = ['open', 'matched', 'dismissed', 'all'];

/**
 * "Chuyển khoản chưa khớp": transfers the bank pushed into the agency's fee account that settled nothing by
 * themselves (no reference of ours in the content, another amount, a payment no longer waiting). The payments
 * officer matches one to a waiting payment by hand, or sets it aside with the reason.
 */
export default function BankPushesPage() {
  const { t, i18n } = useTranslation('payments');
  usePageTitle(t('pushes.title'));
  const [status, setStatus] = useState<BankPushStatusFilter>('open');
  const [open, setOpen] = useState<BankPush | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const pushes = useBankPushes(status);
  const lang = i18n.language;
  const stateOf = (r: BankPush) =>
    r.status === 'open'
      ? t(`pushes.reasons.${r.reason}`, { defaultValue: r.reason })
      : r.status === 'matched'
        ? t('pushes.matchedBy', { name: r.resolvedByName ?? '' })
        : t('pushes.dismissedBy', { name: r.resolvedByName ?? '', reason: r.dismissReason ?? '' });
  const columns: Column<BankPush>[] = [
    {
      header: t('pushes.time'),
      className: 'nowrap',
      cell: (r) => formatDateTime(r.transactionAt ?? r.receivedAt, lang),
    },
    { header: t('fees.amount'), numeric: true, className: 'nowrap', cell: (r) => formatVnd(r.amount) },
    {
      header: t('pushes.content'),
      cell: (r) => (
        <>
          <span className="break">{r.content}</span>
          <br />
          <span className="muted">{stateOf(r)}</span>
        </>
      ),
    },
    {
      header: t('pushes.accountAndReference'),
      cell: (r) => (
        <>
          {r.bank} <span className="mono">{r.accountNumber ?? ''}</span>
          <br />
          <span className="mono muted">{r.bankTxnId}</span>
        </>
      ),
    },
    {
      header: t('pushes.actions'),
      action: true,
      cell: (r) =>
        r.status === 'open' ? (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            aria-expanded={open?.id === r.id}
            onClick={() => {
              setDone(null);
              setOpen(open?.id === r.id ? null : r);
            }}
          >
            {t('pushes.handle')}
            <span className="visually-hidden"> {r.bankTxnId}</span>
          </button>
        ) : (
          <span className={`tag ${r.status === 'matched' ? 'tag--green' : 'tag--grey'}`}>
            {t(`pushes.status.${r.status}`)}
          </span>
        ),
    },
  ];
  return (
    <>
      <h1>{t('pushes.title')}</h1>
      <p className="lead">{t('pushes.intro')}</p>
      {done && <SuccessNotice>{done}</SuccessNotice>}
      <SelectField
        id="push-status"
        label={t('pushes.show')}
        value={status}
        onChange={(e) => {
          setOpen(null);
          setStatus(e.target.value as BankPushStatusFilter);
        }}
        choices={STATUSES.map((s) => ({ value: s, label: t(`pushes.filter.${s}`) }))}
      />
      <ListView
        query={pushes}
        label={t('pushes.title')}
        empty={t('pushes.empty')}
        columns={columns}
        rowProps={(r) => ({ 'data-push': r.bankTxnId })}
      />
      {open && (
        <HandlePush
          key={open.id}
          push={open}
          onDone={(message) => {
            setOpen(null);
            setDone(message);
          }}
        />
      )}
    </>
  );
}

/** Match the push to one of the agency's waiting transfers, or set it aside with a reason. */
function HandlePush({ push, onDone }: { push: BankPush; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation('payments');
  const candidates = useBankPushCandidates(push.id);
  const match = useMatchBankPush();
  const dismiss = useDismissBankPush();
  const [paymentId, setPaymentId] = useState(push.candidatePaymentId ?? '');
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const fields = useFieldErrors(match.error ?? dismiss.error);
  const chosen = candidates.data?.items.find((c) => c.id === paymentId);
  const onMatch = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    if (!confirming) return setConfirming(true);
    match.mutate(
      { id: push.id, paymentId: chosen.id },
      { onSuccess: () => onDone(t('pushes.matched', { code: chosen.dossierCode, amount: formatVnd(push.amount) })) },
    );
  };
  const onDismiss = (e: FormEvent) => {
    e.preventDefault();
    dismiss.mutate({ id: push.id, reason }, { onSuccess: () => onDone(t('pushes.dismissed')) });
  };
  return (
    <section className="section" aria-labelledby="push-handle-title" data-testid="push-handle">
      <h2 id="push-handle-title">
        {t('pushes.handleTitle', { amount: formatVnd(push.amount), reference: push.bankTxnId })}
      </h2>
      <p className="muted">
        {t('pushes.content')}: <q>{push.content}</q>
      </p>
      <ErrorSummary
        error={match.error ?? dismiss.error}
        fieldIds={{ paymentId: 'push-candidates', reason: 'push-reason' }}
      />
      <form onSubmit={onMatch} noValidate className="action-form">
        <h3>{t('pushes.matchTitle')}</h3>
        {candidates.isPending ? (
          <Loading />
        ) : candidates.data?.items.length ? (
          <ChoiceGroup
            id="push-candidates"
            legend={t('pushes.candidates')}
            hint={t('pushes.candidatesHint')}
            error={fields.paymentId ?? fields.amount ?? fields.bankTxnId}
            type="radio"
            choices={candidates.data.items.map((c) => ({
              value: c.id,
              label: `${c.dossierCode} — ${formatVnd(c.amount)} — ${c.payerName} (${c.reference}, ${formatDateTime(
                c.createdAt,
                i18n.language,
              )})`,
            }))}
            value={paymentId || undefined}
            onChange={(v) => {
              setConfirming(false);
              setPaymentId(v[0] ?? '');
            }}
          />
        ) : (
          <p>{t('pushes.noCandidates')}</p>
        )}
        {confirming && chosen && (
          <p className="notice notice--warning" role="alert">
            {t('pushes.confirm', { code: chosen.dossierCode, amount: formatVnd(push.amount) })}
          </p>
        )}
        <div className="btn-row">
          <button className="btn" type="submit" disabled={!chosen || match.isPending}>
            {confirming ? t('pushes.confirmButton') : t('pushes.matchButton')}
          </button>
          {confirming && (
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              {t('pushes.back')}
            </button>
          )}
        </div>
      </form>
      <form onSubmit={onDismiss} noValidate className="action-form">
        <h3>{t('pushes.dismissTitle')}</h3>
        <TextAreaField
          id="push-reason"
          label={t('pushes.reason')}
          hint={t('pushes.reasonHint')}
          error={fields.reason}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="btn-row">
          <button className="btn btn--secondary" type="submit" disabled={dismiss.isPending}>
            {t('pushes.dismissButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
