import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { apiFetch, isApiError } from '../api';
import type { LoginResult, Me, PasskeyItem, RegisterBody, SessionItem } from './types';

export const meKey = ['me'] as const;

/** The logged-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await apiFetch<Me>('/api/me');
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
    mutationFn: (body: RegisterBody) => apiFetch<{ username: string }>('/api/auth/register', { method: 'POST', body }),
  });
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { username: string; password: string; otp?: string }) =>
      apiFetch<LoginResult>('/api/auth/login', { method: 'POST', body }),
    onSuccess: signedIn,
  });
}

/** Passkey login, as the first factor (optionally for a username) or as the second (mfaToken). */
export function usePasskeyLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: async (body: { username?: string; mfaToken?: string }) => {
      const options = await apiFetch<PublicKeyCredentialRequestOptionsJSON & { challengeId: string }>(
        '/api/auth/passkeys/login/options',
        { method: 'POST', body },
      );
      const { challengeId, ...optionsJSON } = options;
      const response = await startAuthentication({ optionsJSON });
      return apiFetch<LoginResult>('/api/auth/passkeys/login/verify', {
        method: 'POST',
        body: { challengeId, response },
      });
    },
    onSuccess: signedIn,
  });
}

/**
 * Confirm one action (e.g. `signature:<certificateId>`) with a passkey: the server issues a challenge
 * bound to this user and this action (single use, 2 minutes); the browser's assertion is returned
 * for the caller to send with the action itself.
 */
export async function passkeyConfirmation(action: string) {
  const {
    action: _bound,
    expiresAt: _expires,
    ...optionsJSON
  } = await apiFetch<PublicKeyCredentialRequestOptionsJSON & { action: string; expiresAt: string }>(
    '/api/auth/mfa/passkey/action-options',
    { method: 'POST', body: { action } },
  );
  return startAuthentication({ optionsJSON });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ ok: true }>('/api/auth/logout', { method: 'POST', body: {} }),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) =>
      apiFetch<{ ok: true }>('/api/auth/password/forgot', { method: 'POST', body: { email } }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      apiFetch<{ ok: true }>('/api/auth/password/reset', { method: 'POST', body }),
  });
}

export function useTotpEnroll() {
  return useMutation({
    mutationFn: () =>
      apiFetch<{ secret: string; otpauthUrl: string }>('/api/auth/mfa/totp/enroll', { method: 'POST', body: {} }),
  });
}

export function useTotpConfirm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) =>
      apiFetch<{ ok: true }>('/api/auth/mfa/totp/confirm', { method: 'POST', body: { otp } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useTotpDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (otp: string) => apiFetch<{ ok: true }>('/api/auth/mfa/totp', { method: 'DELETE', body: { otp } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

const sessionsKey = ['auth', 'sessions'] as const;
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => apiFetch<{ items: SessionItem[] }>('/api/auth/sessions') });
}
export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

const passkeysKey = ['auth', 'passkeys'] as const;
export function usePasskeys(enabled = true) {
  return useQuery({
    queryKey: passkeysKey,
    queryFn: () => apiFetch<{ items: PasskeyItem[] }>('/api/auth/passkeys'),
    enabled,
  });
}
export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = await apiFetch<PublicKeyCredentialCreationOptionsJSON & { challengeId?: string }>(
        '/api/auth/passkeys/register/options',
        { method: 'POST', body: {} },
      );
      // The server may add a challengeId next to the WebAuthn options: send it back, keep it out of the ceremony.
      const { challengeId, ...optionsJSON } = options;
      const response = await startRegistration({ optionsJSON });
      return apiFetch<{ id: string; name: string }>('/api/auth/passkeys/register/verify', {
        method: 'POST',
        body: { ...(challengeId ? { challengeId } : {}), response, name },
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}
export function useRemovePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ ok: true }>(`/api/auth/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/** Whether login with VNeID (the national identity provider) is offered here. */
export function useVneid() {
  return useQuery({
    queryKey: ['identity', 'vneid'],
    queryFn: ({ signal }) => apiFetch<{ enabled: boolean; sandbox: boolean }>('/api/auth/vneid', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Verify my identity with VNeID: the provider's page to open. */
export function useVneidLink() {
  return useMutation({
    mutationFn: () =>
      apiFetch<{ url: string }>('/api/auth/vneid/link', { method: 'POST', body: { returnTo: '/account' } }),
    onSuccess: (r) => window.location.assign(r.url),
  });
}

/** A one-time code to show the desk officer who checks my ID card. */
export function useDeskCode() {
  return useMutation({
    mutationFn: () =>
      apiFetch<{ code: string; expiresAt: string }>('/api/identity/desk-code', { method: 'POST', body: {} }),
  });
}

/** Desk officer: verify the identity of the person present. */
export function useDeskVerification() {
  return useMutation({
    mutationFn: (body: { login: string; code: string; document: 'cccd' | 'passport' | 'business_registration' }) =>
      apiFetch<{ username: string; fullName: string; identityLevel: string }>('/api/identity/desk-verifications', {
        method: 'POST',
        body,
      }),
  });
}
