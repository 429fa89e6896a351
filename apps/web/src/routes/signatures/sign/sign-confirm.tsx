import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedFile } from '../../../features/api';
import { SecondFactorConfirm } from '../../../features/identity';
import { type Certificate, commonName } from '../../../features/pki';
import { ErrorSummary } from '../../../features/ui';
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
          <SecondFactorConfirm
            idPrefix="sign"
            ns="signatures"
            keyPrefix="sign"
            canPasskey={canPasskey}
            showOtp={showOtp}
            otp={otp}
            onOtp={setOtp}
            errors={fieldErrors}
            disabled={sign.isPending}
            onPasskey={onPasskey}
            short={false}
          />
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
