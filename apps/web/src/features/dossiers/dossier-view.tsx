import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyNames } from '../directory/hooks';
import { FormDataView } from '../forms/form-data-view';
import { schemaToModel } from '../forms/schema-model';
import type { Procedure } from '../procedures/types';
import { formatDate, formatDateTime } from '../ui';
import { AttachmentList, DeadlineBadge, dossierFileUrl, StatusTag, Timeline, useWorkflowLabels } from './components';
import type { Dossier } from './types';

/** Status, dates and parties of a dossier (the top of both the citizen's and the officer's view). */
export function DossierSummary({
  d,
  procedure,
  showApplicant,
}: {
  d: Dossier;
  procedure?: Procedure;
  showApplicant?: boolean;
}) {
  const { t, i18n } = useTranslation('services');
  const labels = useWorkflowLabels(procedure?.workflow);
  const agencyName = useAgencyNames(d.receivingAgencyCode ? [d.agencyCode, d.receivingAgencyCode] : [d.agencyCode]);
  const lang = i18n.language;
  return (
    <dl className="summary" data-testid="dossier-summary">
      <dt>{t('fields.status')}</dt>
      <dd>
        <span data-testid="dossier-status">
          <StatusTag statusCode={d.statusCode} label={d.statusLabel ?? labels.state(d.status)} />
        </span>{' '}
        <DeadlineBadge overdue={d.overdue} dueSoon={d.dueSoon} />
      </dd>
      <dt>{t('fields.procedure')}</dt>
      <dd>
        {d.procedure.name} <span className="muted mono">({d.procedure.code})</span>
      </dd>
      <dt>{t(d.receivingAgencyCode ? 'fields.competentAgency' : 'fields.agency')}</dt>
      <dd>
        {agencyName(d.agencyCode)} <span className="muted mono">({d.agencyCode})</span>
      </dd>
      {d.receivingAgencyCode && (
        <>
          <dt>{t('fields.receivingAgency')}</dt>
          <dd data-testid="receiving-agency">
            {agencyName(d.receivingAgencyCode)} <span className="muted mono">({d.receivingAgencyCode})</span>
            {d.resultAtReceiving && <> · {t('fields.resultAtReceiving')}</>}
          </dd>
        </>
      )}
      {showApplicant && (
        <>
          <dt>{t('fields.applicant')}</dt>
          <dd>
            {d.applicant.fullName}
            {d.applicant.idNumber && <span className="muted mono"> ({d.applicant.idNumber})</span>}
            {d.applicant.email && <span className="muted"> · {d.applicant.email}</span>}
          </dd>
        </>
      )}
      <dt>{t('fields.channel')}</dt>
      <dd>{t(`channels.${d.channel}`, { defaultValue: d.channel })}</dd>
      <dt>{t('fields.submittedAt')}</dt>
      <dd>{formatDateTime(d.submittedAt, lang)}</dd>
      {d.receivedAt && (
        <>
          <dt>{t('fields.receivedAt')}</dt>
          <dd>{formatDateTime(d.receivedAt, lang)}</dd>
        </>
      )}
      {d.register && (
        <>
          <dt>{t('fields.register')}</dt>
          <dd data-testid="dossier-register">
            {t('dossier.registerEntry', { book: d.register.book, entry: d.register.entry })}
          </dd>
        </>
      )}
      <dt>{t('fields.dueAt')}</dt>
      <dd>
        {d.dueAt ? formatDate(d.dueAt, lang) : t('dossier.noDueYet')}
        {d.extended && d.originalDueAt && (
          <span className="muted"> {t('dossier.extendedFrom', { date: formatDate(d.originalDueAt, lang) })}</span>
        )}
      </dd>
      {d.finishedAt && (
        <>
          <dt>{t(d.statusCode >= 9 ? 'fields.finishedAt' : 'fields.endedAt')}</dt>
          <dd>
            {formatDateTime(d.finishedAt, lang)}
            {d.timeliness && <> · {t(`timeliness.${d.timeliness}`)}</>}
          </dd>
        </>
      )}
      {d.returnedAt && (
        <>
          <dt>{t('fields.returnedAt')}</dt>
          <dd>{formatDateTime(d.returnedAt, lang)}</dd>
        </>
      )}
    </dl>
  );
}

/** The result file once issued, sealed with the agency's seal; its applicant and the agency's staff download it. */
export function ResultSection({ d }: { d: Dossier }) {
  const { t } = useTranslation('services');
  if (!d.resultFileId) return null;
  return (
    <section aria-labelledby="result-title" className="section" data-testid="dossier-result">
      <h2 id="result-title">{t('dossier.result')}</h2>
      <p>{d.returnedAt ? t('dossier.resultReturned') : t('dossier.resultIssued')}</p>
      <p className="muted">{t('dossier.resultSealed')}</p>
      <p>
        <a href={dossierFileUrl(d.code, d.resultFileId)} download>
          {t('dossier.downloadResult')}
        </a>
      </p>
    </section>
  );
}

/** Form data, attachments, result and the process control sheet. */
export function DossierSections({ d, procedure }: { d: Dossier; procedure?: Procedure }) {
  const { t } = useTranslation('services');
  const model = useMemo(() => (procedure ? schemaToModel(procedure.formSchema) : { fields: [] }), [procedure]);
  const docName = (id: string) => procedure?.requiredDocuments.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <ResultSection d={d} />
      <section aria-labelledby="history-title" className="section">
        <h2 id="history-title">{t('dossier.history')}</h2>
        <Timeline history={d.history} workflow={procedure?.workflow} code={d.code} />
      </section>
      <section aria-labelledby="attachments-title" className="section">
        <h2 id="attachments-title">{t('dossier.attachments')}</h2>
        <AttachmentList code={d.code} attachments={d.attachments} documentName={docName} />
      </section>
      <section aria-labelledby="form-title" className="section" data-testid="dossier-form-data">
        <h2 id="form-title">{t('dossier.formData')}</h2>
        <FormDataView model={model} data={d.formData} />
      </section>
    </>
  );
}
