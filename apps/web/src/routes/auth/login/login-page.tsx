import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { isApiError } from '../../../features/api';
import { type LoginResult, useLogin, usePasskeyLogin, useVneid, workPlace } from '../../../features/identity';
import { safeNext } from './safe-next';
import {
  describeError,
  ErrorSummary,
  SubmitRow,
  SuccessNotice,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';

interface MfaStep {
  methods: string[];
  mfaToken?: string;
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  const passkey = usePasskeyLogin();
  const [username, setUsername] = useState(params.get('username') ?? '');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [mfa, setMfa] = useState<MfaStep | null>(null);
  const otpHeading = useRef<HTMLHeadingElement>(null);
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut;
  const canPasskey = typeof window !== 'undefined' && browserSupportsWebAuthn();
  const vneid = useVneid();
  // The VNeID sign-in comes back here with ?error=CODE when it was refused (server redirect).
  const vneidError = params.get('error');
  const asked = params.get('next') ?? params.get('returnTo');
  const next = safeNext(asked, '/my/dossiers');

  // `returnTo` comes from the OIDC provider (a server page, so a full navigation); `next` from our own
  // guards and links. Without one, each person lands where their work is.
  const done = (r: LoginResult) => {
    const target = safeNext(asked, workPlace(r.user));
    if (target.startsWith('/oidc/')) window.location.assign(target);
    else void navigate(target, { replace: true });
  };

  useEffect(() => {
    if (mfa) otpHeading.current?.focus();
  }, [mfa]);

  // MFA_REQUIRED is the second step, not an error to show.
  const loginError = login.error && !(isApiError(login.error, 'MFA_REQUIRED') && mfa) ? login.error : null;
  const error = passkey.error ?? loginError;
  const fe = useFieldErrors(error);
  const otpError =
    isApiError(loginError, 'INVALID_OTP') || isApiError(loginError, 'INVALID_OTP_FORMAT')
      ? describeError(loginError).message
      : fe.otp;

  function submitPassword(e: FormEvent) {
    e.preventDefault();
    passkey.reset();
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: done,
        onError: (err) => {
          if (isApiError(err, 'MFA_REQUIRED')) {
            const p = err.problem.params ?? {};
            setMfa({
              methods: Array.isArray(p.methods) ? (p.methods as string[]) : ['totp'],
              mfaToken: typeof p.mfaToken === 'string' ? p.mfaToken : undefined,
            });
          }
        },
      },
    );
  }

  function submitOtp(e: FormEvent) {
    e.preventDefault();
    passkey.reset();
    login.mutate({ username: username.trim(), password, otp: otp.replace(/\s/g, '') }, { onSuccess: done });
  }

  function withPasskey(body: { username?: string; mfaToken?: string }) {
    login.reset();
    passkey.mutate(body, { onSuccess: done });
  }

  if (mfa) {
    return (
      <div className="page page--narrow">
        <h1 ref={otpHeading} tabIndex={-1}>
          {t('login.mfa.title')}
        </h1>
        <p>{t('login.mfa.intro')}</p>
        <ErrorSummary error={error} fieldIds={{ otp: 'otp' }} />
        <form onSubmit={submitOtp} noValidate>
          <TextField
            id="otp"
            label={t('fields.otp')}
            hint={t('login.mfa.otpHint')}
            error={otpError}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            className="input--code"
            value={otp}
            onChange={(e) => setOtp(e.target.value)}
            autoFocus
          />
          <SubmitRow label={t('login.mfa.submit')} busy={login.isPending}>
            {mfa.methods.includes('passkey') && canPasskey && (
              <button
                className="btn btn--secondary"
                type="button"
                onClick={() => withPasskey({ mfaToken: mfa.mfaToken })}
                disabled={passkey.isPending}
              >
                {t('login.mfa.usePasskey')}
              </button>
            )}
            <button
              className="btn btn--link"
              type="button"
              onClick={() => {
                setMfa(null);
                setOtp('');
                login.reset();
                passkey.reset();
              }}
            >
              {t('login.mfa.back')}
            </button>
          </SubmitRow>
        </form>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <h1>{t('login.title')}</h1>
      {loggedOut && !error && <SuccessNotice>{t('login.loggedOut')}</SuccessNotice>}
      {vneidError && /^[A-Z_]{3,60}$/.test(vneidError) && (
        <div className="notice notice--warning" role="alert" data-testid="vneid-error">
          <p>{t(`errors:codes.${vneidError}`, { defaultValue: t('login.vneid.failed') })}</p>
        </div>
      )}
      <p>{t('login.intro')}</p>
      <ErrorSummary error={error} />
      <form onSubmit={submitPassword} noValidate>
        <TextField
          id="username"
          label={t('fields.username')}
          hint={t('login.usernameHint')}
          error={fe.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          id="password"
          type="password"
          label={t('fields.password')}
          error={fe.password}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <SubmitRow label={login.isPending ? t('login.submitting') : t('login.submit')} busy={login.isPending}>
          {canPasskey && (
            <button
              className="btn btn--secondary"
              type="button"
              disabled={passkey.isPending}
              onClick={() => withPasskey(username.trim() ? { username: username.trim() } : {})}
            >
              {t('login.passkey')}
            </button>
          )}
        </SubmitRow>
      </form>
      {vneid.data?.enabled && (
        <div className="section vneid-login">
          <p className="muted">{t('login.vneid.or')}</p>
          {/* A full navigation: the server redirects to the identity provider. */}
          <a className="btn btn--secondary" href={`/api/auth/vneid/start?returnTo=${encodeURIComponent(next)}`}>
            {t('login.vneid.button')}
          </a>
          <p className="muted">{vneid.data.sandbox ? t('login.vneid.sandbox') : t('login.vneid.hint')}</p>
        </div>
      )}
      <div className="section">
        <p>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </p>
        <p>
          {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
        </p>
      </div>
    </div>
  );
}
