import { z } from 'zod';
import { pageQuery, paged, pattern } from '../../platform/http/schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const iso = z.iso.datetime({ offset: true });
export const registryCode = z.enum(['population', 'business', 'land']);

export const recordParams = z.object({ registry: registryCode, key: z.string().trim().min(3).max(40) });
export const personParams = z.object({ key: pattern(/^\d{12}$/, 'INVALID_ID_NUMBER_FORMAT', '12 digits') });
export const idParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9a-z]{26}$/, 'an id') });

export const readQuery = z.object({
  purpose: z.string().trim().max(40).optional(),
  dossierCode: z.string().trim().max(40).optional(),
  validAt: iso.optional(),
  knownAt: iso.optional(),
  fields: z.string().trim().max(400).optional(),
});

const source = z.object({ registry: registryCode, name: z.string(), ownerAgencyCode: z.string() });
const version = z.object({
  data: z.record(z.string(), z.unknown()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  recordedAt: z.string(),
  supersededAt: z.string().nullable(),
  cause: z.string(),
});
export const recordResponse = version.extend({ key: z.string(), source });
export const historyResponse = z.object({ key: z.string(), source, versions: z.array(version) });

export const checkBody = z.object({
  dossierCode: text(40),
  claims: z.record(z.string().max(40), z.string().max(300)).refine((c) => Object.keys(c).length > 0, {
    message: 'Name at least one value',
  }),
});
export const checkResponse = z.object({
  key: z.string(),
  source,
  found: z.boolean(),
  matches: z.record(z.string(), z.boolean()),
});

export const versionBody = z.object({
  validFrom: iso,
  validTo: iso.nullable().optional(),
  patch: z
    .record(z.string().max(40), z.unknown())
    .refine((p) => Object.keys(p).length > 0, { message: 'Change something' }),
  reason: text(500),
});
export const versionResponse = z.object({ superseded: z.number().int(), recorded: z.number().int() });

export const servicesResponse = z.object({
  services: z.array(
    z.object({ code: z.string(), registry: registryCode, title: z.string(), purposes: z.array(z.string()) }),
  ),
  purposes: z.array(
    z.object({ code: z.string(), label: z.string(), legalBasis: z.string(), needsDossier: z.boolean() }),
  ),
});

export const dataAccessQuery = pageQuery;
export const dataAccessItem = z.object({
  id: z.string(),
  at: z.string(),
  registry: registryCode,
  registryName: z.string(),
  service: z.string(),
  fields: z.array(z.string()),
  purpose: z.string(),
  purposeLabel: z.string(),
  dossierCode: z.string().nullable(),
  client: z.string(),
  agencyCode: z.string().nullable(),
  actorKind: z.enum(['official', 'citizen']),
  actorName: z.string().nullable(),
  self: z.boolean(),
  delayedUntil: z.string().nullable(),
});
export const dataAccessResponse = paged(dataAccessItem).extend({
  idNumber: z.string(),
  endedDelays: z.array(
    z.object({ agencyCode: z.string(), legalBasis: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
});

export const prefillBody = z.object({
  procedureCode: text(20),
  sources: z.array(z.string().max(60)).min(1).max(40),
});
export const prefillResponse = z.object({
  consentId: z.string(),
  consentedAt: z.string(),
  values: z.array(
    z.object({
      source: z.string(),
      value: z.unknown(),
      registry: registryCode,
      registryName: z.string(),
      ownerAgencyCode: z.string(),
      validFrom: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

export const correctionDto = z.object({
  id: z.string(),
  registry: registryCode,
  registryName: z.string(),
  recordKey: z.string(),
  field: z.string(),
  currentValue: z.string().nullable(),
  proposedValue: z.string().nullable(),
  reason: z.string(),
  ownerAgencyCode: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export const correctionBody = z.object({
  source: text(60),
  proposedValue: z.string().trim().max(300).nullable().optional(),
  reason: text(1000),
});
export const correctionCreated = z.object({ created: z.boolean(), correction: correctionDto });
export const correctionList = z.object({ items: z.array(correctionDto) });
export const correctionQuery = z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() });
export const resolveBody = z.object({
  decision: z.enum(['accept', 'reject']),
  note: text(1000),
  validFrom: iso.optional(),
});

export const delayDto = z.object({
  id: z.string(),
  subjectId: z.string(),
  agencyCode: z.string(),
  legalBasis: z.string(),
  caseReference: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const delayBody = z.object({
  subjectId: pattern(/^\d{12}$/, 'INVALID_ID_NUMBER_FORMAT', '12 digits'),
  endsAt: iso,
  legalBasis: text(500),
  caseReference: text(100),
});
export const delayCreated = z.object({ created: z.boolean(), delay: delayDto });
export const delayList = z.object({ items: z.array(delayDto) });

z.globalRegistry.add(dataAccessItem, { id: 'DataAccess' });
z.globalRegistry.add(prefillResponse, { id: 'RegistryPrefill' });
z.globalRegistry.add(correctionDto, { id: 'RegistryCorrection' });
