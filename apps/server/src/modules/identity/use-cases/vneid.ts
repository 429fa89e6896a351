import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import { webauthnCredentials } from '../db/schema.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';
import { checkPersonalId } from '../personal-id.js';
import { authorizationUrl, redeemCode, type VneidSettings, vneidSettings, VneidError } from '../vneid/rp.js';
import { setIdentityLevel, unusablePasswordHash } from './identity-verification.js';
import { eq } from 'drizzle-orm';
import { type IssuedSession, openSession } from './sessions.js';

const STATE_TTL_MS = 10 * 60_000;

function settingsOrThrow(ctx: IdentityContext): VneidSettings {
  const s = vneidSettings(ctx);
  if (!s) throw new NotFoundError('VNEID_NOT_CONFIGURED', 'Login with VNeID is not configured on this deployment.');
  return s;
}

/** Only paths of this site (no `//host`, no scheme) are followed after the sign-in. */
export function safeReturnTo(v: string | undefined | null): string {
  return v && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/';
}

/**
 * Start a sign-in at VNeID: `login` (anyone), or `link` (the logged-in account asks the provider to
 * prove its identity). Returns the provider's URL and the state, which the caller also puts in a
 * cookie of this browser (login CSRF).
 */
export async function startVneid(
  ctx: IdentityContext,
  mode: 'login' | 'link',
  p: Principal | null,
  returnTo: string | undefined,
) {
  const s = settingsOrThrow(ctx);
  if (mode === 'link' && (!p || p.kind !== 'citizen'))
    throw new ConflictError('VNEID_CITIZENS_ONLY', 'VNeID proves the identity of citizens (personal accounts).');
  // Linking proves the identity now: the provider asks the person to sign in again.
  const a = await authorizationUrl(s, mode === 'link' ? 'login' : undefined);
  await repo.insertRpState(ctx.db, {
    stateHash: sha256Hex(a.state),
    nonce: a.nonce,
    codeVerifier: a.codeVerifier,
    mode,
    userId: mode === 'link' ? p!.userId : null,
    returnTo: safeReturnTo(returnTo),
    expiresAt: new Date(ctx.clock.now().getTime() + STATE_TTL_MS),
  });
  return { url: a.url, state: a.state };
}

interface VneidPerson {
  idNumber: string;
  fullName: string;
  dateOfBirth: string | null;
  gender: 'male' | 'female' | null;
  email: string | null;
  subject: string;
}

function personOf(s: VneidSettings, claims: Record<string, unknown>): VneidPerson {
  const idNumber = String(claims[s.idClaim] ?? '');
  const gender = claims.gender === 'male' || claims.gender === 'female' ? claims.gender : null;
  const dateOfBirth =
    typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : null;
  if (!/^\d{12}$/.test(idNumber) || checkPersonalId(idNumber, dateOfBirth ?? undefined, gender ?? undefined))
    throw new VneidError('VNEID_CLAIMS_INVALID', `The ID token carries no valid personal ID number in "${s.idClaim}".`);
  return {
    idNumber,
    fullName: (typeof claims.name === 'string' ? claims.name : idNumber).normalize('NFC').trim().slice(0, 200),
    dateOfBirth,
    gender,
    email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
    subject: String(claims.sub ?? ''),
  };
}

export interface VneidResult {
  user: UserRow;
  session: IssuedSession | null;
  returnTo: string;
  /** A self-declared account of this ID number was taken back for the proven person. */
  reclaimed: boolean;
  linked: boolean;
}

/**
 * The provider's redirect back: check the state against this browser's cookie, redeem the code,
 * verify the ID token, then
 * - link: the logged-in account's ID number must be the one VNeID proved; its level becomes `vneid`;
 * - login, no account: a citizen account is made for the proven person (no password);
 * - login, a verified account: logged in;
 * - login, a self-declared account: whoever registered it may not be this person, so it is taken
 *   back (reclaimed): its password, authenticator, passkeys, sessions, reset links and contact
 *   details are dropped, and it is the proven person's from now on (ADR 0015).
 */
export async function finishVneid(
  ctx: IdentityContext,
  actor: ActorContext,
  q: { code?: string; state?: string; error?: string },
  stateCookie: string | undefined,
): Promise<VneidResult> {
  const s = settingsOrThrow(ctx);
  if (!q.state || !stateCookie || q.state !== stateCookie)
    throw new BadRequestError('VNEID_STATE_INVALID', 'This sign-in was not started in this browser; start again.');
  const st = await repo.takeRpState(ctx.db, sha256Hex(q.state), ctx.clock.now());
  if (!st) throw new BadRequestError('VNEID_STATE_INVALID', 'This sign-in expired or was already used; start again.');
  if (q.error || !q.code) throw new BadRequestError('VNEID_CANCELLED', 'The sign-in at VNeID was cancelled.');
  const person = personOf(s, await redeemCode(s, q.code, st.codeVerifier, st.nonce));
  const evidence = { provider: s.issuer, subject: person.subject, claim: s.idClaim };
  const returnTo = safeReturnTo(st.returnTo);

  if (st.mode === 'link') {
    const u = st.userId ? await repo.userById(ctx.db, st.userId) : null;
    if (!u || u.status !== 'active') throw new BadRequestError('VNEID_STATE_INVALID', 'The account is gone.');
    if (u.idNumber !== person.idNumber)
      throw new ConflictError(
        'VNEID_IDENTITY_MISMATCH',
        'VNeID proved another personal ID number than this account’s.',
      );
    const row = await ctx.db.transaction(async (tx) => {
      const r = await setIdentityLevel(ctx, tx, actor, u, 'vneid', evidence);
      // The date of birth VNeID proves replaces the one typed at registration: the forms are prefilled with it.
      if (!person.dateOfBirth || person.dateOfBirth === r.dateOfBirth) return r;
      return (await repo.updateUser(tx, u.id, { dateOfBirth: person.dateOfBirth, updatedAt: ctx.clock.now() }))!;
    });
    return { user: row, session: null, returnTo, reclaimed: false, linked: true };
  }

  const existing = await repo.userByLogin(ctx.db, person.idNumber);
  const passwordHash = existing && existing.identityLevel !== 'self_declared' ? null : await unusablePasswordHash();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    let user: UserRow;
    let reclaimed = false;
    if (!existing) {
      const emailFree = person.email ? !(await repo.userByEmail(tx, person.email)) : false;
      user = await repo.insertUser(
        tx,
        {
          id: newId('usr'),
          kind: 'citizen',
          username: person.idNumber,
          idNumber: person.idNumber,
          email: emailFree ? person.email : null,
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
          gender: person.gender,
          passwordHash: passwordHash!,
          roles: [],
          identityLevel: 'vneid',
          identityVerifiedAt: now,
          identityEvidence: evidence,
        },
        now,
      );
      await recordAudit(
        tx,
        { ...actor, actorId: user.id, actorName: user.username },
        {
          action: 'user.registered',
          subjectType: 'user',
          subjectId: user.id,
          after: { username: user.username, kind: 'citizen', via: 'vneid' },
        },
        now,
      );
    } else if (existing.kind !== 'citizen' || existing.idNumber !== person.idNumber || existing.status !== 'active') {
      throw new ConflictError('VNEID_ACCOUNT_UNAVAILABLE', 'The account of this ID number cannot log in with VNeID.');
    } else if (existing.identityLevel === 'self_declared') {
      const emailFree =
        person.email && person.email !== existing.email?.toLowerCase()
          ? !(await repo.userByEmail(tx, person.email))
          : false;
      await repo.revokeAllSessions(tx, existing.id, now);
      await repo.spendResets(tx, existing.id, now);
      await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, existing.id));
      await repo.updateUser(tx, existing.id, {
        passwordHash: passwordHash!,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        failedLogins: 0,
        lockedUntil: null,
        email: emailFree ? person.email : null,
        phone: null,
        // Addresses typed by whoever registered the number are not the proven person's.
        permanentAddress: null,
        currentAddress: null,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth ?? existing.dateOfBirth,
        gender: person.gender ?? existing.gender,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        { ...actor, actorId: existing.id, actorName: existing.username },
        {
          action: 'user.identity_reclaimed',
          subjectType: 'user',
          subjectId: existing.id,
          before: {
            identityLevel: existing.identityLevel,
            hadEmail: !!existing.email,
            hadTotp: !!existing.totpEnabledAt,
          },
          after: { identityLevel: 'vneid' },
        },
        now,
      );
      user = await setIdentityLevel(ctx, tx, actor, { ...existing, identityLevel: 'self_declared' }, 'vneid', evidence);
      reclaimed = true;
    } else {
      user =
        existing.identityLevel === 'vneid'
          ? existing
          : await setIdentityLevel(ctx, tx, actor, existing, 'vneid', evidence);
    }
    const session = await openSession(ctx, tx, { ...actor, actorId: user.id, actorName: user.username }, user, 1, [
      'vneid',
    ]);
    return { user, session, returnTo, reclaimed, linked: false };
  });
}
