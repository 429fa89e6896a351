import * as pkijs from 'pkijs';
import type { Executor } from '../../../platform/db/index.js';
import { arrayBuffer, unb64 } from './pki-crypto.js';
import { type CertificateRow, type PkiRole, signaturesRepository as repo } from './signatures.repository.js';

/**
 * How long a CA or role row read here may be reused. CAs change rarely (a rollover, an offline
 * revocation); a certificate holder's own row is always read fresh, so a revoked signing
 * certificate stops at once while a revoked CA takes up to this long to be seen by every process.
 */
export const CA_CACHE_MS = 30_000;

/** Rows of the PKI itself (cached); end-entity certificates (person, seal, TLS) are always read fresh. */
const CA_PROFILES = new Set<CertificateRow['profile']>(['root', 'issuing', 'tsa', 'ocsp']);

/** In-process cache of the PKI's own CA rows and their parsed certificates (OCSP, TSA and signing read them on every call). */
export class PkiCache {
  private readonly roles = new Map<PkiRole, { at: number; row: CertificateRow | null }>();
  private readonly cas = new Map<string, { at: number; row: CertificateRow | null }>();
  private readonly parsed = new Map<string, pkijs.Certificate>();

  async roleHolder(db: Executor, role: PkiRole): Promise<CertificateRow | null> {
    const hit = this.roles.get(role);
    if (hit?.row && Date.now() - hit.at < CA_CACHE_MS) return hit.row;
    const row = await repo.roleHolder(db, role);
    this.roles.set(role, { at: Date.now(), row });
    return row;
  }

  /** A CA certificate row (root, issuing, TSA), briefly cached; other rows are not cached. */
  async ca(db: Executor, id: string): Promise<CertificateRow | null> {
    const hit = this.cas.get(id);
    if (hit?.row && Date.now() - hit.at < CA_CACHE_MS) return hit.row;
    const row = await repo.certificate(db, id);
    if (row && CA_PROFILES.has(row.profile)) this.cas.set(id, { at: Date.now(), row });
    return row;
  }

  private ourCas: { at: number; byFingerprint: Map<string, CertificateRow> } | null = null;

  private async caRows(db: Executor) {
    if (!this.ourCas || Date.now() - this.ourCas.at >= CA_CACHE_MS) {
      const rows = await repo.cas(db);
      this.ourCas = { at: Date.now(), byFingerprint: new Map(rows.map((r) => [r.fingerprint, r])) };
    }
    return this.ourCas.byFingerprint;
  }

  /** Our CA (root or issuing) with this SHA-256 fingerprint, or null: is this issuer one of ours? */
  async caByFingerprint(db: Executor, fingerprint: string): Promise<CertificateRow | null> {
    return (await this.caRows(db)).get(fingerprint) ?? null;
  }

  /** Our CAs (root and issuing), briefly cached. */
  async allCas(db: Executor): Promise<CertificateRow[]> {
    return [...(await this.caRows(db)).values()];
  }

  /** The row's certificate parsed by pkijs (DER never changes for an id). */
  pkijs(row: CertificateRow): pkijs.Certificate {
    let c = this.parsed.get(row.id);
    if (!c) {
      c = pkijs.Certificate.fromBER(arrayBuffer(unb64(row.der)));
      this.parsed.set(row.id, c);
    }
    return c;
  }

  /** After a change made in this process (init, a CA revocation). */
  clear() {
    this.roles.clear();
    this.cas.clear();
    this.ourCas = null;
  }
}
