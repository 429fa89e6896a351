import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { actorContext, requireUser } from '../../platform/http/auth.js';
import { byAccount } from '../../platform/http/rate-limit.js';
import { okResponse } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { sendLogin } from './auth.routes.js';
import type { IdentityContext } from './identity.context.js';
import {
  anyJson,
  idParams,
  loginResponse,
  passkeyActionOptionsBody,
  passkeyDto,
  passkeyLoginOptionsBody,
  passkeyLoginVerifyBody,
  passkeyRegisterVerifyBody,
  sessionDto,
} from './identity.schemas.js';
import {
  listPasskeys,
  passkeyLoginOptions,
  passkeyLoginVerify,
  passkeyRegistrationOptions,
  passkeyRegistrationVerify,
  removePasskey,
} from './use-cases/passkeys.js';
import { passkeyActionOptions } from './use-cases/passkey-actions.js';
import { listSessions, revokeSession } from './use-cases/sessions.js';

const tags = ['identity'];

/** Sessions and passkeys of the logged-in user; passkey login. */
export function accountRoutes(ctx: IdentityContext) {
  return (app: App) => {
    app.get(
      '/api/auth/sessions',
      { schema: { tags, summary: 'My active sessions', response: { 200: z.object({ items: z.array(sessionDto) }) } } },
      async (req) => ({
        items: await listSessions(ctx, requireUser(req)),
      }),
    );
    app.delete(
      '/api/auth/sessions/:id',
      { schema: { tags, summary: 'Revoke one of my sessions', params: idParams, response: { 200: okResponse } } },
      async (req) => {
        await revokeSession(ctx, actorContext(req), requireUser(req), req.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/auth/passkeys',
      { schema: { tags, summary: 'My passkeys', response: { 200: z.object({ items: z.array(passkeyDto) }) } } },
      async (req) => ({
        items: await listPasskeys(ctx, requireUser(req)),
      }),
    );
    app.delete(
      '/api/auth/passkeys/:id',
      { schema: { tags, summary: 'Remove a passkey', params: idParams, response: { 200: okResponse } } },
      async (req) => {
        await removePasskey(ctx, actorContext(req), requireUser(req), req.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/auth/passkeys/register/options',
      { schema: { tags, summary: 'WebAuthn registration options', response: { 200: anyJson } } },
      async (req) => passkeyRegistrationOptions(ctx, requireUser(req)),
    );
    app.post(
      '/api/auth/passkeys/register/verify',
      {
        schema: {
          tags,
          summary: 'Register a passkey',
          body: passkeyRegisterVerifyBody,
          response: { 201: z.object({ id: z.string(), name: z.string() }) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const r = await passkeyRegistrationVerify(
          ctx,
          actorContext(req),
          requireUser(req),
          b.challengeId,
          b.response as unknown as RegistrationResponseJSON,
          b.name,
        );
        return reply.code(201).send(r);
      },
    );
    app.post(
      '/api/auth/mfa/passkey/action-options',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'WebAuthn assertion options to confirm one action with a passkey (e.g. signature:<certificateId>): single use, 2 minutes, this user only; 409 PASSKEY_NOT_REGISTERED without a passkey',
          body: passkeyActionOptionsBody,
          response: { 200: anyJson },
        },
      },
      async (req) => passkeyActionOptions(ctx, requireUser(req), req.body.action),
    );
    app.post(
      '/api/auth/passkeys/login/options',
      {
        config: { limits: [{ rule: 'login.ip' }] },
        schema: {
          tags,
          summary: 'WebAuthn assertion options (passwordless or second factor)',
          security: [],
          body: passkeyLoginOptionsBody,
          response: { 200: anyJson },
        },
      },
      async (req) => passkeyLoginOptions(ctx, req.body),
    );
    app.post(
      '/api/auth/passkeys/login/verify',
      {
        config: { limits: [{ rule: 'login.ip' }] },
        schema: {
          tags,
          summary: 'Log in with a passkey',
          security: [],
          body: passkeyLoginVerifyBody,
          response: { 200: loginResponse },
        },
      },
      async (req, reply) =>
        sendLogin(
          ctx,
          reply,
          await passkeyLoginVerify(
            ctx,
            actorContext(req),
            req.body.challengeId,
            req.body.response as unknown as AuthenticationResponseJSON,
          ),
        ),
    );
  };
}
