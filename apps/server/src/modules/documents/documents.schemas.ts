import { z } from 'zod';
import { displayName, pageQuery, paged, pattern } from '../../platform/http/schemas.js';
import { passkeyAssertionSchema } from '../identity/index.js';
import { validationReportDto } from '../signatures/index.js';
import { FILE_NOTATION } from './numbering.js';

const agencyCode = pattern(
  /^[0-9A-Za-z.]{1,35}$/,
  'INVALID_AGENCY_CODE',
  'An agency code (G22, H26.S02, 000.00.00.G22).',
);
const isoDate = pattern(/^\d{4}-\d{2}-\d{2}$/, 'INVALID_DATE', 'A date YYYY-MM-DD.');
const fileId = z.string().max(64);
export const urgency = z.enum(['normal', 'urgent', 'very_urgent', 'express']);
export const secrecy = z.enum(['none', 'confidential', 'secret', 'top_secret']);

export const createBody = z.object({
  type: z.string().trim().min(1).max(10),
  subject: z.string().trim().min(5).max(500),
  recipients: z.array(agencyCode).max(200).default([]),
  fileIds: z.array(fileId).min(1).max(20),
  urgency: urgency.optional(),
  secrecy: secrecy.optional(),
  dueDate: isoDate.optional(),
  issuingAgency: agencyCode.optional(),
  draftingUnit: z.string().trim().max(20).optional(),
});

export const paperBody = z.object({
  type: z.string().trim().min(1).max(10),
  subject: z.string().trim().min(5).max(500),
  senderName: displayName(2, 200),
  senderCode: agencyCode.optional(),
  codeNumber: z.string().trim().max(11).optional(),
  codeNotation: z.string().trim().max(30).optional(),
  issuedDate: isoDate.optional(),
  signerName: z.string().trim().max(50).optional(),
  signerPosition: z.string().trim().max(100).optional(),
  urgency: urgency.optional(),
  secrecy: secrecy.optional(),
  dueDate: isoDate.optional(),
  pageCount: z.number().int().min(1).max(999).optional(),
  fileIds: z.array(fileId).min(1).max(20),
});

export const idParams = z.object({ id: z.string().trim().min(3).max(64) });
export const createdResponse = z.object({ id: z.string() });

export const actionBody = z.object({
  action: z.string().trim().min(2).max(40),
  note: z.string().max(4000).optional(),
  fileIds: z.array(fileId).max(20).optional(),
  signerPosition: z.string().trim().max(100).optional(),
  signerCompetence: z.string().trim().max(100).optional(),
  certificateId: z.string().max(64).optional(),
  otp: z.string().trim().max(10).optional(),
  /** sign: instead of `otp`, a passkey assertion answering POST /api/auth/mfa/passkey/action-options for `signature:<certificateId>`. */
  passkey: passkeyAssertionSchema.optional(),
  leadUnit: agencyCode.optional(),
  handlerId: z.string().max(64).optional(),
  supportingUnits: z.array(agencyCode).max(20).optional(),
  handlingDueDate: isoDate.optional(),
});

export const listQuery = pageQuery.extend({
  box: z.enum(['outgoing', 'incoming', 'drafts', 'tasks']).default('tasks'),
  status: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

const listItem = z.object({
  id: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  agencyCode: z.string(),
  status: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  subject: z.string(),
  code: z.string().nullable(),
  urgency,
  secrecy,
  dueDate: z.string().nullable(),
  issuedDate: z.string().nullable(),
  senderName: z.string().nullable(),
  arrivalNumber: z.number().nullable(),
  arrivedAt: z.date().nullable(),
  handlerName: z.string().nullable(),
  handlingDueDate: z.string().nullable(),
  createdByName: z.string(),
  updatedAt: z.date(),
  urgent: z.boolean(),
  overdue: z.boolean(),
});
export const listResponse = paged(listItem);

const nullableString = z.string().nullable();
export const documentDto = listItem.extend({
  issuedAt: z.date().nullable(),
  issuerName: nullableString,
  codeNumber: nullableString,
  codeNotation: nullableString,
  series: nullableString,
  pageCount: z.number().nullable(),
  draftingUnit: nullableString,
  fileId: nullableString,
  signer: z
    .object({
      id: nullableString,
      name: z.string(),
      position: nullableString,
      competence: nullableString,
      signedAt: z.date().nullable(),
    })
    .nullable(),
  createdBy: z.string(),
  source: nullableString,
  senderCode: nullableString,
  externalId: nullableString,
  registerDueAt: z.date().nullable(),
  registeredAt: z.date().nullable(),
  leadUnit: nullableString,
  handlerId: nullableString,
  supportingUnits: z.array(z.string()),
  completedAt: z.date().nullable(),
  pendingChange: z
    .object({
      type: z.enum(['revoke', 'update', 'replace']),
      packageId: nullableString,
      reason: nullableString,
      newDocumentId: nullableString,
      at: z.string(),
    })
    .nullable(),
  supersedesId: nullableString,
  signatures: z.object({
    digital: z.boolean(),
    report: validationReportDto.nullable(),
    packageReport: validationReportDto.nullable(),
  }),
  metadata: z.record(z.string(), z.unknown()),
  versions: z.array(
    z.object({
      version: z.number(),
      fileId: z.string(),
      name: z.string(),
      mediaType: z.string(),
      sha256: z.string(),
      kind: z.string(),
      createdByName: nullableString,
      note: nullableString,
      createdAt: z.date(),
    }),
  ),
  comments: z.array(z.object({ authorName: z.string(), body: z.string(), at: z.date() })),
  history: z.array(
    z.object({
      action: z.string(),
      fromStatus: nullableString,
      toStatus: z.string(),
      actorName: nullableString,
      note: nullableString,
      at: z.date(),
    }),
  ),
  recipients: z.array(
    z.object({
      agencyCode: z.string(),
      organId: z.string(),
      organName: z.string(),
      state: z.string(),
      statusCode: nullableString,
      description: nullableString,
      updatedAt: z.date(),
    }),
  ),
  exchangeStatuses: z.array(
    z.object({
      agencyCode: z.string(),
      direction: z.enum(['received', 'sent']),
      statusCode: z.string(),
      description: nullableString,
      at: z.date(),
    }),
  ),
  registerEntries: z.array(
    z.object({
      book: z.enum(['outgoing', 'incoming']),
      series: z.string(),
      year: z.number(),
      number: z.number(),
      at: z.date(),
    }),
  ),
  record: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  allowedActions: z.array(z.string()),
});

export const fileParams = idParams.extend({ fileId });

export const bookParams = z.object({ book: z.enum(['outgoing', 'incoming']) });
export const registerQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  agency: agencyCode.optional(),
});
export const exportQuery = registerQuery.extend({ format: z.enum(['pdf', 'xlsx']) });
export const registerResponse = z.object({
  book: z.enum(['outgoing', 'incoming']),
  year: z.number(),
  agencyCode: z.string(),
  agencyName: z.string(),
  columns: z.array(z.object({ key: z.string(), header: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});

export const typesResponse = z.object({
  items: z.array(
    z.object({ code: z.string(), name: z.string(), nameEn: z.string(), abbreviation: z.string().nullable() }),
  ),
});

export const settingsDto = z.object({
  agencyCode: z.string(),
  abbreviation: z.string(),
  place: z.string().nullable(),
  updatedAt: z.date(),
});
export const settingsBody = z.object({
  abbreviation: pattern(/^[0-9A-Za-zĐđ]{1,20}$/u, 'INVALID_ABBREVIATION', 'Letters and digits, e.g. UBND, BNV, STP.'),
  place: z.string().trim().max(100).nullish(),
});
export const agencyParams = z.object({ agencyCode });

export const assigneesQuery = z.object({ unit: agencyCode });
export const assigneesResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), fullName: z.string(), agencyCode: z.string().nullable(), roles: z.array(z.string()) }),
  ),
});

export const recordBody = z.object({
  fileNotation: pattern(
    FILE_NOTATION,
    'INVALID_FILE_NOTATION',
    'Groups of A-Z and 0-9 separated by dots, e.g. 01.TH.',
  ).pipe(z.string().max(20)),
  title: z.string().trim().min(3).max(500),
  year: z.number().int().min(2000).max(2100).optional(),
  maintenance: z.string().trim().min(2).max(30),
  rights: z.string().trim().max(30).optional(),
  language: z.string().trim().max(50).optional(),
  description: z.string().trim().max(500).optional(),
});
export const recordCreated = z.object({ id: z.string(), code: z.string() });
export const recordListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      year: z.number(),
      maintenance: z.string(),
      creator: z.string(),
      agencyCode: z.string(),
    }),
  ),
});
export const recordDto = z.object({
  id: z.string(),
  code: z.string(),
  fileCode: z.object({ organId: z.string(), fileCatalog: z.number(), fileNotation: z.string() }),
  title: z.string(),
  maintenance: z.string(),
  rights: z.string(),
  creator: z.string(),
  language: z.string(),
  description: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  docTotal: z.number(),
  pageTotal: z.number(),
  documents: z.array(
    z.object({
      ordinal: z.number(),
      id: z.string(),
      code: z.string().nullable(),
      typeName: z.string(),
      subject: z.string(),
      issuedDate: z.string().nullable(),
      pageCount: z.number().nullable(),
    }),
  ),
});
export const recordItemBody = z.object({ documentId: z.string().max(64) });
export const recordsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(listItem, { id: 'DocumentListItem' });
z.globalRegistry.add(documentDto, { id: 'Document' });
