import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from './errors.js';

/** Who is asking. Filled by the auth hook from a bearer token or the session cookie. */
export interface Principal {
  userId: string;
  username: string;
  fullName: string;
  kind: 'citizen' | 'business' | 'staff' | 'client';
  roles: string[];
  agencyId: string | null;
  agencyCode: string | null;
  /** Level of assurance: 1 = password, 2 = password plus a second factor. */
  acr: 1 | 2;
  /**
   * How the account's identity was proven (null for machine clients): `self_declared` accounts see
   * only what they filed themselves, not what was filed for their ID number (ADR 0015).
   */
  identityLevel?: 'self_declared' | 'desk' | 'vneid' | 'certificate' | null;
  sessionId: string | null;
  /** `tls`: a client certificate on the gateway's mutual-TLS listener (ADR 0026 addendum). */
  via: 'bearer' | 'cookie' | 'tls';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'egov_session';
export const CSRF_COOKIE = 'egov_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type ResolvePrincipal = (token: string, via: Principal['via']) => Promise<Principal | null>;

/** The caller, or 401. */
export function requireUser(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}

/** The caller holding at least one of the roles, or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: string[]): Principal {
  const p = requireUser(req);
  if (!roles.some((r) => p.roles.includes(r))) {
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: roles });
  }
  return p;
}

/** Step-up: demand a level of assurance (2 = a second factor was used in this session). */
export function requireAcr(req: FastifyRequest, level: 1 | 2): Principal {
  const p = requireUser(req);
  if (p.acr < level) {
    throw new ForbiddenError('STEP_UP_REQUIRED', 'This action needs a second factor.', { requiredAcr: level });
  }
  return p;
}

/** The actor of a mutation, for audit events. */
export interface ActorContext {
  actorId: string | null;
  actorName: string | null;
  agencyCode: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function actorContext(req: FastifyRequest): ActorContext {
  const p = req.principal;
  return {
    actorId: p?.userId ?? null,
    actorName: p?.username ?? null,
    agencyCode: p?.agencyCode ?? null,
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] as string | undefined)?.slice(0, 300) ?? null,
  };
}

export const systemActor: ActorContext = {
  actorId: null,
  actorName: 'system',
  agencyCode: null,
  ip: null,
  userAgent: null,
};

/** Session and CSRF cookies; the CSRF cookie is readable by the web app (double-submit). */
export function setSessionCookies(
  reply: FastifyReply,
  token: string,
  csrf: string,
  maxAgeSeconds: number,
  secure: boolean,
) {
  const base = { path: '/', sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
