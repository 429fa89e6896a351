import type { FastifyRequest } from 'fastify';
import { actorContext, requireUser, systemActor, type Principal } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import { ForbiddenError, rawBody, ValidationError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { GatewayActor } from './db/schema.js';
import { GATEWAY_FEDERATION_PATH } from './gateway-contract.js';
import type { GatewayContext } from './gateway.context.js';
import { gatewayRepository as repo } from './gateway.repository.js';
import {
  callBody,
  callResponse,
  evidenceDto,
  messageIdParams,
  messageList,
  messageQuery,
  openapiDoc,
  rightBody,
  rightDto,
  rightIdParams,
  rightList,
  serviceBody,
  serviceDto,
  serviceIdParams,
  serviceList,
  serviceQuery,
  subsystemBody,
  subsystemDto,
  subsystemIdParams,
  subsystemList,
  tlsCertificateBody,
  tlsCertificateIssued,
  tlsCertificateList,
} from './gateway.schemas.js';
import { callService } from './use-cases/call.js';
import { evidenceOf } from './use-cases/evidence.js';
import { listMessages, listRights, listServices, serviceOpenApi, serviceView } from './use-cases/read.js';
import { askedIn, receiveExchange } from './use-cases/receive.js';
import { noteRefusal } from './use-cases/refusals.js';
import {
  createSubsystem,
  grantRight,
  listSubsystems,
  memberOf,
  publishService,
  revokeRight,
} from './use-cases/registry.js';
import { authenticateTlsClient, issueClientCertificate, listClientCertificates, tlsClientOf } from './use-cases/tls.js';

const tags = ['gateway'];

/** 403 unless the caller is a civil servant or a machine client (the registry is not public). */
function requireStaffOrClient(req: FastifyRequest): Principal {
  const p = requireUser(req);
  if (p.kind !== 'staff' && p.kind !== 'client')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only civil servants and registered systems use the gateway.');
  return p;
}

/**
 * Who the caller may act as: a machine client (OAuth2 client credentials, or a TLS client certificate
 * on the mutual-TLS listener) only as the subsystem its client id or certificate is bound to, naming
 * the person it acts for; a civil servant as a subsystem of their agency (or below), acting as themselves.
 */
async function clientAndActor(
  ctx: GatewayContext,
  req: FastifyRequest,
  p: Principal,
  body: { client: string; actor?: GatewayActor },
): Promise<GatewayActor> {
  const client = await memberOf(ctx, body.client, 'client');
  if (p.kind === 'client') {
    const tls = tlsClientOf(req);
    const bound = tls ? tls.subsystem : (await repo.subsystemOfClient(ctx.db, p.username))?.id;
    if (bound !== client.id)
      throw new ForbiddenError(
        'GATEWAY_CLIENT_MISMATCH',
        tls
          ? 'This certificate does not authenticate that subsystem.'
          : 'This OAuth client does not authenticate that subsystem.',
        { client: client.id },
      );
    if (!body.actor)
      throw ValidationError.field('actor', 'ACTOR_REQUIRED', 'Name the official or citizen the system acts for.');
    return body.actor;
  }
  if (!p.agencyCode || !(await ctx.ports.directory.isWithin(p.agencyCode, client.agencyCode)))
    throw new ForbiddenError('GATEWAY_CLIENT_NOT_YOURS', 'The client subsystem belongs to another agency.', {
      client: client.id,
    });
  return { kind: 'official', accountId: p.userId, agencyCode: p.agencyCode };
}

/** The gateway's API: registry, rights, calls, the message log and its evidence; and the federation endpoint. */
export function gatewayRoutes(ctx: GatewayContext) {
  return async (app: App) => {
    ctx.app = app;
    // The mutual-TLS listener's requests: the client certificate is the credential (nothing on other listeners).
    app.addHook('onRequest', async (req) => authenticateTlsClient(ctx, req));
    app.get(
      '/api/gateway/subsystems',
      {
        schema: { tags, summary: 'Subsystems of the members the caller administers', response: { 200: subsystemList } },
      },
      async (req) => ({ items: await listSubsystems(ctx, requireUser(req)) }),
    );
    app.post(
      '/api/gateway/subsystems',
      {
        schema: {
          tags,
          summary: 'Register a subsystem VN:GOV:{agency}:{code} of a member (its administrator); 409 when it exists',
          body: subsystemBody,
          response: { 201: subsystemDto },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createSubsystem(ctx, actorContext(req), requireUser(req), req.body)),
    );
    app.get(
      '/api/gateway/subsystems/:id/certificates',
      {
        schema: {
          tags,
          summary: 'TLS client certificates of a subsystem (its member’s administrator)',
          params: subsystemIdParams,
          response: { 200: tlsCertificateList },
        },
      },
      async (req) => ({ items: await listClientCertificates(ctx, requireUser(req), req.params.id) }),
    );
    app.post(
      '/api/gateway/subsystems/:id/certificates',
      {
        schema: {
          tags,
          summary:
            'The platform CA issues a TLS client certificate for the subsystem (mutual-TLS listener); without a CSR the key is made here and answered once. Optional Idempotency-Key (a replay answers no key).',
          params: subsystemIdParams,
          body: tlsCertificateBody,
          response: { 200: tlsCertificateIssued, 201: tlsCertificateIssued },
        },
      },
      async (req, reply) => {
        const r = await issueClientCertificate(
          ctx,
          actorContext(req),
          requireUser(req),
          req.params.id,
          req.body,
          idempotencyKey(req),
        );
        reply.header('cache-control', 'no-store');
        markReplayed(reply, r);
        return reply.code(r.replayed ? 200 : 201).send(r.body);
      },
    );
    app.get(
      '/api/gateway/services',
      {
        schema: {
          tags,
          summary: 'The service registry: services, versions, providers and purposes with their legal basis',
          querystring: serviceQuery,
          response: { 200: serviceList },
        },
      },
      async (req) => {
        requireStaffOrClient(req);
        return { items: await listServices(ctx, req.query) };
      },
    );
    app.post(
      '/api/gateway/services',
      {
        schema: {
          tags,
          summary: 'A provider publishes a service version with its purposes and OpenAPI description',
          body: serviceBody,
          response: { 201: serviceDto },
        },
      },
      async (req, reply) =>
        reply.code(201).send(serviceView(await publishService(ctx, actorContext(req), requireUser(req), req.body))),
    );
    app.get(
      '/api/gateway/services/:id/openapi',
      {
        schema: {
          tags,
          summary: 'The OpenAPI description of a service version',
          params: serviceIdParams,
          response: { 200: openapiDoc },
        },
      },
      async (req) => {
        requireStaffOrClient(req);
        return serviceOpenApi(ctx, req.params.id);
      },
    );
    app.get(
      '/api/gateway/services/:id/rights',
      {
        schema: {
          tags,
          summary: 'Access rights to a service (its provider’s administrator)',
          params: serviceIdParams,
          response: { 200: rightList },
        },
      },
      async (req) => ({ items: await listRights(ctx, requireUser(req), req.params.id) }),
    );
    app.post(
      '/api/gateway/services/:id/rights',
      {
        schema: {
          tags,
          summary:
            'Grant a client subsystem the right to call the service (audited; granting again answers the open right)',
          params: serviceIdParams,
          body: rightBody,
          response: { 200: rightDto, 201: rightDto },
        },
      },
      async (req, reply) => {
        const r = await grantRight(ctx, actorContext(req), requireUser(req), {
          serviceId: req.params.id,
          client: req.body.client,
        });
        return reply.code(r.created ? 201 : 200).send(r.right);
      },
    );
    app.delete(
      '/api/gateway/rights/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an access right (audited)',
          params: rightIdParams,
          response: { 200: rightDto },
        },
      },
      async (req) => revokeRight(ctx, actorContext(req), requireUser(req), req.params.id),
    );
    app.post(
      '/api/gateway/call',
      {
        schema: {
          tags,
          summary:
            'Call a service through the gateway: client subsystem, purpose and actor are checked, the exchange is logged and signed on both sides',
          body: callBody,
          response: { 200: callResponse },
        },
      },
      async (req) => {
        const p = requireStaffOrClient(req);
        try {
          const actor = await clientAndActor(ctx, req, p, req.body);
          return await callService(ctx, { ...req.body, actor });
        } catch (err) {
          await noteRefusal(ctx, actorContext(req), req.body, err);
          throw err;
        }
      },
    );
    app.get(
      '/api/gateway/messages',
      {
        schema: {
          tags,
          summary: 'This gateway’s message log, for the members the caller administers',
          querystring: messageQuery,
          response: { 200: messageList },
        },
      },
      async (req) => ({
        ...(await listMessages(ctx, requireUser(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/api/gateway/evidence/:messageId',
      {
        schema: {
          tags,
          summary:
            'The evidence of one exchange (records, hashes, signatures, chain, batch time-stamp, roots) for offline verification',
          params: messageIdParams,
          response: { 200: evidenceDto },
        },
      },
      async (req) => evidenceOf(ctx, requireUser(req), req.params.messageId),
    );

    // Gateway ↔ gateway, over the exchange's signed-HTTP federation (not user sessions).
    await app.register(async (scope) => {
      const raw = (_req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(null, body);
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, raw);
      scope.post(
        GATEWAY_FEDERATION_PATH,
        {
          schema: {
            tags: ['gateway (federation)'],
            summary:
              'A call from another deployment’s gateway (signed request); answers the provider side’s signed record',
            security: [],
          },
        },
        async (req, reply) => {
          const body = rawBody(req.body, 'application/json');
          const headers = Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
          );
          const peer = await ctx.ports.federation.verify({ method: req.method, path: req.url, headers }, body);
          try {
            const r = await receiveExchange(ctx, peer, body);
            return await reply.code(r.status).send(r.body);
          } catch (err) {
            await noteRefusal(ctx, { ...systemActor, actorName: `peer ${peer}` }, askedIn(body), err, peer);
            throw err;
          }
        },
      );
    });
  };
}
