import { z } from 'zod';
import { actorContext, type Principal, requireRole, requireUser } from '../../platform/http/auth.js';
import { rawBody } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { ExchangeContext } from './exchange.context.js';
import { exchangeRepository as repo } from './exchange.repository.js';
import {
  deliveryDto,
  deliveryQuery,
  logDto,
  logQuery,
  nodeBody,
  nodeDto,
  nodeIdParams,
  nodePatch,
  packageDto,
  packageIdParams,
  packageList,
  packageListQuery,
  routeDto,
  routeQuery,
  selfDto,
  statusBody,
  submitResponse,
  validateResponse,
} from './exchange.schemas.js';
import { verifyPackage } from './edxml/dsig.js';
import { readPackage } from './edxml/parse.js';
import { listPackages, packageBytes, packageView, statusOfDocument } from './use-cases/read.js';
import { federationRoots } from './use-cases/receive.js';
import { nodeView, registerNode, updateNode } from './use-cases/registration.js';
import { answerPackage, submitPackage } from './use-cases/submit.js';

const tags = ['exchange'];
const paged = <T>(r: { items: T[]; total: number }, q: { page: number; pageSize: number }) => ({
  ...r,
  page: q.page,
  pageSize: q.pageSize,
});
const STAFF = ['clerk', 'leader', 'specialist', 'agency_admin', 'admin'];

/** Clerks' and operators' endpoints of the exchange (session or bearer authenticated). */
export function exchangeRoutes(ctx: ExchangeContext) {
  return async (app: App) => {
    app.get(
      '/api/exchange/packages',
      {
        schema: {
          tags,
          summary:
            'Packages sent from (outgoing) or received by (incoming) my agencies, with per-recipient status; ?document= gives one document’s recipients',
          querystring: packageListQuery,
          response: { 200: packageList },
        },
      },
      async (req) => {
        const p = requireRole(req, ...STAFF);
        if (req.query.document) {
          const items = await statusOfDocument(ctx, p, req.query.document);
          return { items, total: items.length, page: 1, pageSize: items.length };
        }
        return listPackages(ctx, p, req.query);
      },
    );
    app.get(
      '/api/exchange/packages/:packageId',
      {
        schema: {
          tags,
          summary: 'One package with its status history',
          params: packageIdParams,
          response: { 200: packageDto },
        },
      },
      async (req) => packageView(ctx, requireRole(req, ...STAFF), req.params.packageId),
    );
    app.get(
      '/api/exchange/packages/:packageId/edxml',
      { schema: { tags, summary: 'The signed edXML exactly as sent or received', params: packageIdParams } },
      async (req, reply) => {
        const bytes = await packageBytes(ctx, requireRole(req, ...STAFF), req.params.packageId);
        reply.header('content-type', 'application/xml; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${req.params.packageId}.edxml"`);
        return reply.send(bytes);
      },
    );
    app.post(
      '/api/exchange/packages/:packageId/status',
      {
        schema: {
          tags,
          summary:
            'Answer a received package with an edXML status (03 registered, 04 assigned, 05 processing, 06 completed, 02 rejected, 15/16)',
          params: packageIdParams,
          body: statusBody,
          response: { 202: z.object({ packageId: z.string().nullable() }) },
        },
      },
      async (req, reply) => {
        const p = requireRole(req, 'clerk', 'leader', 'specialist');
        return reply.code(202).send(await answerPackage(ctx, p, { packageId: req.params.packageId, ...req.body }));
      },
    );

    await app.register(async (scope) => {
      scope.addContentTypeParser(
        ['application/xml', 'text/xml'],
        { parseAs: 'buffer', bodyLimit: ctx.settings.maxPackageBytes },
        (_r, body, done) => done(null, body),
      );
      scope.post(
        '/api/exchange/packages',
        {
          bodyLimit: ctx.settings.maxPackageBytes,
          schema: {
            tags,
            summary:
              'Send an unsigned edXML package made by the agency’s document system; the exchange seals and delivers it',
            response: { 201: submitResponse },
          },
        },
        async (req, reply) => {
          const p = requireRole(req, 'clerk');
          return reply.code(201).send(await submitPackage(ctx, p, rawBody(req.body, 'application/xml')));
        },
      );
      scope.post(
        '/api/exchange/validate',
        {
          bodyLimit: ctx.settings.maxPackageBytes,
          schema: {
            tags,
            summary: 'Check an edXML package: structure (every problem named) and, if signed, its seal',
            response: { 200: validateResponse },
          },
        },
        async (req) => {
          requireRole(req, ...STAFF);
          const xml = rawBody(req.body, 'application/xml').toString('utf8');
          const r = readPackage(xml, {
            maxChars: ctx.settings.maxPackageBytes,
            maxAttachmentBytes: ctx.settings.maxPackageBytes,
          });
          const v = r.signed
            ? await verifyPackage(xml, {
                roots: () => federationRoots(ctx),
                now: () => ctx.clock.now(),
                policy: ctx.settings.signaturePolicy,
              })
            : null;
          const s = v?.signatures[0];
          return {
            valid: r.issues.length === 0,
            kind: r.package?.kind ?? null,
            signed: r.signed,
            issues: r.issues,
            signature: v
              ? {
                  indication: v.indication,
                  subIndication: v.subIndication,
                  signer: s?.signer?.subject ?? null,
                  messages: s?.messages ?? [],
                }
              : null,
          };
        },
      );
    });

    // Hub operator (admin) pages.
    const admin = (req: Parameters<typeof requireUser>[0]): Principal => requireRole(req, 'admin');
    app.get(
      '/api/exchange/self',
      {
        schema: {
          tags,
          summary: 'This deployment in the exchange: role, node id, request-signing public key',
          response: { 200: selfDto },
        },
      },
      async (req) => {
        admin(req);
        const s = ctx.settings;
        return {
          role: s.role,
          nodeId: s.nodeId,
          publicKey: s.publicKey,
          hubUrl: s.hubUrl,
          agencies: s.agencies,
          trustRoots: new Set((await federationRoots(ctx)).map((d) => Buffer.from(d).toString('base64'))).size,
          transport: s.transport,
          lgsp: s.lgsp
            ? {
                baseUrl: s.lgsp.baseUrl,
                unitCode: s.lgsp.units[0]!.code,
                // Each unit's code and agency; never its secret.
                units: s.lgsp.units.map((u) => ({ code: u.code, agency: u.agency })),
              }
            : null,
        };
      },
    );
    app.get(
      '/api/exchange/nodes',
      { schema: { tags, summary: 'Hub: registered nodes', response: { 200: z.object({ items: z.array(nodeDto) }) } } },
      async (req) => {
        admin(req);
        return { items: (await repo.nodes(ctx.db)).map(nodeView) };
      },
    );
    app.post(
      '/api/exchange/nodes',
      {
        schema: {
          tags,
          summary: 'Hub: register a node (id, request-signing public key, base URL, agencies it may serve)',
          body: nodeBody,
          response: { 201: nodeDto },
        },
      },
      async (req, reply) => {
        admin(req);
        return reply.code(201).send(nodeView(await registerNode(ctx, actorContext(req), req.body)));
      },
    );
    app.patch(
      '/api/exchange/nodes/:id',
      {
        schema: {
          tags,
          summary: 'Hub: change, deactivate or re-key a node',
          params: nodeIdParams,
          body: nodePatch,
          response: { 200: nodeDto },
        },
      },
      async (req) => {
        admin(req);
        return nodeView(await updateNode(ctx, actorContext(req), req.params.id, req.body));
      },
    );
    app.get(
      '/api/exchange/agencies',
      {
        schema: {
          tags,
          summary: 'Hub: the exchange’s agency directory (which node serves which agency)',
          querystring: routeQuery,
          response: {
            200: z.object({ items: z.array(routeDto), total: z.number(), page: z.number(), pageSize: z.number() }),
          },
        },
      },
      async (req) => {
        admin(req);
        return paged(
          await repo.routes(ctx.db, {
            q: req.query.q?.toUpperCase(),
            nodeId: req.query.node,
            page: req.query.page,
            pageSize: req.query.pageSize,
          }),
          req.query,
        );
      },
    );
    app.get(
      '/api/exchange/log',
      {
        schema: {
          tags,
          summary: 'Every package and status that crossed this deployment, with its SHA-256 and outcome',
          querystring: logQuery,
          response: {
            200: z.object({ items: z.array(logDto), total: z.number(), page: z.number(), pageSize: z.number() }),
          },
        },
      },
      async (req) => {
        admin(req);
        return paged(await repo.logs(ctx.db, req.query), req.query);
      },
    );
    app.get(
      '/api/exchange/deliveries',
      {
        schema: {
          tags,
          summary: 'The outbox: deliveries pending, done or rejected, with attempts and the last error',
          querystring: deliveryQuery,
          response: {
            200: z.object({ items: z.array(deliveryDto), total: z.number(), page: z.number(), pageSize: z.number() }),
          },
        },
      },
      async (req) => {
        admin(req);
        return paged(await repo.deliveries(ctx.db, req.query), req.query);
      },
    );
  };
}
