import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAnswerPetition, usePetition, useSupport } from '../../../features/feedback/hooks';
import { hasRole, useMe } from '../../../features/identity';
import { ErrorSummary, formatDate, Loading, SuccessNotice, TextAreaField, usePageTitle } from '../../../features/ui';

/** A petition: its count (the records' count), support and withdrawal, the agency's answer. */
export function PetitionPage() {
  const { t, i18n } = useTranslation('feedback');
  const { id } = useParams();
  const q = usePetition(id);
  const me = useMe();
  const support = useSupport(id ?? '');
  const answer = useAnswerPetition(id ?? '');
  const [text, setText] = useState('');
  usePageTitle(q.data?.title ?? t('petitions.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorSummary error={q.error} />;
  const p = q.data;
  const lang = i18n.language;
  const open = p.status === 'open' || p.status === 'responding';
  const citizen = me.data && me.data.kind !== 'staff';
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/kien-nghi">{t('petitions.title')}</Link>
      </p>
      <h1>{p.title}</h1>
      <dl className="summary" data-testid="petition-summary">
        <dt>{t('fields.status')}</dt>
        <dd data-status={p.status}>{t(`petitions.status.${p.status}`)}</dd>
        <dt>{t('fields.agency')}</dt>
        <dd className="mono">{p.agencyCode}</dd>
        <dt>{t('petitions.supports')}</dt>
        <dd data-testid="petition-count">
          {p.supportCount} / {p.threshold}
        </dd>
        <dt>{t('petitions.closesAt')}</dt>
        <dd>{formatDate(p.closesAt, lang)}</dd>
        {p.responseDueAt && (
          <>
            <dt>{t('petitions.responseDueAt')}</dt>
            <dd>{formatDate(p.responseDueAt, lang)}</dd>
          </>
        )}
        <dt>{t('fields.text')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{p.text}</dd>
      </dl>
      {support.isError && <ErrorSummary error={support.error} />}
      {citizen && open && p.supportedByMe !== true && (
        <button className="btn" type="button" disabled={support.isPending} onClick={() => support.mutate(true)}>
          {t('petitions.support')}
        </button>
      )}
      {citizen && open && p.supportedByMe === true && (
        <>
          <SuccessNotice>{t('petitions.supported')}</SuccessNotice>
          <button
            className="btn btn--secondary"
            type="button"
            disabled={support.isPending}
            onClick={() => support.mutate(false)}
          >
            {t('petitions.withdraw')}
          </button>
        </>
      )}
      {!me.data && open && <p className="hint">{t('petitions.loginToSupport')}</p>}
      {p.answer && (
        <section className="section" aria-labelledby="pet-answer">
          <h2 id="pet-answer">{t('petitions.answer')}</h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{p.answer}</p>
        </section>
      )}
      {p.status === 'responding' && hasRole(me.data, 'leader') && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            answer.mutate(text);
          }}
        >
          {answer.isError && <ErrorSummary error={answer.error} fieldIds={{ text: 'pet-answer-text' }} />}
          <TextAreaField
            id="pet-answer-text"
            label={t('petitions.answer')}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button className="btn" type="submit" disabled={answer.isPending}>
            {t('petitions.answerButton')}
          </button>
        </form>
      )}
    </div>
  );
}
