import { actorContext, requireRole } from '../../platform/http/auth.js';
import { okResponse } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import type { IdentityContext } from './identity.context.js';
import { disableOidcClient, listOidcClients, registerOidcClient } from './oidc/clients.js';
import {
  createOidcClientBody,
  createOidcClientResponse,
  oidcClientListResponse,
  oidcClientParams,
} from './oidc/oidc.schemas.js';

const tags = ['identity-admin'];

/** Administrators register the government applications and machine clients that use the OIDC provider. */
export function oidcClientRoutes(ctx: IdentityContext) {
  return (app: App) => {
    app.get(
      '/api/admin/oidc-clients',
      { schema: { tags, summary: 'List OIDC clients', response: { 200: oidcClientListResponse } } },
      async (req) => {
        requireRole(req, 'admin');
        return listOidcClients(ctx);
      },
    );
    app.post(
      '/api/admin/oidc-clients',
      {
        schema: {
          tags,
          summary: 'Register an OIDC client (the secret is shown once)',
          body: createOidcClientBody,
          response: { 201: createOidcClientResponse },
        },
      },
      async (req, reply) => {
        const by = requireRole(req, 'admin');
        return reply.code(201).send(await registerOidcClient(ctx, actorContext(req), by, req.body));
      },
    );
    app.delete(
      '/api/admin/oidc-clients/:clientId',
      { schema: { tags, summary: 'Disable an OIDC client', params: oidcClientParams, response: { 200: okResponse } } },
      async (req) => {
        requireRole(req, 'admin');
        await disableOidcClient(ctx, actorContext(req), req.params.clientId);
        return { ok: true as const };
      },
    );
  };
}
