import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, UnauthorizedError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { newTotpSecret, otpauthUrl } from '../totp.js';
import { assertNotLocked, checkUserTotp, registerFailure } from './login.js';
import { raiseSessionAcr } from './sessions.js';

const ISSUER = 'Cổng DVC';

async function requireUserRow(ctx: IdentityContext, p: Principal) {
  const u = await repo.userById(ctx.db, p.userId);
  if (!u) throw new UnauthorizedError();
  return u;
}

/** Start (or restart) enrolment: a new secret, not active until confirmed with a code. */
export async function enrollTotp(ctx: IdentityContext, actor: ActorContext, p: Principal) {
  const u = await requireUserRow(ctx, p);
  if (u.totpEnabledAt)
    throw new ConflictError('TOTP_ALREADY_ENABLED', 'An authenticator is already enrolled; remove it first.');
  const secret = newTotpSecret();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, {
      totpSecret: ctx.totpBox.seal(secret),
      totpLastStep: null,
      updatedAt: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      actor,
      { action: 'user.totp_enrollment_started', subjectType: 'user', subjectId: u.id },
      ctx.clock.now(),
    );
  });
  return { secret, otpauthUrl: otpauthUrl(secret, u.username, ISSUER) };
}

/** Confirm with a first code; the current session becomes level 2. */
export async function confirmTotp(ctx: IdentityContext, actor: ActorContext, p: Principal, otp: string) {
  const u = await requireUserRow(ctx, p);
  if (u.totpEnabledAt) throw new ConflictError('TOTP_ALREADY_ENABLED', 'An authenticator is already enrolled.');
  if (!u.totpSecret) throw new ConflictError('TOTP_NOT_ENROLLING', 'Start the enrolment first.');
  const step = checkUserTotp(ctx, u, otp);
  if (step === null) throw new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong.');
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, { totpEnabledAt: ctx.clock.now(), totpLastStep: step, updatedAt: ctx.clock.now() });
    await recordAudit(
      tx,
      actor,
      { action: 'user.totp_enabled', subjectType: 'user', subjectId: u.id },
      ctx.clock.now(),
    );
    if (p.sessionId) await raiseSessionAcr(ctx, tx, actor, p.sessionId, 'otp');
  });
}

/** Remove the authenticator; needs a current code. */
export async function disableTotp(ctx: IdentityContext, actor: ActorContext, p: Principal, otp: string) {
  const u = await requireUserRow(ctx, p);
  if (!u.totpEnabledAt) throw new ConflictError('TOTP_NOT_ENABLED', 'No authenticator is enrolled.');
  const step = checkUserTotp(ctx, u, otp);
  if (step === null)
    throw (
      (await registerFailure(ctx, actor, u, 'otp')) ??
      new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong.')
    );
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, {
      totpEnabledAt: null,
      totpSecret: null,
      totpLastStep: null,
      updatedAt: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      actor,
      { action: 'user.totp_disabled', subjectType: 'user', subjectId: u.id },
      ctx.clock.now(),
    );
  });
}

/** Step-up: a level-1 session becomes level 2 with a TOTP code. */
export async function stepUpWithTotp(ctx: IdentityContext, actor: ActorContext, p: Principal, otp: string) {
  const u = await requireUserRow(ctx, p);
  if (!u.totpEnabledAt) throw new ConflictError('TOTP_NOT_ENABLED', 'Enrol an authenticator first.');
  if (!p.sessionId) throw new ConflictError('NO_SESSION', 'Step-up applies to a login session.');
  const step = checkUserTotp(ctx, u, otp);
  if (step === null)
    throw (
      (await registerFailure(ctx, actor, u, 'otp')) ??
      new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong.')
    );
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, { totpLastStep: step });
    await raiseSessionAcr(ctx, tx, actor, p.sessionId!, 'otp');
  });
}

/**
 * Confirmation of one sensitive action (a remote signature) with a fresh TOTP code: the code's
 * step is spent (no replay), a wrong code counts towards the lockout like a failed login.
 */
export async function confirmActionWithTotp(
  ctx: IdentityContext,
  actor: ActorContext,
  userId: string,
  otp: string,
  action: string,
) {
  const u = await repo.userById(ctx.db, userId);
  if (!u) throw new UnauthorizedError();
  assertNotLocked(ctx, u);
  if (!u.totpEnabledAt) throw new ConflictError('TOTP_NOT_ENABLED', 'Enrol an authenticator first.');
  const step = checkUserTotp(ctx, u, otp);
  if (step === null)
    throw (
      (await registerFailure(ctx, actor, u, 'otp')) ??
      new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong.')
    );
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, { totpLastStep: step, failedLogins: 0 });
    await recordAudit(
      tx,
      actor,
      { action: 'user.action_confirmed', subjectType: 'user', subjectId: u.id, after: { action, factor: 'otp' } },
      ctx.clock.now(),
    );
  });
}
