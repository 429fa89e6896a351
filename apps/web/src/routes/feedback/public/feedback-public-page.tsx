import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CsvColumn } from '../../../features/csv/csv';
import { useAgencies } from '../../../features/directory/hooks';
import { usePublicFeedback } from '../../../features/feedback/hooks';
import { CONTENT_TYPES, type PublicFeedback } from '../../../features/feedback/types';
import { useProcedures } from '../../../features/procedures/hooks';
import {
  type Column,
  FilterBar,
  formatDate,
  ListView,
  oneOf,
  SelectField,
  TextField,
  useListParams,
  usePageTitle,
} from '../../../features/ui';

const PAGE_SIZE = 20;

/** The public list of answered feedback (masked), searchable without diacritics, with CSV and JSON exports. */
export function FeedbackPublicPage() {
  const { t, i18n } = useTranslation('feedback');
  usePageTitle(t('public.title'));
  const list = useListParams({ q: '', agency: '', procedure: '', type: '' });
  const { q, agency, procedure, type } = list.values;
  const query = {
    q: q || undefined,
    agency: agency || undefined,
    procedure: procedure || undefined,
    type: oneOf(CONTENT_TYPES, type),
  };
  const items = usePublicFeedback({ ...query, page: list.page, pageSize: PAGE_SIZE });
  const exportQuery = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  const lang = i18n.language;
  // Agencies and procedures are picked by name, as when filing (a citizen does not know their codes).
  const agencies = useAgencies({ pageSize: 200 });
  const procedures = useProcedures({ pageSize: 200 });
  const agencyName = new Map(agencies.data?.items.map((a) => [a.code, a.name]));
  const columns: Column<PublicFeedback>[] = [
    { header: t('fields.publishedAt'), className: 'nowrap', cell: (f) => formatDate(f.publishedAt, lang) },
    {
      header: t('fields.title'),
      cell: (f) => <Link to={`/phan-anh/theo-doi/${f.code}`}>{f.title}</Link>,
    },
    { header: t('fields.type'), cell: (f) => t(`types.${f.contentType}`, f.contentType) },
    { header: t('fields.agency'), cell: (f) => (f.agencyCode && agencyName.get(f.agencyCode)) ?? f.agencyCode },
    { header: t('fields.answer'), cell: (f) => f.answer },
    { header: t('fields.onTime'), cell: (f) => (f.onTime ? t('fields.onTime') : t('fields.late')) },
  ];
  const csv: CsvColumn<PublicFeedback>[] = [
    { header: t('fields.code'), value: (f) => f.code },
    { header: t('fields.title'), value: (f) => f.title },
    { header: t('fields.text'), value: (f) => f.text },
    { header: t('fields.answer'), value: (f) => f.answer },
    { header: t('fields.agency'), value: (f) => f.agencyCode },
    { header: t('fields.publishedAt'), value: (f) => f.publishedAt },
  ];
  return (
    <div className="page">
      <h1>{t('public.title')}</h1>
      <p className="lead">{t('public.intro')}</p>
      <p>
        <Link className="btn" to="/phan-anh/gui">
          {t('public.new')}
        </Link>{' '}
        <Link to="/phan-anh/thong-ke">{t('public.stats')}</Link> · <Link to="/kien-nghi">{t('nav.petitions')}</Link> ·{' '}
        <Link to="/phan-anh/theo-doi">{t('track.lookup')}</Link>
      </p>
      <FilterBar label={t('public.filter')} submitLabel={t('public.apply')} onSubmit={list.submit}>
        <TextField id="fbp-q" label={t('fields.search')} {...list.field('q')} />
        <SelectField
          id="fbp-agency"
          label={t('fields.agency')}
          {...list.field('agency')}
          blank={t('fields.any')}
          choices={agencies.data?.items.map((a) => ({ value: a.code, label: a.name }))}
        />
        <SelectField
          id="fbp-procedure"
          label={t('fields.procedure')}
          {...list.field('procedure')}
          blank={t('fields.any')}
          choices={procedures.data?.items.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
        />
        <SelectField
          id="fbp-type"
          label={t('fields.type')}
          {...list.field('type')}
          blank={t('fields.any')}
          choices={CONTENT_TYPES.map((c) => ({ value: c, label: t(`types.${c}`) }))}
        />
      </FilterBar>
      <p>
        <a href={`/api/public/feedback/export.csv${exportQuery ? `?${exportQuery}` : ''}`}>{t('public.exportCsv')}</a> ·{' '}
        <a href={`/api/public/feedback/export.json${exportQuery ? `?${exportQuery}` : ''}`}>{t('public.exportJson')}</a>
      </p>
      <ListView
        query={items}
        label={t('public.title')}
        empty={t('public.empty')}
        columns={columns}
        rowKey={(f) => f.code}
        rowProps={(f) => ({ 'data-feedback': f.code })}
        csv={{ columns: csv, fileBase: 'phan-anh-kien-nghi' }}
        onPage={list.setPage}
      />
    </div>
  );
}
