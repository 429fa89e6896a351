import * as x509 from '@peculiar/x509';
import type { Db } from '../../../platform/db/index.js';
import type { ActorContext } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { Clock } from '../../../platform/time/clock.js';
import { recordAudit } from '../../audit/index.js';
import { arrayBuffer, b64, sha256Hex, unb64 } from './pki-crypto.js';
import type { TrustAnchor } from '../signing-ports.js';
import { signaturesRepository as repo, type TrustAnchorRow } from './signatures.repository.js';

export interface TrustAnchorView {
  id: string;
  category: 'government' | 'public';
  subject: string;
  fingerprint: string;
  notAfter: Date;
  /** One of our own CAs (cannot be removed from the list). */
  own: boolean;
  pem: string;
}

export interface ImportAnchorInput {
  /** PEM, or the DER in base64. */
  certificate: string;
  category: 'government' | 'public';
}

/** How long another process's change to the list may take to be seen here. */
const CACHE_MS = 5_000;

const view = (r: TrustAnchorRow): TrustAnchorView => ({
  id: r.id,
  category: r.category,
  subject: r.subject,
  fingerprint: r.fingerprint,
  notAfter: r.notAfter,
  own: r.caId !== null,
  pem: new x509.X509Certificate(unb64(r.der)).toString('pem'),
});

/** Parse a PEM or base64 DER certificate; 422 on `certificate` when it is not one. */
export function parseCertificateInput(text: string, field = 'certificate'): x509.X509Certificate {
  const t = text.trim();
  try {
    if (t.startsWith('-----BEGIN')) return new x509.X509Certificate(t);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(t)) throw new Error('not base64');
    return new x509.X509Certificate(arrayBuffer(new Uint8Array(Buffer.from(t, 'base64'))));
  } catch {
    throw ValidationError.field(field, 'INVALID_CERTIFICATE', 'Not a PEM or base64 DER X.509 certificate.');
  }
}

/** The trust list (danh sách tin cậy): exactly these roots are trusted by the validator. */
export class TrustList {
  private cache: { at: number; anchors: TrustAnchor[] } | null = null;
  private readonly sources: (() => Promise<TrustAnchor[]>)[] = [];

  /**
   * Anchors that other modules know (the exchange: roots of federated deployments, category
   * `federation`), asked at every validation and merged after the list's own entries.
   */
  addSource(source: () => Promise<TrustAnchor[]>) {
    this.sources.push(source);
  }

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<TrustAnchorView[]> {
    return (await repo.trustAnchors(this.db)).map(view);
  }

  /** For the validator: the list's anchors as DER (briefly cached), then those of the other sources. */
  async anchors(): Promise<TrustAnchor[]> {
    const own = await this.ownAnchors();
    if (this.sources.length === 0) return own;
    const seen = new Set(own.map((a) => sha256Hex(a.der)));
    const extra: TrustAnchor[] = [];
    for (const source of this.sources)
      for (const a of await source().catch(() => [] as TrustAnchor[])) {
        const fp = sha256Hex(a.der);
        if (!seen.has(fp)) extra.push(a);
        seen.add(fp);
      }
    return [...own, ...extra];
  }

  private async ownAnchors(): Promise<TrustAnchor[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.anchors;
    const anchors = (await repo.trustAnchors(this.db)).map((r) => ({
      id: r.id,
      category: r.category,
      subject: r.subject,
      der: unb64(r.der),
    }));
    this.cache = { at: Date.now(), anchors };
    return anchors;
  }

  /** Import a root CA certificate (self-signed, a CA, not expired) as `government` or `public`. */
  async import(ctx: ActorContext, input: ImportAnchorInput): Promise<TrustAnchorView> {
    const cert = parseCertificateInput(input.certificate);
    const bad = (code: string, message: string) => ValidationError.field('certificate', code, message);
    const bc = cert.getExtension(x509.BasicConstraintsExtension);
    // v1 roots (no extensions) are still met in the wild; a v3 certificate must say it is a CA.
    if (bc ? !bc.ca : cert.extensions.length > 0) throw bad('NOT_A_CA', 'The certificate is not a CA certificate.');
    const selfSigned = cert.subject === cert.issuer && (await cert.verify({ signatureOnly: true }).catch(() => false));
    if (!selfSigned) throw bad('NOT_A_ROOT', 'Import the self-signed root of the hierarchy.');
    const now = this.clock.now();
    if (cert.notAfter < now) throw bad('CERTIFICATE_EXPIRED', 'The certificate has expired.');
    const fingerprint = sha256Hex(cert.rawData);
    const row = await this.db.transaction(async (tx) => {
      const r = await repo.insertTrustAnchor(tx, {
        id: newId('tan'),
        category: input.category,
        subject: cert.subject,
        fingerprint,
        der: b64(cert.rawData),
        caId: null,
        notAfter: cert.notAfter,
      });
      if (!r)
        throw new ConflictError('TRUST_ANCHOR_EXISTS', 'This certificate is already on the trust list.', {
          fingerprint,
        });
      await recordAudit(
        tx,
        ctx,
        {
          action: 'trust_anchor.imported',
          subjectType: 'trust_anchor',
          subjectId: r.id,
          after: { category: r.category, subject: r.subject, fingerprint },
        },
        now,
      );
      return r;
    });
    this.cache = null;
    return view(row);
  }

  /** Remove an imported root; our own CAs stay (remove them by retiring the CA, not here). */
  async remove(ctx: ActorContext, id: string): Promise<void> {
    const existing = await repo.trustAnchor(this.db, id);
    if (!existing) throw new NotFoundError('TRUST_ANCHOR_NOT_FOUND', `No trust anchor ${id}.`, { id });
    if (existing.caId)
      throw new ConflictError('TRUST_ANCHOR_IS_OWN_CA', 'Our own root CA cannot be removed from the trust list.', {
        id,
      });
    await this.db.transaction(async (tx) => {
      const r = await repo.deleteTrustAnchor(tx, id);
      if (!r) throw new NotFoundError('TRUST_ANCHOR_NOT_FOUND', `No trust anchor ${id}.`, { id });
      await recordAudit(
        tx,
        ctx,
        {
          action: 'trust_anchor.removed',
          subjectType: 'trust_anchor',
          subjectId: id,
          before: { category: r.category, subject: r.subject, fingerprint: r.fingerprint },
        },
        this.clock.now(),
      );
    });
    this.cache = null;
  }
}
