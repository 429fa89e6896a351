import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LimitRule } from '../rate-limit/index.js';
import { TooManyRequestsError } from './errors.js';

/** A limit a route declares: a rule, counted per the key (default: the client address). */
export interface RouteLimit {
  rule: string;
  /** The thing counted besides the rule (a username typed, an e-mail, a dossier code); null skips. */
  key?: (req: FastifyRequest) => string | null | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Rate limits checked before the handler (after validation, so keys may come from the body). */
    limits?: RouteLimit[];
  }
}

export interface RateLimitOptions {
  enabled: boolean;
  rules: Record<string, LimitRule>;
  /** @fastify/rate-limit store class (counts shared by every process: the database). */
  store: unknown;
}

/** The caller's account when logged in (per-account limits), else null. */
export const byAccount = (req: FastifyRequest) => req.principal?.userId ?? null;

/**
 * Rate limits with @fastify/rate-limit: every route's declared `limits`, and a default limit per
 * client address on the anonymous API. Exceeding one answers 429 RATE_LIMITED with Retry-After.
 * Keys are hashed: no e-mail or username is kept in the counters.
 */
export async function installRateLimits(app: FastifyInstance, o: RateLimitOptions) {
  await app.register(rateLimit, { global: false, store: o.store as never, skipOnError: false });
  const current = new WeakMap<FastifyRequest, string>();
  const limiters = new Map<string, ReturnType<FastifyInstance['createRateLimit']>>();
  const limiterFor = (name: string) => {
    let l = limiters.get(name);
    if (!l) {
      const rule = o.rules[name];
      if (!rule) throw new Error(`unknown rate limit ${name}`);
      l = app.createRateLimit({
        max: rule.max,
        timeWindow: rule.windowSeconds * 1000,
        keyGenerator: (req) => current.get(req) ?? `${name}:${req.ip}`,
      });
      limiters.set(name, l);
    }
    return l;
  };
  const check = async (req: FastifyRequest, name: string, value: string) => {
    const hashed = createHash('sha256').update(value.trim().toLowerCase()).digest('base64url').slice(0, 32);
    current.set(req, `${name}:${hashed}`);
    const r = await limiterFor(name)(req);
    current.delete(req);
    if (!r.isAllowed && r.isExceeded)
      throw new TooManyRequestsError('RATE_LIMITED', 'Too many requests; try again later.', r.ttlInSeconds);
  };
  app.addHook('preHandler', async (req) => {
    if (!o.enabled) return;
    const declared = req.routeOptions.config?.limits ?? [];
    for (const l of declared) {
      const key = l.key ? l.key(req) : req.ip;
      if (key) await check(req, l.rule, key);
    }
    if (!req.principal && !declared.length && req.url.startsWith('/api/')) await check(req, 'anonymous.ip', req.ip);
  });
}
