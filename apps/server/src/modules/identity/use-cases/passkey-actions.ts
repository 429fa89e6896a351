import { type AuthenticationResponseJSON, generateAuthenticationOptions } from '@simplewebauthn/server';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, UnauthorizedError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { assertNotLocked } from './login.js';
import { rp, type Transport, verifyAssertion } from './passkeys.js';

/** Long enough to touch a key or a fingerprint reader, short enough that a left-open page cannot sign later. */
const ACTION_CHALLENGE_TTL_MS = 2 * 60_000;

/**
 * WebAuthn assertion options to confirm one sensitive action (`signature:<certificateId>`): the
 * challenge is stored bound to this user, this action and a 2-minute expiry, and is spent by the
 * first assertion that presents it. Only the user's own passkeys are allowed.
 */
export async function passkeyActionOptions(ctx: IdentityContext, p: Principal, action: string) {
  const creds = await repo.credentials(ctx.db, p.userId);
  if (!creds.length) throw new ConflictError('PASSKEY_NOT_REGISTERED', 'Add a passkey on your account page first.');
  const { rpID } = rp(ctx);
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: 'preferred',
    timeout: ACTION_CHALLENGE_TTL_MS,
    allowCredentials: creds.map((c) => ({
      id: c.id,
      transports: (c.transports ?? undefined) as Transport[] | undefined,
    })),
  });
  const expiresAt = new Date(ctx.clock.now().getTime() + ACTION_CHALLENGE_TTL_MS);
  await repo.insertChallenge(ctx.db, {
    id: newId('wch'),
    userId: p.userId,
    challenge: options.challenge,
    purpose: 'action',
    action,
    expiresAt,
  });
  return { ...options, action, expiresAt: expiresAt.toISOString() };
}

/** The challenge the browser signed, read from the assertion's clientDataJSON (the signature check comes later). */
function challengeOf(response: AuthenticationResponseJSON): string | null {
  try {
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
    return typeof data?.challenge === 'string' && data.challenge.length <= 256 ? data.challenge : null;
  } catch {
    return null;
  }
}

const refuse = (code: string, message: string) => ValidationError.field('passkey', code, message);

/**
 * Confirmation of one sensitive action (a remote signature) with a passkey assertion: the
 * assertion must answer a challenge issued to this user for this very action (single use,
 * 2 minutes), come from one of the user's registered credentials, and verify; the credential's
 * counter is updated and the confirmation audited, like the TOTP one. A refusal is a 422 on the
 * field `passkey`.
 */
export async function confirmActionWithPasskey(
  ctx: IdentityContext,
  actor: ActorContext,
  userId: string,
  response: AuthenticationResponseJSON,
  action: string,
) {
  const u = await repo.userById(ctx.db, userId);
  if (!u) throw new UnauthorizedError();
  assertNotLocked(ctx, u);
  const challenge = challengeOf(response);
  // Taken before verifying: a replay, or a second try after a failure, finds nothing.
  const ch = challenge ? await repo.takeActionChallenge(ctx.db, userId, challenge, ctx.clock.now()) : null;
  if (!ch || ch.action !== action)
    throw refuse(
      'WEBAUTHN_CHALLENGE_INVALID',
      'This passkey confirmation expired, was already used, or was made for another action; confirm again.',
    );
  const cred = await repo.credentialById(ctx.db, response.id);
  if (!cred || cred.userId !== userId) throw refuse('PASSKEY_UNKNOWN', 'This passkey is not one of yours.');
  const newCounter = await verifyAssertion(ctx, cred, ch.challenge, response, (message) =>
    refuse('WEBAUTHN_VERIFICATION_FAILED', message),
  );
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateCredential(tx, cred.id, { counter: newCounter, lastUsedAt: now });
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.action_confirmed',
        subjectType: 'user',
        subjectId: u.id,
        after: { action, factor: 'passkey', credentialId: cred.id },
      },
      now,
    );
  });
}
