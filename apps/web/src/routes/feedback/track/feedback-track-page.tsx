import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { FeedbackAttachments, FeedbackSummary, FeedbackTimeline } from '../../../features/feedback/components';
import { useFeedback, useFeedbackAction } from '../../../features/feedback/hooks';
import {
  ErrorSummary,
  Loading,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  usePageTitle,
} from '../../../features/ui';

/** Follow a piece of feedback by its code (the whole of it with the follow token or one's own account), and rate the answer. */
export function FeedbackTrackPage() {
  const { t } = useTranslation('feedback');
  const { code } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? undefined;
  const created = !!(useLocation().state as { created?: boolean } | null)?.created;
  const navigate = useNavigate();
  usePageTitle(code ? t('track.title', { code }) : t('track.lookup'));
  const q = useFeedback(code, token);
  const rate = useFeedbackAction(code ?? '', token);
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const [draft, setDraft] = useState('');

  if (!code) {
    const go = (e: FormEvent) => {
      e.preventDefault();
      if (draft.trim()) void navigate(`/phan-anh/theo-doi/${draft.trim().toUpperCase()}`);
    };
    return (
      <div className="page page--narrow">
        <h1>{t('track.lookup')}</h1>
        <form role="search" className="form" onSubmit={go}>
          <TextField id="fb-lookup" label={t('fields.code')} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button className="btn" type="submit">
            {t('track.lookupButton')}
          </button>
        </form>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t('track.title', { code })}</h1>
      {created && q.data && <SuccessNotice>{t('new.done', { code })}</SuccessNotice>}
      {q.isPending && <Loading />}
      {q.isError && <ErrorSummary error={q.error} />}
      {q.data && (
        <>
          <FeedbackSummary feedback={q.data} />
          {q.data.public && !q.data.access.submitter && !q.data.access.staff && (
            <p className="hint">{t('track.public')}</p>
          )}
          <FeedbackAttachments feedback={q.data} token={token} />
          <section className="section" aria-labelledby="fb-timeline">
            <h2 id="fb-timeline">{t('track.timeline')}</h2>
            <FeedbackTimeline feedback={q.data} />
          </section>
          {q.data.access.actions.includes('rate') && (
            <section className="section" aria-labelledby="fb-rate">
              <h2 id="fb-rate">{t('track.rate')}</h2>
              <form
                className="form"
                onSubmit={(e) => {
                  e.preventDefault();
                  rate.mutate({ action: 'rate', rating: Number(rating), comment: comment || undefined, token });
                }}
              >
                {rate.isError && <ErrorSummary error={rate.error} />}
                <SelectField
                  id="fb-rating"
                  label={t('fields.rating')}
                  value={rating}
                  onChange={(e) => setRating(e.target.value)}
                  choices={['5', '4', '3', '2', '1'].map((r) => ({ value: r, label: r }))}
                />
                <TextAreaField
                  id="fb-comment"
                  label={t('fields.text')}
                  rows={3}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                />
                <button className="btn" type="submit" disabled={rate.isPending}>
                  {t('track.rateButton')}
                </button>
              </form>
            </section>
          )}
          {q.data.ratedAt && q.data.access.submitter && <SuccessNotice>{t('track.rated')}</SuccessNotice>}
        </>
      )}
    </div>
  );
}
