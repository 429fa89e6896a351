import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { newId, randomToken } from '../../../platform/ids/index.js';
import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import type { Executor } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import { type IdentityContext, toPrincipal } from '../identity.context.js';
import { identityRepository as repo, type UserRow } from '../identity.repository.js';

export interface IssuedSession {
  token: string;
  csrf: string;
  sessionId: string;
  expiresIn: number;
  acr: 1 | 2;
}

/** Open a session; the token is returned once and only its hash is stored. */
export async function openSession(
  ctx: IdentityContext,
  tx: Executor,
  actor: ActorContext,
  user: UserRow,
  acr: 1 | 2,
  amr: string[],
): Promise<IssuedSession> {
  const token = `egs_${randomToken(32)}`;
  const now = ctx.clock.now();
  const ttl = ctx.config.SESSION_TTL_SECONDS;
  const s = await repo.insertSession(tx, {
    id: newId('ses'),
    userId: user.id,
    tokenHash: sha256Hex(token),
    acr,
    amr,
    ip: actor.ip,
    userAgent: actor.userAgent,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ttl * 1000),
  });
  await recordAudit(
    tx,
    { ...actor, actorId: user.id, actorName: user.username, agencyCode: user.agencyCode },
    {
      action: 'session.created',
      subjectType: 'session',
      subjectId: s.id,
      after: { acr, amr },
    },
    now,
  );
  return { token, csrf: ctx.csrfFor(token), sessionId: s.id, expiresIn: ttl, acr };
}

/** Token → principal, or null for an unknown, expired or revoked session or a disabled user. */
export async function resolveSession(
  ctx: IdentityContext,
  token: string,
  via: Principal['via'],
): Promise<Principal | null> {
  if (!token.startsWith('egs_') || token.length > 100) return null;
  const row = await repo.sessionWithUser(ctx.db, sha256Hex(token));
  if (!row) return null;
  const { sessions: s, users: u } = row;
  const now = ctx.clock.now();
  if (s.revokedAt || s.expiresAt <= now || u.status !== 'active') return null;
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) touchLater(ctx.db, s.id, now);
  const principal = toPrincipal(u, s, via);
  sessionUsers.set(principal, u);
  return principal;
}

/** Last-seen marks waiting for their write, per database. */
const pendingTouches = new WeakMap<Executor, Map<string, Date>>();

/**
 * Move a session's last-seen mark (at most once a minute per session), without making the request
 * wait: the mark only tells the owner when a session was last used (`listSessions`), nothing is
 * decided on it. The marks of the requests of the next second go out in one UPDATE; an autocommit
 * UPDATE per request (a WAL flush each) was half the database's time of a petition support when every
 * request came from another citizen (ADR 0020, addendum 3). A mark lost to a closing pool is harmless.
 */
function touchLater(db: Executor, id: string, at: Date) {
  const pending = pendingTouches.get(db);
  if (pending) {
    pending.set(id, at);
    return;
  }
  const fresh = new Map([[id, at]]);
  pendingTouches.set(db, fresh);
  setTimeout(() => {
    pendingTouches.delete(db);
    const last = new Date([...fresh.values()].reduce((m, d) => Math.max(m, d.getTime()), 0));
    repo.touchSessions(db, [...fresh.keys()], last).catch(() => undefined);
  }, 1000).unref();
}

/**
 * The account row read with the session, for the rest of the same request (`accountOf`): a handler
 * that needs the caller's contact details does not read the row a second time.
 */
const sessionUsers = new WeakMap<Principal, UserRow>();

export function userOfPrincipal(p: Principal): UserRow | undefined {
  return sessionUsers.get(p);
}

export async function listSessions(ctx: IdentityContext, p: Principal) {
  const rows = await repo.activeSessions(ctx.db, p.userId, ctx.clock.now());
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ip: s.ip,
    userAgent: s.userAgent,
    acr: s.acr,
    current: s.id === p.sessionId,
  }));
}

export async function revokeSession(ctx: IdentityContext, actor: ActorContext, p: Principal, sessionId: string) {
  await ctx.db.transaction(async (tx) => {
    const rows = await repo.revokeSession(tx, p.userId, sessionId, ctx.clock.now());
    if (rows.length === 0) throw new NotFoundError('SESSION_NOT_FOUND', 'No such active session.');
    await recordAudit(
      tx,
      actor,
      { action: 'session.revoked', subjectType: 'session', subjectId: sessionId },
      ctx.clock.now(),
    );
  });
}

/** Raise the session's level of assurance after a second factor. */
export async function raiseSessionAcr(
  ctx: IdentityContext,
  tx: Executor,
  actor: ActorContext,
  sessionId: string,
  method: string,
) {
  const s = await repo.updateSession(tx, sessionId, { acr: 2 });
  await recordAudit(
    tx,
    actor,
    { action: 'session.stepped_up', subjectType: 'session', subjectId: sessionId, after: { acr: 2, method } },
    ctx.clock.now(),
  );
  return s;
}
