import type { ActorContext, Principal } from '../../../../platform/http/auth.js';
import { ConflictError, ForbiddenError } from '../../../../platform/http/errors.js';
import { recordAudit } from '../../../audit/index.js';
import { currentCrl } from '../crl.js';
import { certificateNotFound } from '../../errors.js';
import type { PkiContext } from '../pki.deps.js';
import { assertMayManage } from '../pki.policy.js';
import { REVOCATION_REASONS, type RevocationReason } from '../profiles.js';
import { type CertificateRow, signaturesRepository as repo } from '../signatures.repository.js';
import { type CertificateView, toView } from './certificate-view.js';

export interface ListFilter {
  /** A user id or an agency code. */
  owner?: string;
  profile?: 'person' | 'seal';
  status?: 'active' | 'revoked';
  page: number;
  pageSize: number;
}

/**
 * End-entity certificates their holders' administrators see and revoke: a person's, an agency's seal,
 * a gateway client subsystem's TLS certificate (revoked here, refused at the gateway's next handshake).
 */
const MANAGED = new Set<CertificateRow['profile']>(['person', 'seal', 'tls-client']);

export async function requireCertificate(c: PkiContext, id: string): Promise<CertificateRow> {
  const row = await repo.certificate(c.db, id);
  if (!row) throw certificateNotFound(id);
  return row;
}

/**
 * Certificates the caller may see: admins all; agency admins those of their agency and the units
 * below it (and their own); anyone else only their own.
 */
export async function listCertificates(
  c: PkiContext,
  actor: Principal,
  f: ListFilter,
): Promise<{ items: CertificateView[]; total: number }> {
  const base = { profile: f.profile, status: f.status, page: f.page, pageSize: f.pageSize };
  if (actor.roles.includes('admin')) return page(c, { ...base, owner: f.owner });
  if (actor.roles.includes('agency_admin') && actor.agencyCode && f.owner !== actor.userId) {
    return page(c, { ...base, owner: f.owner, agencyCodes: await c.directory.subtreeCodes(actor.agencyCode) });
  }
  if (f.owner && f.owner !== actor.userId)
    throw new ForbiddenError('FORBIDDEN_OWNER', 'You may only list your own certificates.');
  return page(c, { ...base, owner: actor.userId });
}

async function page(c: PkiContext, f: Parameters<typeof repo.list>[1]) {
  const r = await repo.list(c.db, f);
  return { items: r.items.map(toView), total: r.total };
}

/** One certificate: its holder, or whoever manages its agency. */
export async function getCertificate(c: PkiContext, actor: Principal, id: string): Promise<CertificateView> {
  const row = await requireCertificate(c, id);
  if (!MANAGED.has(row.profile)) throw certificateNotFound(id);
  if (row.ownerUserId !== actor.userId) await assertMayManage(c.directory, actor, row.ownerAgencyCode);
  return toView(row);
}

/** Revoke with an RFC 5280 reason; the CRL is re-signed at once and OCSP answers `revoked` from then on. */
export async function revokeCertificate(
  c: PkiContext,
  ctx: ActorContext,
  actor: Principal,
  id: string,
  reason: RevocationReason,
): Promise<CertificateView> {
  const row = await requireCertificate(c, id);
  if (!MANAGED.has(row.profile)) throw certificateNotFound(id);
  await assertMayManage(c.directory, actor, row.ownerAgencyCode);
  const now = c.clock.now();
  const revoked = await c.db.transaction(async (tx) => {
    const r = await repo.revoke(tx, id, new Date(Math.floor(now.getTime() / 1000) * 1000), REVOCATION_REASONS[reason]);
    if (!r) throw new ConflictError('CERTIFICATE_ALREADY_REVOKED', `Certificate ${id} is already revoked.`, { id });
    await recordAudit(
      tx,
      ctx,
      {
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: id,
        before: { status: 'active' },
        after: { status: 'revoked', reason },
      },
      now,
    );
    return r;
  });
  // After the commit (signing may read the key store). If it fails here, the next CRL download re-signs.
  const ca = await repo.certificate(c.db, row.issuerId);
  if (ca) await currentCrl(c, ca).catch(() => undefined);
  return toView(revoked);
}
