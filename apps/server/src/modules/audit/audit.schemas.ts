import { z } from 'zod';
import { pageQuery, paged } from '../../platform/http/schemas.js';

export const auditEventDto = z.object({
  id: z.string(),
  /** Null for an event committed a moment ago and not yet chained. */
  seq: z.number().nullable(),
  occurredAt: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  agencyCode: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string().nullable(),
});

export const auditListQuery = pageQuery.extend({
  actorId: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(100).optional(),
  agencyCode: z.string().max(35).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().max(100).optional(),
});

export const auditListResponse = paged(auditEventDto);

export const verifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.string().optional(),
  firstBrokenSeq: z.number().optional(),
  reason: z.string().optional(),
});

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(auditEventDto, { id: 'AuditEvent' });
