import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';

/** Stable error codes of the signatures module's PKI. */
export const certificateNotFound = (id: string) =>
  new NotFoundError('CERTIFICATE_NOT_FOUND', `No certificate ${id}.`, { id });
export const caNotFound = (id: string) => new NotFoundError('CA_NOT_FOUND', `No certificate authority ${id}.`, { id });
export const pkiNotInitialised = () => new ConflictError('PKI_NOT_INITIALISED', 'Run `egov pki init` first.');
export const certificateRevoked = (id: string, revokedAt: Date | null) =>
  new ConflictError('CERTIFICATE_REVOKED', `Certificate ${id} is revoked.`, {
    id,
    revokedAt: revokedAt?.toISOString() ?? null,
  });
export const certificateExpired = (id: string, notAfter: Date) =>
  new ConflictError('CERTIFICATE_EXPIRED', `Certificate ${id} expired.`, { id, notAfter: notAfter.toISOString() });
export const certificateNotYetValid = (id: string, notBefore: Date) =>
  new ConflictError('CERTIFICATE_NOT_YET_VALID', `Certificate ${id} is not valid yet.`, {
    id,
    notBefore: notBefore.toISOString(),
  });
export const certificateKeyNotHeld = (id: string) =>
  new ConflictError(
    'CERTIFICATE_KEY_NOT_HELD',
    'The holder keeps this key (certificate made from a CSR); sign on their device.',
    { id },
  );
export const sealCertificateMissing = (agencyCode: string) =>
  new ConflictError('SEAL_CERTIFICATE_MISSING', `Agency ${agencyCode} has no active seal certificate.`, { agencyCode });
export const notCertificateHolder = (id: string) =>
  new ForbiddenError('CERTIFICATE_NOT_HOLDER', 'Only the holder of this certificate may sign with it.', { id });
