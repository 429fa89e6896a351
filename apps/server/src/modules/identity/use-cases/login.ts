import { hash, verify } from '@node-rs/argon2';
import type { ActorContext } from '../../../platform/http/auth.js';
import { AppError, ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';
import { verifyTotp } from '../totp.js';
import { type IssuedSession, openSession } from './sessions.js';

let dummyHash: Promise<string> | null = null;
/** Spend the same time on unknown usernames as on wrong passwords. */
function dummy() {
  dummyHash ??= hash('not-a-real-password-0');
  return dummyHash;
}

export interface LoginInput {
  username: string;
  password: string;
  otp?: string;
}

const invalidCredentials = () => new UnauthorizedError('INVALID_CREDENTIALS', 'Wrong username or password.');

export function assertNotLocked(ctx: IdentityContext, user: UserRow) {
  const now = ctx.clock.now();
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new TooManyRequestsError(
      'ACCOUNT_LOCKED',
      'Too many failed attempts; try again later.',
      (user.lockedUntil.getTime() - now.getTime()) / 1000,
    );
  }
  if (user.status !== 'active') throw new ForbiddenError('ACCOUNT_DISABLED', 'This account is disabled.');
}

/** Count a failed attempt in its own transaction (it must survive the failed login); lock at the limit. */
export async function registerFailure(
  ctx: IdentityContext,
  actor: ActorContext,
  user: UserRow,
  reason: string,
): Promise<AppError | null> {
  const now = ctx.clock.now();
  const failures = (user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedLogins) + 1;
  const lock = failures >= ctx.config.LOGIN_MAX_FAILURES;
  const lockedUntil = lock ? new Date(now.getTime() + ctx.config.LOGIN_LOCK_SECONDS * 1000) : null;
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      failedLogins: lock ? 0 : failures,
      lockedUntil: lock ? lockedUntil : user.lockedUntil,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      { ...actor, actorId: user.id, actorName: user.username },
      {
        action: lock ? 'user.locked' : 'user.login_failed',
        subjectType: 'user',
        subjectId: user.id,
        after: { reason, failures },
      },
      now,
    );
  });
  return lock
    ? new TooManyRequestsError(
        'ACCOUNT_LOCKED',
        'Too many failed attempts; try again later.',
        ctx.config.LOGIN_LOCK_SECONDS,
      )
    : null;
}

/** Check a TOTP code against the user's secret, refusing a code already used (replay). */
export function checkUserTotp(ctx: IdentityContext, user: UserRow, otp: string): number | null {
  if (!user.totpSecret) return null;
  const step = verifyTotp(ctx.totpBox.open(user.totpSecret), otp, ctx.clock.now());
  if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return null;
  return step;
}

/**
 * Password login, with the TOTP second factor when the user has enrolled one. An unknown user, a
 * wrong password, a locked and a disabled account all get the same 401 after the same work (an
 * argon2 verification and one audited write) until the password is right: only someone who knows
 * the password learns that the account is locked or disabled.
 */
export async function login(
  ctx: IdentityContext,
  actor: ActorContext,
  input: LoginInput,
): Promise<{ user: UserRow; session: IssuedSession }> {
  const user = await repo.userByLogin(ctx.db, input.username);
  if (!user) {
    await verify(await dummy(), input.password).catch(() => false);
    await recordUnknownLogin(ctx, actor);
    throw invalidCredentials();
  }
  const passwordOk = await verify(user.passwordHash, input.password).catch(() => false);
  if (!passwordOk) {
    // Counted (and locked at the limit) silently: the answer stays the one an unknown user gets.
    await registerFailure(ctx, actor, user, 'password');
    throw invalidCredentials();
  }
  assertNotLocked(ctx, user);
  let acr: 1 | 2 = 1;
  const amr = ['pwd'];
  let totpStep: number | null = null;
  if (user.totpEnabledAt) {
    if (!input.otp) {
      const passkeys = await repo.credentials(ctx.db, user.id);
      throw new UnauthorizedError('MFA_REQUIRED', 'Enter the code from your authenticator app.', {
        methods: passkeys.length ? ['totp', 'passkey'] : ['totp'],
        mfaToken: ctx.signMfaToken(user.id),
      });
    }
    totpStep = checkUserTotp(ctx, user, input.otp);
    if (totpStep === null) {
      throw (
        (await registerFailure(ctx, actor, user, 'otp')) ??
        new UnauthorizedError('INVALID_OTP', 'The authenticator code is wrong or already used.')
      );
    }
    acr = 2;
    amr.push('otp');
  }
  return completeLogin(ctx, actor, user, acr, amr, totpStep);
}

/** A failed login for a name no account has: a security event (without the name typed), and the same write as a known one. */
async function recordUnknownLogin(ctx: IdentityContext, actor: ActorContext) {
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      actor,
      { action: 'user.login_failed', subjectType: 'user', subjectId: null, after: { reason: 'unknown_user' } },
      ctx.clock.now(),
    ),
  );
}

/** Reset the failure counter and open the session. */
export async function completeLogin(
  ctx: IdentityContext,
  actor: ActorContext,
  user: UserRow,
  acr: 1 | 2,
  amr: string[],
  totpStep: number | null = null,
) {
  return ctx.db.transaction(async (tx) => {
    const patch: Parameters<typeof repo.updateUser>[2] = {};
    if (user.failedLogins !== 0 || user.lockedUntil) Object.assign(patch, { failedLogins: 0, lockedUntil: null });
    if (totpStep !== null) patch.totpLastStep = totpStep;
    if (Object.keys(patch).length) await repo.updateUser(tx, user.id, patch);
    const session = await openSession(ctx, tx, actor, user, acr, amr);
    return { user, session };
  });
}
