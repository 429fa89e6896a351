import { randomInt } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { newId, randomToken } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityLevel } from '../db/schema.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';

const DESK_CODE_TTL_MS = 15 * 60_000;

/**
 * Record how an account's identity was proven, in the caller's transaction, audited with what
 * proved it. The level only goes up (a self-declared account becomes verified); re-proving keeps
 * the latest method.
 */
export async function setIdentityLevel(
  ctx: IdentityContext,
  tx: Executor,
  actor: ActorContext,
  user: UserRow,
  level: Exclude<IdentityLevel, 'self_declared'>,
  evidence: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  const row = await repo.updateUser(tx, user.id, {
    identityLevel: level,
    identityVerifiedAt: now,
    identityEvidence: evidence,
    updatedAt: now,
  });
  if (!row) throw new Error(`Expected one user row for ${user.id}, got none`);
  await recordAudit(
    tx,
    actor,
    {
      action: 'user.identity_verified',
      subjectType: 'user',
      subjectId: user.id,
      before: { identityLevel: user.identityLevel },
      after: { identityLevel: level, evidence },
    },
    now,
  );
  return row;
}

/** Demo seed: the demo citizen and business are verified at the desk, so the demo flows see their dossiers. */
export async function markIdentityVerified(ctx: IdentityContext, actor: ActorContext, login: string) {
  const u = await repo.userByLogin(ctx.db, login);
  if (!u) return;
  await ctx.db.transaction((tx) => setIdentityLevel(ctx, tx, actor, u, 'desk', { seed: true }));
}

/**
 * The account holder asks for a one-time desk code (8 digits, 15 minutes) to show the officer: it
 * proves that the person at the desk controls this account; the ID card proves who they are.
 */
export async function issueDeskCode(ctx: IdentityContext, actor: ActorContext, p: Principal) {
  if (p.kind !== 'citizen' && p.kind !== 'business')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Identity verification is for citizens and businesses.');
  const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const expiresAt = new Date(ctx.clock.now().getTime() + DESK_CODE_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    await repo.replaceIdentityChallenge(tx, {
      id: newId('idc'),
      userId: p.userId,
      purpose: 'desk',
      secret: sha256Hex(code),
      expiresAt,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'user.desk_code_issued', subjectType: 'user', subjectId: p.userId },
      ctx.clock.now(),
    );
  });
  return { code, expiresAt };
}

export interface DeskVerificationInput {
  /** The applicant's ID number or tax code (the account's username). */
  login: string;
  code: string;
  /** The document the officer checked. */
  document: 'cccd' | 'passport' | 'business_registration';
}

/**
 * A one-stop desk officer verifies the identity of the person in front of them: the ID card (or
 * passport, or business registration) names the account's ID number, and the person shows the
 * account's desk code. A wrong code and an unknown account get the same 422.
 */
export async function verifyAtDesk(
  ctx: IdentityContext,
  actor: ActorContext,
  officer: Principal,
  input: DeskVerificationInput,
) {
  if (officer.kind !== 'staff' || !officer.roles.includes('reception') || !officer.agencyCode)
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Identities are verified by one-stop desk officers.');
  const invalid = () =>
    ValidationError.field('code', 'DESK_CODE_INVALID', 'No account with this number shows this code (or it expired).');
  const u = await repo.userByLogin(ctx.db, input.login);
  if (!u || (u.kind !== 'citizen' && u.kind !== 'business') || u.username !== input.login.trim().toLowerCase())
    throw invalid();
  return ctx.db.transaction(async (tx) => {
    const ch = await repo.takeIdentityChallenge(tx, u.id, 'desk', sha256Hex(input.code.trim()), ctx.clock.now());
    if (!ch) throw invalid();
    const row = await setIdentityLevel(ctx, tx, actor, u, 'desk', {
      officerId: officer.userId,
      officer: officer.username,
      agencyCode: officer.agencyCode,
      document: input.document,
    });
    return { username: row.username, fullName: row.fullName, identityLevel: row.identityLevel };
  });
}

/** A password nobody knows, for accounts that log in only through the identity provider. */
export async function unusablePasswordHash(): Promise<string> {
  return hash(`!unusable!${randomToken(32)}`);
}
