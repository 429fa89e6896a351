import { z } from 'zod';
import { OIDC_SCOPES } from './account.js';

/** Absolute https URL, or http on localhost / 127.0.0.1 for development; no fragment. */
export function isAllowedRedirectUri(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.hash || u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
}

const redirectUri = z
  .string()
  .trim()
  .max(2000)
  .refine(isAllowedRedirectUri, {
    message: 'An absolute https URL (http only for localhost or 127.0.0.1), without a fragment.',
    params: { code: 'INVALID_REDIRECT_URI' },
  });

export const oidcGrantType = z.enum(['authorization_code', 'client_credentials', 'refresh_token']);
export const oidcScope = z.enum(OIDC_SCOPES);

export const createOidcClientBody = z.object({
  name: z.string().trim().min(2).max(200),
  redirectUris: z.array(redirectUri).max(20).default([]),
  grantTypes: z.array(oidcGrantType).min(1).max(3),
  scopes: z.array(oidcScope).max(OIDC_SCOPES.length).optional(),
  /** Public client (a single-page or native app): PKCE only, no secret. */
  public: z.boolean().default(false),
});

export const createOidcClientResponse = z.object({
  clientId: z.string(),
  /** Shown once: only a sealed copy is stored. */
  clientSecret: z.string().optional(),
});

export const oidcClientDto = z.object({
  clientId: z.string(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  grantTypes: z.array(z.string()),
  scopes: z.array(z.string()),
  public: z.boolean(),
  ownerAgencyCode: z.string().nullable(),
  createdAt: z.date(),
});

export const oidcClientListResponse = z.object({ items: z.array(oidcClientDto) });
export const oidcClientParams = z.object({ clientId: z.string().min(1).max(100) });

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(oidcClientDto, { id: 'OidcClient' });
