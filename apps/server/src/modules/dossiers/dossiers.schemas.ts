import { z } from 'zod';
import { displayName, pageQuery, paged, pattern } from '../../platform/http/schemas.js';
import { passkeyAssertionSchema } from '../identity/index.js';
import { PRINTOUTS } from './use-cases/printouts.js';

const label = z.object({ vi: z.string(), en: z.string() });

export const submitBody = z.object({
  procedureCode: z.string().trim().max(20),
  agencyCode: z.string().trim().max(35),
  formData: z.record(z.string(), z.unknown()),
  attachments: z
    .array(z.object({ documentId: z.string().max(40), fileId: z.string().max(64) }))
    .max(50)
    .default([]),
  channel: z.enum(['online', 'counter', 'postal']).optional(),
  /** Online: the applicant's draft this submission finishes; it is deleted with the submission (ADR 0031). */
  draftId: z.string().max(64).optional(),
  /**
   * At the counter, for a competent agency of the province that is not the desk's own (Decree 118/2025
   * Art 14(2)): whether the applicant collects the result at this desk (default true).
   */
  resultAtReceiving: z.boolean().optional(),
  applicant: z
    .object({
      idNumber: pattern(
        /^(\d{12}|\d{10}(-\d{3})?)$/,
        'INVALID_ID_NUMBER_FORMAT',
        'A 12-digit personal ID number or a tax code.',
      ),
      fullName: displayName(2, 200),
      email: z.email().nullish(),
      phone: z.string().max(20).nullish(),
    })
    .optional(),
});

export const submitResponse = z.object({
  code: z.string(),
  status: z.string(),
  statusCode: z.number(),
  submittedAt: z.string(),
  dueAt: z.string().optional(),
});

export const dossierCodeParams = z.object({ code: z.string().trim().min(5).max(60) });

export const actionBody = z.object({
  action: z.string().trim().min(2).max(40),
  note: z.string().max(4000).optional(),
  assigneeId: z.string().max(64).optional(),
  fileIds: z.array(z.string().max(64)).max(20).optional(),
  resultFileId: z.string().max(64).optional(),
  /** With the submission for approval (Trình phê duyệt): the specialist's draft result, an uploaded PDF. */
  draftFileId: z.string().max(64).optional(),
  /** The leader's confirmation of an approval when the procedure asks for step-up: a TOTP code … */
  otp: z.string().trim().max(10).optional(),
  /** … or a passkey assertion made for `dossier_approval:<code>`. */
  passkey: passkeyAssertionSchema.optional(),
});

export const extendBody = z.object({ newDueAt: z.coerce.date(), reason: z.string().trim().min(5).max(4000) });

const flags = { overdue: z.boolean(), dueSoon: z.boolean() };

export const dossierDto = z.object({
  code: z.string(),
  procedure: z.object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    onlineMode: z.string(),
    processingDays: z.number(),
  }),
  agencyCode: z.string(),
  /** The desk that received it for the competent agency (`agencyCode`) across boundaries, or null. */
  receivingAgencyCode: z.string().nullable(),
  resultAtReceiving: z.boolean(),
  applicant: z.object({
    id: z.string(),
    fullName: z.string(),
    idNumber: z.string().nullable(),
    email: z.string().nullable(),
  }),
  channel: z.string(),
  status: z.string(),
  statusLabel: label,
  statusCode: z.number(),
  formData: z.record(z.string(), z.unknown()),
  assigneeId: z.string().nullable(),
  submittedAt: z.date(),
  receivedAt: z.date().nullable(),
  /** Its entry in the receiving unit's register (Mẫu 07): the book (quyển số) and the number (số thứ tự). */
  register: z.object({ book: z.string(), entry: z.number().int() }).nullable(),
  dueAt: z.date().nullable(),
  originalDueAt: z.date().nullable(),
  extended: z.boolean(),
  finishedAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  resultFileId: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'overdue']).nullable(),
  attachments: z.array(
    z.object({
      documentId: z.string(),
      fileId: z.string(),
      name: z.string(),
      mediaType: z.string(),
      sha256: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      /** The draft result put before the leader with this step (staff only; null for the applicant). */
      draft: z.object({ fileId: z.string(), name: z.string() }).nullable(),
      at: z.date(),
    }),
  ),
  allowedActions: z.array(z.string()),
  /** Whether the leader confirms an approval with a second factor (the procedure's setting). */
  approvalStepUp: z.enum(['none', 'totp_or_passkey']),
  /** The fee as last reported by the payments module (details at /api/dossiers/{code}/fees). */
  fee: z.object({
    collection: z.enum(['before', 'after', 'free']),
    amount: z.number().int(),
    paidAt: z.date().nullable(),
    due: z.boolean(),
  }),
  /** The Decree 61 forms that apply now, at /api/dossiers/{code}/{form}.pdf (downloads are audited). */
  printouts: z.array(z.enum(PRINTOUTS)),
  ...flags,
});

export const dossierListQuery = pageQuery.extend({
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  box: z
    .enum(['all', 'reception', 'mine', 'approval', 'issue', 'return', 'supplement', 'overdue', 'forwarded'])
    .optional(),
  status: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

export const dossierListResponse = paged(
  z.object({
    code: z.string(),
    procedureCode: z.string(),
    procedureName: z.string(),
    agencyCode: z.string(),
    receivingAgencyCode: z.string().nullable(),
    applicantName: z.string(),
    channel: z.string(),
    status: z.string(),
    statusCode: z.number(),
    submittedAt: z.date(),
    dueAt: z.date().nullable(),
    assigneeId: z.string().nullable(),
    /** The fee still to pay (the list prompts "Thanh toán ngay"). */
    fee: z.object({ amount: z.number().int(), due: z.boolean() }),
    ...flags,
  }),
);

export const publicDossierDto = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: label,
  statusCode: z.number(),
  dueAt: z.date().nullable(),
});

export const draftBody = z.object({
  procedureCode: z.string().trim().max(20),
  agencyCode: z.string().trim().max(35).nullish(),
  formData: z.record(z.string(), z.unknown()).default({}),
  attachments: z
    .array(z.object({ documentId: z.string().max(40), fileId: z.string().max(64) }))
    .max(50)
    .default([]),
  /** The step of the form the applicant is at (0-based), where the draft resumes. */
  step: z.number().int().min(0).max(50).default(0),
});
export const draftDto = z.object({
  id: z.string(),
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  formData: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ documentId: z.string(), fileId: z.string() })),
  step: z.number(),
  updatedAt: z.date(),
});
export const draftIdParams = z.object({ id: z.string().max(64) });

const counts = {
  received: z.number(),
  online: z.number(),
  resolved: z.number(),
  early: z.number(),
  onTime: z.number(),
  overdue: z.number(),
  inProgressOverdue: z.number(),
  withFees: z.number(),
  paidOnline: z.number(),
};
export const statsResponse = z.object({
  from: z.date(),
  to: z.date(),
  totals: z.object({ ...counts, onlineShare: z.number(), onTimeShare: z.number(), paidOnlineShare: z.number() }),
  rows: z.array(z.object({ agencyCode: z.string(), procedureCode: z.string(), procedureName: z.string(), ...counts })),
});

export const assigneesResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      agencyCode: z.string(),
      agencyName: z.string(),
      /** Dossiers assigned to them and not yet finished. */
      openDossiers: z.number().int(),
      overdueDossiers: z.number().int(),
      /** The dossier's current assignee. */
      current: z.boolean(),
    }),
  ),
});

export const publicTrackQuery = z.object({
  idDigits: pattern(/^\d{4}$/, 'INVALID_ID_DIGITS', 'The last 4 digits of the ID number or tax code.').optional(),
  token: z.string().trim().min(10).max(40).optional(),
});

export const claimBody = z.object({
  claimCode: pattern(/^[0-9A-Za-z\s-]{10,16}$/, 'INVALID_CLAIM_CODE', 'The 10-character code on the receipt.'),
});
export const claimResponse = z.object({ code: z.string(), claimed: z.boolean() });
export const competentAgenciesQuery = z.object({ procedureCode: z.string().trim().min(1).max(20) });
export const competentAgenciesResponse = z.object({
  procedureCode: z.string(),
  /** The desk's province (null for a desk outside any province). */
  province: z.string().nullable(),
  /** The legal reference of the receipt across boundaries (configurable). */
  basis: z.string(),
  /** The hand-over to another competent agency: working days added to the appointment, and their legal reference. */
  transfer: z.object({ days: z.number().int(), basis: z.string() }),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.string(),
      /** The desk's own agency or a unit below it (no hand-over). */
      own: z.boolean(),
    }),
  ),
});

export const registerQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** The desk's agency (default: the caller's). */
    agency: z.string().trim().max(35).optional(),
    format: z.enum(['pdf', 'xlsx', 'csv']).default('pdf'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(dossierDto, { id: 'Dossier' });
z.globalRegistry.add(publicDossierDto, { id: 'PublicDossier' });
z.globalRegistry.add(draftDto, { id: 'DossierDraft' });
z.globalRegistry.add(assigneesResponse, { id: 'DossierAssignees' });
