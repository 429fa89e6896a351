import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import { TextField } from '../ui';
import { useMe, usePasskeys } from './hooks';
import { PasskeyConfirm } from './passkey-confirm';

/**
 * Which second factors the signed-in person can confirm a signature or an approval with, when
 * `enabled`: a passkey (he has one and the browser speaks WebAuthn), a code from his authenticator app,
 * or neither (`noFactor`: a code field could only fail, so the form says what to do instead).
 */
export function useSecondFactor(enabled: boolean) {
  const me = useMe();
  const passkeys = usePasskeys(enabled);
  const canPasskey =
    enabled && (passkeys.data?.items.length ?? 0) > 0 && typeof window !== 'undefined' && browserSupportsWebAuthn();
  const showOtp = enabled && (!canPasskey || !!me.data?.totpEnabled);
  const noFactor = enabled && !!me.data && !me.data.totpEnabled && passkeys.isSuccess && !canPasskey;
  return { me, canPasskey, showOtp, noFactor };
}

/**
 * The confirm block of a signing or approval form: the passkey button (`<idPrefix>-passkey`) and the
 * six-digit code field (`<idPrefix>-otp`), each when the person can use it. The texts are the keys
 * `usePasskey`, `passkeyHint`, `orOtp`, `otp` and `otpHint` under `keyPrefix` of the namespace `ns`.
 */
export function SecondFactorConfirm({
  idPrefix,
  ns,
  keyPrefix,
  passkeyLabel,
  canPasskey,
  showOtp,
  otp,
  onOtp,
  errors,
  disabled,
  onPasskey,
  short = true,
}: {
  idPrefix: string;
  ns: string;
  keyPrefix: string;
  /** In place of `usePasskey` (e.g. one that counts what is signed). */
  passkeyLabel?: string;
  canPasskey: boolean;
  showOtp: boolean;
  otp: string;
  onOtp: (otp: string) => void;
  errors: Record<string, string | undefined>;
  disabled: boolean;
  onPasskey: () => void;
  /** The code field in its short width (a form's column) rather than the full one. */
  short?: boolean;
}) {
  const { t } = useTranslation(ns, { keyPrefix });
  return (
    <>
      {canPasskey && (
        <PasskeyConfirm
          id={`${idPrefix}-passkey`}
          label={passkeyLabel ?? t('usePasskey')}
          hint={t('passkeyHint')}
          error={errors.passkey}
          orText={showOtp ? t('orOtp') : undefined}
          disabled={disabled}
          onConfirm={onPasskey}
        />
      )}
      {showOtp && (
        <TextField
          id={`${idPrefix}-otp`}
          label={t('otp')}
          hint={t('otpHint')}
          className={short ? 'input--short' : undefined}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          value={otp}
          error={errors.otp}
          onChange={(e) => onOtp(e.target.value.replace(/\D/g, ''))}
        />
      )}
    </>
  );
}
