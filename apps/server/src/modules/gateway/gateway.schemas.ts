import { z } from 'zod';
import { pageQuery, paged } from '../../platform/http/schemas.js';
import { PURPOSE_CODE, SERVICE_CODE, SUBSYSTEM_CODE, SUBSYSTEM_ID } from './identifiers.js';

const ts = z.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const subsystemIdField = z.string().trim().regex(SUBSYSTEM_ID, 'VN:GOV:{agency code}:{subsystem}');
const serviceCode = z.string().trim().regex(SERVICE_CODE, '{area}.{name}.v{n}');

export const subsystemBody = z.object({
  agencyCode: z.string().trim().min(2).max(35),
  code: z.string().trim().regex(SUBSYSTEM_CODE, 'lower-case letters, digits and dashes'),
  name: text(200),
  oauthClientId: z.string().trim().min(1).max(100).nullish(),
  ratePerMinute: z.number().int().min(1).max(100_000).default(60),
  quotaPerDay: z.number().int().min(1).max(10_000_000).default(10_000),
});

export const subsystemDto = z.object({
  id: z.string(),
  agencyCode: z.string(),
  code: z.string(),
  name: z.string(),
  oauthClientId: z.string().nullable(),
  ratePerMinute: z.number().int(),
  quotaPerDay: z.number().int(),
  createdAt: ts,
});
export const subsystemList = z.object({ items: z.array(subsystemDto) });

const purpose = z.object({
  code: z.string().trim().regex(PURPOSE_CODE, 'a purpose code'),
  name: text(200),
  legalBasis: text(300),
});

export const serviceBody = z.object({
  provider: subsystemIdField,
  code: serviceCode,
  name: text(200),
  description: z.string().trim().max(2000).nullish(),
  purposes: z.array(purpose).min(1).max(20),
  /** The OpenAPI 3.0/3.1 description: a JSON object, or the text of a JSON or YAML file as uploaded. */
  openapi: z.union([
    z.record(z.string(), z.unknown()),
    z
      .string()
      .min(1)
      .max(1024 * 1024),
  ]),
  /**
   * The provider's REST back end (http or https; a host GATEWAY_BACKEND_ALLOW allows), also written as
   * the description's `servers`: the gateway forwards the declared operations to it. Absent for a
   * service implemented in this process.
   */
  baseUrl: z
    .string()
    .trim()
    .url()
    .max(500)
    .regex(/^https?:\/\//, 'an http(s) address')
    .nullish(),
});

export const serviceDto = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  providerId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  purposes: z.array(purpose),
  /** The provider's REST back end the gateway forwards to; null for a service implemented in this process. */
  baseUrl: z.string().nullable(),
  status: z.enum(['active', 'retired']),
  createdAt: ts,
});
export const serviceList = z.object({ items: z.array(serviceDto) });
export const serviceQuery = z.object({
  q: z.string().trim().max(100).optional(),
  provider: subsystemIdField.optional(),
});
export const serviceIdParams = z.object({ id: z.string().regex(/^gws_[0-9a-z]{26}$/, 'a service id') });
export const openapiDoc = z.record(z.string(), z.unknown());

export const rightBody = z.object({ client: subsystemIdField });
export const rightDto = z.object({
  id: z.string(),
  serviceId: z.string(),
  clientId: z.string(),
  grantedBy: z.string().nullable(),
  grantedAt: ts,
  revokedBy: z.string().nullable(),
  revokedAt: ts.nullable(),
});
export const rightList = z.object({ items: z.array(rightDto) });
export const rightIdParams = z.object({ id: z.string().regex(/^gwr_[0-9a-z]{26}$/, 'a right id') });

const actor = z.object({
  kind: z.enum(['official', 'citizen']),
  accountId: z.string().trim().min(1).max(64),
  agencyCode: z.string().trim().max(35).optional(),
});

export const callBody = z.object({
  client: subsystemIdField,
  service: serviceCode,
  provider: subsystemIdField.optional(),
  purpose: z.string().trim().regex(PURPOSE_CODE, 'a purpose code'),
  /** Machine clients (OAuth2 client credentials) name the person they act for; an official's session is the actor. */
  actor: actor.optional(),
  dossierCode: z.string().trim().max(40).optional(),
  params: z.record(z.string().max(40), z.string().max(500)).default({}),
  /** A service answered by the provider's REST back end: the operation its OpenAPI description declares. */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  path: z.string().trim().startsWith('/', 'an absolute path').max(1000).optional(),
  /** The JSON body of a POST, PUT or PATCH to the back end. */
  body: z.unknown().optional(),
});
export const callResponse = z.object({ messageId: z.string(), status: z.number().int(), body: z.unknown() });

export const messageDto = z.object({
  id: z.string(),
  messageId: z.string(),
  side: z.enum(['client', 'provider']),
  clientId: z.string(),
  serviceCode: z.string(),
  providerId: z.string(),
  actor,
  purpose: z.string(),
  dossierCode: z.string().nullable(),
  status: z.number().int(),
  via: z.string(),
  requestHash: z.string(),
  responseHash: z.string(),
  createdAt: ts,
  seq: z.number().int().nullable(),
  stamped: z.boolean(),
});
export const messageList = paged(messageDto);
export const messageQuery = pageQuery.extend({
  service: serviceCode.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const messageIdParams = z.object({ messageId: z.string().regex(/^gwx_[0-9a-z]{26}$/, 'a message id') });

const signedRecord = z.object({ record: z.string(), signature: z.string() });
export const evidenceDto = z.object({
  messageId: z.string(),
  deployment: z.string(),
  client: z.string(),
  service: z.string(),
  provider: z.string(),
  purpose: z.string(),
  dossierCode: z.string().nullable(),
  actor,
  entries: z.array(
    z.object({
      id: z.string(),
      side: z.enum(['client', 'provider']),
      via: z.string(),
      record: z.string(),
      recordHash: z.string(),
      signature: z.string(),
      requestHash: z.string(),
      responseHash: z.string(),
      status: z.number().int(),
      createdAt: ts,
      seq: z.number().int().nullable(),
      prevHash: z.string().nullable(),
      chainHash: z.string().nullable(),
      batch: z
        .object({
          id: z.string(),
          firstSeq: z.number().int(),
          lastSeq: z.number().int(),
          manifest: z.string(),
          manifestHash: z.string(),
          timestampToken: z.string().nullable(),
          stampedAt: ts.nullable(),
        })
        .nullable(),
      peer: signedRecord.nullable(),
    }),
  ),
  trustAnchors: z.array(z.object({ subject: z.string(), category: z.string(), pem: z.string() })),
  howToVerify: z.array(z.string()),
});

export const subsystemIdParams = z.object({ id: subsystemIdField });

/** Issue a TLS client certificate: without a CSR the key is made here and answered once. */
export const tlsCertificateBody = z.object({
  /** PEM PKCS#10 made where the key stays (the client's HSM or server). */
  csr: z.string().max(32_768).optional(),
});

export const tlsCertificateDto = z.object({
  id: z.string(),
  serial: z.string(),
  subject: z.string(),
  keyAlgorithm: z.string(),
  fingerprint: z.string(),
  notBefore: ts,
  notAfter: ts,
  status: z.enum(['active', 'revoked']),
  revokedAt: ts.nullable(),
  pem: z.string(),
});
export const tlsCertificateList = z.object({ items: z.array(tlsCertificateDto) });
export const tlsCertificateIssued = z.object({
  certificate: tlsCertificateDto,
  /** The issuing CA and the root, PEM. */
  chainPem: z.string(),
  /** PKCS#8 PEM, only in the first answer when the key was made here; never stored. */
  privateKeyPem: z.string().nullable(),
});

z.globalRegistry.add(subsystemDto, { id: 'GatewaySubsystem' });
z.globalRegistry.add(tlsCertificateDto, { id: 'GatewayTlsCertificate' });
z.globalRegistry.add(serviceDto, { id: 'GatewayService' });
z.globalRegistry.add(rightDto, { id: 'GatewayRight' });
z.globalRegistry.add(messageDto, { id: 'GatewayMessage' });
z.globalRegistry.add(evidenceDto, { id: 'GatewayEvidence' });
