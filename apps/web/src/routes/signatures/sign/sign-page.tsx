import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILE_TYPES, type UploadedFile, uploadFile } from '../../../features/api';
import { AttemptKeys } from '../../../features/api/idempotency';
import { useMe, useSecondFactor } from '../../../features/identity';
import { certificateState, useCertificates } from '../../../features/pki';
import { fileToBase64, type SignBody, type SignFormat, useSignFile } from '../../../features/signatures';
import { clientValidation, ErrorSummary, Loading, TextField, useFieldErrors, usePageTitle } from '../../../features/ui';
import { ConfirmStep } from './sign-confirm';
import { DoneStep } from './sign-done';
import { OptionsStep, type SignOptions } from './sign-options';

type Step = 'file' | 'options' | 'confirm' | 'done';

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
  const { canPasskey } = useSecondFactor(staff);
  const showOtp = !canPasskey || !!me?.totpEnabled;
  const usable = (certs.data?.items ?? []).filter(
    (c) => c.profile === 'person' && c.keyHeld && certificateState(c) === 'active',
  );
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [o, setOptions] = useState<SignOptions>({
    format: 'pades',
    source: staff ? 'remote' : 'pkcs12',
    certificateId: '',
    p12: null,
    password: '',
    visible: true,
    reason: '',
    location: '',
  });
  const set = (patch: Partial<SignOptions>) => setOptions((x) => ({ ...x, ...patch }));
  const { format, source, p12 } = o;
  const [otp, setOtp] = useState('');
  const [clientError, setClientError] = useState<unknown>(null);
  const sign = useSignFile();
  const keys = useRef(new AttemptKeys());
  const error = clientError ?? sign.error;
  const fieldErrors = useFieldErrors(error);
  const chosen = usable.find((c) => c.id === (o.certificateId || usable[0]?.id));

  async function onFile(f: File | undefined) {
    if (!f) return;
    setUploading(true);
    setUploadError(null);
    try {
      const up = await uploadFile(f);
      setFile(up);
      set({ format: defaultFormat(up.mediaType) });
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
    visible: format === 'pades' ? o.visible : undefined,
    reason: o.reason || undefined,
    location: o.location || undefined,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const body = baseBody();
    if (source === 'remote') Object.assign(body, { certificateId: chosen?.id, otp });
    else Object.assign(body, { pkcs12: { data: await fileToBase64(p12!), password: o.password } });
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
        <OptionsStep
          file={file}
          options={o}
          set={set}
          staff={staff}
          loading={certs.isPending}
          usable={usable}
          chosen={chosen}
          clientError={clientError}
          fieldErrors={fieldErrors}
          onSubmit={toConfirm}
        />
      )}
      {step === 'confirm' && file && (
        <ConfirmStep
          file={file}
          source={o.source}
          chosen={chosen}
          canPasskey={canPasskey}
          showOtp={showOtp}
          otp={otp}
          setOtp={setOtp}
          sign={sign}
          fieldErrors={fieldErrors}
          onSubmit={(e) => void submit(e)}
          onPasskey={signWithPasskey}
          onBack={() => setStep('options')}
        />
      )}
      {step === 'done' && sign.data && (
        <DoneStep signed={sign.data} format={o.format} sourceFileId={file?.id ?? ''} onRestart={restart} />
      )}
    </div>
  );
}
