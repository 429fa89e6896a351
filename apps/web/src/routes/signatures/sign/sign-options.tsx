import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedFile } from '../../../features/api';
import { type Certificate, commonName } from '../../../features/pki';
import type { SignFormat } from '../../../features/signatures';
import { ChoiceGroup, ErrorSummary, Loading, SelectField, TextField } from '../../../features/ui';

export type Source = 'remote' | 'pkcs12';

/** What the signer chooses before confirming. */
export interface SignOptions {
  format: SignFormat;
  source: Source;
  certificateId: string;
  p12: File | null;
  password: string;
  visible: boolean;
  reason: string;
  location: string;
}

/** Step 2: format, a certificate held here or a PKCS#12 file, and the visible stamp of a PDF signature. */
export function OptionsStep({
  file,
  options: o,
  set,
  staff,
  loading,
  usable,
  chosen,
  clientError,
  fieldErrors,
  onSubmit,
}: {
  file: UploadedFile;
  options: SignOptions;
  set: (patch: Partial<SignOptions>) => void;
  staff: boolean;
  loading: boolean;
  usable: Certificate[];
  chosen: Certificate | undefined;
  clientError: unknown;
  fieldErrors: Record<string, string>;
  onSubmit: (e: FormEvent) => void;
}) {
  const { t } = useTranslation('signatures');
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="step-options">
      <h2 id="step-options">{t('sign.stepOptions')}</h2>
      <p>{t('sign.uploaded', { name: file.name })}</p>
      <ErrorSummary error={clientError} fieldIds={{ certificateId: 'sign-certificate', pkcs12: 'sign-p12' }} />
      <ChoiceGroup
        id="sign-format"
        type="radio"
        legend={t('sign.format')}
        value={o.format}
        onChange={(v) => set({ format: v[0]! })}
        choices={(['pades', 'xades', 'cades'] as const).map((f) => ({ value: f, label: t(`sign.formats.${f}`) }))}
      />
      {staff && (
        <ChoiceGroup
          id="sign-source"
          type="radio"
          legend={t('sign.source')}
          value={o.source}
          onChange={(v) => set({ source: v[0]! })}
          choices={(['remote', 'pkcs12'] as const).map((s) => ({ value: s, label: t(`sign.sources.${s}`) }))}
        />
      )}
      {o.source === 'remote' &&
        (loading ? (
          <Loading />
        ) : usable.length === 0 ? (
          <p className="notice">{t('sign.noCertificate')}</p>
        ) : (
          <SelectField
            id="sign-certificate"
            label={t('sign.certificate')}
            value={chosen?.id ?? ''}
            onChange={(e) => set({ certificateId: e.target.value })}
            error={fieldErrors.certificateId}
          >
            {usable.map((c) => (
              <option
                key={c.id}
                value={c.id}
              >{`${commonName(c)} — ${c.keyAlgorithm} — ${c.serial.slice(0, 8)}`}</option>
            ))}
          </SelectField>
        ))}
      {o.source === 'pkcs12' && (
        <>
          <TextField
            id="sign-p12"
            type="file"
            accept=".p12,.pfx"
            label={t('sign.pkcs12File')}
            hint={t('sign.pkcs12Hint')}
            onChange={(e) => set({ p12: e.target.files?.[0] ?? null })}
            error={fieldErrors.pkcs12}
          />
          <TextField
            id="sign-p12-password"
            type="password"
            autoComplete="off"
            label={t('sign.pkcs12Password')}
            value={o.password}
            onChange={(e) => set({ password: e.target.value })}
          />
        </>
      )}
      {o.format === 'pades' && (
        <>
          <label className="sig-checkbox">
            <input type="checkbox" checked={o.visible} onChange={(e) => set({ visible: e.target.checked })} />{' '}
            {t('sign.visible')}
          </label>
          <TextField
            id="sign-reason"
            label={t('sign.reason')}
            value={o.reason}
            maxLength={200}
            onChange={(e) => set({ reason: e.target.value })}
          />
          <TextField
            id="sign-location"
            label={t('sign.location')}
            value={o.location}
            maxLength={200}
            onChange={(e) => set({ location: e.target.value })}
          />
        </>
      )}
      <div className="sig-actions">
        <button className="btn" type="submit">
          {t('sign.next')}
        </button>
      </div>
    </form>
  );
}
