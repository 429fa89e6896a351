import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const exchangeSchema = pgSchema('exchange');

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Hub: the deployments (nodes) the operator registered, with the key that signs their requests. */
export const nodes = exchangeSchema.table('nodes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Ed25519 SubjectPublicKeyInfo, DER, base64: verifies the node's signed requests. */
  publicKey: text('public_key').notNull(),
  /** Agency codes (Decision 20 form) whose subtrees the node may serve. */
  agencies: jsonb('agencies').notNull().$type<string[]>(),
  /** The node's seal CA certificates (DER, base64), registered by the node and distributed as federation roots. */
  caCertificates: jsonb('ca_certificates').notNull().$type<string[]>().default([]),
  active: boolean('active').notNull().default(true),
  lastSeenAt: at('last_seen_at'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Hub: the national agency directory of the exchange (which node serves which agency, both code forms). */
export const routes = exchangeSchema.table(
  'routes',
  {
    code: text('code').primaryKey(),
    legacyCode: text('legacy_code').unique(),
    name: text('name').notNull(),
    nodeId: text('node_id').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('routes_node_idx').on(t.nodeId)],
);

/** Roots of the federation this deployment trusts for agency seals (what the hub distributes; its own roots come from the signatures module). */
export const trustRoots = exchangeSchema.table('trust_roots', {
  fingerprint: text('fingerprint').primaryKey(),
  subject: text('subject').notNull(),
  der: text('der').notNull(),
  /** `local`, `hub`, or the node id that registered it (on the hub). */
  source: text('source').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** A message this deployment built and sealed (one edXML, possibly for several recipients). */
export const messages = exchangeSchema.table(
  'messages',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull().$type<'document' | 'status'>(),
    fromCode: text('from_code').notNull(),
    localDocumentId: text('local_document_id'),
    /** What to build: the contract's OutgoingDocumentMessage, or the status to send. */
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    /** Idempotency of statuses: one 03/04/06… per received package. */
    dedupeKey: text('dedupe_key').unique(),
    /** SHA-256 (hex) of the sealed edXML in the file store; null until sealed. */
    sha256: text('sha256'),
    size: bigint('size', { mode: 'number' }),
    sealedAt: at('sealed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('messages_local_doc_idx').on(t.localDocumentId)],
);

/**
 * `awaiting_seal`: a status (01, 03 …) of an agency with no usable seal, kept until one is issued
 * (ADR 0013); `reason` names why (SEAL_CERTIFICATE_MISSING, SEAL_ALGORITHM_NOT_ACCEPTED).
 */
export type PackageState =
  | 'awaiting_seal'
  | 'queued'
  | 'sent'
  | 'delivered'
  | 'failed'
  | '01'
  | '02'
  | '03'
  | '04'
  | '05'
  | '06'
  | '13'
  | '15'
  | '16';

/**
 * One package per recipient. Sender side (`out`): its per-recipient state. Receiver side (`in`): a
 * package that arrived here; its id is the idempotency key of the receive.
 */
export const packages = exchangeSchema.table(
  'packages',
  {
    /** The package id: the same on the sender's and the receiver's side (one deployment can be both). */
    id: text('id').notNull(),
    direction: text('direction').notNull().$type<'out' | 'in'>(),
    kind: text('kind').notNull().$type<'document' | 'status'>(),
    messageId: text('message_id'),
    sender: text('sender').notNull(),
    recipient: text('recipient').notNull(),
    documentId: text('document_id'),
    subject: text('subject'),
    localDocumentId: text('local_document_id'),
    /** For a status: the package it answers. */
    inReplyTo: text('in_reply_to'),
    state: text('state').notNull().$type<PackageState>(),
    reason: text('reason'),
    sha256: text('sha256'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.direction] }),
    index('packages_local_doc_idx').on(t.localDocumentId),
    index('packages_recipient_idx').on(t.direction, t.recipient, t.createdAt),
    index('packages_reply_idx').on(t.inReplyTo),
    // Small: only statuses held for a seal; the worker looks them up often.
    index('packages_awaiting_seal_idx')
      .on(t.sender)
      .where(sql`${t.state} = 'awaiting_seal'`),
  ],
);

/** Each state a sent package (direction out) went through, with the status's description (per-recipient history). */
export const packageEvents = exchangeSchema.table(
  'package_events',
  {
    id: text('id').primaryKey(),
    packageId: text('package_id').notNull(),
    state: text('state').notNull().$type<PackageState>(),
    description: text('description'),
    /** The status package that brought it, if any (deduplicates a status delivered twice). */
    statusPackageId: text('status_package_id').unique(),
    at: at('at').notNull(),
  },
  (t) => [index('package_events_pkg_idx').on(t.packageId, t.at)],
);

/** The durable outbox: one delivery of one package to its next hop, retried with backoff until acknowledged. */
export const deliveries = exchangeSchema.table(
  'deliveries',
  {
    id: text('id').primaryKey(),
    packageId: text('package_id').notNull(),
    kind: text('kind').notNull().$type<'document' | 'status'>(),
    /** SHA-256 of the edXML bytes in the file store. */
    sha256: text('sha256').notNull(),
    recipient: text('recipient').notNull(),
    inReplyTo: text('in_reply_to'),
    /** `hub` (a node sending up, or the hub to itself), `local` (hub to its own agencies), or a node id. */
    target: text('target').notNull(),
    /** `set_aside`: the next hop refused us (401/403) past EXCHANGE_REFUSED_GIVE_UP_MS; the operator decides. */
    state: text('state').notNull().$type<'pending' | 'done' | 'rejected' | 'set_aside'>().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    doneAt: at('done_at'),
  },
  (t) => [
    uniqueIndex('deliveries_pkg_target_uq').on(t.packageId, t.target),
    index('deliveries_due_idx').on(t.state, t.nextAttemptAt),
  ],
);

/** Every package and status that crossed this deployment, with its SHA-256 and what was decided. */
export const packageLog = exchangeSchema.table(
  'package_log',
  {
    id: text('id').primaryKey(),
    packageId: text('package_id').notNull(),
    kind: text('kind').notNull().$type<'document' | 'status'>(),
    event: text('event').notNull().$type<'sealed' | 'received' | 'routed' | 'delivered' | 'rejected' | 'duplicate'>(),
    sender: text('sender'),
    recipient: text('recipient'),
    documentId: text('document_id'),
    statusCode: text('status_code'),
    /** The node that sent it to us (hub), or null for our own. */
    nodeId: text('node_id'),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    reason: text('reason'),
    at: at('at').notNull(),
  },
  (t) => [index('package_log_pkg_idx').on(t.packageId), index('package_log_at_idx').on(t.at)],
);

/** Hub: packages accepted from nodes (idempotent receive: a retried upload is acknowledged, not routed twice). */
export const hubReceipts = exchangeSchema.table('hub_receipts', {
  packageId: text('package_id').primaryKey(),
  nodeId: text('node_id').notNull(),
  sha256: text('sha256').notNull(),
  at: at('at').notNull(),
});

/** Nonces of signed requests seen recently (replay protection). */
export const nonces = exchangeSchema.table(
  'nonces',
  {
    keyId: text('key_id').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.nonce] }), index('nonces_expiry_idx').on(t.expiresAt)],
);

/**
 * Hub: applications of the LGSP REST API (`/truclienthong/v1.0.0`, ADR 0017): a document-management
 * product's OAuth2 client (consumer key = id) and the SHA-256 of its consumer secret.
 */
export const lgspClients = exchangeSchema.table('lgsp_clients', {
  id: text('id').primaryKey(),
  secretSha256: text('secret_sha256').notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Hub: units (đơn vị liên thông) of the LGSP API: an agency, the SHA-256 of its secret, its parent. */
export const lgspUnits = exchangeSchema.table(
  'lgsp_units',
  {
    /** The agency code as the unit uses it (either form). */
    code: text('code').primaryKey(),
    secretSha256: text('secret_sha256'),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    /**
     * Seal CA certificates (DER, base64) of a unit that is another deployment using this hub as its LGSP
     * (ADR 0017 addendum): it sends packages it sealed itself, checked against these; the hub keeps what
     * arrives for it in its mailbox rather than handing it to this deployment's own agencies.
     */
    caCertificates: jsonb('ca_certificates').notNull().$type<string[]>().default([]),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lgsp_units_secret_idx').on(t.secretSha256)],
);

/** Hub: how far a unit's product got with a received package (`PUT /vanbans/{docId}`). */
export const lgspReceipts = exchangeSchema.table('lgsp_receipts', {
  packageId: text('package_id').primaryKey(),
  state: text('state').notNull().$type<'INITIAL' | 'PROCESSING' | 'DONE' | 'FAIL'>(),
  /** Why the unit refused it (FAIL), as it said. */
  reason: text('reason'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
