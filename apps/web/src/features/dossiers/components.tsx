import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui';
import type { Label, WorkflowDefinition } from '../procedures/types';
import type { Attachment, HistoryEntry } from './types';

/** Colour of the national portal status code (1-10); the text always says the status too. */
export function statusTone(statusCode: number): string {
  if (statusCode === 9 || statusCode === 10) return 'tag--green';
  if (statusCode === 3 || statusCode === 8) return 'tag--red';
  if (statusCode === 5 || statusCode === 6) return 'tag--yellow';
  if (statusCode === 7) return 'tag--grey';
  return '';
}

/** The label of a workflow state or action in the current language, else a translation, else the key. */
export function useWorkflowLabels(workflow: WorkflowDefinition | undefined) {
  const { t, i18n } = useTranslation('services');
  const pick = (l: Label | undefined) => (l ? (i18n.language === 'en' ? l.en : l.vi) : undefined);
  return {
    state: (key: string) =>
      pick(workflow?.states.find((s) => s.key === key)?.label) ?? t(`states.${key}`, { defaultValue: key }),
    action: (key: string) =>
      pick(workflow?.actions.find((a) => a.key === key)?.label) ?? t(`actions.${key}`, { defaultValue: key }),
  };
}

export function StatusTag({ statusCode, label }: { statusCode: number; label: Label | string }) {
  const { t, i18n } = useTranslation();
  // Status 6 is the fee holding the dossier, whatever its workflow state is called.
  const text =
    statusCode === 6
      ? t('payments:status.awaitingFee')
      : typeof label === 'string'
        ? label
        : i18n.language === 'en'
          ? label.en
          : label.vi;
  return <span className={`tag ${statusTone(statusCode)}`}>{text}</span>;
}

/** Overdue / due soon: colour, an icon and words (never colour alone). */
export function DeadlineBadge({ overdue, dueSoon }: { overdue: boolean; dueSoon: boolean }) {
  const { t } = useTranslation('services');
  if (overdue)
    return (
      <span className="tag tag--red deadline" data-deadline="overdue">
        <span aria-hidden="true">⚠ </span>
        {t('deadline.overdue')}
      </span>
    );
  if (dueSoon)
    return (
      <span className="tag tag--yellow deadline" data-deadline="due-soon">
        <span aria-hidden="true">⏰ </span>
        {t('deadline.dueSoon')}
      </span>
    );
  return null;
}

/** The process control sheet (phiếu kiểm soát quá trình) as a timeline, oldest first. */
export function Timeline({
  history,
  workflow,
  code,
}: {
  history: HistoryEntry[];
  workflow?: WorkflowDefinition;
  /** The dossier's code, for the link to a draft result put before the leader (staff see it). */
  code?: string;
}) {
  const { t, i18n } = useTranslation('services');
  const labels = useWorkflowLabels(workflow);
  return (
    <ol className="timeline" aria-label={t('dossier.history')}>
      {history.map((h, i) => (
        <li key={i} className="timeline__item">
          <p className="timeline__title">
            <strong>
              {h.action === 'submit'
                ? t('actions.submit')
                : h.action === 'extend'
                  ? t('actions.extend')
                  : labels.action(h.action)}
            </strong>
            {' → '}
            {labels.state(h.toState)}
          </p>
          <p className="muted timeline__meta">
            <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time>
            {h.actorName && <> · {h.actorName}</>}
          </p>
          {h.note && h.action !== 'submit' && <p className="timeline__note">{h.note}</p>}
          {h.draft && code && (
            <p>
              <a href={dossierFileUrl(code, h.draft.fileId)} target="_blank" rel="noreferrer">
                {t('dossier.draftLink', { name: h.draft.name })}
              </a>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Attached files with the document they answer; the download works for files the viewer uploaded. */
/** Where a file of a dossier is downloaded: the dossier decides who may (its applicant, its agency). */
export const dossierFileUrl = (code: string, fileId: string) =>
  `/api/dossiers/${encodeURIComponent(code)}/files/${encodeURIComponent(fileId)}`;

export function AttachmentList({
  code,
  attachments,
  documentName,
}: {
  code: string;
  attachments: Attachment[];
  documentName: (id: string) => string;
}) {
  const { t } = useTranslation('services');
  if (!attachments.length) return <p className="muted">{t('dossier.noAttachments')}</p>;
  return (
    <ul className="file-list">
      {attachments.map((a) => (
        <li key={a.fileId + a.documentId}>
          <span className="file-list__doc">
            {a.documentId === 'supplement' ? t('dossier.supplementFile') : documentName(a.documentId)}
          </span>
          <a href={dossierFileUrl(code, a.fileId)} download>
            {a.name}
          </a>{' '}
          <span className="muted">({a.mediaType})</span>
        </li>
      ))}
    </ul>
  );
}
