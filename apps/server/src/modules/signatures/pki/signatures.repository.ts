import { and, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import { one } from '../../../platform/db/rows.js';
import { certificates, crls, pkiRoles, trustAnchors } from '../db/schema.js';

export type CertificateRow = typeof certificates.$inferSelect;
export type CrlRow = typeof crls.$inferSelect;
export type TrustAnchorRow = typeof trustAnchors.$inferSelect;
export type PkiRole = (typeof pkiRoles.$inferSelect)['role'];

export interface CertificateFilter {
  /** A user id or an agency code. */
  owner?: string;
  /** Only certificates of these agencies (and of their staff). */
  agencyCodes?: string[];
  profile?: 'person' | 'seal';
  status?: 'active' | 'revoked';
  page: number;
  pageSize: number;
}

export const signaturesRepository = {
  async certificate(db: Executor, id: string) {
    const [r] = await db.select().from(certificates).where(eq(certificates.id, id));
    return r ?? null;
  },
  async bySerial(db: Executor, issuerId: string, serial: string) {
    const [r] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.issuerId, issuerId), eq(certificates.serial, serial)));
    return r ?? null;
  },
  /** TLS client certificates of an agency's gateway subsystems, newest first. */
  async tlsClientsOf(db: Executor, agencyCode: string) {
    return db
      .select()
      .from(certificates)
      .where(and(eq(certificates.profile, 'tls-client'), eq(certificates.ownerAgencyCode, agencyCode)))
      .orderBy(desc(certificates.createdAt), desc(certificates.id));
  },
  /** Our CAs (root and issuing), newest first. */
  async cas(db: Executor) {
    return db
      .select()
      .from(certificates)
      .where(inArray(certificates.profile, ['root', 'issuing']))
      .orderBy(desc(certificates.createdAt));
  },
  /** End-entity certificates (person, seal) matching the filter, newest first. */
  async list(db: Executor, f: CertificateFilter) {
    const where = and(
      f.profile ? eq(certificates.profile, f.profile) : inArray(certificates.profile, ['person', 'seal']),
      f.owner ? or(eq(certificates.ownerUserId, f.owner), eq(certificates.ownerAgencyCode, f.owner)) : undefined,
      f.agencyCodes ? inArray(certificates.ownerAgencyCode, f.agencyCodes.length ? f.agencyCodes : ['']) : undefined,
      f.status ? eq(certificates.status, f.status) : undefined,
    );
    const items = await db
      .select()
      .from(certificates)
      .where(where)
      .orderBy(desc(certificates.createdAt), desc(certificates.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(certificates)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
  /** The newest active, unexpired, server-held certificate of a profile for a user or an agency. */
  async currentOf(
    db: Executor,
    profile: 'person' | 'seal',
    owner: { userId?: string; agencyCode?: string },
    now: Date,
  ) {
    const [r] = await db
      .select()
      .from(certificates)
      .where(
        and(
          eq(certificates.profile, profile),
          owner.userId
            ? eq(certificates.ownerUserId, owner.userId)
            : eq(certificates.ownerAgencyCode, owner.agencyCode ?? ''),
          eq(certificates.status, 'active'),
          gt(certificates.notAfter, now),
          sql`${certificates.keyId} is not null`,
        ),
      )
      .orderBy(desc(certificates.notAfter))
      .limit(1);
    return r ?? null;
  },
  async insertCertificate(db: Executor, row: typeof certificates.$inferInsert) {
    return one(await db.insert(certificates).values(row).returning(), 'certificate');
  },
  /** Marks revoked only if still active; null when someone else revoked it first. */
  async revoke(db: Executor, id: string, at: Date, reason: number) {
    const [r] = await db
      .update(certificates)
      .set({ status: 'revoked', revokedAt: at, revocationReason: reason })
      .where(and(eq(certificates.id, id), eq(certificates.status, 'active')))
      .returning();
    return r ?? null;
  },
  async revokedBy(db: Executor, issuerId: string) {
    return db
      .select({ serial: certificates.serial, revokedAt: certificates.revokedAt, reason: certificates.revocationReason })
      .from(certificates)
      .where(and(eq(certificates.issuerId, issuerId), eq(certificates.status, 'revoked')))
      .orderBy(certificates.revokedAt);
  },
  async latestCrl(db: Executor, caId: string) {
    const [r] = await db.select().from(crls).where(eq(crls.caId, caId)).orderBy(desc(crls.number)).limit(1);
    return r ?? null;
  },
  async insertCrl(db: Executor, row: typeof crls.$inferInsert) {
    const [r] = await db.insert(crls).values(row).onConflictDoNothing().returning();
    return r ?? null;
  },
  /** The certificate playing a role of our PKI, or null before `pki init`. */
  async roleHolder(db: Executor, role: PkiRole) {
    const [r] = await db
      .select({ cert: certificates })
      .from(pkiRoles)
      .innerJoin(certificates, eq(certificates.id, pkiRoles.certificateId))
      .where(eq(pkiRoles.role, role));
    return r?.cert ?? null;
  },
  /** Claims a role; false when another process claimed it first (the caller's transaction must then roll back). */
  async claimRole(db: Executor, role: PkiRole, certificateId: string) {
    const r = await db
      .insert(pkiRoles)
      .values({ role, certificateId })
      .onConflictDoNothing()
      .returning({ role: pkiRoles.role });
    return r.length === 1;
  },
  async trustAnchors(db: Executor) {
    return db.select().from(trustAnchors).orderBy(trustAnchors.category, trustAnchors.createdAt);
  },
  async trustAnchor(db: Executor, id: string) {
    const [r] = await db.select().from(trustAnchors).where(eq(trustAnchors.id, id));
    return r ?? null;
  },
  async trustAnchorByFingerprint(db: Executor, fingerprint: string) {
    const [r] = await db.select().from(trustAnchors).where(eq(trustAnchors.fingerprint, fingerprint));
    return r ?? null;
  },
  /** Null when the same certificate is already on the list. */
  async insertTrustAnchor(db: Executor, row: typeof trustAnchors.$inferInsert) {
    const [r] = await db.insert(trustAnchors).values(row).onConflictDoNothing().returning();
    return r ?? null;
  },
  async deleteTrustAnchor(db: Executor, id: string) {
    const [r] = await db.delete(trustAnchors).where(eq(trustAnchors.id, id)).returning();
    return r ?? null;
  },
};
