import { z } from 'zod';
import { pageQuery, paged, pattern } from '../../platform/http/schemas.js';
import { workflowDefinition } from './workflow.js';

export const TTHC_CODE = /^\d\.\d{6}$/;
export const procedureCode = pattern(TTHC_CODE, 'INVALID_PROCEDURE_CODE', 'A national procedure code like 1.005129.');

export const requiredDocument = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().trim().min(2).max(500),
  originals: z.number().int().min(0).max(20).default(0),
  copies: z.number().int().min(0).max(20).default(0),
  electronicAccepted: z.boolean().default(true),
  template: z.string().max(500).optional(),
  required: z.boolean().default(true),
  note: z.string().max(1000).optional(),
});

export const feeLine = z.object({
  label: z.string().trim().min(1).max(300),
  /** Integer VND for a dossier filed at the counter or by post. */
  amount: z.number().int().min(0),
  /** Integer VND for a dossier filed online, where the law sets less (or 0: waived online); else `amount`. */
  onlineAmount: z.number().int().min(0).optional(),
  note: z.string().max(500).optional(),
});

export const approvalStepUp = z.enum(['none', 'totp_or_passkey']);

/** Everything a procedure publishes (Decree 63/2010 Art 8) plus the form and the workflow. */
export const procedureContent = z.object({
  name: z.string().trim().min(5).max(500),
  nameEn: z.string().trim().max(500).optional(),
  field: z.string().trim().min(2).max(200),
  level: z.enum(['central', 'province', 'commune']),
  implementingAgencies: z.array(z.string().max(35)).min(1),
  steps: z.array(z.string().min(1).max(2000)).default([]),
  channels: z.array(z.enum(['online', 'counter', 'postal'])).min(1),
  requiredDocuments: z.array(requiredDocument).default([]),
  processingDays: z.number().int().min(0).max(365),
  processingNote: z.string().max(1000).optional(),
  fees: z.array(feeLine).default([]),
  feeCollection: z.enum(['before', 'after', 'free']).default('free'),
  resultType: z.string().trim().min(2).max(500),
  legalBasis: z.array(z.string().max(500)).default([]),
  conditions: z.string().max(5000).optional(),
  subjects: z.array(z.enum(['citizen', 'business', 'organization'])).min(1),
  onlineMode: z.enum(['full', 'partial', 'none']),
  /** The application form as JSON Schema (2020-12) with `x-ui` hints. */
  formSchema: z.record(z.string(), z.unknown()),
  workflow: workflowDefinition.optional(),
  /**
   * Whether the leader confirms his approval (`approve`) with a second factor: a fresh TOTP code or a
   * passkey assertion made for this dossier (ADR 0029). Read from the published version at approval;
   * absent (versions saved before the setting existed) is `none`.
   */
  approvalStepUp: approvalStepUp.optional(),
});

export const procedureSummary = z.object({
  code: z.string(),
  version: z.number(),
  name: z.string(),
  field: z.string(),
  onlineMode: z.enum(['full', 'partial', 'none']),
  agencies: z.array(z.string()),
  processingDays: z.number(),
  feeTotal: z.number(),
  publishedAt: z.date().nullable(),
});

export const procedureDto = procedureContent.extend({
  code: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published', 'superseded']),
  publishedAt: z.date().nullable(),
  workflow: workflowDefinition,
  approvalStepUp,
});

export const procedureListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  field: z.string().trim().max(200).optional(),
  agency: z.string().trim().max(35).optional(),
  mode: z.enum(['full', 'partial', 'none']).optional(),
});
export const procedureListResponse = paged(procedureSummary);
export const procedureCodeParams = z.object({ code: procedureCode });
export const procedureGetQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const createProcedureBody = procedureContent.extend({ code: procedureCode });
export const versionsResponse = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      status: z.string(),
      name: z.string(),
      publishedAt: z.date().nullable(),
      updatedAt: z.date(),
    }),
  ),
});

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(procedureSummary, { id: 'ProcedureSummary' });
z.globalRegistry.add(procedureDto, { id: 'Procedure' });
