import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { StatusTag } from '../../../features/dossiers/components';
import { usePublicDossier } from '../../../features/dossiers/hooks';
import { ErrorSummary, formatDate, Loading, TextField, usePageTitle } from '../../../features/ui';

/**
 * "Tra cứu hồ sơ": status by dossier code and the last 4 digits of the applicant's ID number (or
 * the token of the receipt's QR link, which this page reads from the URL). No login, no personal data.
 */
export function TrackPage() {
  const { t, i18n } = useTranslation('services');
  usePageTitle(t('track.title'));
  const [params, setParams] = useSearchParams();
  const code = (params.get('code') ?? '').trim().toUpperCase();
  const token = params.get('token') ?? undefined;
  const idDigits = params.get('digits') ?? undefined;
  const [draft, setDraft] = useState(code);
  const [digits, setDigits] = useState(idDigits ?? '');
  const [missing, setMissing] = useState(false);
  const q = usePublicDossier(code || undefined, { token, idDigits });

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = draft.trim().toUpperCase();
    const d = digits.trim();
    setMissing(!!c && !/^\d{4}$/.test(d));
    if (c && !/^\d{4}$/.test(d)) return;
    setParams(c ? { code: c, digits: d } : {});
  }

  return (
    <div className="page page--narrow">
      <h1>{t('track.title')}</h1>
      <p className="lead">{token ? t('track.introQr') : t('track.intro')}</p>
      {!token && (
        <form role="search" aria-label={t('track.title')} onSubmit={submit} className="form" noValidate>
          <TextField
            id="track-code"
            label={t('track.code')}
            hint={t('track.codeHint')}
            value={draft}
            autoComplete="off"
            onChange={(e) => setDraft(e.target.value)}
          />
          <TextField
            id="track-digits"
            label={t('track.digits')}
            hint={t('track.digitsHint')}
            className="input--short"
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            value={digits}
            error={missing ? t('track.digitsRequired') : undefined}
            onChange={(e) => setDigits(e.target.value)}
          />
          <button className="btn" type="submit">
            {t('track.button')}
          </button>
        </form>
      )}
      {code && (token || idDigits) && q.isPending && <Loading />}
      {code && q.isError && <ErrorSummary error={q.error} />}
      {q.data && (
        <section className="section" aria-labelledby="track-result">
          <h2 id="track-result">
            {t('track.result')} <span className="mono">{q.data.code}</span>
          </h2>
          <dl className="summary" data-testid="track-result">
            <dt>{t('fields.procedure')}</dt>
            <dd>{q.data.procedureName}</dd>
            <dt>{t('fields.status')}</dt>
            <dd>
              <StatusTag statusCode={q.data.statusCode} label={q.data.statusLabel} />
            </dd>
            <dt>{t('fields.dueAt')}</dt>
            <dd>{q.data.dueAt ? formatDate(q.data.dueAt, i18n.language) : t('track.noDue')}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
