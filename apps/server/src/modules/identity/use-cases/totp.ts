import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { type AppError, ConflictError, UnauthorizedError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';
import { newTotpSecret, otpauthUrl } from '../totp.js';
import { assertNotLocked, checkUserTotp, registerFailure } from './login.js';
import { raiseSessionAcr } from './sessions.js';

const ISSUER = 'Cổng DVC';

async function requireUserRow(ctx: IdentityContext, p: Principal) {
  const u = await repo.userById(ctx.db, p.userId);
  if (!u) throw new UnauthorizedError();
  return u;
}

/**
 * Check a code the way login does: refused while the account is locked, a wrong code counted with
 * the login failures (the lock comes at the same limit), so six digits cannot be guessed here
 * when login would stop the guesser.
 */
async function checkCode(ctx: IdentityContext, actor: ActorContext, u: UserRow, otp: string): Promise<number> {
  assertNotLocked(ctx, u);
  const step = checkUserTotp(ctx, u, otp);
  if (step === null)
    throw (
      (await registerFailure(ctx, actor, u, 'otp')) ??
      new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong.')
    );
  return step;
}

/**
 * `work`, a step that checks a TOTP code to confirm an action, with a wrong code answered as an error
 * of the form's `otp` field (it still counts towards the lockout), not as a lost login.
 */
export async function otpAsFieldError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if ((e as AppError).code === 'INVALID_OTP')
      throw ValidationError.field(
        'otp',
        'INVALID_OTP',
        'The authenticator code is wrong or already used: enter the current one.',
      );
    throw e;
  }
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
  const step = await checkCode(ctx, actor, u, otp);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, {
      totpEnabledAt: ctx.clock.now(),
      totpLastStep: step,
      failedLogins: 0,
      updatedAt: ctx.clock.now(),
    });
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
  await checkCode(ctx, actor, u, otp);
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
  const step = await checkCode(ctx, actor, u, otp);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, u.id, { totpLastStep: step, failedLogins: 0 });
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
  if (!u.totpEnabledAt) throw new ConflictError('TOTP_NOT_ENABLED', 'Enrol an authenticator first.');
  const step = await checkCode(ctx, actor, u, otp);
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
