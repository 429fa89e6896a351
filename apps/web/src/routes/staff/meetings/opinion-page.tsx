import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../../features/identity';
import { useAnswerOpinion, useOpinionTally } from '../../../features/meetings/hooks';
import { certificateState, useCertificates } from '../../../features/pki';
import {
  ChoiceGroup,
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

type Answer = 'agree' | 'disagree' | 'other';

/** A written opinion round: the question and papers, my signed answer (certificate + TOTP), the tally. */
export default function OpinionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('meetings');
  usePageTitle(t('opinion.title'));
  const me = useMe();
  const tally = useOpinionTally(id);
  const answer = useAnswerOpinion(id);
  const certs = useCertificates({ owner: me.data?.id, profile: 'person', status: 'active', pageSize: 100 }, !!me.data);
  const usable = (certs.data?.items ?? []).filter(
    (c) => c.ownerUserId === me.data?.id && c.keyHeld && certificateState(c) === 'active',
  );
  const [choice, setChoice] = useState<Answer | undefined>();
  const [text, setText] = useState('');
  const [certificateId, setCertificateId] = useState('');
  const [otp, setOtp] = useState('');
  const fields = useFieldErrors(answer.error);
  if (tally.isPending) return <Loading />;
  if (tally.isError) return <QueryError error={tally.error} />;
  const r = tally.data;
  const lang = i18n.language;
  const asked = r.answers.some((a) => a.userId === me.data?.id);
  const canAnswer = asked && !r.mine && r.status === 'open';
  return (
    <article>
      <p className="breadcrumbs">
        <Link to="/staff/meetings">{t('list.title')}</Link>
      </p>
      <h1>{t('opinion.title')}</h1>
      <dl className="summary">
        <dt>{t('fields.question')}</dt>
        <dd>{r.question}</dd>
        <dt>{t('fields.deadline')}</dt>
        <dd>{formatDateTime(r.deadline, lang)}</dd>
        <dt>{t('fields.status')}</dt>
        <dd data-testid="opinion-status">
          {t(`opinion.${r.status}`)}
          {r.result && ` · ${t(`opinion.result.${r.result}`)}`}
        </dd>
      </dl>
      {r.papers.length > 0 && (
        <ul className="file-list">
          {r.papers.map((p) => (
            <li key={p.fileId}>
              <a href={`/api/opinion-requests/${r.id}/papers/${p.fileId}`} target="_blank" rel="noopener noreferrer">
                {p.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      {answer.isSuccess && <SuccessNotice>{t('opinion.signed')}</SuccessNotice>}
      {canAnswer && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!choice) return;
            answer.mutate({
              answer: choice,
              text: text || undefined,
              certificateId: certificateId || usable[0]?.id || '',
              otp,
            });
          }}
        >
          <ErrorSummary
            error={answer.error}
            fieldIds={{ text: 'opinion-text', otp: 'opinion-otp', answer: 'opinion-answer' }}
          />
          <ChoiceGroup<Answer>
            id="opinion-answer"
            legend={t('opinion.answer')}
            type="radio"
            choices={(['agree', 'disagree', 'other'] as const).map((v) => ({
              value: v,
              label: t(`opinion.choices.${v}`),
            }))}
            value={choice}
            onChange={(v) => setChoice(v[0])}
            error={fields.answer}
          />
          <TextAreaField
            id="opinion-text"
            label={t('opinion.text')}
            value={text}
            error={fields.text}
            onChange={(e) => setText(e.target.value)}
          />
          {usable.length > 1 && (
            <SelectField
              id="opinion-certificate"
              label={t('opinion.certificate')}
              value={certificateId}
              onChange={(e) => setCertificateId(e.target.value)}
            >
              {usable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.serial}
                </option>
              ))}
            </SelectField>
          )}
          {certs.isSuccess && usable.length === 0 && (
            <p className="notice notice--warning">{t('opinion.noCertificate')}</p>
          )}
          <TextField
            id="opinion-otp"
            label={t('opinion.otp')}
            hint={t('opinion.otpHint')}
            className="input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={otp}
            error={fields.otp}
            onChange={(e) => setOtp(e.target.value.trim())}
          />
          <button type="submit" className="btn" disabled={!choice || answer.isPending || usable.length === 0}>
            {t('opinion.sign')}
          </button>
        </form>
      )}
      <section className="section" aria-labelledby="tally-title">
        <h2 id="tally-title">{t('opinion.tally')}</h2>
        <p data-testid="opinion-counts">{t('opinion.counts', r)}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('opinion.answer')}</th>
                <th scope="col">{t('opinion.text')}</th>
                <th scope="col">{t('fields.answered')}</th>
              </tr>
            </thead>
            <tbody>
              {r.answers.map((a) => (
                <tr key={a.userId}>
                  <td>{a.fullName}</td>
                  <td>{a.answer ? t(`opinion.choices.${a.answer}`) : t('opinion.notAnswered')}</td>
                  <td>{a.text ?? ''}</td>
                  <td>
                    {a.answeredAt ? formatDateTime(a.answeredAt, lang) : '—'}
                    {a.canDownload && (
                      <>
                        {' · '}
                        <a href={`/api/opinion-requests/${r.id}/answers/${a.userId}/signature`}>
                          {t('opinion.signature')}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
