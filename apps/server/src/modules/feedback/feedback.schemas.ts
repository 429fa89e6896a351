import { z } from 'zod';
import { pageQuery, paged } from '../../platform/http/schemas.js';
import { FEEDBACK_STATUSES, PETITION_STATUSES } from './db/schema.js';
import { CONTENT_TYPE_CODES } from './feedback.rules.js';
import { normalizeVnPhone } from '../../platform/sms/phone.js';

const agencyCode = z.string().trim().min(2).max(35);
const text = (max: number) => z.string().trim().min(1).max(max);
const ts = z.date();

export const feedbackCodeParams = z.object({ code: z.string().regex(/^PA\d{2}-[0-9A-Z]{8}$/i, 'a feedback code') });
export const petitionIdParams = z.object({ id: z.string().regex(/^pet_[0-9a-z]{26}$/, 'a petition id') });

const vnPhone = z
  .string()
  .trim()
  .max(20)
  .refine((v) => normalizeVnPhone(v) !== null, {
    message: 'A Vietnamese mobile number: 10 digits starting 0, or +84.',
    params: { code: 'INVALID_PHONE' },
  });

/** Exactly one of `email` and `phone` (checked by the use case, which names the field). */
export const contactCodeBody = z.object({ email: z.email().max(200).optional(), phone: vnPhone.optional() });
export const contactCodeResponse = z.object({
  verificationId: z.string(),
  expiresAt: ts,
  channel: z.enum(['email', 'sms']),
  /** The e-mail, or the phone masked (`0912***678`). */
  sentTo: z.string(),
  /** Lets this browser attach files (POST /api/feedback/contact-codes/{id}/files, header Upload-Token). */
  uploadToken: z.string(),
});
export const verificationParams = z.object({ id: z.string().regex(/^fbc_[0-9a-z]{26}$/, 'a verification id') });
export const attachmentParams = z.object({
  code: z.string().regex(/^PA\d{2}-[0-9A-Z]{8}$/i, 'a feedback code'),
  fileId: z.string().regex(/^fil_[0-9a-z]{26}$/, 'a file id'),
});
export const uploadedFile = z.object({ id: z.string(), name: z.string(), size: z.number(), mediaType: z.string() });
const fileId = z.string().regex(/^fil_[0-9a-z]{26}$/, 'a file id');
export const uploadParams = z.object({ fileId });
export const contactUploadParams = verificationParams.extend({ fileId });

export const submitBody = z.object({
  contentType: z.enum(CONTENT_TYPE_CODES),
  procedureCode: z.string().trim().min(1).max(20).optional(),
  dossierCode: z.string().trim().min(1).max(40).optional(),
  agencyCode: agencyCode.optional(),
  title: text(200),
  text: text(10_000),
  attachments: z.array(z.string().max(40)).max(10).default([]),
  allowPublish: z.boolean(),
  contact: z
    .object({
      name: z.string().trim().max(100).optional(),
      email: z.email().max(200).optional(),
      phone: vnPhone.optional(),
    })
    .optional(),
  verification: z.object({ id: z.string().max(40), code: z.string().regex(/^\d{6}$/, '6 digits') }).optional(),
});

export const submitResponse = z.object({
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  agencyCode: z.string().nullable(),
  dueAt: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  followToken: z.string().nullable(),
});

export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('route'), agencyCode, note: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal('transfer'), agencyCode, reason: text(1000) }),
  z.object({ action: z.literal('answer'), text: text(20_000) }),
  z.object({ action: z.literal('approve') }),
  z.object({
    action: z.literal('publish'),
    /** Attachments shown on the published page (file ids); none unless picked: they may hold personal data. */
    publicAttachments: z.array(z.string().max(40)).max(10).optional(),
  }),
  z.object({
    action: z.literal('rate'),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(1000).optional(),
    token: z.string().max(100).optional(),
  }),
  z.object({ action: z.literal('merge'), into: z.string().regex(/^PA\d{2}-[0-9A-Z]{8}$/i, 'a feedback code') }),
]);

const event = z.object({
  kind: z.string(),
  at: ts,
  fromAgency: z.string().nullable(),
  toAgency: z.string().nullable(),
  late: z.boolean(),
  note: z.string().nullable(),
});

export const feedbackDto = z.object({
  code: z.string(),
  contentType: z.string(),
  subjectKind: z.enum(['procedure', 'dossier', 'agency']),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  dossierCode: z.string().nullable(),
  agencyCode: z.string().nullable(),
  candidateAgencies: z.array(z.string()),
  status: z.enum(FEEDBACK_STATUSES),
  createdAt: ts,
  routeDueAt: ts.nullable(),
  dueAt: ts.nullable(),
  escalatedAt: ts.nullable(),
  answeredAt: ts.nullable(),
  approvedAt: ts.nullable(),
  publishedAt: ts.nullable(),
  allowPublish: z.boolean(),
  title: z.string().nullable(),
  text: z.string().nullable(),
  answer: z.string().nullable(),
  attachments: z.array(
    z.object({
      fileId: z.string(),
      name: z.string(),
      mediaType: z.string().nullable(),
      size: z.number().nullable(),
      public: z.boolean(),
    }),
  ),
  contactName: z.string().nullable(),
  /** Staff of the agency only: the filer's phone, masked (`0912***678`); the full number from POST …/contact-phone. */
  contactPhone: z.string().nullable(),
  public: z
    .object({
      title: z.string().nullable(),
      text: z.string().nullable(),
      answer: z.string().nullable(),
      attachments: z.array(z.object({ fileId: z.string(), name: z.string() })),
    })
    .nullable(),
  rating: z.number().int().nullable(),
  ratedAt: ts.nullable(),
  mergedInto: z.string().nullable(),
  duplicates: z.array(
    z.object({ code: z.string(), title: z.string(), status: z.enum(FEEDBACK_STATUSES), createdAt: ts }),
  ),
  timeline: z.array(event),
  access: z.object({ submitter: z.boolean(), staff: z.boolean(), actions: z.array(z.string()) }),
});

export const viewQuery = z.object({ token: z.string().max(100).optional() });

export const feedbackListItem = z.object({
  code: z.string(),
  title: z.string(),
  contentType: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  agencyCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  dueAt: ts.nullable(),
  escalatedAt: ts.nullable(),
  overdue: z.boolean(),
  groupId: z.string(),
  createdAt: ts,
});
export const feedbackListQuery = pageQuery.extend({
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  box: z.enum(['inbox', 'unrouted', 'approval', 'overdue', 'published', 'all']).optional(),
});
export const feedbackList = paged(feedbackListItem);

export const publicFeedbackQuery = pageQuery.extend({
  agency: agencyCode.optional(),
  procedure: z.string().trim().max(20).optional(),
  type: z.enum(CONTENT_TYPE_CODES).optional(),
  q: z.string().trim().max(200).optional(),
  /** The `next` of the previous page: the items after it (keyset; `page` is then ignored). */
  after: z.string().trim().max(200).optional(),
});
export const publicFeedbackItem = z.object({
  code: z.string(),
  contentType: z.string(),
  agencyCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  answer: z.string(),
  createdAt: ts,
  answeredAt: ts.nullable(),
  publishedAt: ts,
  onTime: z.boolean(),
  rating: z.number().int().nullable(),
});
export const publicFeedbackList = paged(publicFeedbackItem).extend({
  /** True when more than `total` items match: the count stops at a cap, 1,000 without a phrase and 100 with one ("hơn 100 kết quả"). */
  totalCapped: z.boolean(),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
});

export const statsQuery = z.object({ agency: agencyCode.optional(), from: z.coerce.date(), to: z.coerce.date() });
const statsRow = z.object({
  agencyCode: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  late: z.number().int(),
  averageDays: z.number().nullable(),
  rated: z.number().int(),
  satisfaction: z.number().nullable(),
});
export const statsResponse = z.object({
  from: ts,
  to: ts,
  items: z.array(statsRow),
  total: z.object({
    received: z.number().int(),
    answered: z.number().int(),
    answeredOnTime: z.number().int(),
    late: z.number().int(),
    rated: z.number().int(),
  }),
});

export const contentTypesResponse = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  limits: z.object({
    answerDays: z.number().int(),
    answerBasis: z.string(),
    forwardDays: z.number().int(),
    forwardBasis: z.string(),
  }),
});

export const petitionBody = z.object({ title: text(200), text: text(10_000), agencyCode });
export const petitionCreated = z.object({ id: z.string(), threshold: z.number().int(), closesAt: z.string() });
export const petitionDto = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  agencyCode: z.string(),
  authorName: z.string(),
  threshold: z.number().int(),
  supportCount: z.number().int(),
  closesAt: ts,
  status: z.enum(PETITION_STATUSES),
  thresholdReachedAt: ts.nullable(),
  responseDueAt: ts.nullable(),
  answer: z.string().nullable(),
  answeredAt: ts.nullable(),
  createdAt: ts,
  supportedByMe: z.boolean().nullable(),
});
export const petitionListQuery = pageQuery.extend({
  agency: agencyCode.optional(),
  status: z.enum(PETITION_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});
export const petitionList = paged(petitionDto);
export const supportResponse = z.object({
  supported: z.boolean(),
  supportCount: z.number().int(),
  status: z.enum(PETITION_STATUSES),
});
export const petitionAnswerBody = z.object({ text: text(20_000) });
export const petitionSettingsBody = z.object({
  threshold: z.number().int().min(1).max(10_000_000),
  windowDays: z.number().int().min(1).max(365),
  responseWorkingDays: z.number().int().min(1).max(90),
});
export const petitionSettingsDto = petitionSettingsBody.extend({ agencyCode: z.string() });
export const agencyParams = z.object({ agencyCode });

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(feedbackDto, { id: 'Feedback' });
z.globalRegistry.add(publicFeedbackItem, { id: 'PublicFeedback' });
z.globalRegistry.add(petitionDto, { id: 'Petition' });
z.globalRegistry.add(statsResponse, { id: 'FeedbackStats' });

/** Why the officer reads the filer's full phone number (kept in the audit record). */
export const revealPhoneBody = z.object({ reason: z.string().trim().max(500).optional() });
export const revealedPhoneDto = z.object({ phone: z.string() });
