import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSchema, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The integration platform (NGSP/LGSP): subsystems, the service registry, access rights and the message log. */
export const gatewaySchema = pgSchema('gateway');

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A purpose (mục đích) a service may be called for, with the legal basis that allows it. */
export interface GatewayPurpose {
  code: string;
  name: string;
  legalBasis: string;
}

/** Who acts behind a call: the official at the desk, or the citizen in the portal (X-Road's userId). */
export interface GatewayActor {
  kind: 'official' | 'citizen';
  accountId: string;
  agencyCode?: string;
}

/**
 * A subsystem of a member (an agency in the directory): an information system that calls or offers
 * services, `VN:GOV:{agency code}:{subsystem}`. Clients authenticate as it with OAuth2 client
 * credentials (`oauthClientId`, a client of the identity module's OIDC provider).
 */
export const subsystems = gatewaySchema.table('subsystems', {
  id: text('id').primaryKey(),
  agencyCode: text('agency_code').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  oauthClientId: text('oauth_client_id').unique(),
  /** Calls per minute this subsystem may make as a client. */
  ratePerMinute: integer('rate_per_minute').notNull(),
  /** Calls per day (Vietnam time) this subsystem may make as a client. */
  quotaPerDay: integer('quota_per_day').notNull(),
  createdBy: text('created_by'),
  createdAt: at('created_at').notNull(),
});

/** A service in the registry: one code per version (`population.person.v1`), offered by one provider subsystem. */
export const services = gatewaySchema.table(
  'services',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    providerId: text('provider_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    purposes: jsonb('purposes').notNull().$type<GatewayPurpose[]>(),
    /** The OpenAPI 3.1 description of this version. */
    openapi: jsonb('openapi').notNull().$type<Record<string, unknown>>(),
    /**
     * The provider's own REST back end (http or https, checked when published): the gateway forwards
     * the operations the OpenAPI description declares to it. Null: a service implemented in this process.
     */
    backendUrl: text('backend_url'),
    status: text('status').notNull().$type<'active' | 'retired'>(),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('services_provider_code').on(t.providerId, t.code), index('services_code').on(t.code)],
);

/** An access right of a client subsystem to a service, granted and revoked by the provider's administrator. */
export const rights = gatewaySchema.table(
  'rights',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id').notNull(),
    clientId: text('client_id').notNull(),
    grantedBy: text('granted_by'),
    grantedAt: at('granted_at').notNull(),
    revokedBy: text('revoked_by'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('rights_one_open')
      .on(t.serviceId, t.clientId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Calls counted per client subsystem and window (`m:` minute, `d:` Vietnam day). */
export const usage = gatewaySchema.table('usage', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEnds: at('window_ends').notNull(),
});

/**
 * The message log: one signed record per exchange and side (the client's gateway and the
 * provider's). The record (canonical JSON with the request and response hashes) is signed by the
 * member's seal (CMS, detached); the stamper then gives it its place in the chain and a batch
 * RFC 3161 time-stamp.
 */
export const messages = gatewaySchema.table(
  'messages',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id').notNull(),
    side: text('side').notNull().$type<'client' | 'provider'>(),
    clientId: text('client_id').notNull(),
    serviceCode: text('service_code').notNull(),
    providerId: text('provider_id').notNull(),
    actor: jsonb('actor').notNull().$type<GatewayActor>(),
    purpose: text('purpose').notNull(),
    dossierCode: text('dossier_code'),
    status: smallint('status').notNull(),
    requestHash: text('request_hash').notNull(),
    responseHash: text('response_hash').notNull(),
    /** Where the provider answered: `local`, or the federation peer's id. */
    via: text('via').notNull(),
    /** The exact signed bytes (canonical JSON), base64. */
    record: text('record').notNull(),
    recordHash: text('record_hash').notNull(),
    /** CMS SignedData (DER, base64), detached over `record`. */
    signature: text('signature').notNull(),
    /** The other side's record and signature, when it was another deployment (X-Road: the signed response). */
    peerRecord: text('peer_record'),
    peerSignature: text('peer_signature'),
    createdAt: at('created_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    chainHash: text('chain_hash'),
    batchId: text('batch_id'),
  },
  (t) => [
    uniqueIndex('messages_message_side').on(t.messageId, t.side),
    index('messages_unsealed')
      .on(t.createdAt, t.id)
      .where(sql`${t.seq} is null`),
    index('messages_client').on(t.clientId, t.createdAt),
    index('messages_provider').on(t.providerId, t.createdAt),
  ],
);

/** A batch of log records chained and time-stamped together (one RFC 3161 token over the manifest). */
export const batches = gatewaySchema.table('batches', {
  id: text('id').primaryKey(),
  firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  /** One line per record: `seq id recordHash prevHash chainHash`, base64 of the UTF-8 text. */
  manifest: text('manifest').notNull(),
  manifestHash: text('manifest_hash').notNull(),
  /** DER TimeStampToken over SHA-256(manifest), base64; null until the TSA answered. */
  token: text('token'),
  stampedAt: at('stamped_at'),
  createdAt: at('created_at').notNull(),
});

/** The head of the chain (one row). */
export const chainHead = gatewaySchema.table('chain_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
