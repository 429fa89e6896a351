import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, type ApiBody, isApiError, unwrap } from '../api';
import type { LoginBody, LoginResult, Me, RegisterBody } from './types';

export const meKey = ['me'] as const;

/** The contract types a WebAuthn credential loosely (an open object); @simplewebauthn/browser makes a real one. */
type CredentialJson = ApiBody<'/api/auth/passkeys/login/verify', 'post'>['response'];
/** A passkey's answer to an action challenge, as the signing endpoints take it. */
export type PasskeyAssertion = NonNullable<ApiBody<'/api/signatures/sign', 'post'>['passkey']>;
const asJson = (credential: AuthenticationResponseJSON | RegistrationResponseJSON) =>
  credential as unknown as CredentialJson;

/** The logged-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/me'));
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function hasRole(me: Me | null | undefined, ...roles: string[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}

function useSignedIn() {
  const qc = useQueryClient();
  return (r: LoginResult) => {
    qc.clear();
    qc.setQueryData(meKey, r.user);
  };
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) => unwrap(api.POST('/api/auth/register', { body })),
  });
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: signedIn,
  });
}

/** Passkey login, as the first factor (optionally for a username) or as the second (mfaToken). */
export function usePasskeyLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: async (body: { username?: string; mfaToken?: string }) => {
      // The WebAuthn options are opaque to the contract: @simplewebauthn/browser knows their shape.
      const options = (await unwrap(
        api.POST('/api/auth/passkeys/login/options', { body }),
      )) as unknown as PublicKeyCredentialRequestOptionsJSON & { challengeId: string };
      const { challengeId, ...optionsJSON } = options;
      const response = await startAuthentication({ optionsJSON });
      return unwrap(api.POST('/api/auth/passkeys/login/verify', { body: { challengeId, response: asJson(response) } }));
    },
    onSuccess: signedIn,
  });
}

/**
 * Confirm one action (e.g. `signature:<certificateId>`) with a passkey: the server issues a challenge
 * bound to this user and this action (single use, 2 minutes); the browser's assertion is returned
 * for the caller to send with the action itself.
 */
export async function passkeyConfirmation(action: string): Promise<PasskeyAssertion> {
  const {
    action: _bound,
    expiresAt: _expires,
    ...optionsJSON
  } = (await unwrap(
    api.POST('/api/auth/mfa/passkey/action-options', { body: { action } }),
  )) as unknown as PublicKeyCredentialRequestOptionsJSON & { action: string; expiresAt: string };
  return (await startAuthentication({ optionsJSON })) as unknown as PasskeyAssertion;
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/auth/password/forgot', { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => unwrap(api.POST('/api/auth/password/reset', { body })),
  });
}

/** A citizen's date of birth and addresses, kept once in the account for the forms ("Thông tin cá nhân"). */
export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/me/profile', 'patch'>) => unwrap(api.PATCH('/api/me/profile', { body })),
    onSuccess: (me) => qc.setQueryData(meKey, me),
  });
}

export function useTotpEnroll() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/mfa/totp/enroll')),
  });
}

export function useTotpConfirm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => unwrap(api.POST('/api/auth/mfa/totp/confirm', { body: { otp } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useTotpDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => unwrap(api.DELETE('/api/auth/mfa/totp', { body: { otp } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

const sessionsKey = ['auth', 'sessions'] as const;
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/auth/sessions', { signal })),
  });
}
export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

const passkeysKey = ['auth', 'passkeys'] as const;
export function usePasskeys(enabled = true) {
  return useQuery({
    queryKey: passkeysKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/auth/passkeys', { signal })),
    enabled,
  });
}
export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = (await unwrap(
        api.POST('/api/auth/passkeys/register/options'),
      )) as unknown as PublicKeyCredentialCreationOptionsJSON & { challengeId: string };
      // The server may add a challengeId next to the WebAuthn options: send it back, keep it out of the ceremony.
      const { challengeId, ...optionsJSON } = options;
      const response = await startRegistration({ optionsJSON });
      return unwrap(
        api.POST('/api/auth/passkeys/register/verify', { body: { challengeId, response: asJson(response), name } }),
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}
export function useRemovePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/auth/passkeys/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/** Whether login with VNeID (the national identity provider) is offered here. */
export function useVneid() {
  return useQuery({
    queryKey: ['identity', 'vneid'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/auth/vneid', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Verify my identity with VNeID: the provider's page to open. */
export function useVneidLink() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/vneid/link', { body: { returnTo: '/account' } })),
    onSuccess: (r) => window.location.assign(r.url),
  });
}

/** A one-time code to show the desk officer who checks my ID card. */
export function useDeskCode() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/identity/desk-code')),
  });
}

/** Desk officer: verify the identity of the person present. */
export function useDeskVerification() {
  return useMutation({
    mutationFn: (body: ApiBody<'/api/identity/desk-verifications', 'post'>) =>
      unwrap(api.POST('/api/identity/desk-verifications', { body })),
  });
}

/** The one-time text to sign with my digital signature certificate (10 minutes). */
export function useCertificateChallenge() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/certificate/challenge')),
  });
}

/** Send the CMS signature (.p7s) of the challenge text: my identity level becomes `certificate`. */
export function useCertificateVerify() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/auth/certificate/verify', 'post'>) =>
      unwrap(api.POST('/api/auth/certificate/verify', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}
