import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedFile } from '../../../features/api';
import { PasskeyConfirm } from '../../../features/identity';
import { type Certificate, commonName } from '../../../features/pki';
import { ErrorSummary, TextField } from '../../../features/ui';
import type { Source } from './sign-options';

/** Step 3: confirm a remote signature with a TOTP code or a passkey, or sign with the PKCS#12. */
export function ConfirmStep({
  file,
  source,
  chosen,
  canPasskey,
  showOtp,
  otp,
  setOtp,
  sign,
  fieldErrors,
  onSubmit,
  onPasskey,
  onBack,
}: {
  file: UploadedFile;
  source: Source;
  chosen: Certificate | undefined;
  canPasskey: boolean;
  showOtp: boolean;
  otp: string;
  setOtp: (otp: string) => void;
  sign: { error: unknown; isPending: boolean };
  fieldErrors: Record<string, string>;
  onSubmit: (e: FormEvent) => void;
  onPasskey: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('signatures');
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="step-confirm">
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
            {t(canPasskey ? (showOtp ? 'sign.confirmIntroEither' : 'sign.confirmIntroPasskey') : 'sign.confirmIntro', {
              name: file.name,
              signer: chosen ? commonName(chosen) : '',
            })}
          </p>
          {canPasskey && (
            <PasskeyConfirm
              id="sign-passkey"
              label={t('sign.usePasskey')}
              hint={t('sign.passkeyHint')}
              error={fieldErrors.passkey}
              orText={showOtp ? t('sign.orOtp') : undefined}
              disabled={sign.isPending}
              onConfirm={onPasskey}
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
        <button className="btn btn--secondary" type="button" onClick={onBack}>
          {t('sign.back')}
        </button>
      </div>
    </form>
  );
}
