import type { ApiBody, ApiQuery, ApiResponse, ItemOf } from '../api/types';

/** A certificate as GET /api/pki/certificates returns it. */
export type Certificate = ItemOf<ApiResponse<'/api/pki/certificates'>>;
export type CertificateAuthority = ItemOf<ApiResponse<'/api/pki/cas'>>;
export type TrustAnchor = ItemOf<ApiResponse<'/api/pki/trust-anchors'>>;
export type CertificateProfile = Certificate['profile'];
export type CertificateFilter = ApiQuery<'/api/pki/certificates'>;
export type IssueBody = ApiBody<'/api/pki/certificates', 'post'>;
export type ImportAnchorBody = ApiBody<'/api/pki/trust-anchors', 'post'>;
export type RevocationReason = NonNullable<Certificate['revocationReason']>;
export type RevokeBody = ApiBody<'/api/pki/certificates/{id}/revoke', 'post'>;
/** The reasons an administrator may give (RFC 5280 §5.3.1, less those for CAs and holds). */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
] as const satisfies readonly RevokeBody['reason'][];
