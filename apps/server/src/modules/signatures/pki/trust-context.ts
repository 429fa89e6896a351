import * as x509 from '@peculiar/x509';
import type { CrlFetcher } from './crl-fetcher.js';
import type { PkiDeps } from './pki.deps.js';
import { arrayBuffer, sha256Hex, unb64 } from './pki-crypto.js';
import { reasonName } from './profiles.js';
import type { RevocationInfo, TrustContext } from '../signing-ports.js';
import { signaturesRepository as repo } from './signatures.repository.js';
import type { TrustList } from './trust-list.js';

const INTERMEDIATES_CACHE_MS = 30_000;

/**
 * The validator's view of the PKI: the trust list, our CAs as intermediates, revocation of our own
 * certificates from the database (authoritative, immediate) and of foreign ones from their CRL.
 */
export class PkiTrustContext implements TrustContext {
  private intermediatesCache: { at: number; ders: Uint8Array[] } | null = null;

  constructor(
    private readonly d: PkiDeps,
    private readonly trustList: TrustList,
    private readonly crls: CrlFetcher,
  ) {}

  anchors() {
    return this.trustList.anchors();
  }

  async intermediates(): Promise<Uint8Array[]> {
    if (this.intermediatesCache && Date.now() - this.intermediatesCache.at < INTERMEDIATES_CACHE_MS)
      return this.intermediatesCache.ders;
    const ders = (await repo.cas(this.d.db)).filter((c) => c.profile === 'issuing').map((c) => unb64(c.der));
    this.intermediatesCache = { at: Date.now(), ders };
    return ders;
  }

  now(): Date {
    return this.d.clock.now();
  }

  async revocation(cert: Uint8Array, issuer: Uint8Array): Promise<RevocationInfo> {
    const ourIssuer = await this.d.cache.caByFingerprint(this.d.db, sha256Hex(issuer));
    if (ourIssuer) return this.local(cert, ourIssuer.id);
    if (!(await this.anchored(issuer))) return { status: 'unknown', source: 'none' };
    return this.crls.status(cert, issuer);
  }

  private async local(certDer: Uint8Array, issuerId: string): Promise<RevocationInfo> {
    const producedAt = this.d.clock.now();
    let serial: string;
    try {
      serial = new x509.X509Certificate(arrayBuffer(certDer)).serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
    } catch {
      return { status: 'unknown', source: 'local', producedAt };
    }
    const row = await repo.bySerial(this.d.db, issuerId, serial);
    // Same serial but other bytes: not a certificate we issued.
    if (!row || row.fingerprint !== sha256Hex(certDer)) return { status: 'unknown', source: 'local', producedAt };
    if (row.status !== 'revoked') return { status: 'good', source: 'local', producedAt };
    return {
      status: 'revoked',
      source: 'local',
      producedAt,
      revokedAt: row.revokedAt ?? undefined,
      reason: reasonName(row.revocationReason) ?? 'unspecified',
    };
  }

  /**
   * Fetch a foreign CRL only for an issuer that is a trust anchor or is signed by one: the URLs in
   * an untrusted certificate must not make the server call arbitrary addresses.
   */
  private async anchored(issuerDer: Uint8Array): Promise<boolean> {
    const anchors = await this.anchors();
    const fp = sha256Hex(issuerDer);
    if (anchors.some((a) => sha256Hex(a.der) === fp)) return true;
    let issuer: x509.X509Certificate;
    try {
      issuer = new x509.X509Certificate(arrayBuffer(issuerDer));
    } catch {
      return false;
    }
    for (const a of anchors) {
      const anchor = new x509.X509Certificate(arrayBuffer(a.der));
      if (
        anchor.subject === issuer.issuer &&
        (await issuer.verify({ publicKey: anchor, signatureOnly: true }).catch(() => false))
      )
        return true;
    }
    return false;
  }
}
