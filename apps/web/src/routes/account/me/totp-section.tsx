import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../features/api';
import { useTotpConfirm, useTotpDisable, useTotpEnroll } from '../../../features/identity';
import { QrImage } from '../../../features/qr/qr-image';
import { describeError, ErrorSummary, SubmitRow, SuccessNotice, TextField } from '../../../features/ui';

/** Base32 secret in groups of four, the way authenticator apps show it. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function otpFieldError(err: unknown): string | undefined {
  return isApiError(err, 'INVALID_OTP') || isApiError(err, 'INVALID_OTP_FORMAT')
    ? describeError(err).message
    : undefined;
}

export function TotpSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('account');
  const enroll = useTotpEnroll();
  const confirm = useTotpConfirm();
  const disable = useTotpDisable();
  const [otp, setOtp] = useState('');
  const [disableOtp, setDisableOtp] = useState('');
  const [justEnabled, setJustEnabled] = useState(false);

  function submitConfirm(e: FormEvent) {
    e.preventDefault();
    confirm.mutate(otp.replace(/\s/g, ''), {
      onSuccess: () => {
        setJustEnabled(true);
        enroll.reset();
        setOtp('');
      },
    });
  }

  function submitDisable(e: FormEvent) {
    e.preventDefault();
    disable.mutate(disableOtp.replace(/\s/g, ''), {
      onSuccess: () => {
        setDisableOtp('');
        setJustEnabled(false);
      },
    });
  }

  return (
    <section className="section" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('totp.title')}</h2>
      {enabled ? (
        <>
          {justEnabled ? (
            <SuccessNotice>
              <p>{t('totp.enabledNow')}</p>
            </SuccessNotice>
          ) : (
            <p>
              <span className="tag tag--green">{t('totp.on')}</span> {t('totp.enabledBody')}
            </p>
          )}
          <details>
            <summary>{t('totp.disable.title')}</summary>
            <ErrorSummary error={disable.error} />
            <form onSubmit={submitDisable} noValidate>
              <TextField
                id="totp-disable-otp"
                label={t('totp.code')}
                error={otpFieldError(disable.error)}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                className="input--code"
                value={disableOtp}
                onChange={(e) => setDisableOtp(e.target.value)}
              />
              <button className="btn btn--danger" type="submit" disabled={disable.isPending}>
                {t('totp.disable.submit')}
              </button>
            </form>
          </details>
        </>
      ) : enroll.data ? (
        <>
          <ol>
            <li>{t('totp.step1')}</li>
            <li>
              {t('totp.scan')}
              <div className="qr-box">
                <QrImage text={enroll.data.otpauthUrl} label={t('totp.qrLabel')} />
              </div>
            </li>
            <li>
              {t('totp.step2')}
              <p>
                <span className="visually-hidden">{t('totp.secret')}: </span>
                <code className="secret" data-testid="totp-secret" aria-label={t('totp.secret')}>
                  {groupSecret(enroll.data.secret)}
                </code>
              </p>
              <p>
                {t('totp.orUrl')}{' '}
                <a href={enroll.data.otpauthUrl} data-testid="totp-url">
                  {t('totp.openApp')}
                </a>
              </p>
              <div className="url-box">{enroll.data.otpauthUrl}</div>
            </li>
            <li>{t('totp.step3')}</li>
          </ol>
          <ErrorSummary error={confirm.error} fieldIds={{ otp: 'totp-otp' }} />
          <form onSubmit={submitConfirm} noValidate>
            <TextField
              id="totp-otp"
              label={t('totp.code')}
              hint={t('totp.codeHint')}
              error={otpFieldError(confirm.error)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="input--code"
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
            />
            <SubmitRow label={t('totp.confirm')} busy={confirm.isPending}>
              <button className="btn btn--link" type="button" onClick={() => enroll.reset()}>
                {t('cancel')}
              </button>
            </SubmitRow>
          </form>
        </>
      ) : (
        <>
          <p>
            <span className="tag tag--grey">{t('totp.off')}</span> {t('totp.intro')}
          </p>
          <ErrorSummary error={enroll.error} />
          <button className="btn" type="button" onClick={() => enroll.mutate()} disabled={enroll.isPending}>
            {t('totp.start')}
          </button>
        </>
      )}
    </section>
  );
}
