import { z } from 'zod';
import { displayName, paged } from '../../platform/http/schemas.js';

const STATES = [
  'awaiting_seal',
  'queued',
  'sent',
  'delivered',
  'failed',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '13',
  '15',
  '16',
] as const;

export const packageDto = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['document', 'status']),
  sender: z.string(),
  recipient: z.string(),
  documentId: z.string().nullable(),
  subject: z.string().nullable(),
  localDocumentId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  /** A status package: the edXML status code it carries (01, 03 …). */
  statusCode: z.string().nullable(),
  state: z.enum(STATES),
  reason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  events: z.array(z.object({ state: z.enum(STATES), description: z.string().nullable(), at: z.date() })),
});

export const packageListQuery = z.object({
  box: z.enum(['incoming', 'outgoing']).default('outgoing'),
  document: z.string().max(64).optional(),
  /** Statuses sent (or held) instead of documents. */
  kind: z.enum(['document', 'status']).default('document'),
  state: z.enum(STATES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const packageList = paged(packageDto);
export const packageIdParams = z.object({ packageId: z.string().regex(/^pkg_[0-9a-z]{26}$/, 'a package id (pkg_…)') });

export const statusBody = z.object({
  statusCode: z.enum(['02', '03', '04', '05', '06', '15', '16']),
  description: z.string().trim().max(500).optional(),
  staff: z
    .object({
      department: z.string().max(200).optional(),
      staff: z.string().max(100).optional(),
      mobile: z.string().max(30).optional(),
      email: z.string().max(100).optional(),
    })
    .optional(),
});

export const submitResponse = z.object({ localDocumentId: z.string(), packageIds: z.record(z.string(), z.string()) });

export const validateResponse = z.object({
  valid: z.boolean(),
  kind: z.enum(['document', 'status']).nullable(),
  signed: z.boolean(),
  issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  signature: z
    .object({
      indication: z.string(),
      subIndication: z.string().nullable(),
      signer: z.string().nullable(),
      messages: z.array(z.string()),
    })
    .nullable(),
});

const agencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Y]\d{2}(\.[0-9A-Z]+)*$/, 'a Decision 20/2020 agency code');
export const nodeBody = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
  name: displayName(1, 200),
  baseUrl: z
    .url()
    .max(300)
    .transform((u) => u.replace(/\/$/, '')),
  publicKey: z.string().trim().min(40).max(200),
  agencies: z.array(agencyCode).min(1).max(200),
  /** The node's root CA certificates (PEM or base64 DER), pinned by the operator; the node's signed registration keeps them current. */
  caCertificates: z.array(z.string().max(20_000)).max(20).optional(),
});
export const nodePatch = nodeBody.omit({ id: true }).partial().extend({ active: z.boolean().optional() });
export const nodeIdParams = z.object({ id: z.string().max(63) });
export const nodeDto = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  publicKey: z.string(),
  agencies: z.array(z.string()),
  caCertificates: z.array(z.string()),
  /** Subject and SHA-256 of each CA certificate, for the operator to compare with what the node's operator sent. */
  caSummaries: z.array(z.object({ subject: z.string(), sha256: z.string() })),
  active: z.boolean(),
  lastSeenAt: z.date().nullable(),
  createdAt: z.date(),
});

export const routeDto = z.object({
  code: z.string(),
  legacyCode: z.string().nullable(),
  name: z.string(),
  nodeId: z.string(),
  updatedAt: z.date(),
});
export const routeQuery = z.object({
  q: z.string().trim().max(100).optional(),
  node: z.string().max(63).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const EVENTS = ['sealed', 'received', 'routed', 'delivered', 'rejected', 'duplicate'] as const;
export const logDto = z.object({
  id: z.string(),
  packageId: z.string(),
  kind: z.enum(['document', 'status']),
  event: z.enum(EVENTS),
  sender: z.string().nullable(),
  recipient: z.string().nullable(),
  documentId: z.string().nullable(),
  statusCode: z.string().nullable(),
  nodeId: z.string().nullable(),
  sha256: z.string(),
  size: z.number(),
  reason: z.string().nullable(),
  at: z.date(),
});
export const logQuery = z.object({
  packageId: z.string().max(64).optional(),
  event: z.enum(EVENTS).optional(),
  agency: z.string().max(35).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const deliveryDto = z.object({
  id: z.string(),
  packageId: z.string(),
  kind: z.enum(['document', 'status']),
  recipient: z.string(),
  target: z.string(),
  state: z.enum(['pending', 'done', 'rejected', 'set_aside']),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  doneAt: z.date().nullable(),
});
export const deliveryQuery = z.object({
  state: z.enum(['pending', 'done', 'rejected', 'set_aside']).optional(),
  /** `true`: only deliveries whose last attempt failed. */
  failing: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const selfDto = z.object({
  role: z.enum(['hub', 'node']),
  nodeId: z.string(),
  publicKey: z.string(),
  hubUrl: z.string().nullable(),
  agencies: z.array(z.string()).nullable(),
  trustRoots: z.number().int(),
  /** How packages travel (EXCHANGE_TRANSPORT); with `lgsp`, the LGSP's API base and this deployment's unit. */
  transport: z.enum(['federation', 'lgsp']),
  lgsp: z
    .object({
      baseUrl: z.string(),
      unitCode: z.string(),
      /** The units this deployment is on the LGSP (LGSP_UNIT_CODE, LGSP_UNITS): code and agency, no secret. */
      units: z.array(z.object({ code: z.string(), agency: z.string().nullable() })),
    })
    .nullable(),
});

export const registrationBody = z.object({
  agencies: z
    .array(z.object({ code: z.string().max(35), legacyCode: z.string().max(35).nullable(), name: z.string().max(300) }))
    .max(100_000),
  caCertificates: z.array(z.string().max(20_000)).max(20),
});

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(packageDto, { id: 'ExchangePackage' });
z.globalRegistry.add(nodeDto, { id: 'ExchangeNode' });
z.globalRegistry.add(logDto, { id: 'ExchangeLogEntry' });
z.globalRegistry.add(deliveryDto, { id: 'ExchangeDelivery' });
