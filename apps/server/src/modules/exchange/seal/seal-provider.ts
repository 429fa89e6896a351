import { createHash } from 'node:crypto';
import type { Executor } from '../../../platform/db/index.js';
import { type AppError, ConflictError } from '../../../platform/http/errors.js';
import type { DirectoryService } from '../../directory/index.js';
import type { SignaturesService, SigningKey } from '../../signatures/index.js';

/** Where agency seals come from (con dấu điện tử of the agency, issued by the signatures module's CA). */
export interface SealProvider {
  /**
   * The agency whose seal signs for `agencyCode`: itself, or the nearest agency above it with a
   * current seal. Read through `exec` (the sender's transaction). 409 SEAL_CERTIFICATE_MISSING
   * when there is none, SEAL_ALGORITHM_NOT_ACCEPTED when that seal is not RSA.
   */
  sealerOf(exec: Executor, agencyCode: string): Promise<string>;
  /** The seal key that signs for the agency now, found the same way. */
  sealFor(agencyCode: string): Promise<{ sealedBy: string; key: SigningKey }>;
  /** This deployment's root CA certificates (DER): registered with the hub, distributed as federation roots. */
  localRoots(): Promise<Uint8Array[]>;
}

export const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

const sealMissing = (agencyCode: string) =>
  new ConflictError(
    'SEAL_CERTIFICATE_MISSING',
    `Neither ${agencyCode} nor an agency above it has an active seal certificate: ask the administrator to issue one before sending through the exchange.`,
    { agencyCode },
  );

/**
 * Seals from the signatures module: `sealKeyFor` of the nearest agency up the directory that has a
 * seal (as a dossier result is sealed), and that module's root CAs as this deployment's roots.
 * edXML (QCVN 102) seals are RSA-SHA256, so an ECDSA seal is refused rather than used.
 */
export class AgencySeals implements SealProvider {
  constructor(
    private readonly signatures: Pick<SignaturesService, 'currentSeal' | 'sealKeyFor' | 'rootCertificates'>,
    private readonly directory: DirectoryService,
  ) {}

  async sealerOf(exec: Executor, agencyCode: string): Promise<string> {
    for (const a of await this.directory.lineage(agencyCode, exec)) {
      const seal = await this.signatures.currentSeal(exec, a.code);
      if (!seal) continue;
      if (!seal.keyAlgorithm.startsWith('RSA')) {
        throw new ConflictError(
          'SEAL_ALGORITHM_NOT_ACCEPTED',
          `The seal of ${a.code} has an ${seal.keyAlgorithm} key; edXML packages are sealed with RSA-SHA256: issue the agency an RSA seal certificate.`,
          { agencyCode: a.code, keyAlgorithm: seal.keyAlgorithm },
        );
      }
      return a.code;
    }
    throw sealMissing(agencyCode);
  }

  async sealFor(agencyCode: string): Promise<{ sealedBy: string; key: SigningKey }> {
    for (const a of await this.directory.lineage(agencyCode)) {
      try {
        return { sealedBy: a.code, key: await this.signatures.sealKeyFor(a.code) };
      } catch (e) {
        if ((e as AppError).code !== 'SEAL_CERTIFICATE_MISSING') throw e;
      }
    }
    throw sealMissing(agencyCode);
  }

  localRoots(): Promise<Uint8Array[]> {
    return this.signatures.rootCertificates();
  }
}
