import type { IncomingMessage } from 'node:http';
import type { App } from '../../../platform/http/server.js';
import type { VneidSandbox } from './sandbox.js';
import { VNEID_SANDBOX_PATH } from './rp.js';

/**
 * Mount the VNeID sandbox (an oidc-provider, a Koa app) under /sandbox/vneid, as the payment
 * sandbox is mounted: Fastify leaves the bodies alone, the provider sees paths relative to its
 * issuer and `originalUrl` with the prefix.
 */
export function mountVneidSandbox(sandbox: VneidSandbox) {
  const issuer = new URL(sandbox.issuer);
  return async (app: App) => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
      const handOver = async (
        req: { raw: IncomingMessage; ip: string },
        reply: { hijack(): void; raw: import('node:http').ServerResponse },
      ) => {
        const raw = req.raw as IncomingMessage & { originalUrl?: string };
        const url = raw.url ?? '/';
        raw.originalUrl = url;
        raw.url = url.slice(VNEID_SANDBOX_PATH.length) || '/';
        raw.headers['x-forwarded-host'] = issuer.host;
        raw.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
        raw.headers['x-forwarded-for'] = req.ip;
        reply.hijack();
        await sandbox.handle(raw, reply.raw);
      };
      scope.all(`${VNEID_SANDBOX_PATH}/*`, { schema: { hide: true } }, handOver);
      scope.all(VNEID_SANDBOX_PATH, { schema: { hide: true } }, handOver);
    });
  };
}
