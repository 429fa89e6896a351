import type { Principal } from '../../platform/http/auth.js';
import { type AppError, ConflictError, ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import type { DirectoryService } from '../directory/index.js';
import { otpAsFieldError } from '../identity/index.js';
import type { SigningService } from '../signatures/index.js';
import type { DocumentSigning } from './documents.context.js';

/**
 * The person certificate the leader signs with: the one named, which must be their own, or their
 * single usable one (server-held key, valid now). None → 409; several and none named → 422 on `certificateId`.
 */
async function leaderCertificate(
  signing: SigningService,
  p: Principal,
  certificateId: string | undefined,
): Promise<string> {
  const { items } = await signing.pki.list(p, { owner: p.userId, profile: 'person', page: 1, pageSize: 100 });
  const now = signing.clock.now();
  const own = items.filter((c) => c.ownerUserId === p.userId);
  if (certificateId) {
    if (!own.some((c) => c.id === certificateId))
      throw ValidationError.field(
        'certificateId',
        'NOT_YOUR_CERTIFICATE',
        'Choose one of your own person certificates.',
      );
    // Revoked or expired: the signatures module answers 409 CERTIFICATE_REVOKED / _EXPIRED.
    return certificateId;
  }
  const usable = own.filter((c) => c.status === 'active' && c.keyHeld && c.notBefore <= now && now <= c.notAfter);
  if (usable.length === 0)
    throw new ConflictError(
      'SIGNING_CERTIFICATE_MISSING',
      'You have no usable person certificate held by the platform: ask the administrator to issue one.',
      { userId: p.userId },
    );
  if (usable.length > 1)
    throw ValidationError.field(
      'certificateId',
      'CERTIFICATE_CHOICE_REQUIRED',
      'You have several certificates: choose the one to sign with.',
    );
  return usable[0]!.id;
}

/** The place the leader signs at: his agency's name. */
async function placeOf(directory: DirectoryService, p: Principal): Promise<string | undefined> {
  return p.agencyCode ? (await directory.find(p.agencyCode))?.name : undefined;
}

/**
 * The demo seed's signing port: the leader's signature is made by the seed with his demo certificate,
 * without his confirmation (the seed has no authenticator to ask); seals and validation as usual.
 * Only `seedDemoDocuments` uses it, so a fresh demo shows an issued document.
 */
export function demoSeedSigning(signing: SigningService, directory: DirectoryService): DocumentSigning {
  return {
    ...documentSigning(signing, directory),
    async signAsLeader(i) {
      const certificateId = await leaderCertificate(signing, i.principal, i.certificateId);
      return signing.signPdfAsPersonBySeed(i.actor, certificateId, i.pdf, {
        visible: i.widgets ? { widgets: i.widgets } : true,
        reason: i.reason,
        location: await placeOf(directory, i.principal),
        position: i.position,
      });
    },
  };
}

/** Documents' signing port on the signatures module's SigningService (PAdES B-T, our TSA). */
export function documentSigning(signing: SigningService, directory: DirectoryService): DocumentSigning {
  return {
    async signAsLeader(i) {
      // The session check first: a leader without a second factor is told to step up before choosing anything.
      if (i.principal.acr < 2)
        throw new ForbiddenError('STEP_UP_REQUIRED', 'Signing needs a session with a second factor.', {
          requiredAcr: 2,
        });
      const certificateId = await leaderCertificate(signing, i.principal, i.certificateId);
      const location = await placeOf(directory, i.principal);
      // With a passkey the assertion must have been made for `signature:<this certificate>` (the signatures module checks it).
      const confirmation = i.passkey ? { passkey: i.passkey, otp: i.otp || undefined } : { otp: i.otp ?? '' };
      return otpAsFieldError(
        signing.signPdfAsPerson(i.principal, i.actor, i.pdf, {
          certificateId,
          ...confirmation,
          visible: i.widgets ? { widgets: i.widgets } : true,
          reason: i.reason,
          location,
          position: i.position,
        }),
      );
    },

    async confirmLeader(i) {
      if (i.principal.acr < 2)
        throw new ForbiddenError('STEP_UP_REQUIRED', 'Signing needs a session with a second factor.', {
          requiredAcr: 2,
        });
      const certificateId = await leaderCertificate(signing, i.principal, i.certificateId);
      const location = await placeOf(directory, i.principal);
      const key = await otpAsFieldError(
        signing.confirmedKey(i.principal, i.actor, certificateId, i.otp || undefined, i.passkey),
      );
      return (one) =>
        signing.signPdfWithConfirmedKey(i.actor, key, certificateId, one.pdf, {
          visible: one.widgets ? { widgets: one.widgets } : true,
          reason: one.reason,
          location,
          position: one.position,
        });
    },

    async seal(i) {
      // The rule of dossiers' results: the agency's own seal, else the nearest agency above it with one.
      for (const agency of await directory.lineage(i.agencyCode)) {
        try {
          const pdf = await signing.sealPdf(agency.code, i.pdf, {
            actor: i.actor,
            visible: i.widgets
              ? { widgets: await i.widgets(agency.name) }
              : { page: 0, anchor: 'top-right', lines: i.lines },
            reason: i.reason,
            location: agency.name,
          });
          return { pdf, sealedBy: agency.code };
        } catch (e) {
          if ((e as AppError).code !== 'SEAL_CERTIFICATE_MISSING') throw e;
        }
      }
      throw new ConflictError(
        'SEAL_CERTIFICATE_MISSING',
        `Neither ${i.agencyCode} nor an agency above it has an active seal certificate: ask the administrator to issue one.`,
        { agencyCode: i.agencyCode },
      );
    },

    validate: (pdf) => signing.validateBytes(pdf),
  };
}
