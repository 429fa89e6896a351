import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { Clock } from '../time/clock.js';
import { rateLimits } from './db/schema.js';

/** One limit: at most `max` requests per `windowSeconds` for one key. */
export interface LimitRule {
  max: number;
  windowSeconds: number;
}

/**
 * The limits of the platform (name → rule). Names say what is counted per what: `login.ip` counts
 * login attempts per client address, `login.account` per username typed (known or not, so the
 * limit tells nothing about which accounts exist). Override with RATE_LIMITS.
 */
export const DEFAULT_LIMITS: Record<string, LimitRule> = {
  'login.ip': { max: 30, windowSeconds: 60 },
  'login.account': { max: 10, windowSeconds: 300 },
  'code.account': { max: 10, windowSeconds: 300 },
  'register.ip': { max: 10, windowSeconds: 3600 },
  'forgot.ip': { max: 10, windowSeconds: 3600 },
  'forgot.email': { max: 3, windowSeconds: 3600 },
  'reset.ip': { max: 20, windowSeconds: 3600 },
  'track.ip': { max: 30, windowSeconds: 60 },
  'track.dossier': { max: 20, windowSeconds: 3600 },
  'claim.account': { max: 10, windowSeconds: 3600 },
  'anonymous.ip': { max: 300, windowSeconds: 60 },
  'feedback.ip': { max: 20, windowSeconds: 3600 },
  'feedback.account': { max: 10, windowSeconds: 3600 },
  'contact.email': { max: 5, windowSeconds: 3600 },
  /** One-time codes by SMS cost money and reach someone's phone: per number, and per client address. */
  'contact.phone': { max: 5, windowSeconds: 3600 },
  'sms.ip': { max: 10, windowSeconds: 3600 },
  'petition.account': { max: 120, windowSeconds: 60 },
};

/** `login.ip=20/60,forgot.email=5/3600` → rules over the defaults; a bad entry names itself. */
export function parseLimits(spec: string | undefined): Record<string, LimitRule> {
  const out = { ...DEFAULT_LIMITS };
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z]+\.[a-z]+)=(\d+)\/(\d+)$/.exec(part);
    if (!m || !(m[1]! in DEFAULT_LIMITS) || Number(m[2]) < 1 || Number(m[3]) < 1)
      throw new Error(
        `RATE_LIMITS: "${part}" is not name=max/seconds with a known name (${Object.keys(DEFAULT_LIMITS).join(', ')})`,
      );
    out[m[1]!] = { max: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  return out;
}

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit on the database, so that every process of a deployment counts
 * together (PostgreSQL), and the embedded database works the same way (PGlite). Time is the
 * platform clock's.
 */
export function databaseStore(db: Db, clock: Clock) {
  let calls = 0;
  const sweep = async () => {
    await db.delete(rateLimits).where(lt(rateLimits.windowEnds, new Date(clock.now().getTime() - 3600_000)));
  };
  return class DatabaseRateLimitStore {
    constructor(readonly options: { timeWindow?: number }) {}
    incr(key: string, cb: IncrCallback, timeWindow?: number) {
      const windowMs = timeWindow ?? this.options.timeWindow ?? 60_000;
      const now = clock.now();
      const ends = new Date(now.getTime() + windowMs);
      db.insert(rateLimits)
        .values({ key, hits: 1, windowEnds: ends })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            hits: sql`case when ${rateLimits.windowEnds} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.hits} + 1 end`,
            windowEnds: sql`case when ${rateLimits.windowEnds} <= ${now.toISOString()}::timestamptz then ${ends.toISOString()}::timestamptz else ${rateLimits.windowEnds} end`,
          },
        })
        .returning({ hits: rateLimits.hits, windowEnds: rateLimits.windowEnds })
        .then((rows) => {
          const r = rows[0]!;
          cb(null, { current: r.hits, ttl: Math.max(0, new Date(r.windowEnds).getTime() - now.getTime()) });
          if (++calls % 500 === 0) void sweep().catch(() => undefined);
        })
        .catch((e: Error) => cb(e));
    }
    child(routeOptions: { timeWindow?: number }) {
      return new DatabaseRateLimitStore({ ...this.options, ...routeOptions });
    }
  };
}
