import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { App } from '../../../platform/http/server.js';
import type { IdentityContext } from '../identity.context.js';
import { continueInteraction } from './interaction.js';
import { OIDC_PREFIX, platformPrincipals } from './provider.js';

type MountedRequest = IncomingMessage & { originalUrl?: string };

/**
 * Mounts oidc-provider (a Koa app) under /oidc. Fastify must not read the bodies of these routes
 * (the provider parses them itself), so this encapsulated context passes every content type
 * through untouched; the provider sees `url` without the prefix and `originalUrl` with it, which
 * is how it works out its mount path.
 */
export function mountProvider(ctx: IdentityContext, provider: Provider) {
  const issuer = new URL(provider.issuer);
  const callback = provider.callback();

  const handOver = (mountedPath: (url: string) => string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.raw as MountedRequest;
    const url = raw.url ?? '/';
    platformPrincipals.set(raw, req.principal);
    raw.url = mountedPath(url);
    raw.originalUrl = `${OIDC_PREFIX}${raw.url === '/' ? '' : raw.url}`;
    // The provider builds its URLs from the request (provider.proxy = true): make them the issuer's,
    // whatever Host the request came with, and pass on the client address Fastify trusts.
    raw.headers['x-forwarded-host'] = issuer.host;
    raw.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
    raw.headers['x-forwarded-for'] = req.ip;
    reply.hijack();
    reply.raw.setHeader('x-request-id', req.id);
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    reply.raw.setHeader('referrer-policy', 'same-origin');
    await callback(raw, reply.raw);
  };

  return async (app: App) => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

      scope.get(
        `${OIDC_PREFIX}/interaction/:uid`,
        {
          schema: {
            tags: ['oidc'],
            summary: 'Continue an OIDC sign-in: log in with the platform session, grant consent, redirect back (303)',
            security: [{ cookie: [] }],
            params: z.object({ uid: z.string().min(1).max(100) }),
          },
        },
        async (req, reply) => {
          const { uid } = req.params as { uid: string };
          const to = await continueInteraction(ctx, provider, req, reply, uid);
          return reply.redirect(to, 303);
        },
      );
      scope.all(
        `${OIDC_PREFIX}/*`,
        { schema: { hide: true } },
        handOver((url) => url.slice(OIDC_PREFIX.length) || '/'),
      );
      scope.all(
        OIDC_PREFIX,
        { schema: { hide: true } },
        handOver(() => '/'),
      );
      // Discovery at the host root too (RFC 8414 style look-ups by clients that ignore the path).
      scope.get(
        '/.well-known/openid-configuration',
        { schema: { hide: true } },
        handOver(() => '/.well-known/openid-configuration'),
      );
    });
  };
}
