import { z } from 'zod';
import { pageQuery, paged } from '../../../platform/http/schemas.js';
import { KEY_ALGORITHMS } from './key-store.js';
import { REVOCATION_REASONS } from './profiles.js';

const reasons = Object.keys(REVOCATION_REASONS) as [
  keyof typeof REVOCATION_REASONS,
  ...(keyof typeof REVOCATION_REASONS)[],
];

export const certificateDto = z.object({
  id: z.string(),
  profile: z.enum(['root', 'issuing', 'person', 'seal', 'tsa', 'ocsp', 'tls-client', 'tls-server']),
  serial: z.string(),
  subject: z.string(),
  issuer: z.string(),
  issuerId: z.string(),
  ownerUserId: z.string().nullable(),
  ownerAgencyCode: z.string().nullable(),
  keyHeld: z.boolean(),
  keyAlgorithm: z.string(),
  fingerprint: z.string(),
  notBefore: z.date(),
  notAfter: z.date(),
  status: z.enum(['active', 'revoked']),
  revokedAt: z.date().nullable(),
  revocationReason: z.enum(reasons).nullable(),
  pem: z.string(),
});

export const caDto = certificateDto.extend({ certificateUrl: z.string(), crlUrl: z.string() });
export const caListResponse = z.object({ items: z.array(caDto) });

export const issueBody = z.object({
  profile: z.enum(['person', 'seal']),
  userId: z.string().trim().min(1).max(64).optional(),
  agencyCode: z.string().trim().min(1).max(35).optional(),
  /** PEM PKCS#10: the holder keeps the key. */
  csr: z.string().max(32_768).optional(),
  keyAlgorithm: z.enum(KEY_ALGORITHMS).optional(),
});

export const certificateListQuery = pageQuery.extend({
  owner: z.string().trim().min(1).max(64).optional(),
  profile: z.enum(['person', 'seal']).optional(),
  status: z.enum(['active', 'revoked']).optional(),
});
export const certificateListResponse = paged(certificateDto);

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const revokeBody = z.object({ reason: z.enum(reasons) });

export const trustAnchorDto = z.object({
  id: z.string(),
  category: z.enum(['government', 'public']),
  subject: z.string(),
  fingerprint: z.string(),
  notAfter: z.date(),
  own: z.boolean(),
  pem: z.string(),
});
export const trustAnchorListResponse = z.object({ items: z.array(trustAnchorDto) });
export const importAnchorBody = z.object({
  certificate: z.string().min(1).max(65_536),
  category: z.enum(['government', 'public']),
});

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(certificateDto, { id: 'Certificate' });
z.globalRegistry.add(caDto, { id: 'CertificateAuthority' });
z.globalRegistry.add(trustAnchorDto, { id: 'TrustAnchor' });
