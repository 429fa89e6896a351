import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { BadRequestError, NotFoundError, UnauthorizedError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { assertNotLocked, completeLogin } from './login.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
export type Transport = NonNullable<RegistrationResponseJSON['response']['transports']>[number];

/** The relying party: this deployment's public host and origin. */
export function rp(ctx: IdentityContext) {
  const url = new URL(ctx.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Cổng dịch vụ công' };
}

/** WebAuthn registration options for the logged-in user. */
export async function passkeyRegistrationOptions(ctx: IdentityContext, p: Principal) {
  const existing = await repo.credentials(ctx.db, p.userId);
  const { rpID, rpName } = rp(ctx);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: p.username,
    userDisplayName: p.fullName,
    userID: new TextEncoder().encode(p.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({
      id: c.id,
      transports: (c.transports ?? undefined) as Transport[] | undefined,
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const challengeId = newId('wch');
  await repo.insertChallenge(ctx.db, {
    id: challengeId,
    userId: p.userId,
    challenge: options.challenge,
    purpose: 'register',
    expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return { ...options, challengeId };
}

export async function passkeyRegistrationVerify(
  ctx: IdentityContext,
  actor: ActorContext,
  p: Principal,
  challengeId: string,
  response: RegistrationResponseJSON,
  name: string,
) {
  const ch = await repo.takeChallenge(ctx.db, challengeId, ctx.clock.now());
  if (!ch || ch.purpose !== 'register' || ch.userId !== p.userId)
    throw new BadRequestError('WEBAUTHN_CHALLENGE_INVALID', 'The passkey request expired; try again.');
  const { rpID, origin } = rp(ctx);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: ch.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch((e: Error) => {
    throw new BadRequestError('WEBAUTHN_VERIFICATION_FAILED', e.message);
  });
  if (!result.verified || !result.registrationInfo)
    throw new BadRequestError('WEBAUTHN_VERIFICATION_FAILED', 'The passkey could not be verified.');
  const { credential } = result.registrationInfo;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertCredential(tx, {
      id: credential.id,
      userId: p.userId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? null,
      name: name.normalize('NFC').trim() || 'Passkey',
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.passkey_added',
        subjectType: 'user',
        subjectId: p.userId,
        after: { credentialId: row.id, name: row.name },
      },
      ctx.clock.now(),
    );
    return { id: row.id, name: row.name };
  });
}

export async function listPasskeys(ctx: IdentityContext, p: Principal) {
  const rows = await repo.credentials(ctx.db, p.userId);
  return rows.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt, lastUsedAt: c.lastUsedAt }));
}

export async function removePasskey(ctx: IdentityContext, actor: ActorContext, p: Principal, id: string) {
  await ctx.db.transaction(async (tx) => {
    const rows = await repo.deleteCredential(tx, p.userId, id);
    if (!rows.length) throw new NotFoundError('PASSKEY_NOT_FOUND', 'No such passkey.');
    await recordAudit(
      tx,
      actor,
      { action: 'user.passkey_removed', subjectType: 'user', subjectId: p.userId, after: { credentialId: id } },
      ctx.clock.now(),
    );
  });
}

/**
 * Options for a passkey assertion: passwordless (no username: discoverable credentials), for a
 * named user, or as the second factor after the password (mfaToken).
 */
export async function passkeyLoginOptions(ctx: IdentityContext, input: { username?: string; mfaToken?: string }) {
  let userId: string | null = null;
  if (input.mfaToken) {
    userId = ctx.verifyMfaToken(input.mfaToken);
    if (!userId) throw new UnauthorizedError('MFA_TOKEN_INVALID', 'Log in with your password again.');
  } else if (input.username) {
    userId = (await repo.userByLogin(ctx.db, input.username))?.id ?? null;
  }
  const creds = userId ? await repo.credentials(ctx.db, userId) : [];
  const { rpID } = rp(ctx);
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: 'preferred',
    allowCredentials: creds.map((c) => ({
      id: c.id,
      transports: (c.transports ?? undefined) as Transport[] | undefined,
    })),
  });
  const challengeId = newId('wch');
  // The second-factor flavour records the user so the assertion must come from their credential.
  await repo.insertChallenge(ctx.db, {
    id: challengeId,
    userId: input.mfaToken ? userId : null,
    challenge: options.challenge,
    purpose: 'authenticate',
    expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return { ...options, challengeId };
}

/** Verify the assertion and open a level-2 session (a passkey is possession plus, usually, user verification). */
/**
 * Verify an assertion made by `cred` for `challenge` (origin, RP id, signature, counter); returns
 * the credential's new counter, for the caller to store with its own step. `refuse` makes the error.
 */
export async function verifyAssertion(
  ctx: IdentityContext,
  cred: { id: string; publicKey: Buffer | Uint8Array; counter: number; transports: string[] | null },
  challenge: string,
  response: AuthenticationResponseJSON,
  refuse: (message: string) => Error,
): Promise<number> {
  const { rpID, origin } = rp(ctx);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: cred.id,
      publicKey: new Uint8Array(cred.publicKey),
      counter: cred.counter,
      transports: (cred.transports ?? undefined) as Transport[] | undefined,
    },
    requireUserVerification: false,
  }).catch((e: Error) => {
    throw refuse(e.message);
  });
  if (!result.verified) throw refuse('The passkey could not be verified.');
  return result.authenticationInfo.newCounter;
}

export async function passkeyLoginVerify(
  ctx: IdentityContext,
  actor: ActorContext,
  challengeId: string,
  response: AuthenticationResponseJSON,
) {
  const ch = await repo.takeChallenge(ctx.db, challengeId, ctx.clock.now());
  if (!ch || ch.purpose !== 'authenticate')
    throw new BadRequestError('WEBAUTHN_CHALLENGE_INVALID', 'The passkey request expired; try again.');
  const cred = await repo.credentialById(ctx.db, response.id);
  if (!cred || (ch.userId && cred.userId !== ch.userId))
    throw new UnauthorizedError('PASSKEY_UNKNOWN', 'This passkey is not registered.');
  const user = await repo.userById(ctx.db, cred.userId);
  if (!user) throw new UnauthorizedError('PASSKEY_UNKNOWN', 'This passkey is not registered.');
  assertNotLocked(ctx, user);
  const newCounter = await verifyAssertion(
    ctx,
    cred,
    ch.challenge,
    response,
    (message) => new UnauthorizedError('WEBAUTHN_VERIFICATION_FAILED', message),
  );
  await repo.updateCredential(ctx.db, cred.id, { counter: newCounter, lastUsedAt: ctx.clock.now() });
  return completeLogin(ctx, actor, user, 2, ch.userId ? ['pwd', 'hwk'] : ['hwk']);
}
