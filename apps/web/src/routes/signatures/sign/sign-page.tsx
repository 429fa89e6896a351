import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCEPTED_FILE_TYPES, type UploadedFile, uploadFile } from '../../../features/api';
import { AttemptKeys } from '../../../features/dossiers/idempotency';
import { PasskeyConfirm, useMe, usePasskeys } from '../../../features/identity';
import { certificateState, commonName, useCertificates } from '../../../features/pki';
import { fileToBase64, type SignBody, type SignFormat, useSignFile } from '../../../features/signatures';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  Loading,
  SelectField,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

type Step = 'file' | 'options' | 'confirm' | 'done';
type Source = 'remote' | 'pkcs12';

const defaultFormat = (mediaType: string): SignFormat =>
  mediaType === 'application/pdf' ? 'pades' : mediaType === 'application/xml' ? 'xades' : 'cades';

/** "Ký số tài liệu": upload, choose format and certificate, confirm with a TOTP code or a passkey, download. */
export function SignPage() {
  const { t } = useTranslation('signatures');
  usePageTitle(t('sign.title'));
  const me = useMe().data;
  const staff = me?.kind === 'staff';
  const certs = useCertificates({ pageSize: 100 }, staff);
  // A remote signature is confirmed with a TOTP code, or with one of the holder's passkeys.
  const passkeys = usePasskeys(staff);
  const canPasskey =
    (passkeys.data?.items.length ?? 0) > 0 && typeof window !== 'undefined' && browserSupportsWebAuthn();
  const showOtp = !canPasskey || !!me?.totpEnabled;
  const usable = (certs.data?.items ?? []).filter(
    (c) => c.profile === 'person' && c.keyHeld && certificateState(c) === 'active',
  );
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [format, setFormat] = useState<SignFormat>('pades');
  const [source, setSource] = useState<Source>(staff ? 'remote' : 'pkcs12');
  const [certificateId, setCertificateId] = useState('');
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [visible, setVisible] = useState(true);
  const [reason, setReason] = useState('');
  const [location, setLocation] = useState('');
  const [otp, setOtp] = useState('');
  const [clientError, setClientError] = useState<unknown>(null);
  const sign = useSignFile();
  const keys = useRef(new AttemptKeys());
  const error = clientError ?? sign.error;
  const fieldErrors = useFieldErrors(error);
  const chosen = usable.find((c) => c.id === (certificateId || usable[0]?.id));

  async function onFile(f: File | undefined) {
    if (!f) return;
    setUploading(true);
    setUploadError(null);
    try {
      const up = await uploadFile(f);
      setFile(up);
      setFormat(defaultFormat(up.mediaType));
      setStep('options');
    } catch (e) {
      setUploadError(e);
    } finally {
      setUploading(false);
    }
  }

  function toConfirm(e: FormEvent) {
    e.preventDefault();
    const problems =
      source === 'remote'
        ? chosen
          ? []
          : [{ path: 'certificateId', code: 'CERTIFICATE_OR_PKCS12' }]
        : p12
          ? []
          : [{ path: 'pkcs12', code: 'CERTIFICATE_OR_PKCS12' }];
    setClientError(clientValidation(problems));
    if (!problems.length) setStep('confirm');
  }

  const baseBody = (): SignBody => ({
    fileId: file!.id,
    format,
    visible: format === 'pades' ? visible : undefined,
    reason: reason || undefined,
    location: location || undefined,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const body = baseBody();
    if (source === 'remote') Object.assign(body, { certificateId: chosen?.id, otp });
    else Object.assign(body, { pkcs12: { data: await fileToBase64(p12!), password } });
    setClientError(null);
    sign.mutate(
      { body, idempotencyKey: keys.current.keyFor({ ...body, pkcs12: p12?.name }) },
      { onSuccess: () => setStep('done') },
    );
  }

  /** The browser asks for the passkey (touch, fingerprint, PIN); its assertion confirms this one signature. */
  function signWithPasskey() {
    if (!file || !chosen) return;
    const body: SignBody = { ...baseBody(), certificateId: chosen.id };
    setClientError(null);
    sign.mutate(
      { body, idempotencyKey: keys.current.keyFor({ ...body, passkey: true }), withPasskey: true },
      { onSuccess: () => setStep('done') },
    );
  }

  function restart() {
    keys.current.reset();
    sign.reset();
    setFile(null);
    setOtp('');
    setStep('file');
  }

  return (
    <div className="page page--narrow">
      <h1>{t('sign.title')}</h1>
      <p className="lead">{t('sign.intro')}</p>
      {staff && me && me.acr < 2 && <p className="notice notice--warning">{t('sign.stepUp')}</p>}
      {step === 'file' && (
        <section className="section" aria-labelledby="step-file">
          <h2 id="step-file">{t('sign.stepFile')}</h2>
          <ErrorSummary error={uploadError} />
          <TextField
            id="sign-file"
            type="file"
            label={t('sign.file')}
            hint={t('sign.fileHint')}
            accept={ACCEPTED_FILE_TYPES}
            onChange={(e) => void onFile(e.target.files?.[0])}
            disabled={uploading}
          />
          {uploading && <Loading label={t('sign.uploading')} />}
        </section>
      )}
      {step === 'options' && file && (
        <form className="form" onSubmit={toConfirm} noValidate aria-labelledby="step-options">
          <h2 id="step-options">{t('sign.stepOptions')}</h2>
          <p>{t('sign.uploaded', { name: file.name })}</p>
          <ErrorSummary error={clientError} fieldIds={{ certificateId: 'sign-certificate', pkcs12: 'sign-p12' }} />
          <ChoiceGroup
            id="sign-format"
            type="radio"
            legend={t('sign.format')}
            value={format}
            onChange={(v) => setFormat(v[0]!)}
            choices={(['pades', 'xades', 'cades'] as const).map((f) => ({ value: f, label: t(`sign.formats.${f}`) }))}
          />
          {staff && (
            <ChoiceGroup
              id="sign-source"
              type="radio"
              legend={t('sign.source')}
              value={source}
              onChange={(v) => setSource(v[0]!)}
              choices={(['remote', 'pkcs12'] as const).map((s) => ({ value: s, label: t(`sign.sources.${s}`) }))}
            />
          )}
          {source === 'remote' &&
            (certs.isPending ? (
              <Loading />
            ) : usable.length === 0 ? (
              <p className="notice">{t('sign.noCertificate')}</p>
            ) : (
              <SelectField
                id="sign-certificate"
                label={t('sign.certificate')}
                value={chosen?.id ?? ''}
                onChange={(e) => setCertificateId(e.target.value)}
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
          {source === 'pkcs12' && (
            <>
              <TextField
                id="sign-p12"
                type="file"
                accept=".p12,.pfx"
                label={t('sign.pkcs12File')}
                hint={t('sign.pkcs12Hint')}
                onChange={(e) => setP12(e.target.files?.[0] ?? null)}
                error={fieldErrors.pkcs12}
              />
              <TextField
                id="sign-p12-password"
                type="password"
                autoComplete="off"
                label={t('sign.pkcs12Password')}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </>
          )}
          {format === 'pades' && (
            <>
              <label className="sig-checkbox">
                <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />{' '}
                {t('sign.visible')}
              </label>
              <TextField
                id="sign-reason"
                label={t('sign.reason')}
                value={reason}
                maxLength={200}
                onChange={(e) => setReason(e.target.value)}
              />
              <TextField
                id="sign-location"
                label={t('sign.location')}
                value={location}
                maxLength={200}
                onChange={(e) => setLocation(e.target.value)}
              />
            </>
          )}
          <div className="sig-actions">
            <button className="btn" type="submit">
              {t('sign.next')}
            </button>
          </div>
        </form>
      )}
      {step === 'confirm' && file && (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="step-confirm">
          <h2 id="step-confirm">{t('sign.stepConfirm')}</h2>
          <ErrorSummary
            error={sign.error}
            fieldIds={{
              otp: 'sign-otp',
              passkey: 'sign-passkey',
              fileId: canPasskey ? 'sign-passkey' : 'sign-otp',
              pkcs12: 'sign-otp',
            }}
          />
          {source === 'remote' ? (
            <>
              <p>
                {t(
                  canPasskey ? (showOtp ? 'sign.confirmIntroEither' : 'sign.confirmIntroPasskey') : 'sign.confirmIntro',
                  { name: file.name, signer: chosen ? commonName(chosen) : '' },
                )}
              </p>
              {canPasskey && (
                <PasskeyConfirm
                  id="sign-passkey"
                  label={t('sign.usePasskey')}
                  hint={t('sign.passkeyHint')}
                  error={fieldErrors.passkey}
                  orText={showOtp ? t('sign.orOtp') : undefined}
                  disabled={sign.isPending}
                  onConfirm={() => void signWithPasskey()}
                />
              )}
              {showOtp && (
                <TextField
                  id="sign-otp"
                  label={t('sign.otp')}
                  hint={t('sign.otpHint')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  value={otp}
                  onChange={(e) => setOtp(e.target.value.replace(/\D/g, ''))}
                  error={fieldErrors.otp}
                />
              )}
            </>
          ) : (
            <p>{t('sign.confirmPkcs12', { name: file.name })}</p>
          )}
          <div className="sig-actions">
            {(source === 'pkcs12' || showOtp) && (
              <button className="btn" type="submit" disabled={sign.isPending}>
                {sign.isPending
                  ? t('sign.signing')
                  : canPasskey && source === 'remote'
                    ? t('sign.submitOtp')
                    : t('sign.submit')}
              </button>
            )}
            <button className="btn btn--secondary" type="button" onClick={() => setStep('options')}>
              {t('sign.back')}
            </button>
          </div>
        </form>
      )}
      {step === 'done' && sign.data && (
        <section className="section" aria-labelledby="step-done">
          <h2 id="step-done" className="visually-hidden">
            {t('sign.done', { name: sign.data.name })}
          </h2>
          <SuccessNotice>{t('sign.done', { name: sign.data.name })}</SuccessNotice>
          <p>
            <a className="btn" href={`/api/files/${encodeURIComponent(sign.data.id)}`} download={sign.data.name}>
              {t('sign.download')}
            </a>
          </p>
          <p>
            <Link
              to={`/signatures/validate?fileId=${encodeURIComponent(sign.data.id)}${format === 'cades' ? `&detached=${encodeURIComponent(file?.id ?? '')}` : ''}`}
            >
              {t('sign.checkIt')}
            </Link>
          </p>
          <button className="btn btn--secondary" type="button" onClick={restart}>
            {t('sign.again')}
          </button>
        </section>
      )}
    </div>
  );
}
