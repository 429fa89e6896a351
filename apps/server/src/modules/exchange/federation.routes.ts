import type { FastifyRequest } from 'fastify';
import { AppError, rawBody, ValidationError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/index.js';
import type { App } from '../../platform/http/server.js';
import type { ExchangeContext } from './exchange.context.js';
import { exchangeRepository as repo } from './exchange.repository.js';
import { registrationBody } from './exchange.schemas.js';
import { PACKAGES_PATH, REGISTRATION_PATH } from './transport/client.js';
import { checkBodyDigest, SignatureRefused, sha256Of, verifyRequestHeaders } from './transport/http-signature.js';
import { hubAccept } from './use-cases/hub-accept.js';
import type { Outcome } from './use-cases/incoming.js';
import { receivePackage, type RootsRefresher } from './use-cases/receive.js';
import { nodeTrust } from './use-cases/lookups.js';
import { acceptRegistration } from './use-cases/registration.js';

const tags = ['exchange (federation)'];

/** At most one audit event per (key, reason, address) and minute: refusals must not flood the audit trail. */
const AUDIT_EVERY_MS = 60_000;
const lastAuditedOf = new WeakMap<ExchangeContext, Map<string, number>>();

/**
 * A refused federation request is a security event: logged at warn with the key id and the reason,
 * and audited (`exchange.request.refused`, throttled per key, reason and address).
 */
async function refusal(ctx: ExchangeContext, req: FastifyRequest, code: string, message: string) {
  const input = req.headers['signature-input'];
  const keyId = typeof input === 'string' ? (/keyid="([^"]{1,64})"/.exec(input)?.[1] ?? null) : null;
  let reason = code;
  if (code === 'SIGNATURE_UNKNOWN_KEY' && keyId && ctx.isHub) {
    const node = await repo.node(ctx.db, keyId).catch(() => null);
    if (node && !node.active) reason = 'NODE_INACTIVE';
  }
  const fields = { keyId, reason, message, ip: req.ip, method: req.method, path: req.url.split('?')[0] };
  ctx.log.warn(fields, 'exchange: federation request refused');
  const now = ctx.clock.now().getTime();
  const key = `${keyId} ${reason} ${req.ip}`;
  let lastAudited = lastAuditedOf.get(ctx);
  if (!lastAudited) lastAuditedOf.set(ctx, (lastAudited = new Map()));
  if ((lastAudited.get(key) ?? -Infinity) > now - AUDIT_EVERY_MS) return;
  if (lastAudited.size > 10_000) lastAudited.clear();
  lastAudited.set(key, now);
  await recordAudit(
    ctx.db,
    {
      actorId: null,
      actorName: keyId ? `node:${keyId}` : 'unauthenticated',
      agencyCode: null,
      ip: req.ip,
      userAgent: null,
    },
    { action: 'exchange.request.refused', subjectType: 'exchange_node', subjectId: keyId, after: fields },
    ctx.clock.now(),
  ).catch((err: unknown) => ctx.log.error({ err }, 'exchange: could not audit a refused request'));
}

const refused = (e: SignatureRefused) =>
  new AppError(401, e.code, e.message, {}, undefined, { 'www-authenticate': 'Signature' });

const plainHeaders = (req: FastifyRequest) =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));

/** The node (on the hub) or the hub (on a node) that signed each request, known before its body is read. */
const signer = new WeakMap<FastifyRequest, string>();

/**
 * Who signed the request, from its headers alone: runs before the body is read, so an unknown or
 * inactive key, a forged or replayed signature costs no body (up to the package limit) read into memory.
 */
async function authenticateHeaders(ctx: ExchangeContext, req: FastifyRequest): Promise<void> {
  try {
    const keyId = await verifyRequestHeaders(
      { method: req.method, path: req.url, headers: plainHeaders(req) },
      {
        now: ctx.clock.now(),
        keyFor: async (keyId) => {
          if (!ctx.isHub) return ctx.settings.hubKey;
          return (await nodeTrust(ctx, keyId))?.key ?? null;
        },
        useNonce: (keyId, nonce, expiresAt) => repo.useNonce(ctx.db, keyId, nonce, expiresAt, ctx.clock.now()),
      },
    );
    signer.set(req, keyId);
  } catch (e) {
    if (e instanceof SignatureRefused) {
      await refusal(ctx, req, e.code, e.message);
      throw refused(e);
    }
    throw e;
  }
}

/** The body read, against the signed Content-Digest; returns the signer. */
async function authenticate(
  ctx: ExchangeContext,
  req: FastifyRequest,
  body: Buffer,
  bodySha256?: Buffer,
): Promise<string> {
  const keyId = signer.get(req);
  if (!keyId) throw new AppError(401, 'SIGNATURE_MISSING', 'The request is not signed.');
  try {
    checkBodyDigest(plainHeaders(req), body, bodySha256);
  } catch (e) {
    if (e instanceof SignatureRefused) {
      await refusal(ctx, req, e.code, e.message);
      throw refused(e);
    }
    throw e;
  }
  return keyId;
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
      // Authenticate before the body is read (onRequest runs before parsing).
      scope.addHook('onRequest', async (req) => {
        if (req.method === 'POST') await authenticateHeaders(ctx, req);
      });

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
