import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { PaymentStatusTag, ReceiptDownload, useMethodLabel } from '../../../features/payments/components';
import { usePayments } from '../../../features/payments/hooks';
import type { Payment } from '../../../features/payments/types';
import { CollectionAccountForm, TransferReportForm } from '../../../features/payments/transfer-forms';
import { hasRole, useMe } from '../../../features/identity';
import { formatVnd } from '../../../features/procedures/money';
import {
  type Column,
  FilterBar,
  formatDateTime,
  ListView,
  oneOf,
  periodQuery,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 25;
const STATUSES = ['pending', 'review', 'paid', 'failed', 'refunded'] as const;
const GATEWAYS = ['dvcqg', 'vnpay', 'vietqr', 'desk'] as const;

/** The agency's payments: online and at the desk, filtered, exported to CSV, each with its receipt. */
export default function PaymentsPage() {
  const { t, i18n } = useTranslation('payments');
  usePageTitle(t('list.title'));
  const list = useListParams({ status: '', gateway: '', from: '', to: '', agency: '' });
  const { status, gateway, from, to, agency } = list.values;
  const payments = usePayments({
    page: list.page,
    pageSize: PAGE_SIZE,
    status: oneOf(STATUSES, status),
    gateway: oneOf(GATEWAYS, gateway),
    agency: agency || undefined,
    ...(from && to ? periodQuery(from, to) : {}),
  });
  const method = useMethodLabel();
  const lang = i18n.language;
  const me = useMe();
  const agencyCode = me.data?.agencyCode ?? null;

  const csv: CsvColumn<Payment>[] = [
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
  const columns: Column<Payment>[] = [
    { header: t('list.createdAt'), className: 'nowrap', cell: (p) => formatDateTime(p.createdAt, lang) },
    {
      header: t('list.dossier'),
      className: 'mono',
      cell: (p) => <Link to={`/staff/dossiers/${encodeURIComponent(p.dossierCode)}`}>{p.dossierCode}</Link>,
    },
    { header: t('list.payer'), cell: (p) => p.payerName },
    { header: t('history.method'), cell: method },
    { header: t('fees.amount'), numeric: true, className: 'nowrap', cell: (p) => formatVnd(p.amount) },
    { header: t('history.status'), cell: (p) => <PaymentStatusTag status={p.status} /> },
    { header: t('history.receipt'), cell: (p) => <ReceiptDownload payment={p} /> },
  ];
  return (
    <>
      <h1>{t('list.title')}</h1>
      <p className="lead">{t('list.intro')}</p>
      <FilterBar label={t('list.filter')} submitLabel={t('list.apply')} onSubmit={list.submit}>
        <SelectField
          id="pay-status"
          label={t('history.status')}
          {...list.field('status')}
          blank={t('list.any')}
          choices={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectField
          id="pay-gateway"
          label={t('history.method')}
          {...list.field('gateway')}
          blank={t('list.any')}
          choices={GATEWAYS.map((g) => ({ value: g, label: t(`gateways.${g}`) }))}
        />
        <TextField id="pay-from" type="date" label={t('list.from')} {...list.field('from')} />
        <TextField id="pay-to" type="date" label={t('list.to')} {...list.field('to')} />
        <TextField id="pay-agency" label={t('list.agency')} {...list.field('agency')} />
      </FilterBar>
      <ListView
        query={payments}
        label={t('list.title')}
        empty={t('list.empty')}
        columns={columns}
        rowProps={(p) => ({ 'data-payment': p.id })}
        csv={{ columns: csv, fileBase: 'thanh-toan' }}
        onPage={list.setPage}
      />
      {hasRole(me.data, 'reception', 'leader', 'agency_admin') && (
        <section className="section" aria-label={t('report.title')}>
          <TransferReportForm />
        </section>
      )}
      {agencyCode && (
        <CollectionAccountForm agencyCode={agencyCode} editable={hasRole(me.data, 'agency_admin', 'leader', 'admin')} />
      )}
    </>
  );
}
