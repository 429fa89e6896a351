import './signatures.css';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui';
import type { Indication, SignatureReport, ValidationReport } from './types';

const TAG: Record<Indication, string> = {
  TOTAL_PASSED: 'tag tag--green',
  INDETERMINATE: 'tag tag--yellow',
  TOTAL_FAILED: 'tag tag--red',
};

/** The ETSI indication as a coloured, labelled badge (colour is never the only signal). */
export function IndicationBadge({ indication }: { indication: Indication }) {
  const { t } = useTranslation('signatures');
  return (
    <span className={TAG[indication]} data-indication={indication}>
      {t(`report.indications.${indication}`)}
    </span>
  );
}

function SignatureSection({ s }: { s: SignatureReport }) {
  const { t, i18n } = useTranslation('signatures');
  const yesNo = (v: boolean | null) => t(v === null ? 'report.na' : v ? 'report.yes' : 'report.no');
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, i18n.language) : '—');
  const headingId = `sig-${s.index}`;
  return (
    <section className="section sig-report" aria-labelledby={headingId} data-testid="signature-report">
      <h3 id={headingId}>
        {t('report.signature', { n: s.index + 1 })} <IndicationBadge indication={s.indication} />
      </h3>
      <p>
        {t(`report.explain.${s.subIndication ?? 'PASSED'}`)}{' '}
        {s.subIndication && (
          <span className="mono muted">
            ({s.indication} / {s.subIndication})
          </span>
        )}
      </p>
      <dl className="summary">
        <dt>{t('report.fields.signer')}</dt>
        <dd>{s.signer?.commonName ?? s.signer?.subject ?? '—'}</dd>
        <dt>{t('report.fields.format')}</dt>
        <dd>{`${s.format}${s.level ? ` ${s.level}` : ''}`}</dd>
        <dt>{t('report.fields.claimedTime')}</dt>
        <dd>{when(s.claimedSigningTime)}</dd>
        <dt>{t('report.fields.timestamp')}</dt>
        <dd>
          {s.timestamp
            ? `${when(s.timestamp.time)} — ${s.timestamp.authority}${s.timestamp.valid ? '' : ` (${t('report.fields.timestampInvalid')})`}`
            : t('report.fields.noTimestamp')}
        </dd>
        <dt>{t('report.fields.anchor')}</dt>
        <dd>
          {s.trustAnchor
            ? `${s.trustAnchor.subject} — ${t(`report.categories.${s.trustAnchor.category}`)}`
            : t('report.fields.noAnchor')}
        </dd>
        <dt>{t('report.fields.revocation')}</dt>
        <dd>
          {s.revocation
            ? `${t(`report.revocations.${s.revocation.status}`)}${s.revocation.revokedAt ? ` (${when(s.revocation.revokedAt)})` : ''}`
            : '—'}
        </dd>
        <dt>{t('report.fields.intact')}</dt>
        <dd>{yesNo(s.intact)}</dd>
        <dt>{t('report.fields.covers')}</dt>
        <dd>{yesNo(s.coversWholeDocument)}</dd>
        <dt>{t('report.fields.modified')}</dt>
        <dd>{yesNo(s.modifiedAfterSigning)}</dd>
      </dl>
      {s.chain.length > 0 && (
        <>
          <h4>{t('report.fields.chain')}</h4>
          <ol className="sig-chain">
            {s.chain.map((c) => (
              <li key={c.fingerprint}>{c.subject}</li>
            ))}
          </ol>
        </>
      )}
      {s.messages.length > 0 && (
        <details>
          <summary>{t('report.fields.notes')}</summary>
          <ul>
            {s.messages.map((m) => (
              <li key={m} lang="en">
                {m}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** A validation report: the overall verdict, then each signature. */
export function ReportView({ report }: { report: ValidationReport }) {
  const { t } = useTranslation('signatures');
  return (
    <section className="section" aria-labelledby="report-title" data-testid="validation-report">
      <h2 id="report-title">
        {t('report.title')}: <IndicationBadge indication={report.indication} />
      </h2>
      {report.signatures.length === 0 ? (
        <p>{t('report.none')}</p>
      ) : (
        report.signatures.map((s) => <SignatureSection key={s.index} s={s} />)
      )}
    </section>
  );
}
