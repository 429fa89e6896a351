import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { DocFlags, DocStatus } from '../../../features/documents/components';
import { useDocuments } from '../../../features/documents/hooks';
import { BOXES, type DocumentListItem } from '../../../features/documents/types';
import { hasRole, useMe } from '../../../features/identity';
import {
  BoxTabs,
  type Column,
  FilterBar,
  formatDate,
  ListView,
  oneOf,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 25;

/** The clerk's day: my tasks, drafts, outgoing and incoming boxes, urgent and late ones marked. */
export default function DocumentsPage() {
  const { t, i18n } = useTranslation('documents');
  usePageTitle(t('list.title'));
  const me = useMe();
  const list = useListParams({ box: '', q: '' });
  const box = oneOf(BOXES, list.values.box) ?? 'tasks';
  const documents = useDocuments({ box, q: list.values.q || undefined, page: list.page, pageSize: PAGE_SIZE });
  const lang = i18n.language;
  const from = (d: DocumentListItem) => d.senderName ?? d.createdByName;
  const date = (d: DocumentListItem) => d.issuedDate ?? d.arrivedAt ?? d.updatedAt;
  const csv: CsvColumn<DocumentListItem>[] = [
    { header: t('cols.code'), value: (d) => d.code ?? '' },
    { header: t('cols.type'), value: (d) => d.typeName },
    { header: t('cols.subject'), value: (d) => d.subject },
    { header: t('cols.from'), value: from },
    { header: t('cols.status'), value: (d) => t(`status.${d.status}`) },
    { header: t('cols.urgency'), value: (d) => t(`urgency.${d.urgency}`) },
    { header: t('cols.date'), value: date },
  ];
  const columns: Column<DocumentListItem>[] = [
    {
      header: t('cols.code'),
      className: 'nowrap',
      cell: (d) => (
        <>
          <Link to={`/staff/documents/${d.id}`}>{d.code ?? t('detail.unnumbered')}</Link>
          <span className="muted small block">{d.typeName}</span>
        </>
      ),
    },
    {
      header: t('cols.subject'),
      cell: (d) => (
        <>
          {d.subject} <DocFlags d={d} />
        </>
      ),
    },
    { header: t('cols.from'), cell: from },
    { header: t('cols.status'), cell: (d) => <DocStatus status={d.status} /> },
    { header: t('cols.date'), className: 'nowrap', cell: (d) => formatDate(date(d), lang) },
  ];
  return (
    <>
      <h1>{t('list.title')}</h1>
      <div className="btn-row">
        {hasRole(me.data, 'specialist', 'leader') && (
          <Link className="btn" to="/staff/documents/new">
            {t('list.newDraft')}
          </Link>
        )}
        {hasRole(me.data, 'leader') && (
          <Link className="btn btn--secondary" to="/staff/documents/sign">
            {t('bulk.link')}
          </Link>
        )}
        {hasRole(me.data, 'clerk') && (
          <Link className="btn btn--secondary" to="/staff/documents/paper">
            {t('list.paper')}
          </Link>
        )}
        {hasRole(me.data, 'clerk', 'leader') && (
          <Link className="btn btn--secondary" to="/staff/registers">
            {t('list.registers')}
          </Link>
        )}
      </div>
      <BoxTabs boxes={BOXES} current={box} label={t('list.boxes')} text={(b) => t(`boxes.${b}`)} />
      <p className="muted">{t(`boxHelp.${box}`)}</p>
      <FilterBar label={t('list.search')} submitLabel={t('list.searchButton')} onSubmit={list.submit}>
        <TextField
          id="documents-q"
          type="search"
          label={t('list.search')}
          hint={t('list.searchHint')}
          {...list.field('q')}
        />
      </FilterBar>
      <ListView
        query={documents}
        label={t(`boxes.${box}`)}
        empty={t('list.empty')}
        columns={columns}
        rowProps={(d) => ({
          className: d.overdue ? 'row--overdue' : d.urgent ? 'row--due-soon' : undefined,
          'data-document': d.id,
        })}
        csv={{ columns: csv, fileBase: `van-ban-${box}` }}
        onPage={list.setPage}
      />
    </>
  );
}
