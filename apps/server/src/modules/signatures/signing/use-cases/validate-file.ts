import type { Principal } from '../../../../platform/http/auth.js';
import type { RevocationInfo, ValidationReport } from '../../signing-ports.js';
import type { SigningService } from '../signing.service.js';
import { ownFile } from './sign-file.js';

/** Dates of the revocation answer as ISO strings, as every other time in the report. */
function revocationDto(r: RevocationInfo | null) {
  if (!r) return null;
  return {
    ...r,
    revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : undefined,
    producedAt: r.producedAt ? new Date(r.producedAt).toISOString() : undefined,
  };
}

export function reportDto(r: ValidationReport) {
  return { ...r, signatures: r.signatures.map((s) => ({ ...s, revocation: revocationDto(s.revocation) })) };
}

/** POST /api/signatures/validate: validate one's own uploaded file (and the content of a detached `.p7s`). */
export async function validateFile(
  s: SigningService,
  p: Principal,
  input: { fileId: string; detachedContentFileId?: string },
) {
  const file = await ownFile(s, p, input.fileId);
  const detached = input.detachedContentFileId
    ? (await ownFile(s, p, input.detachedContentFileId, 'detachedContentFileId')).bytes
    : undefined;
  const report = await s.validateBytes(file.bytes, { detachedContent: detached });
  return { name: file.row.name, report };
}
