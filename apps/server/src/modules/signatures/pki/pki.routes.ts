import type { FastifyRequest } from 'fastify';
import { actorContext, type Principal, requireRole, requireUser } from '../../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../../platform/http/idempotency.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { App } from '../../../platform/http/server.js';
import { okResponse } from '../../../platform/http/schemas.js';
import {
  caListResponse,
  certificateDto,
  certificateListQuery,
  certificateListResponse,
  idParams,
  importAnchorBody,
  issueBody,
  revokeBody,
  trustAnchorDto,
  trustAnchorListResponse,
} from './pki.schemas.js';
import type { SignaturesService } from './pki.service.js';

const tags = ['pki'];

/** Certificates are for civil servants: citizens and machine clients have none. */
function requireStaff(req: FastifyRequest): Principal {
  const p = requireUser(req);
  if (p.kind !== 'staff') throw new ForbiddenError('FORBIDDEN_ROLE', 'Only civil servants have signing certificates.');
  return p;
}

/** The PKI API under /api/pki (logged in); the public endpoints (/pki/…) are in pki-public.routes.ts. */
export function pkiRoutes(svc: SignaturesService, publicUrl: string) {
  return (app: App) => {
    app.get(
      '/api/pki/cas',
      {
        schema: {
          tags,
          summary: 'Our certificate authorities (root, issuing) with certificate and CRL links',
          response: { 200: caListResponse },
        },
      },
      async (req) => {
        requireStaff(req);
        const cas = await svc.cas();
        return {
          items: cas.map((c) => ({
            ...c,
            certificateUrl: `${publicUrl}/pki/${c.id}.crt`,
            crlUrl: `${publicUrl}/pki/${c.id}.crl`,
          })),
        };
      },
    );
    app.post(
      '/api/pki/certificates',
      {
        schema: {
          tags,
          summary:
            "Issue a person (civil servant) or seal (agency) certificate; key held here, or from the holder's CSR. Optional Idempotency-Key.",
          body: issueBody,
          response: { 201: certificateDto },
        },
      },
      async (req, reply) => {
        const by = requireRole(req, 'admin', 'agency_admin');
        const r = markReplayed(reply, await svc.issue(actorContext(req), by, req.body, idempotencyKey(req)));
        return reply.code(201).send(r.body);
      },
    );
    app.get(
      '/api/pki/certificates',
      {
        schema: {
          tags,
          summary: 'Certificates: mine, or (admins) of an owner — a user id or an agency code',
          querystring: certificateListQuery,
          response: { 200: certificateListResponse },
        },
      },
      async (req) => {
        const r = await svc.list(requireStaff(req), req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.get(
      '/api/pki/certificates/:id',
      {
        schema: {
          tags,
          summary: 'One certificate (its holder, or an admin of its agency)',
          params: idParams,
          response: { 200: certificateDto },
        },
      },
      async (req) => svc.get(requireStaff(req), req.params.id),
    );
    app.post(
      '/api/pki/certificates/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke with an RFC 5280 reason; the CRL is re-signed and OCSP answers revoked',
          params: idParams,
          body: revokeBody,
          response: { 200: certificateDto },
        },
      },
      async (req) =>
        svc.revoke(actorContext(req), requireRole(req, 'admin', 'agency_admin'), req.params.id, req.body.reason),
    );
    app.get(
      '/api/pki/trust-anchors',
      {
        schema: {
          tags,
          summary: 'The trust list: our root (government) and imported roots (government or public)',
          response: { 200: trustAnchorListResponse },
        },
      },
      async (req) => {
        requireStaff(req);
        return { items: await svc.trustAnchors() };
      },
    );
    app.post(
      '/api/pki/trust-anchors',
      {
        schema: {
          tags,
          summary: 'Import a root CA certificate (PEM, or base64 DER) onto the trust list',
          body: importAnchorBody,
          response: { 201: trustAnchorDto },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        return reply.code(201).send(await svc.importTrustAnchor(actorContext(req), req.body));
      },
    );
    app.delete(
      '/api/pki/trust-anchors/:id',
      {
        schema: {
          tags,
          summary: 'Remove an imported root from the trust list',
          params: idParams,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        await svc.removeTrustAnchor(actorContext(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
