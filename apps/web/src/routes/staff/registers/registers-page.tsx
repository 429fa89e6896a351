import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegister } from '../../../features/documents/hooks';
import { Breadcrumbs, Loading, QueryError, SelectField, usePageTitle, vnDate } from '../../../features/ui';

/** Sổ đăng ký văn bản đi / đến for a year, with PDF and Excel downloads. */
export default function RegistersPage() {
  const { t } = useTranslation('documents');
  usePageTitle(t('registers.title'));
  const thisYear = Number(vnDate().slice(0, 4));
  const [book, setBook] = useState<'outgoing' | 'incoming'>('outgoing');
  const [year, setYear] = useState(thisYear);
  const q = useRegister(book, year);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  return (
    <>
      <Breadcrumbs trail={[{ to: '/staff/documents', label: t('list.title') }]} current={t('registers.title')} />
      <h1>{t('registers.title')}</h1>
      <div className="filters">
        <SelectField
          id="reg-book"
          label={t('registers.book')}
          value={book}
          onChange={(e) => setBook(e.target.value as 'outgoing' | 'incoming')}
        >
          <option value="outgoing">{t('registers.outgoing')}</option>
          <option value="incoming">{t('registers.incoming')}</option>
        </SelectField>
        <SelectField
          id="reg-year"
          label={t('registers.year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          choices={years.map((y) => ({ value: String(y), label: y }))}
        />
      </div>
      <div className="btn-row">
        <a className="btn btn--secondary" href={`/api/registers/${book}/export?year=${year}&format=pdf`}>
          {t('registers.exportPdf')}
        </a>
        <a className="btn btn--secondary" href={`/api/registers/${book}/export?year=${year}&format=xlsx`}>
          {t('registers.exportXlsx')}
        </a>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.rows.length === 0 ? (
        <p>{t('registers.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="register-caption">
          <table>
            <caption id="register-caption">
              {t('registers.caption', { book: t(`registers.${book}`), year, agency: q.data.agencyName })}
            </caption>
            <thead>
              <tr>
                {q.data.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {q.data.rows.map((r) => (
                <tr key={String(r.documentId)}>
                  {q.data.columns.map((c, i) =>
                    i === 0 ? (
                      <td key={c.key}>
                        <Link to={`/staff/documents/${String(r.documentId)}`}>{String(r[c.key] ?? '')}</Link>
                      </td>
                    ) : (
                      <td key={c.key}>{String(r[c.key] ?? '')}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
