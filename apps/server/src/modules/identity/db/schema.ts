import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const identitySchema = pgSchema('identity');

export const IDENTITY_LEVELS = ['self_declared', 'desk', 'vneid', 'certificate'] as const;
export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** An address picked from the 2025 administrative units, as the forms' address blocks hold it (ADR 0027). */
export interface AccountAddress {
  province: string;
  provinceName: string;
  commune: string;
  communeName: string;
  street: string;
}

export const users = identitySchema.table(
  'users',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull().$type<'citizen' | 'business' | 'staff'>(),
    /** Login name: personal ID number, tax code or staff username (lower case). */
    username: text('username').notNull().unique(),
    idNumber: text('id_number').unique(),
    taxCode: text('tax_code').unique(),
    email: text('email'),
    phone: text('phone'),
    fullName: text('full_name').notNull(),
    dateOfBirth: date('date_of_birth'),
    gender: text('gender').$type<'male' | 'female'>(),
    /** The citizen's permanent residence (nơi thường trú) and where he lives now (nơi ở hiện tại), if elsewhere. */
    permanentAddress: jsonb('permanent_address').$type<AccountAddress>(),
    currentAddress: jsonb('current_address').$type<AccountAddress>(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    agencyId: text('agency_id'),
    agencyCode: text('agency_code'),
    status: text('status').notNull().$type<'active' | 'disabled'>().default('active'),
    /** TOTP secret, encrypted at rest (AES-256-GCM); confirmed when totpEnabledAt is set. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /**
     * How the account's identity (its ID number or tax code) was proven: self-declared at
     * registration, checked at a desk against the ID card, asserted by the national identity
     * provider (VNeID, OIDC), or by a person certificate chaining to the trust list (ADR 0015).
     */
    identityLevel: text('identity_level').notNull().default('self_declared').$type<IdentityLevel>(),
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    /** What proved it: the officer and document, the provider's subject, the certificate's fingerprint. */
    identityEvidence: jsonb('identity_evidence').$type<Record<string, unknown>>(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`), index('users_agency_idx').on(t.agencyId)],
);

export const sessions = identitySchema.table(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    acr: integer('acr').notNull(),
    amr: text('amr').array().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResets = identitySchema.table('password_resets', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const webauthnCredentials = identitySchema.table(
  'webauthn_credentials',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_user_idx').on(t.userId)],
);

export const webauthnChallenges = identitySchema.table(
  'webauthn_challenges',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    challenge: text('challenge').notNull(),
    purpose: text('purpose').notNull().$type<'register' | 'authenticate' | 'action'>(),
    /** For purpose 'action': the one action the assertion confirms (`signature:<certificateId>`). */
    action: text('action'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // An action assertion carries no challenge id: its challenge (in clientDataJSON) finds the row.
  (t) => [index('webauthn_challenges_challenge_idx').on(t.challenge)],
);

/** OIDC clients registered by admins (other government apps, machine clients). */
export const oidcClients = identitySchema.table('oidc_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  /** Encrypted at rest; null for public clients (PKCE only). */
  clientSecret: text('client_secret'),
  redirectUris: text('redirect_uris').array().notNull(),
  postLogoutRedirectUris: text('post_logout_redirect_uris')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  grantTypes: text('grant_types').array().notNull(),
  scopes: text('scopes').array().notNull(),
  ownerAgencyCode: text('owner_agency_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** oidc-provider's storage (codes, grants, sessions, access tokens …). */
export const oidcPayloads = identitySchema.table(
  'oidc_payloads',
  {
    id: text('id').notNull(),
    model: text('model').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('oidc_payloads_pk').on(t.model, t.id),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
  ],
);

/** Relying-party sign-ins under way at the national identity provider (VNeID): state → PKCE verifier and nonce. */
export const rpStates = identitySchema.table('rp_states', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  /** `login`, or `link` to raise the level of the logged-in account `userId`. */
  mode: text('mode').notNull().$type<'login' | 'link'>(),
  userId: text('user_id'),
  returnTo: text('return_to'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** One-time proofs an account holder shows: a code for the desk officer, a nonce to sign with a certificate. */
export const identityChallenges = identitySchema.table(
  'identity_challenges',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    purpose: text('purpose').notNull().$type<'desk' | 'certificate'>(),
    /** SHA-256 of the desk code; the nonce itself for a certificate challenge (it is not secret). */
    secret: text('secret').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** A certificate challenge is kept once answered, so that a replay is told apart from an unknown nonce. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('identity_challenges_user_idx').on(t.userId, t.purpose)],
);
