import type { Config } from '../../../config/index.js';
import type { Db, Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import type { Clock } from '../../../platform/time/clock.js';
import type { DirectoryService } from '../../directory/index.js';
import type { IdentityContext } from '../../identity/index.js';
import { currentCrl } from './crl.js';
import { CrlFetcher } from './crl-fetcher.js';
import { caNotFound } from '../errors.js';
import type { KeyStore } from './key-store.js';
import { answerOcsp } from './ocsp.js';
import type { PkiContext } from './pki.deps.js';
import { PkiCache } from './pki-cache.js';
import { unb64 } from './pki-crypto.js';
import { initPki, type PkiInitResult } from './pki-init.js';
import { issueSeals, seedDemoCertificates } from './pki-seed.js';
import type { RevocationReason } from './profiles.js';
import type { SigningKey, TimestampAuthority, TrustContext } from '../signing-ports.js';
import { signaturesRepository as repo } from './signatures.repository.js';
import { PkiTrustContext } from './trust-context.js';
import { type ImportAnchorInput, TrustList, type TrustAnchorView } from './trust-list.js';
import { answerTimestamp, makeTimestampToken } from './tsa.js';
import { type CertificateView, toView } from './use-cases/certificate-view.js';
import { currentSeal, ownRoots, type SealSummary } from './use-cases/seal-summary.js';
import { type IssueInput, issueCertificate } from './use-cases/issue-certificate.js';
import {
  getCertificate,
  type ListFilter,
  listCertificates,
  revokeCertificate,
} from './use-cases/manage-certificates.js';
import { assertHolder, sealKeyFor, signingKeyFor } from './use-cases/signing-keys.js';
import {
  caCertificatesPem,
  issueTlsClientCertificate,
  issueTlsServerIdentity,
  type PresentedCertificate,
  presentedCertificate,
  type TlsClientInput,
  type TlsClientIssued,
  tlsClientCertificates,
} from './use-cases/tls-certificates.js';

/**
 * The signatures facade. PKI (chứng thực chữ ký số): CAs, certificates, revocation, CRL, OCSP,
 * time stamps, trust list; and the seams the signature formats and other modules sign and
 * validate through (`signingKeyFor`, `sealKeyFor`, `timestampAuthority`, `trustContext`, `assertHolder`).
 */
export class SignaturesService {
  readonly trustList: TrustList;
  private readonly c: PkiContext;
  private readonly trust: PkiTrustContext;
  private readonly tsa: TimestampAuthority;

  constructor(
    db: Db,
    clock: Clock,
    config: Pick<Config, 'publicUrl'>,
    store: KeyStore,
    directory: DirectoryService,
    identity: IdentityContext,
  ) {
    this.c = { db, clock, store, publicUrl: config.publicUrl, directory, identity, cache: new PkiCache() };
    this.trustList = new TrustList(db, clock);
    this.trust = new PkiTrustContext(this.c, this.trustList, new CrlFetcher(clock));
    this.tsa = { timestamp: (digest, hash) => makeTimestampToken(this.c, { digest, hash, includeCertificate: true }) };
  }

  // ── Seams for signing and validation ─────────────────────────────────────────────────────────

  /** A server-held key and its chain; 409 CERTIFICATE_REVOKED / _EXPIRED / _KEY_NOT_HELD when it may not sign now. */
  signingKeyFor(certificateId: string): Promise<SigningKey> {
    return signingKeyFor(this.c, certificateId);
  }

  /** The agency's current seal key (system-initiated seals); 409 SEAL_CERTIFICATE_MISSING when it has none. */
  sealKeyFor(agencyCode: string): Promise<SigningKey> {
    return sealKeyFor(this.c, agencyCode);
  }

  /**
   * The agency's current seal certificate (id and key algorithm), or null, read through `exec` so a
   * caller can check inside its own transaction that a later `sealKeyFor` will find one.
   */
  currentSeal(exec: Executor, agencyCode: string): Promise<SealSummary | null> {
    return currentSeal(this.c, exec, agencyCode);
  }

  /** DER of this deployment's root CA certificates still valid now: what every certificate issued here chains to. */
  rootCertificates(): Promise<Uint8Array[]> {
    return ownRoots(this.c);
  }

  /** 403 CERTIFICATE_NOT_HOLDER unless the principal holds the certificate (person) or is a clerk of its agency (seal). */
  assertHolder(principal: Principal, certificateId: string): Promise<void> {
    return assertHolder(this.c, principal, certificateId);
  }

  /** Our RFC 3161 TSA, in-process. */
  timestampAuthority(): TimestampAuthority {
    return this.tsa;
  }

  /** Trust list, known intermediates and revocation status, for the validator. */
  trustContext(): TrustContext {
    return this.trust;
  }

  // ── TLS client authentication (the gateway's mutual-TLS listener, ADR 0026 addendum) ─────────

  /** Issue a gateway client subsystem's TLS client certificate; the caller (the gateway) checked who asks. */
  issueTlsClient(ctx: ActorContext, input: TlsClientInput, idempotencyKey?: string): Promise<TlsClientIssued> {
    return issueTlsClientCertificate(this.c, ctx, input, idempotencyKey);
  }

  /** TLS client certificates issued for one subsystem of an agency, newest first. */
  tlsClientCertificates(agencyCode: string, subsystemId: string): Promise<CertificateView[]> {
    return tlsClientCertificates(this.c, agencyCode, subsystemId);
  }

  /** A certificate a TLS peer presented, as this PKI knows it (profile, status, owner), or null if not ours. */
  presentedCertificate(der: Uint8Array): Promise<PresentedCertificate | null> {
    return presentedCertificate(this.c, der);
  }

  /** PEM of our CAs valid now: what a TLS listener trusts for client certificates. */
  caCertificatesPem(): Promise<string[]> {
    return caCertificatesPem(this.c);
  }

  /** A server certificate for a TLS listener of these host names, its key in memory only (audited). */
  tlsServerIdentity(ctx: ActorContext, hosts: string[]) {
    return issueTlsServerIdentity(this.c, ctx, hosts);
  }

  // ── PKI administration ───────────────────────────────────────────────────────────────────────

  /** Create the root, issuing CA and TSA certificates if missing; safe to run again. */
  async init(ctx: ActorContext): Promise<PkiInitResult> {
    const r = await initPki(this.c, ctx);
    this.c.cache.clear();
    return r;
  }

  /** Demo data: person certificates for these staff usernames, seal certificates for these agencies (skips those that have one). */
  seedDemoCertificates(ctx: ActorContext, o: { usernames: string[]; agencyCodes: string[] }) {
    return seedDemoCertificates(this.c, ctx, o);
  }

  /** Seal certificates for these agencies, where they hold none (the operator's `egov pki seal`). */
  issueSeals(ctx: ActorContext, agencyCodes: string[]) {
    return issueSeals(this.c, ctx, agencyCodes);
  }

  /** Our CAs (root, issuing), newest first. */
  async cas(): Promise<CertificateView[]> {
    return (await repo.cas(this.c.db)).map(toView);
  }

  /** DER of one of our CA certificates. */
  async caCertificate(caId: string): Promise<Uint8Array> {
    return unb64((await this.requireCa(caId)).der);
  }

  /** DER CRL of one of our CAs, re-signed when stale or missing a revocation. */
  async crl(caId: string): Promise<Uint8Array> {
    return currentCrl(this.c, await this.requireCa(caId));
  }

  /** RFC 6960 responder: request DER → response DER (errors become OCSP error statuses). */
  ocsp(request: Uint8Array): Promise<Uint8Array> {
    return answerOcsp(this.c, request);
  }

  /** RFC 3161 time-stamping unit: request DER → response DER. */
  timestamp(request: Uint8Array): Promise<Uint8Array> {
    return answerTimestamp(this.c, request);
  }

  issue(ctx: ActorContext, actor: Principal, input: IssueInput, idempotencyKey?: string) {
    return issueCertificate(this.c, ctx, actor, input, idempotencyKey);
  }

  list(actor: Principal, f: ListFilter) {
    return listCertificates(this.c, actor, f);
  }

  get(actor: Principal, id: string): Promise<CertificateView> {
    return getCertificate(this.c, actor, id);
  }

  revoke(ctx: ActorContext, actor: Principal, id: string, reason: RevocationReason): Promise<CertificateView> {
    return revokeCertificate(this.c, ctx, actor, id, reason);
  }

  trustAnchors(): Promise<TrustAnchorView[]> {
    return this.trustList.list();
  }

  importTrustAnchor(ctx: ActorContext, input: ImportAnchorInput): Promise<TrustAnchorView> {
    return this.trustList.import(ctx, input);
  }

  removeTrustAnchor(ctx: ActorContext, id: string): Promise<void> {
    return this.trustList.remove(ctx, id);
  }

  private async requireCa(caId: string) {
    // `root` and `issuing` name the current CAs, for links that survive a key rollover.
    const row =
      caId === 'root' || caId === 'issuing'
        ? await this.c.cache.roleHolder(this.c.db, caId)
        : await this.c.cache.ca(this.c.db, caId);
    if (!row || (row.profile !== 'root' && row.profile !== 'issuing')) throw caNotFound(caId);
    return row;
  }
}
