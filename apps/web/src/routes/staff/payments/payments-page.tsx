import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { PaymentStatusTag, useMethodLabel } from '../../../features/payments/components';
import { type PaymentFilter, usePayments } from '../../../features/payments/hooks';
import type { Payment } from '../../../features/payments/types';
import { formatVnd } from '../../../features/procedures/money';
import {
  ExportCsvButton,
  formatDateTime,
  Loading,
  Pagination,
  QueryError,
  ResultCount,
  SelectField,
  TextField,
  usePageTitle,
} from '../../../features/ui';
import { periodQuery } from '../stats/stats-page';

const PAGE_SIZE = 25;

/** The agency's payments: online and at the desk, filtered, exported to CSV, each with its receipt. */
export default function PaymentsPage() {
  const { t, i18n } = useTranslation('payments');
  usePageTitle(t('list.title'));
  const [draft, setDraft] = useState({ status: '', gateway: '', from: '', to: '', agency: '' });
  const [filter, setFilter] = useState<PaymentFilter>({ page: 1, pageSize: PAGE_SIZE });
  const list = usePayments(filter);
  const method = useMethodLabel();
  const lang = i18n.language;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const period = draft.from && draft.to ? periodQuery(draft.from, draft.to) : {};
    setFilter({
      page: 1,
      pageSize: PAGE_SIZE,
      status: draft.status || undefined,
      gateway: draft.gateway || undefined,
      agency: draft.agency.trim() || undefined,
      ...period,
    });
  };
  const columns: CsvColumn<Payment>[] = [
    { header: t('list.createdAt'), value: (p) => p.createdAt },
    { header: t('list.dossier'), value: (p) => p.dossierCode },
    { header: t('list.agency'), value: (p) => p.agencyCode },
    { header: t('list.payer'), value: (p) => p.payerName },
    { header: t('history.method'), value: (p) => method(p) },
    { header: t('fees.amount'), value: (p) => p.amount },
    { header: t('history.status'), value: (p) => t(`status.${p.status}`) },
    { header: t('list.paidAt'), value: (p) => p.paidAt },
    { header: t('result.reference'), value: (p) => p.reference },
    { header: t('list.receiptNo'), value: (p) => (p.receipt ? `${p.receipt.serial} ${p.receipt.number}` : '') },
  ];
  return (
    <>
      <h1>{t('list.title')}</h1>
      <p className="lead">{t('list.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('list.filter')}>
        <SelectField
          id="pay-status"
          label={t('history.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        >
          <option value="">{t('list.any')}</option>
          {(['pending', 'paid', 'failed', 'refunded'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="pay-gateway"
          label={t('history.method')}
          value={draft.gateway}
          onChange={(e) => setDraft({ ...draft, gateway: e.target.value })}
        >
          <option value="">{t('list.any')}</option>
          {(['dvcqg', 'vnpay', 'desk'] as const).map((g) => (
            <option key={g} value={g}>
              {t(`gateways.${g}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="pay-from"
          type="date"
          label={t('list.from')}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          id="pay-to"
          type="date"
          label={t('list.to')}
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <TextField
          id="pay-agency"
          label={t('list.agency')}
          value={draft.agency}
          onChange={(e) => setDraft({ ...draft, agency: e.target.value })}
        />
        <div className="btn-row">
          <button className="btn" type="submit">
            {t('list.apply')}
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : (
        <>
          <div className="toolbar">
            <ResultCount total={list.data.total} />
            <ExportCsvButton rows={list.data.items} columns={columns} fileBase="thanh-toan" />
          </div>
          {list.data.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('list.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('list.createdAt')}</th>
                    <th scope="col">{t('list.dossier')}</th>
                    <th scope="col">{t('list.payer')}</th>
                    <th scope="col">{t('history.method')}</th>
                    <th scope="col" className="num">
                      {t('fees.amount')}
                    </th>
                    <th scope="col">{t('history.status')}</th>
                    <th scope="col">{t('history.receipt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((p) => (
                    <tr key={p.id} data-payment={p.id}>
                      <td className="nowrap">{formatDateTime(p.createdAt, lang)}</td>
                      <td className="mono">
                        <Link to={`/staff/dossiers/${encodeURIComponent(p.dossierCode)}`}>{p.dossierCode}</Link>
                      </td>
                      <td>{p.payerName}</td>
                      <td>{method(p)}</td>
                      <td className="num nowrap">{formatVnd(p.amount)}</td>
                      <td>
                        <PaymentStatusTag status={p.status} />
                      </td>
                      <td>
                        {p.receipt ? (
                          <a href={`/api/payments/${encodeURIComponent(p.id)}/receipt.pdf`} download>
                            {t('history.receiptLink', { serial: p.receipt.serial, number: p.receipt.number })}
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        </>
      )}
    </>
  );
}
