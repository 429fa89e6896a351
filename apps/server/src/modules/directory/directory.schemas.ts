import { z } from 'zod';
import { displayName, pageQuery, paged, pattern } from '../../platform/http/schemas.js';

export const agencyLevel = z.enum(['central', 'ministry', 'province', 'department', 'commune']);

const code = z.string().trim().min(2).max(35);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const agencyDto = z.object({
  id: z.string(),
  code: z.string(),
  legacyCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  shortName: z.string().nullable(),
  level: agencyLevel,
  parentCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
});

export const agencyDetailDto = agencyDto.extend({
  parent: z.object({ code: z.string(), name: z.string() }).nullable(),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: agencyLevel })),
});

export const agencyListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  level: agencyLevel.optional(),
  parent: z.string().trim().max(35).optional(),
});

export const agencyCodeParams = z.object({ code });

export const createAgencyBody = z.object({
  code,
  legacyCode: optionalText(13),
  name: displayName(2, 300),
  nameEn: optionalText(300),
  shortName: optionalText(100),
  level: agencyLevel,
  parentCode: code.nullish(),
  address: optionalText(500),
  phone: optionalText(50),
  email: z.email().nullish(),
  website: z.url().nullish(),
});

export const updateAgencyBody = createAgencyBody.omit({ code: true, parentCode: true }).partial();
export const moveAgencyBody = z.object({ parentCode: code.nullable() });
export const agencyListResponse = paged(agencyDto);

// Named components of the OpenAPI document (the web app's generated types refer to them).
export const adminUnitsQuery = z.object({
  province: pattern(/^\d{2}$/, 'INVALID_PROVINCE_CODE', 'A two-digit province code, e.g. 01.').optional(),
});
const adminUnit = z.object({ code: z.string(), name: z.string() });
export const adminUnitsResponse = z.object({
  /** The province asked for, or null for the list of provinces. */
  province: adminUnit.nullable(),
  items: z.array(adminUnit),
  source: z.string(),
});

z.globalRegistry.add(agencyDto, { id: 'Agency' });
z.globalRegistry.add(adminUnit, { id: 'AdminUnit' });
z.globalRegistry.add(agencyDetailDto, { id: 'AgencyDetail' });
