import { z } from 'zod';
import { displayName, pageQuery, paged, pattern } from '../../platform/http/schemas.js';
import { ROLES } from './identity.context.js';

export const role = z.enum(ROLES);
const password = z.string().min(1).max(256);
const otp = pattern(/^\d{6}$/, 'INVALID_OTP_FORMAT', 'A 6-digit code.');

export const registerBody = z.object({
  accountType: z.enum(['citizen', 'business']).optional(),
  idNumber: pattern(/^\d{12}$/, 'INVALID_ID_NUMBER_FORMAT', 'The personal ID number has 12 digits.').optional(),
  taxCode: pattern(
    /^(\d{10}(-?\d{3})?|\d{12})$/,
    'INVALID_TAX_CODE_FORMAT',
    "A tax code has 10 or 13 digits; an individual's is his 12-digit personal ID number.",
  ).optional(),
  fullName: displayName(2, 200),
  dateOfBirth: z.iso.date().optional(),
  gender: z.enum(['male', 'female']).optional(),
  email: z.email().max(254),
  phone: pattern(/^(\+84|0)\d{9,10}$/, 'INVALID_PHONE', 'A Vietnamese phone number.'),
  password,
});
/** The same answer whether the account was created or already existed (the owner is mailed then). */
export const registerResponse = z.object({ username: z.string() });

/** An address from the 2025 units as the account keeps it (ADR 0027's address block). */
export const accountAddressDto = z.object({
  province: z.string(),
  provinceName: z.string(),
  commune: z.string(),
  communeName: z.string(),
  street: z.string(),
});
const addressInput = z.object({
  province: z.string().min(1).max(10),
  commune: z.string().min(1).max(10),
  street: z.string().trim().min(2).max(300),
});
/** The citizen's personal details kept in the account for the forms (a field left out stays, null clears it). */
export const profileBody = z.object({
  dateOfBirth: z.iso.date().nullable().optional(),
  permanentAddress: addressInput.nullable().optional(),
  currentAddress: addressInput.nullable().optional(),
});

export const meDto = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  kind: z.enum(['citizen', 'business', 'staff', 'client']),
  roles: z.array(z.string()),
  agencyCode: z.string().nullable(),
  acr: z.union([z.literal(1), z.literal(2)]),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  totpEnabled: z.boolean(),
  identityLevel: z.enum(['self_declared', 'desk', 'vneid', 'certificate']).nullable(),
  identityVerifiedAt: z.date().nullable(),
  /** Citizens: what the forms are prefilled with besides the name, ID number and contacts. */
  dateOfBirth: z.string().nullable().optional(),
  permanentAddress: accountAddressDto.nullable().optional(),
  currentAddress: accountAddressDto.nullable().optional(),
});

export const loginBody = z.object({ username: z.string().trim().min(1).max(254), password, otp: otp.optional() });
export const loginResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number(),
  acr: z.number(),
  user: meDto,
});

export const otpBody = z.object({ otp });
export const totpEnrollResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const forgotBody = z.object({ email: z.email() });
export const resetBody = z.object({ token: z.string().min(10).max(200), password });

export const sessionDto = z.object({
  id: z.string(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  acr: z.number(),
  current: z.boolean(),
});
export const idParams = z.object({ id: z.string().min(1).max(512) });

export const passkeyDto = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});
export const passkeyRegisterVerifyBody = z.object({
  challengeId: z.string(),
  name: z.string().trim().max(100).default('Passkey'),
  response: z.looseObject({
    id: z.string(),
    rawId: z.string(),
    type: z.literal('public-key'),
    response: z.looseObject({}),
  }),
});
export const passkeyLoginOptionsBody = z.object({
  username: z.string().max(254).optional(),
  mfaToken: z.string().max(500).optional(),
});
export const passkeyLoginVerifyBody = z.object({
  challengeId: z.string(),
  response: z.looseObject({
    id: z.string(),
    rawId: z.string(),
    type: z.literal('public-key'),
    response: z.looseObject({}),
  }),
});
export const anyJson = z.looseObject({});
/** A passkey assertion (navigator.credentials.get() as JSON, AuthenticationResponseJSON). */
export const passkeyAssertion = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: z.string().min(1).max(8192),
    authenticatorData: z.string().min(1).max(8192),
    signature: z.string().min(1).max(2048),
  }),
  clientExtensionResults: z.looseObject({}).default({}),
});
export const passkeyActionOptionsBody = z.object({
  action: pattern(
    /^[a-z][a-z_]*:[A-Za-z0-9_.:-]{1,120}$/,
    'INVALID_ACTION',
    'An action such as signature:<certificateId>.',
  ),
});

export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  kind: z.enum(['citizen', 'business', 'staff']),
  roles: z.array(z.string()),
  agencyCode: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  createdAt: z.date(),
});
export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: role.optional(),
  agencyCode: z.string().max(35).optional(),
  kind: z.enum(['citizen', 'business', 'staff']).optional(),
});
export const userListResponse = paged(userDto);
export const createStaffBody = z.object({
  username: pattern(/^[a-zA-Z0-9._-]{3,64}$/, 'INVALID_USERNAME', '3-64 letters, digits, dots, dashes, underscores.'),
  password,
  fullName: displayName(2, 200),
  email: z.email().nullish(),
  phone: z.string().max(20).nullish(),
  roles: z.array(role).min(1),
  agencyCode: z.string().trim().max(35).nullish(),
});
export const updateUserBody = z.object({
  roles: z.array(role).min(1).optional(),
  agencyCode: z.string().trim().max(35).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  fullName: displayName(2, 200).optional(),
  email: z.email().nullable().optional(),
});

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(meDto, { id: 'Me' });
z.globalRegistry.add(userDto, { id: 'User' });
z.globalRegistry.add(sessionDto, { id: 'Session' });
z.globalRegistry.add(passkeyAssertion, { id: 'PasskeyAssertion' });
