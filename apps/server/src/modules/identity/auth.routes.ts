import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  actorContext,
  clearSessionCookies,
  requireAcr,
  requireUser,
  setSessionCookies,
} from '../../platform/http/auth.js';
import { UnauthorizedError } from '../../platform/http/errors.js';
import { byAccount } from '../../platform/http/rate-limit.js';
import { okResponse } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { accountView, type IdentityContext } from './identity.context.js';
import { identityRepository as repo } from './identity.repository.js';
import {
  forgotBody,
  loginBody,
  loginResponse,
  meDto,
  otpBody,
  profileBody,
  registerBody,
  registerResponse,
  resetBody,
  totpEnrollResponse,
} from './identity.schemas.js';
import { login } from './use-cases/login.js';
import { requestPasswordReset, resetPassword } from './use-cases/password-reset.js';
import { updateProfile } from './use-cases/profile.js';
import { registerAccount } from './use-cases/register.js';
import type { IssuedSession } from './use-cases/sessions.js';
import { revokeSession } from './use-cases/sessions.js';
import { confirmTotp, disableTotp, enrollTotp, stepUpWithTotp } from './use-cases/totp.js';
import type { UserRow } from './identity.repository.js';

const tags = ['identity'];

/** A string field of the JSON body, as a rate-limit key. */
export const bodyField = (name: string) => (req: FastifyRequest) => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : null;
};

/** Answer a successful login: bearer token in the body, the same token in an httpOnly cookie. */
export function sendLogin(ctx: IdentityContext, reply: FastifyReply, r: { user: UserRow; session: IssuedSession }) {
  setSessionCookies(
    reply,
    r.session.token,
    r.session.csrf,
    r.session.expiresIn,
    ctx.config.publicUrl.startsWith('https:'),
  );
  return {
    accessToken: r.session.token,
    tokenType: 'Bearer' as const,
    expiresIn: r.session.expiresIn,
    acr: r.session.acr,
    user: { ...accountView(r.user), acr: r.session.acr },
  };
}

export function authRoutes(ctx: IdentityContext) {
  return (app: App) => {
    app.post(
      '/api/auth/register',
      {
        config: { limits: [{ rule: 'register.ip' }] },
        schema: {
          tags,
          summary: 'Register a citizen (personal ID number) or business (tax code) account',
          security: [],
          body: registerBody,
          response: { 201: registerResponse },
        },
      },
      async (req, reply) => reply.code(201).send(await registerAccount(ctx, actorContext(req), req.body)),
    );
    app.post(
      '/api/auth/login',
      {
        config: { limits: [{ rule: 'login.ip' }, { rule: 'login.account', key: bodyField('username') }] },
        schema: {
          tags,
          summary: 'Log in with password (and TOTP code when enrolled)',
          security: [],
          body: loginBody,
          response: { 200: loginResponse },
        },
      },
      async (req, reply) => sendLogin(ctx, reply, await login(ctx, actorContext(req), req.body)),
    );
    app.post(
      '/api/auth/logout',
      { schema: { tags, summary: 'End this session', response: { 200: okResponse } } },
      async (req, reply) => {
        const p = req.principal;
        if (p?.sessionId) await revokeSession(ctx, actorContext(req), p, p.sessionId).catch(() => undefined);
        clearSessionCookies(reply);
        return { ok: true as const };
      },
    );
    app.get('/api/me', { schema: { tags, summary: 'The caller', response: { 200: meDto } } }, async (req) => {
      const p = requireUser(req);
      if (p.kind === 'client') {
        // A machine client (OIDC client credentials) asking who it is.
        return {
          id: p.userId,
          username: p.username,
          fullName: p.fullName,
          kind: p.kind,
          roles: p.roles,
          agencyCode: p.agencyCode,
          acr: p.acr,
          email: null,
          phone: null,
          totpEnabled: false,
          identityLevel: null,
          identityVerifiedAt: null,
        };
      }
      const u = await repo.userById(ctx.db, p.userId);
      if (!u) throw new UnauthorizedError();
      return { ...accountView(u), acr: p.acr };
    });
    app.patch(
      '/api/me/profile',
      {
        schema: {
          tags,
          summary:
            'A citizen sets his date of birth, permanent and current address (2025 units) once, for the forms; 403 for other accounts',
          body: profileBody,
          response: { 200: meDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        const u = await updateProfile(ctx, actorContext(req), p, req.body);
        return { ...accountView(u), acr: p.acr };
      },
    );
    app.post(
      '/api/auth/mfa/totp/enroll',
      {
        schema: {
          tags,
          summary: 'Start TOTP enrolment (RFC 6238, SHA-1, 6 digits, 30 s)',
          response: { 200: totpEnrollResponse },
        },
      },
      async (req) => enrollTotp(ctx, actorContext(req), requireUser(req)),
    );
    app.post(
      '/api/auth/mfa/totp/confirm',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'Confirm TOTP enrolment with a first code',
          body: otpBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await confirmTotp(ctx, actorContext(req), requireUser(req), req.body.otp);
        return { ok: true as const };
      },
    );
    app.delete(
      '/api/auth/mfa/totp',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'Remove the authenticator (level-2 session and a current code)',
          body: otpBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await disableTotp(ctx, actorContext(req), requireAcr(req, 2), req.body.otp);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/auth/step-up',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'Raise this session to level 2 with a TOTP code',
          body: otpBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await stepUpWithTotp(ctx, actorContext(req), requireUser(req), req.body.otp);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/auth/password/forgot',
      {
        config: { limits: [{ rule: 'forgot.ip' }, { rule: 'forgot.email', key: bodyField('email') }] },
        schema: {
          tags,
          summary: 'Mail a one-time reset link',
          security: [],
          body: forgotBody,
          response: { 202: okResponse },
        },
      },
      async (req, reply) => {
        await requestPasswordReset(ctx, actorContext(req), req.body.email);
        return reply.code(202).send({ ok: true as const });
      },
    );
    app.post(
      '/api/auth/password/reset',
      {
        config: { limits: [{ rule: 'reset.ip' }] },
        schema: {
          tags,
          summary: 'Set a new password with the emailed token',
          security: [],
          body: resetBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await resetPassword(ctx, actorContext(req), req.body.token, req.body.password);
        return { ok: true as const };
      },
    );
  };
}
