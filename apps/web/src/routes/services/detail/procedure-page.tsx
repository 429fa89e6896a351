import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencyNames } from '../../../features/directory/hooks';
import { useProcedure } from '../../../features/procedures/hooks';
import { feeTotal, formatVnd } from '../../../features/procedures/money';
import { isOnline } from '../../../features/procedures/types';
import { Breadcrumbs, Loading, QueryError, TableView, usePageTitle } from '../../../features/ui';
import { ModeBadge } from '../../../features/procedures/components';

/** Everything a published procedure says (Decree 63/2010 Art 8), and the way in when it is online. */
export function ProcedurePage() {
  const { t, i18n } = useTranslation('services');
  const { code } = useParams();
  const q = useProcedure(code);
  const agencyName = useAgencyNames(q.data?.implementingAgencies ?? []);
  usePageTitle(q.data?.name ?? t('procedure.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  const en = i18n.language === 'en';
  const total = feeTotal(p.fees);
  const hasOnline = p.fees.some((f) => f.onlineAmount !== undefined);
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: '/procedures', label: t('search.title') }]} current={p.code} />
      <h1>{p.name}</h1>
      {en && p.nameEn && <p className="lead">{p.nameEn}</p>}
      <ul className="meta">
        <li>
          <ModeBadge mode={p.onlineMode} />
        </li>
        <li>
          {t('fields.code')}: <span className="mono">{p.code}</span>
        </li>
        <li>
          {t('fields.version')}: {p.version}
        </li>
      </ul>
      {isOnline(p) ? (
        <div className="btn-row">
          <Link className="btn" to={`/procedures/${encodeURIComponent(p.code)}/apply`}>
            {t('procedure.apply')}
          </Link>
        </div>
      ) : (
        <div className="notice">
          <p>{t('procedure.notOnline')}</p>
        </div>
      )}

      <h2>{t('procedure.overview')}</h2>
      <dl className="summary">
        <dt>{t('fields.field')}</dt>
        <dd>{p.field}</dd>
        <dt>{t('fields.level')}</dt>
        <dd>{t(`levels.${p.level}`)}</dd>
        <dt>{t('fields.agencies')}</dt>
        <dd>
          <ul className="plain-list">
            {p.implementingAgencies.map((a) => (
              <li key={a}>
                {agencyName(a)} <span className="muted mono">({a})</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('fields.subjects')}</dt>
        <dd>{p.subjects.map((s) => t(`subjects.${s}`)).join(', ')}</dd>
        <dt>{t('fields.channels')}</dt>
        <dd>{p.channels.map((c) => t(`channels.${c}`)).join(', ')}</dd>
        <dt>{t('fields.processingTime')}</dt>
        <dd>
          {t('fields.days', { n: p.processingDays })}
          {p.processingNote && <p className="muted">{p.processingNote}</p>}
        </dd>
        <dt>{t('fields.resultType')}</dt>
        <dd>{p.resultType}</dd>
      </dl>

      <h2>{t('procedure.steps')}</h2>
      <ol className="steps">
        {p.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>

      <h2>{t('procedure.documents')}</h2>
      <TableView
        label={t('procedure.documents')}
        headers={[t('documents.name'), t('documents.originals'), t('documents.copies'), t('documents.required')]}
      >
        {p.requiredDocuments.map((d) => (
          <tr key={d.id}>
            <td>
              {d.name}
              {d.template && <p className="muted small">{t('documents.template', { template: d.template })}</p>}
              {d.note && <p className="muted small">{d.note}</p>}
            </td>
            <td>{d.originals}</td>
            <td>{d.copies}</td>
            <td>{d.required ? t('documents.yes') : t('documents.ifApplicable')}</td>
          </tr>
        ))}
      </TableView>

      <h2>{t('procedure.fees')}</h2>
      {p.fees.length === 0 ? (
        <p>{t('fees.free')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('procedure.fees')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fees.label')}</th>
                <th scope="col" className="num">
                  {t('fees.amount')}
                </th>
                {hasOnline && (
                  <th scope="col" className="num">
                    {t('fees.online')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {p.fees.map((f, i) => (
                <tr key={i}>
                  <td>
                    {f.label}
                    {f.note && <p className="muted small">{f.note}</p>}
                  </td>
                  <td className="num nowrap">{formatVnd(f.amount)}</td>
                  {hasOnline && (
                    <td className="num nowrap">
                      {f.onlineAmount === undefined
                        ? formatVnd(f.amount)
                        : f.onlineAmount === 0
                          ? t('fees.waived')
                          : formatVnd(f.onlineAmount)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            {p.fees.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{t('fees.total')}</th>
                  <td className="num nowrap">{formatVnd(total)}</td>
                  {hasOnline && (
                    <td className="num nowrap">
                      {formatVnd(feeTotal(p.fees.map((f) => ({ amount: f.onlineAmount ?? f.amount }))))}
                    </td>
                  )}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      <p className="muted">{t(`feeCollection.${p.feeCollection}`)}</p>

      {p.conditions && (
        <>
          <h2>{t('procedure.conditions')}</h2>
          <p>{p.conditions}</p>
        </>
      )}

      <h2>{t('procedure.legalBasis')}</h2>
      <ul>
        {p.legalBasis.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
