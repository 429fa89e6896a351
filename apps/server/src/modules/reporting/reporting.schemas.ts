import { z } from 'zod';
import { pageQuery, paged } from '../../platform/http/schemas.js';
import { passkeyAssertionSchema } from '../identity/index.js';
import { OBLIGATION_STATUSES, RECEIVED_STATUSES } from './db/schema.js';
import { PERIODICITIES } from './template.js';

const agencyCode = z.string().trim().min(2).max(35);
const text = (max: number) => z.string().trim().min(1).max(max);
const ts = z.date();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,31}$/, 'letters, digits, _ or .');
const reportPeriod = z
  .string()
  .regex(/^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H1|N9|Y|A\d{1,3})$/, 'a period such as 2026-M11');
const scorePeriod = z
  .string()
  .regex(/^\d{4}(-(Q[1-4]|M(0[1-9]|1[0-2])))?$/, 'a year, a quarter (2026-Q4) or a month (2026-M11)');

export const indicatorDef = z.object({
  code,
  name: text(300),
  unit: z.string().trim().max(40),
  type: z.enum(['integer', 'number', 'percent']),
  aggregation: z.enum(['sum', 'avg', 'latest']),
  weightBy: code.nullable().optional(),
  formula: z.string().trim().max(300).nullable().optional(),
  required: z.boolean().optional(),
});
export const templateSchema = z.object({
  indicators: z.array(indicatorDef).min(1).max(200),
  sections: z
    .array(z.object({ code, title: text(300) }))
    .max(30)
    .default([]),
  rules: z
    .array(
      z.object({
        left: text(300),
        op: z.enum(['<=', '>=', '==', '<', '>']),
        right: text(300),
        message: text(300),
      }),
    )
    .max(100)
    .default([]),
});

export const regimeBody = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'capital letters, digits and -'),
  name: text(300),
  legalBasis: text(500),
  periodicity: z.enum(PERIODICITIES),
  deadlineDays: z.number().int().min(0).max(60),
  reportingRoot: agencyCode,
  reportingLevels: z
    .array(z.enum(['central', 'ministry', 'province', 'department', 'commune']))
    .max(5)
    .default([]),
  receivingAgency: agencyCode,
  template: templateSchema,
  /** A report is sent only once its leader signed it (person certificate, CAdES); on unless said otherwise. */
  signatureRequired: z.boolean().default(true),
});
export const regimeDto = regimeBody.extend({
  id: z.string(),
  reportingLevels: z.array(z.string()),
  active: z.boolean(),
  createdAt: ts,
});
export const regimeList = z.object({ items: z.array(regimeDto) });
export const regimeParams = z.object({ code: z.string().max(32) });
export const openPeriodBody = z.object({ period: reportPeriod, from: isoDate.optional(), to: isoDate.optional() });
export const openPeriodResponse = z.object({ opened: z.number().int(), dueAt: ts });

export const obligationParams = z.object({ id: z.string().regex(/^rob_[0-9a-z]{26}$/, 'an obligation id') });
export const obligationQuery = pageQuery.extend({
  agency: agencyCode.optional(),
  period: reportPeriod.optional(),
  status: z.enum(OBLIGATION_STATUSES).optional(),
  regime: z.string().max(32).optional(),
  late: z.enum(['true', 'false']).optional(),
});
const values = z.record(z.string(), z.number().nullable());
export const obligationDto = z.object({
  id: z.string(),
  regime: z.object({
    code: z.string(),
    name: z.string(),
    periodicity: z.string(),
    signatureRequired: z.boolean(),
  }),
  period: z.string(),
  periodLabel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  agencyCode: z.string(),
  receiverCode: z.string(),
  status: z.enum(OBLIGATION_STATUSES),
  values,
  texts: z.record(z.string(), z.string()),
  dueAt: ts,
  overdue: z.boolean(),
  late: z.boolean(),
  submittedAt: ts.nullable(),
  submittedByName: z.string().nullable(),
  decidedAt: ts.nullable(),
  returnComment: z.string().nullable(),
  /** The leader's signature of the current content, or null (never signed, or changed since). */
  signature: z
    .object({
      signedAt: ts,
      signedByName: z.string(),
      certificateId: z.string(),
      contentFileId: z.string(),
      signatureFileId: z.string(),
    })
    .nullable(),
  version: z.number().int(),
  updatedAt: ts,
});
export const obligationList = paged(obligationDto);
export const obligationDetail = obligationDto.extend({
  template: templateSchema,
  access: z.object({
    fill: z.boolean(),
    sign: z.boolean(),
    submit: z.boolean(),
    decide: z.boolean(),
    /** Sending needs the leader's signature: the regime asks for it, or the receiver is on another deployment. */
    signatureRequired: z.boolean(),
  }),
  events: z.array(
    z.object({ action: z.string(), actorName: z.string().nullable(), comment: z.string().nullable(), at: ts }),
  ),
});

/** A report received from another deployment, read from the signed JSON it came as. */
export const receivedParams = z.object({ id: z.string().regex(/^rrr_[0-9a-z]{26}$/, 'a received report id') });
export const receivedFileParams = receivedParams.extend({ part: z.enum(['content', 'signature']) });
export const receivedQuery = pageQuery.extend({ status: z.enum(RECEIVED_STATUSES).optional() });
const namedAgency = z.object({ code: z.string(), name: z.string() });
export const receivedDto = z.object({
  id: z.string(),
  /** The deployment it came from. */
  origin: z.string(),
  regime: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  agency: namedAgency,
  receiver: namedAgency,
  status: z.enum(RECEIVED_STATUSES),
  late: z.boolean(),
  submittedAt: ts,
  signedByName: z.string(),
  signedAt: ts,
  decidedAt: ts.nullable(),
  decidedByName: z.string().nullable(),
  returnComment: z.string().nullable(),
});
export const receivedList = paged(receivedDto);
export const receivedDetail = receivedDto.extend({
  regime: z.object({ code: z.string(), name: z.string(), legalBasis: z.string() }),
  indicators: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), value: z.number().nullable() })),
  sections: z.array(z.object({ code: z.string(), title: z.string(), text: z.string() })),
  access: z.object({ decide: z.boolean() }),
});
export const receivedActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('return'), comment: text(2000) }),
]);

export const fillBody = z.object({
  values: z.record(z.string().max(32), z.union([z.number(), z.string().max(40), z.null()])).optional(),
  texts: z.record(z.string().max(32), z.string().max(20_000)).optional(),
  version: z.number().int().optional(),
});
export const signBody = z.object({
  certificateId: z.string().min(1).max(40),
  otp: z
    .string()
    .regex(/^\d{6}$/, '6 digits')
    .optional(),
  passkey: passkeyAssertionSchema.optional(),
  /** The version the leader read and signs (409 when someone saved meanwhile). */
  version: z.number().int(),
});
export const signatureParams = obligationParams.extend({ part: z.enum(['content', 'signature']) });
export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('return'), comment: text(2000) }),
]);

export const aggregateQuery = z.object({
  regime: z.string().max(32),
  period: reportPeriod,
  scope: agencyCode.optional(),
});
export const aggregateResponse = z.object({
  regime: z.string(),
  period: z.string(),
  scope: z.string(),
  values,
  agencies: z.array(z.string()),
  reports: z.object({
    expected: z.number().int(),
    accepted: z.number().int(),
    submitted: z.number().int(),
    open: z.number().int(),
    late: z.number().int(),
  }),
  template: templateSchema,
});

const indicatorValue = z.object({
  code: z.string(),
  name: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  targetSource: z.string(),
});
const groupScore = z.object({ code: z.string(), name: z.string(), max: z.number(), score: z.number().nullable() });
export const indicatorsQuery = z.object({ scope: agencyCode.optional(), from: isoDate, to: isoDate });
export const indicatorsExportQuery = indicatorsQuery.extend({ format: z.enum(['pdf', 'xlsx']) });
export const indicatorsResponse = z.object({
  scope: z.string(),
  scopeName: z.string(),
  from: z.string(),
  to: z.string(),
  refreshedAt: ts.nullable(),
  indicators: z.array(indicatorValue),
  score766: z.object({ groups: z.array(groupScore), total: z.number().nullable() }),
  series: z.array(z.object({ month: z.string(), values: z.record(z.string(), z.number().nullable()) })),
  children: z.array(
    z.object({
      agencyCode: z.string(),
      name: z.string(),
      level: z.string(),
      values: z.record(z.string(), z.number().nullable()),
      score766: z.number().nullable(),
    }),
  ),
});
export const rankingQuery = z.object({ agency: agencyCode.optional(), period: scorePeriod });
export const publicScoresQuery = z.object({ period: scorePeriod });
export const rankingResponse = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  refreshedAt: ts.nullable(),
  groups: z.array(z.object({ code: z.string(), name: z.string(), max: z.number(), note: z.string() })),
  items: z.array(
    z.object({
      agencyCode: z.string(),
      name: z.string(),
      level: z.string(),
      rank: z.number().int().nullable(),
      total: z.number().nullable(),
      groups: z.array(groupScore),
    }),
  ),
});
export const openDataParams = z.object({ period: scorePeriod, format: z.enum(['csv', 'json']) });
export const refreshResponse = z.object({ rows: z.number().int(), refreshedAt: ts });

export const ratingParams = z.object({ code: z.string().trim().min(1).max(40) });
export const ratingBody = z.object({
  score: z.number().int().min(1).max(5),
  reason: z.string().trim().max(1000).nullable().optional(),
});
export const ratingDto = z.object({
  dossierCode: z.string(),
  score: z.number().int(),
  reason: z.string().nullable(),
  ratedAt: ts,
});
export const myRatingDto = z.object({
  dossierCode: z.string(),
  finished: z.boolean(),
  rating: z.object({ score: z.number().int(), reason: z.string().nullable(), ratedAt: ts }).nullable(),
});
