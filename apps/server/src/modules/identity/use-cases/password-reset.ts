import { hash } from '@node-rs/argon2';
import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import { type ActorContext, systemActor } from '../../../platform/http/auth.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { BadRequestError, ValidationError } from '../../../platform/http/errors.js';
import { newId, randomToken } from '../../../platform/ids/index.js';
import { queueMail } from '../../../platform/mail/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { checkPasswordStrength } from '../password-policy.js';
import type { JobRegistry } from '../../../platform/module.js';

const RESET_TTL_MS = 30 * 60_000;

export const PASSWORD_RESET_JOB = 'identity.mail-password-reset';

/**
 * Ask for a reset link. The request only queues a job, the same one for a known and an unknown
 * address, so neither the answer nor its time tells whether an account has this e-mail; the job
 * looks the address up and mails the link.
 */
export async function requestPasswordReset(ctx: IdentityContext, actor: ActorContext, email: string) {
  await enqueueJob(ctx.db, PASSWORD_RESET_JOB, { email, ip: actor.ip, userAgent: actor.userAgent });
}

/** The job: a one-time link to an active account with this e-mail, nothing otherwise. */
export async function mailPasswordReset(ctx: IdentityContext, payload: Record<string, unknown>) {
  const actor: ActorContext = {
    ...systemActor,
    ip: typeof payload.ip === 'string' ? payload.ip : null,
    userAgent: typeof payload.userAgent === 'string' ? payload.userAgent : null,
  };
  await ctx.db.transaction(async (tx) => {
    const u = await repo.userByEmail(tx, String(payload.email));
    if (!u || u.status !== 'active' || !u.email) return;
    const token = randomToken(32);
    const now = ctx.clock.now();
    await repo.insertReset(tx, {
      id: newId('pwr'),
      userId: u.id,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      createdAt: now,
    });
    const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await queueMail(tx, {
      to: u.email,
      subject: 'Đặt lại mật khẩu / Password reset',
      text:
        `Xin chào ${u.fullName},\n\nĐể đặt lại mật khẩu, mở liên kết sau (hiệu lực 30 phút, dùng một lần):\n${link}\n\n` +
        `Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n\n---\nTo reset your password, open the link above (valid 30 minutes, once).`,
    });
    await recordAudit(
      tx,
      { ...actor, actorId: u.id, actorName: u.username },
      { action: 'user.password_reset_requested', subjectType: 'user', subjectId: u.id },
      now,
    );
  });
}

export function registerIdentityJobs(runner: JobRegistry, ctx: IdentityContext) {
  runner.register(PASSWORD_RESET_JOB, (payload) => mailPasswordReset(ctx, payload));
}

/**
 * Set a new password with a reset token. Every other reset link of the user is spent with it (an
 * older mail must not open the account again) and every session is ended: whoever knew the old
 * password is logged out.
 */
export async function resetPassword(ctx: IdentityContext, actor: ActorContext, token: string, password: string) {
  const weak = checkPasswordStrength(password);
  if (weak) throw ValidationError.field('password', weak, 'The password is too weak.');
  const passwordHash = await hash(password);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const reset = await repo.consumeReset(tx, sha256Hex(token), now);
    if (!reset) throw new BadRequestError('RESET_TOKEN_INVALID', 'The link is invalid, expired or already used.');
    await repo.updateUser(tx, reset.userId, { passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now });
    const spent = await repo.spendResets(tx, reset.userId, now);
    const revoked = await repo.revokeAllSessions(tx, reset.userId, now);
    await recordAudit(
      tx,
      { ...actor, actorId: reset.userId },
      {
        action: 'user.password_reset',
        subjectType: 'user',
        subjectId: reset.userId,
        after: { sessionsRevoked: revoked.length, otherLinksSpent: spent },
      },
      now,
    );
  });
}
