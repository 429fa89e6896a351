import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, formatDateTime, SuccessNotice, TextAreaField, TextField } from '../ui';
import { useFlagValue, usePrefill } from './hooks';
import type { RegistryValues } from './types';

/** The registry field a source names (`population.fullName` → `fullName`). */
const fieldOf = (source: string) => source.split('.')[1] ?? source;

/**
 * Once-only: the sources the form names are listed with their registry, and nothing is read until
 * the citizen ticks consent and asks; then the values come back with their source.
 */
export function RegistryPrefill({
  procedureCode,
  sources,
  onFilled,
}: {
  procedureCode: string;
  sources: string[];
  onFilled: (values: RegistryValues) => void;
}) {
  const { t, i18n } = useTranslation('registries');
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const prefill = usePrefill();
  const registry = t('registryName', { defaultValue: 'Cơ sở dữ liệu quốc gia về dân cư' });
  const done = prefill.data;

  function onConsent() {
    setTried(true);
    if (!agreed) return;
    prefill.mutate(
      { procedureCode, sources },
      {
        onSuccess: (r) =>
          onFilled(
            Object.fromEntries(
              r.values
                .filter((v) => v.value !== null && v.value !== undefined)
                .map((v) => [v.source, { value: String(v.value), registryName: v.registryName }]),
            ),
          ),
      },
    );
  }

  return (
    <section className="section registry-prefill" aria-labelledby="sec-registry">
      <h2 id="sec-registry">{t('prefill.title')}</h2>
      {done ? (
        <SuccessNotice>
          <p data-testid="prefill-done">
            {t('prefill.done', {
              count: done.values.length,
              registry: done.values[0]?.registryName ?? registry,
              time: formatDateTime(done.consentedAt, i18n.language),
            })}
          </p>
        </SuccessNotice>
      ) : (
        <>
          <p>{t('prefill.intro', { registry })}</p>
          <ul className="registry-prefill__fields">
            {sources.map((s) => (
              <li key={s}>{t(`fields.${fieldOf(s)}`, { defaultValue: fieldOf(s) })}</li>
            ))}
          </ul>
          <ErrorSummary error={prefill.error} />
          <div className={`field${tried && !agreed ? ' field--error' : ''}`}>
            {tried && !agreed && (
              <span className="field-error" id="registry-consent-error">
                {t('prefill.consentRequired')}
              </span>
            )}
            <label className="choice" htmlFor="registry-consent">
              <input
                id="registry-consent"
                type="checkbox"
                checked={agreed}
                aria-describedby={tried && !agreed ? 'registry-consent-error' : undefined}
                onChange={(e) => setAgreed(e.target.checked)}
              />
              {t('prefill.consent')}
            </label>
          </div>
          <div className="btn-row">
            <button type="button" className="btn btn--secondary" disabled={prefill.isPending} onClick={onConsent}>
              {prefill.isPending ? t('prefill.loading') : t('prefill.button')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** "Báo thông tin sai": a correction request for one registry value, sent to the registry's owner. */
export function FlagValueForm({
  source,
  label,
  registryName,
  onClose,
}: {
  source: string;
  label: string;
  registryName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('registries');
  const [proposed, setProposed] = useState('');
  const [reason, setReason] = useState('');
  const flag = useFlagValue();
  // Not a <form>: it sits inside the application form, and forms do not nest.
  function onSubmit() {
    flag.mutate({ source, proposedValue: proposed.trim() || null, reason: reason.trim() });
  }
  if (flag.isSuccess)
    return (
      <SuccessNotice>
        <p data-testid="flag-sent">{t('flag.sent', { field: label })}</p>
        <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>
          OK
        </button>
      </SuccessNotice>
    );
  return (
    <div className="section flag-form" role="group" aria-labelledby="flag-title">
      <h3 id="flag-title">{t('flag.title', { field: label })}</h3>
      <p className="muted">{t('flag.intro', { registry: registryName })}</p>
      <ErrorSummary error={flag.error} />
      <TextField
        id="flag-proposed"
        label={t('flag.proposed')}
        value={proposed}
        onChange={(e) => setProposed(e.target.value)}
      />
      <TextAreaField
        id="flag-reason"
        label={t('flag.reason')}
        value={reason}
        required
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="btn-row">
        <button className="btn" type="button" disabled={flag.isPending} onClick={onSubmit}>
          {t('flag.submit')}
        </button>
        <button className="btn btn--secondary" type="button" onClick={onClose}>
          {t('flag.cancel')}
        </button>
      </div>
    </div>
  );
}
