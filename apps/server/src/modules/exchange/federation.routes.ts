import type { FastifyRequest } from 'fastify';
import { AppError, rawBody, ValidationError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { ExchangeContext } from './exchange.context.js';
import { exchangeRepository as repo } from './exchange.repository.js';
import { registrationBody } from './exchange.schemas.js';
import { PACKAGES_PATH, REGISTRATION_PATH } from './transport/client.js';
import { SignatureRefused, sha256Of, verifyRequest } from './transport/http-signature.js';
import { hubAccept } from './use-cases/hub-accept.js';
import type { Outcome } from './use-cases/incoming.js';
import { receivePackage, type RootsRefresher } from './use-cases/receive.js';
import { nodeTrust } from './use-cases/lookups.js';
import { acceptRegistration } from './use-cases/registration.js';

const tags = ['exchange (federation)'];

/** Who signed the request: a registered node (on the hub) or the hub (on a node). */
async function authenticate(
  ctx: ExchangeContext,
  req: FastifyRequest,
  body: Buffer,
  bodySha256?: Buffer,
): Promise<string> {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
  try {
    return await verifyRequest(
      { method: req.method, path: req.url, headers, body, bodySha256 },
      {
        now: ctx.clock.now(),
        keyFor: async (keyId) => {
          if (!ctx.isHub) return ctx.settings.hubKey;
          return (await nodeTrust(ctx, keyId))?.key ?? null;
        },
        useNonce: (keyId, nonce, expiresAt) => repo.useNonce(ctx.db, keyId, nonce, expiresAt, ctx.clock.now()),
      },
    );
  } catch (e) {
    if (e instanceof SignatureRefused)
      throw new AppError(401, e.code, e.message, {}, undefined, { 'www-authenticate': 'Signature' });
    throw e;
  }
}

function header(req: FastifyRequest, name: string, re: RegExp): string {
  const v = req.headers[name];
  if (typeof v !== 'string' || !re.test(v))
    throw ValidationError.field(`headers.${name}`, 'INVALID_HEADER', `${name} is missing or malformed.`);
  return v;
}

function answer(o: Outcome) {
  if (o.outcome !== 'rejected') return { outcome: o.outcome, packageId: o.packageId };
  // A refusal is edXML status 02 for the sender: the reason travels in the problem's detail.
  throw new AppError(
    422,
    o.code,
    o.reason,
    { statusCode: '02', packageId: o.packageId },
    o.issues?.map((i) => ({ path: i.path, code: i.code, message: i.message })),
  );
}

/**
 * Node ↔ hub endpoints, authenticated by HTTP message signatures (not by user sessions). `refresh`
 * (a node): fetch the federation's roots from the hub again when a package's seal chains to none
 * this node knows yet (a node that registered after this one's last sync).
 */
export function federationRoutes(ctx: ExchangeContext, refresh?: RootsRefresher) {
  return async (app: App) => {
    await app.register(async (scope) => {
      const raw = (_req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(null, body);
      scope.addContentTypeParser(
        ['application/xml', 'text/xml'],
        { parseAs: 'buffer', bodyLimit: ctx.settings.maxPackageBytes },
        raw,
      );
      // The platform's bounded JSON parser is replaced here: the signature covers the raw bytes.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 }, raw);

      scope.post(
        PACKAGES_PATH,
        {
          bodyLimit: ctx.settings.maxPackageBytes,
          schema: {
            tags,
            summary:
              'Deliver a signed edXML package (node → hub, hub → node); acknowledged once stored, idempotent by package id',
            security: [],
          },
        },
        async (req, reply) => {
          const body = rawBody(req.body, 'application/xml or application/json');
          // One hash of the body: Content-Digest, the file store's key and the log's hash are all SHA-256.
          const sha256 = sha256Of(body);
          const fromNode = await authenticate(ctx, req, body, sha256);
          const d = {
            bytes: body,
            sha256: sha256.toString('hex'),
            fromNode,
            packageId: header(req, 'exchange-package-id', /^pkg_[0-9a-z]{26}$/),
            recipient: header(req, 'exchange-recipient', /^[0-9A-Z.]{1,35}$/),
            kind: header(req, 'exchange-kind', /^(document|status)$/) as 'document' | 'status',
            inReplyTo:
              typeof req.headers['exchange-in-reply-to'] === 'string'
                ? header(req, 'exchange-in-reply-to', /^pkg_[0-9a-z]{26}$/)
                : null,
          };
          const o =
            ctx.isHub && fromNode !== ctx.settings.nodeId
              ? await hubAccept(ctx, d)
              : await receivePackage(ctx, d, refresh);
          return reply.code(o.outcome === 'accepted' ? 202 : 200).send(answer(o));
        },
      );

      scope.post(
        REGISTRATION_PATH,
        {
          schema: {
            tags,
            summary: 'Hub: a node registers the agencies it serves and its seal CA; answers with the federation roots',
            security: [],
          },
        },
        async (req) => {
          if (!ctx.isHub) throw new AppError(404, 'NOT_A_HUB', 'This deployment is not the hub.');
          const body = rawBody(req.body, 'application/xml or application/json');
          const nodeId = await authenticate(ctx, req, body);
          let json: unknown;
          try {
            json = JSON.parse(body.toString('utf8'));
          } catch {
            throw new AppError(400, 'MALFORMED_JSON', 'The body is not JSON.');
          }
          const parsed = registrationBody.safeParse(json);
          if (!parsed.success)
            throw new ValidationError(
              parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'INVALID', message: i.message })),
            );
          return acceptRegistration(ctx, nodeId, parsed.data);
        },
      );
    });
  };
}
