import { useTranslation } from 'react-i18next';
import { formatBytes } from '../api';
import { useAgencyNames } from '../directory/hooks';
import { formatDate, formatDateTime } from '../ui';
import type { Feedback, FeedbackStatus } from './types';

const TONE: Record<FeedbackStatus, string> = {
  received: 'tag--yellow',
  routed: '',
  answered: 'tag--yellow',
  approved: 'tag--green',
  published: 'tag--green',
  merged: 'tag--grey',
};

export function FeedbackStatusTag({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation('feedback');
  return (
    <span className={`tag ${TONE[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** The steps of a piece of feedback, with the agencies of a transfer and the late ones marked. */
export function FeedbackTimeline({ feedback }: { feedback: Feedback }) {
  const { t, i18n } = useTranslation('feedback');
  const codes = [
    ...new Set(feedback.timeline.flatMap((e) => [e.fromAgency, e.toAgency]).filter((c): c is string => !!c)),
  ];
  const name = useAgencyNames(codes);
  return (
    <ol className="timeline" data-testid="feedback-timeline">
      {feedback.timeline.map((e, i) => (
        <li key={i} className="timeline__item" data-event={e.kind}>
          <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> — {t(`events.${e.kind}`, e.kind)}
          {e.fromAgency && e.toAgency
            ? ` (${name(e.fromAgency)} → ${name(e.toAgency)})`
            : e.toAgency
              ? ` (${name(e.toAgency)})`
              : ''}
          {e.note && e.kind !== 'routed' ? `: ${e.note}` : ''}
          {e.late && <strong className="tag tag--red"> {t('track.late')}</strong>}
        </li>
      ))}
    </ol>
  );
}

/** The summary of a piece of feedback as its submitter and its agency see it. */
export function FeedbackSummary({ feedback: f }: { feedback: Feedback }) {
  const { t, i18n } = useTranslation('feedback');
  const name = useAgencyNames(f.agencyCode ? [f.agencyCode] : f.candidateAgencies);
  return (
    <dl className="summary" data-testid="feedback-summary">
      <dt>{t('fields.code')}</dt>
      <dd className="mono">{f.code}</dd>
      <dt>{t('fields.status')}</dt>
      <dd>
        <FeedbackStatusTag status={f.status} />
      </dd>
      <dt>{t('fields.type')}</dt>
      <dd>{t(`types.${f.contentType}`, f.contentType)}</dd>
      {f.procedureName && (
        <>
          <dt>{t('fields.procedure')}</dt>
          <dd>{f.procedureName}</dd>
        </>
      )}
      <dt>{t('fields.agency')}</dt>
      <dd>{f.agencyCode ? name(f.agencyCode) : f.candidateAgencies.map(name).join(', ')}</dd>
      <dt>{t('fields.createdAt')}</dt>
      <dd>{formatDate(f.createdAt, i18n.language)}</dd>
      {f.dueAt && (
        <>
          <dt>{t('fields.dueAt')}</dt>
          <dd>{formatDate(f.dueAt, i18n.language)}</dd>
        </>
      )}
      {f.title && (
        <>
          <dt>{t('fields.title')}</dt>
          <dd>{f.title}</dd>
        </>
      )}
      {f.text && (
        <>
          <dt>{t('fields.text')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{f.text}</dd>
        </>
      )}
      <dt>{t('fields.answer')}</dt>
      <dd style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-answer">
        {f.answer || t('track.noAnswer')}
      </dd>
    </dl>
  );
}

/**
 * The attachments of a piece of feedback: all of them for whoever filed it (with the follow token)
 * and its agency; once published, only those the officer chose to show, for everyone else.
 */
export function FeedbackAttachments({ feedback, token }: { feedback: Feedback; token?: string }) {
  const { t, i18n } = useTranslation('feedback');
  const full = feedback.access.staff || feedback.access.submitter;
  const list: { fileId: string; name: string; size?: number | null; public?: boolean }[] = full
    ? feedback.attachments
    : (feedback.public?.attachments ?? []);
  if (!list.length) return null;
  const href = (fileId: string) =>
    `/api/feedback/${feedback.code}/attachments/${fileId}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return (
    <section className="section" aria-labelledby="fb-attachments">
      <h2 id="fb-attachments">{t('attachments.title')}</h2>
      <ul className="file-list" data-testid="feedback-attachments">
        {list.map((f) => (
          <li key={f.fileId}>
            <a href={href(f.fileId)} download>
              {f.name}
            </a>
            {typeof f.size === 'number' && (
              <span className="file-list__doc">
                {formatBytes(f.size, i18n.language)}
                {full && feedback.publishedAt ? ` · ${t(f.public ? 'attachments.shown' : 'attachments.private')}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
