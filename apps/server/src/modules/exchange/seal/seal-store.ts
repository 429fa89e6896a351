import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import { SecretBox } from '../../../platform/crypto/secret-box.js';
import type { DirectoryService } from '../../directory/index.js';
import type { SigningKey } from '../../signatures/index.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import { createSealCa, type IssuedKey, issueSeal, signingKeyOf } from './seal-pki.js';

/** Where agency seals come from: the one seam to replace when the signatures module issues them. */
export interface SealProvider {
  /** The seal of an agency served here (signs its packages and statuses). */
  sealFor(agencyCode: string): Promise<SigningKey>;
  /** The CA certificates (DER) of this deployment's seals: registered with the hub, distributed as federation roots. */
  localRoots(): Promise<Uint8Array[]>;
}

export const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/**
 * PROVISIONAL: a per-deployment seal CA kept by the exchange module (keys sealed with APP_SECRET),
 * until `modules/signatures` exports agency-seal signing. The signatures are real XML-DSig that
 * xmlsec1 verifies; what is missing is revocation, HSM keys and the government CA hierarchy.
 */
export class ProvisionalSealStore implements SealProvider {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, Promise<SigningKey>>();
  private caPromise: Promise<IssuedKey> | null = null;

  constructor(
    private readonly db: Db,
    appSecret: string,
    private readonly directory: DirectoryService,
    private readonly deploymentName: string,
  ) {
    this.box = new SecretBox(appSecret, 'exchange-seals');
  }

  private async load(id: string, make: () => Promise<IssuedKey>): Promise<IssuedKey> {
    const row = (await repo.sealKey(this.db, id)) ?? (await (async () => {
      const k = await make();
      return repo.putSealKey(this.db, { id, certDer: Buffer.from(k.certDer).toString('base64'), sealedKey: this.box.seal(Buffer.from(k.pkcs8).toString('base64')) });
    })());
    return { certDer: new Uint8Array(Buffer.from(row.certDer, 'base64')), pkcs8: new Uint8Array(Buffer.from(this.box.open(row.sealedKey), 'base64')) };
  }

  private ca(): Promise<IssuedKey> {
    this.caPromise ??= this.load('ca', () => createSealCa(`CA con dấu liên thông ${this.deploymentName}`)).catch((e) => {
      this.caPromise = null;
      throw e;
    });
    return this.caPromise;
  }

  async localRoots(): Promise<Uint8Array[]> {
    return [(await this.ca()).certDer];
  }

  sealFor(agencyCode: string): Promise<SigningKey> {
    let p = this.cache.get(agencyCode);
    if (!p) {
      p = (async () => {
        const agency = await this.directory.find(agencyCode);
        if (!agency) throw new Error(`No agency ${agencyCode} in the directory: cannot issue its seal.`);
        const ca = await this.ca();
        const seal = await this.load(`seal:${agency.code}`, () => issueSeal(ca, { code: agency.code, name: agency.name }));
        return signingKeyOf(seal, ca.certDer);
      })();
      p.catch(() => this.cache.delete(agencyCode));
      this.cache.set(agencyCode, p);
    }
    return p;
  }
}
