import { z } from 'zod';
import { passkeyAssertionSchema } from '../../identity/index.js';

const id = z.string().min(1).max(64);

const visibleBlock = z.union([
  z.boolean(),
  z.object({
    page: z.number().int().min(0).max(10_000).optional(),
    anchor: z.enum(['bottom-right', 'top-right']).optional(),
    rect: z
      .object({
        x: z.number().min(0),
        y: z.number().min(0),
        width: z.number().min(60).max(600),
        height: z.number().min(30).max(400),
      })
      .optional(),
  }),
]);

export const signBody = z.object({
  fileId: id,
  format: z.enum(['pades', 'xades', 'cades']),
  certificateId: id.optional(),
  otp: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
  /** Instead of `otp`: a passkey assertion answering POST /api/auth/mfa/passkey/action-options for `signature:<certificateId>`. */
  passkey: passkeyAssertionSchema.optional(),
  pkcs12: z
    .object({
      data: z
        .string()
        .min(16)
        .max(200_000)
        .regex(/^[A-Za-z0-9+/=\s]+$/, 'base64'),
      password: z.string().max(256),
    })
    .optional(),
  visible: visibleBlock.optional(),
  reason: z.string().trim().max(200).optional(),
  location: z.string().trim().max(200).optional(),
});

export const validateBody = z.object({ fileId: id, detachedContentFileId: id.optional() });

export const reportQuery = validateBody.extend({ format: z.enum(['html', 'pdf']).default('html') });

const certificateSummary = z.object({
  subject: z.string(),
  commonName: z.string().nullable(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: z.string(),
});

const indication = z.enum(['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED']);

export const validationReportDto = z.object({
  mediaType: z.string(),
  indication,
  subIndication: z.string().nullable(),
  validatedAt: z.string(),
  signatures: z.array(
    z.object({
      index: z.number().int(),
      format: z.enum(['PAdES', 'CAdES', 'XAdES', 'XML-DSig']),
      level: z.string().nullable(),
      signer: certificateSummary.nullable(),
      chain: z.array(certificateSummary),
      trustAnchor: z
        .object({ id: z.string(), subject: z.string(), category: z.enum(['government', 'public', 'federation']) })
        .nullable(),
      claimedSigningTime: z.string().nullable(),
      timestamp: z.object({ time: z.string(), authority: z.string(), valid: z.boolean() }).nullable(),
      revocation: z
        .object({
          status: z.enum(['good', 'revoked', 'unknown']),
          revokedAt: z.string().optional(),
          reason: z.string().optional(),
          source: z.enum(['ocsp', 'crl', 'local', 'none']),
          producedAt: z.string().optional(),
        })
        .nullable(),
      intact: z.boolean(),
      coversWholeDocument: z.boolean().nullable(),
      modifiedAfterSigning: z.boolean().nullable(),
      indication,
      subIndication: z.string().nullable(),
      messages: z.array(z.string()),
    }),
  ),
});

// A named component of the OpenAPI document (the web app's generated types refer to it).
/** The caller's signature image (chữ ký mẫu): its hash and size; the PNG itself at GET …/signature-image. */
export const signatureImageDto = z.object({
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  updatedAt: z.string(),
});

z.globalRegistry.add(validationReportDto, { id: 'ValidationReport' });
