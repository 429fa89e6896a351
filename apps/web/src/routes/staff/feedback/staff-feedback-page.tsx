import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FeedbackAttachments, FeedbackSummary, FeedbackTimeline } from '../../../features/feedback/components';
import { useFeedback, useFeedbackAction, useRevealContactPhone } from '../../../features/feedback/hooks';
import type { FeedbackAction } from '../../../features/feedback/types';
import { ErrorSummary, Loading, SuccessNotice, TextAreaField, TextField, usePageTitle } from '../../../features/ui';

/** One piece of feedback for its agency: route, transfer, draft, approve, publish, merge. */
export default function StaffFeedbackPage() {
  const { t } = useTranslation('feedback');
  const { code = '' } = useParams();
  usePageTitle(t('track.title', { code }));
  const q = useFeedback(code);
  const act = useFeedbackAction(code);
  const reveal = useRevealContactPhone(code);
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [into, setInto] = useState('');
  const [shown, setShown] = useState<string[]>([]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorSummary error={q.error} />;
  const f = q.data;
  const can = (a: string) => f.access.actions.includes(a);
  const run = (body: FeedbackAction) => act.mutate(body);
  return (
    <>
      <p>
        <Link to="/staff/feedback">{t('staff.title')}</Link>
      </p>
      <h1>{t('track.title', { code })}</h1>
      {f.escalatedAt && <p className="tag tag--red">{t('staff.escalated')}</p>}
      <FeedbackSummary feedback={f} />
      {(f.contactName || f.contactPhone) && (
        <p>
          {t('staff.contact')}: {f.contactName}
          {f.contactName && f.contactPhone && ' · '}
          {f.contactPhone &&
            (reveal.data ? (
              <a href={`tel:${reveal.data.phone.replace(/\s/g, '')}`}>{reveal.data.phone}</a>
            ) : (
              <>
                {f.contactPhone}{' '}
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  disabled={reveal.isPending}
                  onClick={() => reveal.mutate()}
                >
                  {t('staff.revealPhone')}
                </button>
              </>
            ))}
        </p>
      )}
      {f.contactPhone && !reveal.data && <p className="hint">{t('staff.revealPhoneHint')}</p>}
      {reveal.isError && <ErrorSummary error={reveal.error} />}
      <FeedbackAttachments feedback={f} />
      {f.duplicates.length > 0 && (
        <section className="section" aria-labelledby="fb-dups">
          <h2 id="fb-dups">{t('staff.duplicates')}</h2>
          <ul>
            {f.duplicates.map((d) => (
              <li key={d.code}>
                <Link to={`/staff/feedback/${d.code}`}>{d.code}</Link> — {d.title}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="section" aria-labelledby="fb-actions">
        <h2 id="fb-actions">{t('staff.actions')}</h2>
        {act.isError && (
          <ErrorSummary
            error={act.error}
            fieldIds={{ agencyCode: 'fb-agency', reason: 'fb-reason', text: 'fb-answer', into: 'fb-into' }}
          />
        )}
        {act.isSuccess && <SuccessNotice>{t('actions.done')}</SuccessNotice>}
        {(can('route') || can('transfer')) && (
          <div className="form">
            <TextField
              id="fb-agency"
              label={t('fields.agency')}
              value={agency}
              onChange={(e) => setAgency(e.target.value)}
            />
            {can('transfer') && (
              <TextField
                id="fb-reason"
                label={t('actions.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            {can('route') && (
              <button className="btn" type="button" onClick={() => run({ action: 'route', agencyCode: agency })}>
                {t('actions.route')}
              </button>
            )}
            {can('transfer') && (
              <button
                className="btn btn--secondary btn--small"
                type="button"
                onClick={() => run({ action: 'transfer', agencyCode: agency, reason })}
              >
                {t('actions.transfer')}
              </button>
            )}
          </div>
        )}
        {can('answer') && (
          <div className="form">
            <TextAreaField
              id="fb-answer"
              label={t('fields.answer')}
              rows={6}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <button className="btn" type="button" onClick={() => run({ action: 'answer', text })}>
              {t('actions.answer')}
            </button>
          </div>
        )}
        {can('approve') && (
          <button className="btn" type="button" onClick={() => run({ action: 'approve' })}>
            {t('actions.approve')}
          </button>
        )}{' '}
        {can('publish') && (
          <div className="form">
            {f.attachments.length > 0 && (
              <fieldset className="field">
                <legend className="label">{t('attachments.publishPick')}</legend>
                <span className="hint">{t('attachments.publishHint')}</span>
                {f.attachments.map((a) => (
                  <label className="checkbox" key={a.fileId}>
                    <input
                      type="checkbox"
                      checked={shown.includes(a.fileId)}
                      onChange={(e) =>
                        setShown((s) => (e.target.checked ? [...s, a.fileId] : s.filter((x) => x !== a.fileId)))
                      }
                    />{' '}
                    {a.name}
                  </label>
                ))}
              </fieldset>
            )}
            <button className="btn" type="button" onClick={() => run({ action: 'publish', publicAttachments: shown })}>
              {t('actions.publish')}
            </button>
          </div>
        )}
        {can('merge') && (
          <div className="form">
            <TextField id="fb-into" label={t('actions.into')} value={into} onChange={(e) => setInto(e.target.value)} />
            <button
              className="btn btn--secondary btn--small"
              type="button"
              onClick={() => run({ action: 'merge', into })}
            >
              {t('actions.merge')}
            </button>
          </div>
        )}
      </section>
      {f.public && (
        <section className="section" aria-labelledby="fb-public">
          <h2 id="fb-public">{t('track.public')}</h2>
          <p data-testid="feedback-public-text" style={{ whiteSpace: 'pre-wrap' }}>
            {f.public.title}
            {'\n'}
            {f.public.text}
            {'\n\n'}
            {f.public.answer}
          </p>
        </section>
      )}
      <section className="section" aria-labelledby="fb-timeline">
        <h2 id="fb-timeline">{t('track.timeline')}</h2>
        <FeedbackTimeline feedback={f} />
      </section>
    </>
  );
}
