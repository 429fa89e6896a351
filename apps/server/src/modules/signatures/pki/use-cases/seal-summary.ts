import * as x509 from '@peculiar/x509';
import type { Executor } from '../../../../platform/db/index.js';
import type { PkiContext } from '../pki.deps.js';
import { unb64 } from '../pki-crypto.js';
import { signaturesRepository as repo } from '../signatures.repository.js';
import { keyAlgorithm } from './certificate-view.js';

export interface SealSummary {
  certificateId: string;
  /** `RSA-3072`, `ECDSA-P256` … as the certificate's public key says. */
  keyAlgorithm: string;
}

/** The agency's current seal (the one `sealKeyFor` would use), read through the caller's executor. */
export async function currentSeal(c: PkiContext, exec: Executor, agencyCode: string): Promise<SealSummary | null> {
  const row = await repo.currentOf(exec, 'seal', { agencyCode }, c.clock.now());
  return row ? { certificateId: row.id, keyAlgorithm: keyAlgorithm(new x509.X509Certificate(unb64(row.der))) } : null;
}

/** Our self-signed root CAs that are active and unexpired, DER, newest first. */
export async function ownRoots(c: PkiContext): Promise<Uint8Array[]> {
  const now = c.clock.now();
  return (await repo.cas(c.db))
    .filter((r) => r.profile === 'root' && r.status === 'active' && r.notAfter > now)
    .map((r) => unb64(r.der));
}
