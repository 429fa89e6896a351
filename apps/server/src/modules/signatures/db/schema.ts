import { index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const signaturesSchema = pgSchema('signatures');

/** Private keys of the software key store, PKCS#8 sealed with AES-256-GCM under KEY_ENCRYPTION_KEY. */
export const keys = signaturesSchema.table('keys', {
  id: text('id').primaryKey(),
  algorithm: text('algorithm').notNull().$type<'ECDSA-P256' | 'ECDSA-P384' | 'RSA-3072'>(),
  /** SubjectPublicKeyInfo, DER, base64. */
  publicKey: text('public_key').notNull(),
  /** v1.<iv>.<tag>.<ciphertext> of the PKCS#8 DER, base64url. */
  sealedPrivateKey: text('sealed_private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * `tls-client`: a gateway client subsystem's TLS client certificate (ADR 0026 addendum), the key made
 * here and handed over once, or the holder's own from a CSR; `tls-server`: the gateway's mutual-TLS
 * listener's own certificate, its key kept in memory only.
 */
export type CertificateProfile = 'root' | 'issuing' | 'person' | 'seal' | 'tsa' | 'ocsp' | 'tls-client' | 'tls-server';

/** Every certificate we issued, CAs included (chứng thư số). CA rows have ids `ca_…`. */
export const certificates = signaturesSchema.table(
  'certificates',
  {
    id: text('id').primaryKey(),
    profile: text('profile').notNull().$type<CertificateProfile>(),
    /** The issuing CA's certificate id; a root points to itself. */
    issuerId: text('issuer_id').notNull(),
    /** Hex, lower case, without a leading 00. */
    serial: text('serial').notNull(),
    subject: text('subject').notNull(),
    /** Held in our key store (remote signing); null when issued from a holder's CSR. */
    keyId: text('key_id'),
    ownerUserId: text('owner_user_id'),
    ownerAgencyCode: text('owner_agency_code'),
    der: text('der').notNull(),
    fingerprint: text('fingerprint').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    status: text('status').notNull().$type<'active' | 'revoked'>().default('active'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationReason: integer('revocation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_issuer_serial_uq').on(t.issuerId, t.serial),
    index('certificates_owner_user_idx').on(t.ownerUserId),
    index('certificates_owner_agency_idx').on(t.ownerAgencyCode),
    index('certificates_profile_idx').on(t.profile),
  ],
);

/** The latest CRLs of each CA, numbered (CRLNumber). */
export const crls = signaturesSchema.table(
  'crls',
  {
    id: text('id').primaryKey(),
    caId: text('ca_id').notNull(),
    number: integer('number').notNull(),
    /** How many revocations the CRL lists; a different count means it is stale. */
    revokedCount: integer('revoked_count').notNull(),
    thisUpdate: timestamp('this_update', { withTimezone: true }).notNull(),
    nextUpdate: timestamp('next_update', { withTimezone: true }).notNull(),
    der: text('der').notNull(),
  },
  (t) => [uniqueIndex('crls_ca_number_uq').on(t.caId, t.number)],
);

/**
 * Which certificate plays each role of our PKI now (the root, the CA that issues certificates, the
 * time-stamping unit). The primary key makes the first writer win when two processes run
 * `pki init` at once; a key rollover is an update of the row.
 */
export const pkiRoles = signaturesSchema.table('pki_roles', {
  role: text('role').primaryKey().$type<'root' | 'issuing' | 'tsa'>(),
  certificateId: text('certificate_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The trust list (danh sách tin cậy): our CAs (`government`) and imported public roots (`public`). */
export const trustAnchors = signaturesSchema.table('trust_anchors', {
  id: text('id').primaryKey(),
  category: text('category').notNull().$type<'government' | 'public'>(),
  subject: text('subject').notNull(),
  /** SHA-256 of the DER, hex. */
  fingerprint: text('fingerprint').notNull().unique(),
  der: text('der').notNull(),
  /** Our own CA's certificate id, when it is one of ours. */
  caId: text('ca_id'),
  notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person's signature image (chữ ký mẫu; Decree 30/2020 Phụ lục I asks for a PNG with a transparent
 * background, in blue), drawn in the widget of his PDF signatures instead of his name over a flourish.
 */
export const signatureImages = signaturesSchema.table('signature_images', {
  userId: text('user_id').primaryKey(),
  /** The PNG as uploaded, base64. */
  png: text('png').notNull(),
  sha256: text('sha256').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
