import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FeedbackStatusTag } from '../../../features/feedback/components';
import { useFeedbackBox } from '../../../features/feedback/hooks';
import { FEEDBACK_BOXES, type FeedbackListItem } from '../../../features/feedback/types';
import { BoxTabs, type Column, formatDate, ListView, oneOf, useListParams, usePageTitle } from '../../../features/ui';

const PAGE_SIZE = 25;

/** The agency's feedback: to route, in progress, to approve, overdue, published. */
export default function FeedbackBoxPage() {
  const { t, i18n } = useTranslation('feedback');
  usePageTitle(t('staff.title'));
  const list = useListParams({ box: 'inbox' });
  const box = oneOf(FEEDBACK_BOXES, list.values.box) ?? 'inbox';
  const items = useFeedbackBox(box, list.page, PAGE_SIZE);
  const lang = i18n.language;
  const columns: Column<FeedbackListItem>[] = [
    {
      header: t('fields.code'),
      className: 'mono',
      cell: (f) => <Link to={`/staff/feedback/${f.code}`}>{f.code}</Link>,
    },
    { header: t('fields.title'), cell: (f) => f.title },
    { header: t('fields.type'), cell: (f) => t(`types.${f.contentType}`, f.contentType) },
    { header: t('fields.agency'), className: 'mono', cell: (f) => f.agencyCode ?? '—' },
    { header: t('fields.status'), cell: (f) => <FeedbackStatusTag status={f.status} /> },
    {
      header: t('fields.dueAt'),
      className: 'nowrap',
      cell: (f) => (
        <>
          {formatDate(f.dueAt, lang)}
          {f.overdue && <strong className="tag tag--red"> {t('staff.overdue')}</strong>}
        </>
      ),
    },
  ];
  return (
    <>
      <h1>{t('staff.title')}</h1>
      <BoxTabs boxes={FEEDBACK_BOXES} current={box} label={t('staff.title')} text={(b) => t(`staff.boxes.${b}`)} />
      <ListView
        query={items}
        label={t(`staff.boxes.${box}`)}
        empty={t('staff.empty')}
        columns={columns}
        rowKey={(f) => f.code}
        rowProps={(f) => ({ 'data-feedback': f.code })}
        csv={{
          columns: [
            { header: t('fields.code'), value: (f) => f.code },
            { header: t('fields.title'), value: (f) => f.title },
            { header: t('fields.status'), value: (f) => t(`status.${f.status}`) },
            { header: t('fields.dueAt'), value: (f) => f.dueAt ?? '' },
          ],
          fileBase: 'phan-anh',
        }}
        onPage={list.setPage}
      />
    </>
  );
}
