import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PasskeyConfirm, passkeyConfirmation, useMe, usePasskeys } from '../../../features/identity';
import {
  useAnswerOpinion,
  useCloseOpinion,
  useDraftOpinionDecision,
  useOpinionTally,
} from '../../../features/meetings/hooks';
import { useMySigningCertificates } from '../../../features/pki';
import {
  ChoiceGroup,
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  SelectField,
  SuccessNotice,
  TableView,
  TextAreaField,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

type Answer = 'agree' | 'disagree' | 'other';

/**
 * A written opinion round: the question and papers, my signed answer (certificate, confirmed by a TOTP code or
 * by one of my passkeys: an assertion made for `signature:<certificateId>`), the tally.
 */
export default function OpinionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('meetings');
  usePageTitle(t('opinion.title'));
  const me = useMe();
  const tally = useOpinionTally(id);
  const answer = useAnswerOpinion(id);
  const { certs, usable } = useMySigningCertificates(me.data?.id);
  const [choice, setChoice] = useState<Answer | undefined>();
  const [text, setText] = useState('');
  const [certificateId, setCertificateId] = useState('');
  const [otp, setOtp] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [passkeyError, setPasskeyError] = useState<string | undefined>();
  const fields = useFieldErrors(answer.error);
  const [decision, setDecision] = useState<{ type: 'TB' | 'QD'; signerName: string; signerPosition: string }>({
    type: 'TB',
    signerName: '',
    signerPosition: '',
  });
  // Who sent the question drafts the result as a document, once the round is closed (documents module).
  const draft = useDraftOpinionDecision(id);
  const decisionFields = useFieldErrors(draft.error);
  // Who sent the round closes it (irreversible: asked to confirm); the tally then shows the result.
  const [confirmClose, setConfirmClose] = useState(false);
  const close = useCloseOpinion(id);
  const asked = !!tally.data?.answers.some((a) => a.userId === me.data?.id);
  const canAnswer = asked && !!tally.data && !tally.data.mine && tally.data.status === 'open';
  // As on the documents' signing form: a passkey when he has one (and the browser can), the code when he has an app.
  const passkeys = usePasskeys(canAnswer);
  const canPasskey =
    canAnswer && (passkeys.data?.items.length ?? 0) > 0 && typeof window !== 'undefined' && browserSupportsWebAuthn();
  const showOtp = !canPasskey || !!me.data?.totpEnabled;
  if (tally.isPending) return <Loading />;
  if (tally.isError) return <QueryError error={tally.error} />;
  const r = tally.data;
  const lang = i18n.language;

  async function submit(e: FormEvent | null, passkeyChosen = false) {
    e?.preventDefault();
    if (!choice) return;
    // Without a code field (passkey only), Enter in the form confirms with the passkey too.
    const withPasskey = passkeyChosen || (canPasskey && !showOtp);
    const chosen = certificateId || usable[0]?.id || '';
    setPasskeyError(undefined);
    answer.reset();
    const body = { answer: choice, text: text || undefined, certificateId: chosen };
    if (!withPasskey) return answer.mutate({ ...body, otp });
    setConfirming(true);
    try {
      // The assertion is made for this certificate only: the server signs with that one.
      const passkey = await passkeyConfirmation(`signature:${chosen}`);
      answer.mutate({ ...body, passkey });
    } catch (err) {
      // The browser's dialog was cancelled or timed out (a DOMException); server refusals come through `answer`.
      if (err instanceof DOMException) setPasskeyError(t('opinion.passkeyCancelled'));
      else throw err;
    } finally {
      setConfirming(false);
    }
  }
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
        <form className="form" onSubmit={(e) => void submit(e)}>
          <ErrorSummary
            error={answer.error}
            fieldIds={{
              text: 'opinion-text',
              otp: 'opinion-otp',
              answer: 'opinion-answer',
              passkey: 'opinion-passkey',
            }}
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
              choices={usable.map((c) => ({ value: c.id, label: c.serial }))}
            />
          )}
          {certs.isSuccess && usable.length === 0 && (
            <p className="notice notice--warning">{t('opinion.noCertificate')}</p>
          )}
          {canPasskey && (
            <PasskeyConfirm
              id="opinion-passkey"
              label={t('opinion.usePasskey')}
              hint={t('opinion.passkeyHint')}
              error={passkeyError ?? fields.passkey}
              orText={showOtp ? t('opinion.orOtp') : undefined}
              disabled={!choice || answer.isPending || confirming || usable.length === 0}
              onConfirm={() => void submit(null, true)}
            />
          )}
          {showOtp && (
            <>
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
            </>
          )}
        </form>
      )}
      {r.mayClose && (
        <section className="section" aria-labelledby="close-title">
          <h2 id="close-title">{t('opinion.close.title')}</h2>
          <p>{t('opinion.close.intro', { answered: r.answered, asked: r.asked })}</p>
          <ErrorSummary error={close.error} />
          {confirmClose ? (
            <div className="notice notice--warning" role="alert" data-testid="close-confirm">
              <p>{t('opinion.close.confirm')}</p>
              <div className="btn-row">
                <button
                  type="button"
                  className="btn"
                  disabled={close.isPending}
                  onClick={() => close.mutate(undefined, { onSuccess: () => setConfirmClose(false) })}
                >
                  {t('opinion.close.confirmButton')}
                </button>
                <button type="button" className="btn btn--secondary" onClick={() => setConfirmClose(false)}>
                  {t('opinion.close.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="btn btn--secondary" onClick={() => setConfirmClose(true)}>
              {t('opinion.close.button')}
            </button>
          )}
        </section>
      )}
      {r.mayDraftDecision && (
        <section className="section" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('opinion.decision.title')}</h2>
          <p>{t('opinion.decision.intro')}</p>
          {draft.isSuccess ? (
            <SuccessNotice>
              {t('opinion.decision.drafted')}{' '}
              <Link to={`/staff/documents/${draft.data.documentId}`}>{t('opinion.decision.open')}</Link>
            </SuccessNotice>
          ) : (
            <form
              className="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                draft.mutate(decision);
              }}
            >
              <ErrorSummary
                error={draft.error}
                fieldIds={{ type: 'decision-type', signerName: 'decision-signer', signerPosition: 'decision-position' }}
              />
              <SelectField
                id="decision-type"
                label={t('opinion.decision.type')}
                value={decision.type}
                error={decisionFields.type}
                onChange={(e) => setDecision({ ...decision, type: e.target.value as 'TB' | 'QD' })}
                choices={(['TB', 'QD'] as const).map((v) => ({ value: v, label: t(`opinion.decision.types.${v}`) }))}
              />
              <TextField
                id="decision-signer"
                label={t('opinion.decision.signerName')}
                value={decision.signerName}
                error={decisionFields.signerName}
                onChange={(e) => setDecision({ ...decision, signerName: e.target.value })}
              />
              <TextField
                id="decision-position"
                label={t('opinion.decision.signerPosition')}
                value={decision.signerPosition}
                error={decisionFields.signerPosition}
                onChange={(e) => setDecision({ ...decision, signerPosition: e.target.value })}
              />
              <button type="submit" className="btn" disabled={draft.isPending}>
                {t('opinion.decision.draft')}
              </button>
            </form>
          )}
        </section>
      )}
      <section className="section" aria-labelledby="tally-title">
        <h2 id="tally-title">{t('opinion.tally')}</h2>
        <p data-testid="opinion-counts">{t('opinion.counts', r)}</p>
        <TableView
          label={t('opinion.tally')}
          headers={[t('fields.name'), t('opinion.answer'), t('opinion.text'), t('fields.answered')]}
        >
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
                    <a href={`/api/opinion-requests/${r.id}/answers/${a.userId}/signature`}>{t('opinion.signature')}</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </TableView>
      </section>
    </article>
  );
}
