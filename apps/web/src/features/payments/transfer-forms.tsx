import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../procedures/money';
import {
  clientValidation,
  ErrorSummary,
  Loading,
  SelectField,
  SubmitRow,
  SuccessNotice,
  TextField,
  useFieldErrors,
} from '../ui';
import { useBanks, useCollectionAccount, useReportTransfer, useSetCollectionAccount } from './hooks';

const digits = (s: string) => s.replace(/[.\s₫đ,]/gi, '');

/**
 * An officer enters a transfer seen on the agency's bank statement; it is matched on its content
 * and amount and settles the waiting VietQR payment (the same bank transaction twice changes nothing).
 */
export function TransferReportForm({ code, expected }: { code?: string; expected?: { amount: number } }) {
  const { t } = useTranslation('payments');
  const [content, setContent] = useState('');
  const [amount, setAmount] = useState('');
  const [bankTxnId, setBankTxnId] = useState('');
  const [local, setLocal] = useState<unknown>(null);
  const report = useReportTransfer(code);
  const error = local ?? report.error;
  const fields = useFieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = [
      ...(content.trim().length >= 3 ? [] : [{ path: 'content', code: 'REQUIRED' }]),
      ...(/^\d+$/.test(digits(amount)) && Number(digits(amount)) > 0
        ? []
        : [{ path: 'amount', code: 'INVALID_AMOUNT' }]),
      ...(bankTxnId.trim().length >= 3 ? [] : [{ path: 'bankTxnId', code: 'REQUIRED' }]),
    ];
    setLocal(clientValidation(problems));
    if (problems.length) return;
    report.mutate({ content: content.trim(), amount: Number(digits(amount)), bankTxnId: bankTxnId.trim() });
  };
  const ids = { content: 'tr-content', amount: 'tr-amount', bankTxnId: 'tr-txn' };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="tr-title" className="action-form" data-testid="transfer-report">
      <h3 id="tr-title">{t('report.title')}</h3>
      <p className="muted">{t('report.intro')}</p>
      <ErrorSummary error={error} fieldIds={ids} />
      {report.data && (
        <SuccessNotice>
          {t('report.done', { code: report.data.dossierCode, number: report.data.receipt?.number ?? '' })}
        </SuccessNotice>
      )}
      <TextField
        id={ids.content}
        label={t('report.content')}
        value={content}
        error={fields.content}
        onChange={(e) => setContent(e.target.value)}
      />
      <TextField
        id={ids.amount}
        label={t('report.amount')}
        hint={expected ? t('desk.amount', { amount: formatVnd(expected.amount) }) : undefined}
        inputMode="numeric"
        className="input--short"
        value={amount}
        error={fields.amount}
        onChange={(e) => setAmount(e.target.value)}
      />
      <TextField
        id={ids.bankTxnId}
        label={t('report.bankTxnId')}
        value={bankTxnId}
        error={fields.bankTxnId}
        onChange={(e) => setBankTxnId(e.target.value)}
      />
      <SubmitRow label={t('report.submit')} busy={report.isPending} />
    </form>
  );
}

/** The agency's fee collection account (the VietQR codes are built from it). */
export function CollectionAccountForm({ agencyCode, editable }: { agencyCode: string; editable: boolean }) {
  const { t } = useTranslation('payments');
  const account = useCollectionAccount(agencyCode);
  const banks = useBanks();
  if (account.isPending || banks.isPending) return <Loading />;
  const a = account.data?.account ?? null;
  return (
    <section className="section" aria-labelledby="account-title" data-testid="collection-account">
      <h2 id="account-title">{t('account.title')}</h2>
      <p className="muted">{t('account.intro')}</p>
      {a ? (
        <dl className="summary">
          <dt>{t('account.bank')}</dt>
          <dd>{a.bankName}</dd>
          <dt>{t('account.number')}</dt>
          <dd className="mono">{a.accountNumber}</dd>
          <dt>{t('account.name')}</dt>
          <dd>{a.accountName}</dd>
        </dl>
      ) : (
        <p className="notice notice--warning">{t('account.none')}</p>
      )}
      {editable && banks.data && (
        <AccountEditor
          key={a?.updatedAt?.toString() ?? 'new'}
          agencyCode={agencyCode}
          banks={banks.data.items}
          initial={a}
        />
      )}
    </section>
  );
}

function AccountEditor({
  agencyCode,
  banks,
  initial,
}: {
  agencyCode: string;
  banks: { bin: string; shortName: string; name: string }[];
  initial: { bankBin: string; accountNumber: string; accountName: string } | null;
}) {
  const { t } = useTranslation('payments');
  const [bankBin, setBankBin] = useState(initial?.bankBin ?? '');
  const [accountNumber, setNumber] = useState(initial?.accountNumber ?? '');
  const [accountName, setName] = useState(initial?.accountName ?? '');
  const [local, setLocal] = useState<unknown>(null);
  const save = useSetCollectionAccount(agencyCode);
  const error = local ?? save.error;
  const fields = useFieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = [
      ...(bankBin ? [] : [{ path: 'bankBin', code: 'UNKNOWN_BANK' }]),
      ...(/^[0-9A-Za-z]{4,19}$/.test(accountNumber.trim())
        ? []
        : [{ path: 'accountNumber', code: 'INVALID_ACCOUNT_NUMBER' }]),
      ...(accountName.trim().length >= 2 ? [] : [{ path: 'accountName', code: 'REQUIRED' }]),
    ];
    setLocal(clientValidation(problems));
    if (problems.length) return;
    save.mutate({ bankBin, accountNumber: accountNumber.trim(), accountName: accountName.trim().toUpperCase() });
  };
  const ids = { bankBin: 'acc-bank', accountNumber: 'acc-number', accountName: 'acc-name' };
  return (
    <form onSubmit={submit} noValidate className="action-form" aria-labelledby="account-title">
      <ErrorSummary error={error} fieldIds={ids} />
      {save.isSuccess && <SuccessNotice>{t('account.saved')}</SuccessNotice>}
      <SelectField
        id={ids.bankBin}
        label={t('account.bank')}
        value={bankBin}
        error={fields.bankBin}
        onChange={(e) => setBankBin(e.target.value)}
        blank="—"
        choices={banks.map((b) => ({ value: b.bin, label: `${b.shortName} — ${b.name}` }))}
      />
      <TextField
        id={ids.accountNumber}
        label={t('account.number')}
        inputMode="numeric"
        value={accountNumber}
        error={fields.accountNumber}
        onChange={(e) => setNumber(e.target.value)}
      />
      <TextField
        id={ids.accountName}
        label={t('account.name')}
        hint={t('account.nameHint')}
        value={accountName}
        error={fields.accountName}
        onChange={(e) => setName(e.target.value.toUpperCase())}
      />
      <SubmitRow label={t('account.save')} busy={save.isPending} />
    </form>
  );
}
