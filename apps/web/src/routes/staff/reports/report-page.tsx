import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencyNames } from '../../../features/directory/hooks';
import { useMe } from '../../../features/identity';
import { useMySigningCertificates } from '../../../features/pki';
import { useAct, useFill, useImportXlsx, useObligation, useSignReport } from '../../../features/reporting/hooks';
import {
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

/** One report: its figures by the template, the text sections, the actions the caller may take, the history. */
export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('reporting');
  const q = useObligation(id);
  const o = q.data;
  const names = useAgencyNames(o ? [o.agencyCode, o.receiverCode] : []);
  usePageTitle(o ? t('report.title', { agency: names(o.agencyCode), period: o.periodLabel }) : t('reports.title'));
  const fill = useFill(id);
  const act = useAct(id);
  const importXlsx = useImportXlsx(id);
  const sign = useSignReport(id);
  const me = useMe();
  const maySign = !!o?.access.sign && (o.status === 'open' || o.status === 'returned');
  const { certs, usable } = useMySigningCertificates(me.data?.id, maySign);
  const [certificateId, setCertificateId] = useState('');
  const [otp, setOtp] = useState('');
  const [signed, setSigned] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(false);
  // The form shows the saved report with the caller's edits on top (edits are dropped once saved).
  const valueOf = (code: string) => values[code] ?? (o?.values[code] == null ? '' : String(o.values[code]));
  const textOf = (code: string) => texts[code] ?? o?.texts[code] ?? '';
  const error = fill.error ?? act.error ?? importXlsx.error ?? sign.error;
  const fieldErrors = useFieldErrors(error);
  if (q.isPending) return <Loading />;
  if (q.isError || !o) return <QueryError error={q.error} />;
  const editable = o.access.fill && (o.status === 'open' || o.status === 'returned');
  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const typed = Object.fromEntries(
      o.template.indicators
        .filter((i) => !i.formula)
        .map((i) => [i.code, values[i.code]?.trim() ? values[i.code]!.trim() : null]),
    );
    setSigned(false);
    fill.mutate({ values: typed, texts }, { onSuccess: () => setSaved(true) });
  };
  const doSign = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSigned(false);
    sign.mutate(
      { certificateId: certificateId || usable[0]?.id || '', otp, version: o.version },
      {
        onSuccess: () => {
          setSigned(true);
          setOtp('');
        },
      },
    );
  };
  const needsSignature = o.access.signatureRequired && !o.signature;
  return (
    <div className="page">
      <p>
        <Link to="/staff/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{t('report.title', { agency: names(o.agencyCode), period: o.periodLabel })}</h1>
      <p>
        {o.regime.name} · {t('report.window', { from: o.periodFrom, to: o.periodTo })}
      </p>
      <dl className="summary">
        <dt>{t('fields.status')}</dt>
        <dd data-testid="report-status">{t(`status.${o.status}`)}</dd>
        <dt>{t('fields.due')}</dt>
        <dd>
          {formatDateTime(o.dueAt, i18n.language)} {(o.overdue || o.late) && <strong>({t('report.overdue')})</strong>}
        </dd>
        <dt>{t('fields.receiver')}</dt>
        <dd>{names(o.receiverCode)}</dd>
        <dt>{t('report.signature')}</dt>
        <dd data-testid="report-signature">
          {o.signature ? (
            <>
              {t('report.signedBy', {
                name: o.signature.signedByName,
                at: formatDateTime(o.signature.signedAt, i18n.language),
              })}{' '}
              · <a href={`/api/report-obligations/${o.id}/signature/content`}>{t('report.signedContent')}</a> ·{' '}
              <a href={`/api/report-obligations/${o.id}/signature/signature`}>{t('report.signatureFile')}</a>
            </>
          ) : (
            t('report.notSigned')
          )}
        </dd>
        {o.returnComment && (
          <>
            <dt>{t('fields.comment')}</dt>
            <dd>{o.returnComment}</dd>
          </>
        )}
      </dl>
      <ErrorSummary
        error={error}
        fieldIds={{
          ...Object.fromEntries(o.template.indicators.map((i) => [`values.${i.code}`, `v-${i.code}`])),
          otp: 'report-otp',
        }}
      />
      {saved && <SuccessNotice>{t('report.saved')}</SuccessNotice>}
      {signed && <SuccessNotice>{t('report.signed')}</SuccessNotice>}
      <form onSubmit={save} noValidate>
        <div className="report-form-grid">
          {o.template.indicators.map((ind) => (
            <TextField
              key={ind.code}
              id={`v-${ind.code}`}
              label={`${ind.code}. ${ind.name} (${ind.unit})`}
              hint={ind.formula ? `${t('report.computed')}: ${ind.formula}` : undefined}
              inputMode="decimal"
              value={valueOf(ind.code)}
              readOnly={!editable || !!ind.formula}
              error={fieldErrors[`values.${ind.code}`]}
              onChange={(e) => setValues((v) => ({ ...v, [ind.code]: e.target.value }))}
            />
          ))}
        </div>
        {o.template.sections.length > 0 && <h2>{t('report.sections')}</h2>}
        {o.template.sections.map((s) => (
          <TextAreaField
            key={s.code}
            id={`s-${s.code}`}
            label={s.title}
            value={textOf(s.code)}
            readOnly={!editable}
            onChange={(e) => setTexts((x) => ({ ...x, [s.code]: e.target.value }))}
          />
        ))}
        {editable && (
          <div className="btn-row">
            <button type="submit" className="btn" disabled={fill.isPending}>
              {t('report.save')}
            </button>
          </div>
        )}
      </form>
      {maySign && !o.signature && (
        <section className="section" aria-labelledby="sign-title">
          <h2 id="sign-title">{t('report.signTitle')}</h2>
          <p>{t('report.signIntro')}</p>
          <form className="form" onSubmit={doSign} noValidate>
            {usable.length > 1 && (
              <SelectField
                id="report-certificate"
                label={t('report.certificate')}
                value={certificateId}
                onChange={(e) => setCertificateId(e.target.value)}
                choices={usable.map((c) => ({ value: c.id, label: c.serial }))}
              />
            )}
            {certs.isSuccess && usable.length === 0 && (
              <p className="notice notice--warning">{t('report.noCertificate')}</p>
            )}
            <TextField
              id="report-otp"
              label={t('report.otp')}
              hint={t('report.otpHint')}
              className="input--code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={otp}
              error={fieldErrors.otp}
              onChange={(e) => setOtp(e.target.value.trim())}
            />
            <button type="submit" className="btn" disabled={sign.isPending || usable.length === 0}>
              {t('report.sign')}
            </button>
          </form>
        </section>
      )}
      <div className="btn-row">
        <a className="btn btn--secondary" href={`/api/report-obligations/${o.id}/pdf`} download>
          {t('report.pdf')}
        </a>
        <a className="btn btn--secondary" href={`/api/report-obligations/${o.id}/xlsx`} download>
          {t('report.excel')}
        </a>
        {editable && (
          <label className="btn btn--secondary">
            {t('report.import')}
            <input
              type="file"
              className="visually-hidden"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) importXlsx.mutate(f);
                e.target.value = '';
              }}
            />
          </label>
        )}
        {o.access.submit && editable && (
          <button
            type="button"
            className="btn"
            disabled={act.isPending || needsSignature}
            onClick={() => act.mutate({ action: 'submit' })}
          >
            {t('report.submit')}
          </button>
        )}
      </div>
      {o.access.submit && editable && !o.signature && (
        <p className="muted">{o.access.signatureRequired ? t('report.signFirst') : t('report.signOptional')}</p>
      )}
      {o.access.decide && o.status === 'submitted' && (
        <div className="btn-row">
          <button
            type="button"
            className="btn"
            disabled={act.isPending}
            onClick={() => act.mutate({ action: 'accept' })}
          >
            {t('report.accept')}
          </button>
          <TextField
            id="return-comment"
            label={t('fields.comment')}
            value={comment}
            error={fieldErrors.comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="button"
            className="btn btn--secondary"
            disabled={act.isPending}
            onClick={() => act.mutate({ action: 'return', comment })}
          >
            {t('report.return')}
          </button>
        </div>
      )}
      <h2>{t('report.history')}</h2>
      <ol>
        {o.events.map((e, i) => (
          <li key={i}>
            {formatDateTime(e.at, i18n.language)} — {t(`report.actions.${e.action}`, { defaultValue: e.action })}
            {e.actorName ? ` — ${e.actorName}` : ''}
            {e.comment ? `: ${e.comment}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
