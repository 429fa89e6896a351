import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type Executor, likeEscape } from '../../platform/db/index.js';
import {
  identityChallenges,
  oidcClients,
  passwordResets,
  rpStates,
  sessions,
  users,
  webauthnChallenges,
  webauthnCredentials,
} from './db/schema.js';
import { one } from '../../platform/db/rows.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CredentialRow = typeof webauthnCredentials.$inferSelect;
export type OidcClientRow = typeof oidcClients.$inferSelect;

export interface UserFilter {
  q?: string;
  role?: string;
  agencyCode?: string;
  kind?: UserRow['kind'];
  page: number;
  pageSize: number;
}

const sessionLookups = new WeakMap<Executor, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Executor) {
  return db
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('identity_session_with_user');
}

const sessionBatchLookups = new WeakMap<Executor, ReturnType<typeof prepareSessionBatchLookup>>();
function prepareSessionBatchLookup(db: Executor) {
  return db
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(sql`${sessions.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`)
    .prepare('identity_sessions_with_users');
}
type SessionWithUser = Awaited<ReturnType<ReturnType<typeof prepareSessionLookup>['execute']>>[number];

/**
 * Session lookups that arrived while one was in flight, per database: they go out together in one
 * statement when it is back (every authenticated request starts with one; under load, one query per
 * request was a round trip, a wake-up of each side and a parse each; ADR 0020, addendum 5).
 */
const lookupQueues = new WeakMap<
  Executor,
  { busy: boolean; waiting: Map<string, { resolve(r: SessionWithUser | null): void; reject(e: unknown): void }[]> }
>();

async function lookupSessions(db: Executor, hashes: string[]): Promise<Map<string, SessionWithUser>> {
  let rows: SessionWithUser[];
  if (hashes.length === 1) {
    let q = sessionLookups.get(db);
    if (!q) sessionLookups.set(db, (q = prepareSessionLookup(db)));
    rows = await q.execute({ tokenHash: hashes[0]! });
  } else {
    let q = sessionBatchLookups.get(db);
    if (!q) sessionBatchLookups.set(db, (q = prepareSessionBatchLookup(db)));
    rows = await q.execute({ tokenHashes: hashes });
  }
  return new Map(rows.map((r) => [r.sessions.tokenHash, r]));
}

export const identityRepository = {
  async userById(db: Executor, id: string) {
    return (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;
  },
  /** By username, personal ID number, tax code or e-mail. */
  async userByLogin(db: Executor, login: string) {
    const l = login.trim().toLowerCase();
    const rows = await db
      .select()
      .from(users)
      .where(or(eq(users.username, l), eq(users.idNumber, l), eq(users.taxCode, l), sql`lower(${users.email}) = ${l}`))
      .limit(2);
    // An e-mail shared by a citizen and a staff account is ambiguous: ask for the username.
    return rows.length === 1 ? rows[0] : (rows.find((r) => r.username === l) ?? null);
  },
  async userByEmail(db: Executor, email: string) {
    return (
      (
        await db
          .select()
          .from(users)
          .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
      )[0] ?? null
    );
  },
  async conflicts(
    db: Executor,
    f: { username: string; idNumber?: string | null; taxCode?: string | null; email?: string | null },
  ) {
    return db
      .select({
        id: users.id,
        username: users.username,
        idNumber: users.idNumber,
        taxCode: users.taxCode,
        email: users.email,
      })
      .from(users)
      .where(
        or(
          eq(users.username, f.username),
          f.idNumber ? eq(users.idNumber, f.idNumber) : undefined,
          f.taxCode ? eq(users.taxCode, f.taxCode) : undefined,
          f.email ? sql`lower(${users.email}) = ${f.email.toLowerCase()}` : undefined,
        ),
      );
  },
  /** A new account, created and last updated `at` (the app's clock, not the database's: tests move it). */
  async insertUser(db: Executor, row: Omit<typeof users.$inferInsert, 'createdAt' | 'updatedAt'>, at: Date) {
    return one(
      await db
        .insert(users)
        .values({ ...row, createdAt: at, updatedAt: at })
        .returning(),
      'user',
    );
  },
  async updateUser(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>) {
    return (await db.update(users).set(patch).where(eq(users.id, id)).returning())[0];
  },
  async listUsers(db: Executor, f: UserFilter) {
    const like = f.q ? `%${likeEscape(f.q)}%` : null;
    const where = and(
      f.kind ? eq(users.kind, f.kind) : undefined,
      f.agencyCode ? eq(users.agencyCode, f.agencyCode) : undefined,
      f.role ? sql`${f.role} = any(${users.roles})` : undefined,
      like
        ? sql`(vn_fold(${users.fullName}) like vn_fold(${like}) or ${users.username} ilike ${like} or coalesce(${users.email}, '') ilike ${like})`
        : undefined,
    );
    const items = await db
      .select()
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const { n } = one(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(where),
      'count',
    );
    return { items, total: n };
  },
  /** Active civil servants of these agencies, by name; `q` matches the name accent-insensitively. */
  async searchStaff(db: Executor, agencyCodes: string[], q: string | undefined, limit: number) {
    if (!agencyCodes.length) return [];
    const like = q ? `%${likeEscape(q)}%` : null;
    return db
      .select()
      .from(users)
      .where(
        and(
          eq(users.kind, 'staff'),
          eq(users.status, 'active'),
          inArray(users.agencyCode, agencyCodes),
          like ? sql`vn_fold(${users.fullName}) like vn_fold(${like})` : undefined,
        ),
      )
      .orderBy(asc(users.fullName), asc(users.id))
      .limit(limit);
  },
  async countUsers(db: Executor) {
    return one(await db.select({ n: sql<number>`count(*)::int` }).from(users), 'count').n;
  },

  async insertSession(db: Executor, row: typeof sessions.$inferInsert) {
    return one(await db.insert(sessions).values(row).returning(), 'session');
  },
  /** Every authenticated request asks this: a named prepared statement, built and planned once. */
  /**
   * The session with this token hash and its account. Alone, one prepared statement; lookups that
   * arrive while one is in flight wait for it and then go out together (`lookupQueues`).
   */
  async sessionWithUser(db: Executor, tokenHash: string): Promise<SessionWithUser | null> {
    let state = lookupQueues.get(db);
    if (!state) lookupQueues.set(db, (state = { busy: false, waiting: new Map() }));
    if (state.busy) {
      const st = state;
      return new Promise((resolve, reject) => {
        const list = st.waiting.get(tokenHash);
        if (list) list.push({ resolve, reject });
        else st.waiting.set(tokenHash, [{ resolve, reject }]);
      });
    }
    state.busy = true;
    try {
      return (await lookupSessions(db, [tokenHash])).get(tokenHash) ?? null;
    } finally {
      void drainLookups(db, state);
    }
  },
  /** Last seen at `at` (never moved back) for these sessions, in one statement. */
  async touchSessions(db: Executor, ids: string[], at: Date) {
    await db
      .update(sessions)
      .set({ lastSeenAt: at })
      .where(and(inArray(sessions.id, ids), lt(sessions.lastSeenAt, at)));
  },
  async updateSession(db: Executor, id: string, patch: Partial<typeof sessions.$inferInsert>) {
    return (await db.update(sessions).set(patch).where(eq(sessions.id, id)).returning())[0];
  },
  async activeSessions(db: Executor, userId: string, now: Date) {
    return db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt));
  },
  async revokeSession(db: Executor, userId: string, id: string, at: Date) {
    return db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning();
  },
  async revokeAllSessions(db: Executor, userId: string, at: Date) {
    return db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
  },

  async insertReset(db: Executor, row: typeof passwordResets.$inferInsert) {
    await db.insert(passwordResets).values(row);
  },
  /** Spend every outstanding reset token of a user; returns how many. */
  async spendResets(db: Executor, userId: string, now: Date) {
    const rows = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    return rows.length;
  },
  /** Claim an unused, unexpired reset token (single use even under concurrent clicks). */
  async consumeReset(db: Executor, tokenHash: string, now: Date) {
    const rows = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
      )
      .returning();
    return rows[0] ?? null;
  },

  async credentials(db: Executor, userId: string) {
    return db
      .select()
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.userId, userId))
      .orderBy(desc(webauthnCredentials.createdAt));
  },
  async credentialById(db: Executor, id: string) {
    return (await db.select().from(webauthnCredentials).where(eq(webauthnCredentials.id, id)))[0] ?? null;
  },
  async insertCredential(db: Executor, row: typeof webauthnCredentials.$inferInsert) {
    return one(await db.insert(webauthnCredentials).values(row).returning(), 'credential');
  },
  async updateCredential(db: Executor, id: string, patch: Partial<typeof webauthnCredentials.$inferInsert>) {
    await db.update(webauthnCredentials).set(patch).where(eq(webauthnCredentials.id, id));
  },
  async deleteCredential(db: Executor, userId: string, id: string) {
    return db
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, id), eq(webauthnCredentials.userId, userId)))
      .returning();
  },
  async insertChallenge(db: Executor, row: typeof webauthnChallenges.$inferInsert) {
    await db.insert(webauthnChallenges).values(row);
  },
  /** Take a challenge once. */
  async takeChallenge(db: Executor, id: string, now: Date) {
    const rows = await db.delete(webauthnChallenges).where(eq(webauthnChallenges.id, id)).returning();
    const c = rows[0];
    return c && c.expiresAt > now ? c : null;
  },

  /** Take a user's action challenge once, found by its value (an expired one is taken too, and refused). */
  async takeActionChallenge(db: Executor, userId: string, challenge: string, now: Date) {
    const rows = await db
      .delete(webauthnChallenges)
      .where(
        and(
          eq(webauthnChallenges.challenge, challenge),
          eq(webauthnChallenges.userId, userId),
          eq(webauthnChallenges.purpose, 'action'),
        ),
      )
      .returning();
    const c = rows[0];
    return c && c.expiresAt > now ? c : null;
  },

  async insertRpState(db: Executor, row: typeof rpStates.$inferInsert) {
    await db.insert(rpStates).values(row);
  },
  /** Take a relying-party state once (an expired one is taken too, and refused). */
  async takeRpState(db: Executor, stateHash: string, now: Date) {
    const rows = await db.delete(rpStates).where(eq(rpStates.stateHash, stateHash)).returning();
    const r = rows[0];
    return r && r.expiresAt > now ? r : null;
  },
  /** One live challenge per purpose: a new one replaces what is outstanding (answered ones stay a day, for replays). */
  async replaceIdentityChallenge(db: Executor, row: typeof identityChallenges.$inferInsert, now = new Date()) {
    const dayAgo = new Date(now.getTime() - 24 * 3600_000);
    await db
      .delete(identityChallenges)
      .where(
        and(
          eq(identityChallenges.userId, row.userId),
          eq(identityChallenges.purpose, row.purpose),
          or(isNull(identityChallenges.usedAt), lt(identityChallenges.usedAt, dayAgo)),
        ),
      );
    await db.insert(identityChallenges).values(row);
  },
  /**
   * Answer a certificate challenge, once: marks it used and returns it (expired or not: the caller
   * tells), or returns the row already used, or null for a nonce this account was never given.
   */
  async answerCertificateChallenge(db: Executor, userId: string, nonce: string, now: Date) {
    const where = and(
      eq(identityChallenges.userId, userId),
      eq(identityChallenges.purpose, 'certificate'),
      eq(identityChallenges.secret, nonce),
    );
    const [taken] = await db
      .update(identityChallenges)
      .set({ usedAt: now })
      .where(and(where, isNull(identityChallenges.usedAt)))
      .returning();
    if (taken) return { row: taken, alreadyUsed: false };
    const [used] = await db.select().from(identityChallenges).where(where).limit(1);
    return used ? { row: used, alreadyUsed: true } : null;
  },
  /** Take a user's live challenge of this purpose whose secret matches, once. */
  async takeIdentityChallenge(
    db: Executor,
    userId: string,
    purpose: 'desk' | 'certificate',
    secret: string,
    now: Date,
  ) {
    const rows = await db
      .delete(identityChallenges)
      .where(
        and(
          eq(identityChallenges.userId, userId),
          eq(identityChallenges.purpose, purpose),
          eq(identityChallenges.secret, secret),
          gt(identityChallenges.expiresAt, now),
        ),
      )
      .returning();
    return rows[0] ?? null;
  },
  async oidcClients(db: Executor) {
    return db.select().from(oidcClients).where(isNull(oidcClients.disabledAt)).orderBy(desc(oidcClients.createdAt));
  },
  async oidcClient(db: Executor, clientId: string) {
    return (
      (
        await db
          .select()
          .from(oidcClients)
          .where(and(eq(oidcClients.clientId, clientId), isNull(oidcClients.disabledAt)))
      )[0] ?? null
    );
  },
  async insertOidcClient(db: Executor, row: typeof oidcClients.$inferInsert) {
    return one(await db.insert(oidcClients).values(row).returning(), 'OIDC client');
  },
  async disableOidcClient(db: Executor, clientId: string, at: Date) {
    return db
      .update(oidcClients)
      .set({ disabledAt: at })
      .where(and(eq(oidcClients.clientId, clientId), isNull(oidcClients.disabledAt)))
      .returning();
  },
};

/** The lookups that waited, in one statement per round, until none wait; then the next one goes alone. */
async function drainLookups(
  db: Executor,
  state: {
    busy: boolean;
    waiting: Map<string, { resolve(r: SessionWithUser | null): void; reject(e: unknown): void }[]>;
  },
) {
  while (state.waiting.size > 0) {
    const batch = state.waiting;
    state.waiting = new Map();
    try {
      const found = await lookupSessions(db, [...batch.keys()]);
      for (const [hash, list] of batch) for (const w of list) w.resolve(found.get(hash) ?? null);
    } catch (e) {
      for (const list of batch.values()) for (const w of list) w.reject(e);
    }
  }
  state.busy = false;
}
