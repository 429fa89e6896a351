import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccessDelays, useCreateAccessDelay } from '../../../features/registries';
import {
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  TextAreaField,
  TextField,
  useFieldErrors,
  usePageTitle,
  vnDate,
} from '../../../features/ui';

/** The last moment of a Vietnamese calendar day, as the server wants it (ISO with the +07:00 offset). */
const endOfVnDay = (date: string) => `${date}T23:59:59+07:00`;

/**
 * A leader flags a legal delay (hoãn thông báo): his agency's reads of one person's registry data stay
 * off that person's "Ai đã xem dữ liệu của tôi" until a date, for an investigation the law allows to
 * delay; the delay is audited and the person sees it once it ends.
 */
export default function AccessDelaysPage() {
  const { t, i18n } = useTranslation('registries');
  usePageTitle(t('delays.title'));
  const q = useAccessDelays();
  const create = useCreateAccessDelay();
  const errors = useFieldErrors(create.error);
  const [subjectId, setSubjectId] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [confirm, setConfirm] = useState(false);
  const today = vnDate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirm) return setConfirm(true);
    setConfirm(false);
    create.mutate(
      { subjectId: subjectId.trim(), endsAt: endsOn ? endOfVnDay(endsOn) : '', legalBasis, caseReference },
      {
        onSuccess: () => {
          setSubjectId('');
          setEndsOn('');
          setLegalBasis('');
          setCaseReference('');
        },
      },
    );
  };
  // When the page opened: whether a delay still runs (the list is reloaded after each change).
  const [now] = useState(() => Date.now());
  return (
    <>
      <h1>{t('delays.title')}</h1>
      <p className="lead">{t('delays.intro')}</p>
      <ErrorSummary
        error={create.error}
        fieldIds={{
          subjectId: 'delay-subject',
          endsAt: 'delay-ends',
          legalBasis: 'delay-basis',
          caseReference: 'delay-case',
        }}
      />
      {create.data && (
        <div className="notice notice--success" role="status" data-testid="delay-saved">
          {create.data.created ? t('delays.created') : t('delays.existing')}
        </div>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="delay-form-title">
        <h2 id="delay-form-title">{t('delays.new')}</h2>
        <TextField
          id="delay-subject"
          label={t('delays.subject')}
          hint={t('delays.subjectHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={subjectId}
          error={errors.subjectId}
          onChange={(e) => setSubjectId(e.target.value)}
        />
        <TextField
          id="delay-ends"
          type="date"
          label={t('delays.endsOn')}
          hint={t('delays.endsHint')}
          min={today}
          value={endsOn}
          error={errors.endsAt}
          onChange={(e) => setEndsOn(e.target.value)}
        />
        <TextAreaField
          id="delay-basis"
          label={t('delays.legalBasis')}
          hint={t('delays.legalBasisHint')}
          value={legalBasis}
          error={errors.legalBasis}
          onChange={(e) => setLegalBasis(e.target.value)}
        />
        <TextField
          id="delay-case"
          label={t('delays.caseReference')}
          value={caseReference}
          error={errors.caseReference}
          onChange={(e) => setCaseReference(e.target.value)}
        />
        {confirm && (
          <div className="notice notice--warning" role="alert" data-testid="delay-confirm">
            <p>{t('delays.confirm', { id: subjectId.trim() })}</p>
          </div>
        )}
        <div className="btn-row">
          <button type="submit" className="btn" disabled={create.isPending}>
            {confirm ? t('delays.confirmButton') : t('delays.submit')}
          </button>
          {confirm && (
            <button type="button" className="btn btn--secondary" onClick={() => setConfirm(false)}>
              {t('delays.cancel')}
            </button>
          )}
        </div>
      </form>

      <h2 id="delay-list-title">{t('delays.list')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p>{t('delays.empty')}</p>
      ) : (
        <ul className="cert-list" aria-labelledby="delay-list-title">
          {q.data.items.map((d) => {
            const running = new Date(d.endsAt).getTime() > now;
            return (
              <li key={d.id} data-delay={d.caseReference}>
                <h3 className="h3">
                  {t('delays.caseTitle', { ref: d.caseReference })}{' '}
                  <span className={`tag${running ? ' tag--yellow' : ''}`}>
                    {running ? t('delays.running') : t('delays.ended')}
                  </span>
                </h3>
                <dl className="summary">
                  <dt>{t('delays.subject')}</dt>
                  <dd className="mono">{d.subjectId}</dd>
                  <dt>{t('delays.period')}</dt>
                  <dd>
                    {t('delays.fromTo', {
                      from: formatDateTime(d.startsAt, i18n.language),
                      to: formatDateTime(d.endsAt, i18n.language),
                    })}
                  </dd>
                  <dt>{t('delays.legalBasis')}</dt>
                  <dd>{d.legalBasis}</dd>
                  <dt>{t('delays.createdBy')}</dt>
                  <dd>{d.createdBy ?? '—'}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
