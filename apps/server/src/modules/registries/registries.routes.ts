import type { FastifyRequest } from 'fastify';
import { actorContext, type Principal, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { RegistryCode } from './db/schema.js';
import { PURPOSES, READER_ROLES, SERVICES } from './registries.catalog.js';
import type { RegistriesContext } from './registries.context.js';
import {
  checkBody,
  checkResponse,
  correctionBody,
  correctionCreated,
  correctionList,
  correctionQuery,
  correctionDto,
  dataAccessQuery,
  dataAccessResponse,
  delayBody,
  delayCreated,
  delayList,
  historyResponse,
  idParams,
  personParams,
  prefillBody,
  prefillResponse,
  readQuery,
  recordParams,
  recordResponse,
  resolveBody,
  servicesResponse,
  versionBody,
  versionResponse,
} from './registries.schemas.js';
import { flagValue, myCorrections, ownerCorrections, resolveCorrection } from './use-cases/corrections.js';
import { prefill } from './use-cases/prefill.js';
import { serve } from './use-cases/serve.js';
import { createDelay, listDelays, myDataAccess } from './use-cases/tracker.js';
import { recordOwnerChange } from './use-cases/versions.js';

const tags = ['registries'];
const RESOURCE: Record<RegistryCode, string> = { population: 'person', business: 'enterprise', land: 'parcel' };
const KEY_PARAM: Record<RegistryCode, string> = { population: 'idNumber', business: 'taxCode', land: 'parcelId' };

/** An official of an agency holding a reader role, or 401/403. */
function reader(req: FastifyRequest): Principal & { agencyCode: string } {
  const p = requireUser(req);
  if (p.kind !== 'staff' || !READER_ROLES.some((r) => p.roles.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Your role does not allow this.', { requiredRoles: READER_ROLES });
  if (!p.agencyCode) throw new ForbiddenError('AGENCY_REQUIRED', 'Registries are read on behalf of an agency.');
  return p as Principal & { agencyCode: string };
}

/** The one-stop system of the official's agency, as the client subsystem of its calls. */
const officialRequest = (p: Principal & { agencyCode: string }) => ({
  client: `VN:GOV:${p.agencyCode}:one-stop`,
  actor: { kind: 'official' as const, accountId: p.userId, agencyCode: p.agencyCode, name: p.fullName },
});

const defined = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;

/** Base registries: official reads (with purpose), owner changes, once-only prefill and the data tracker. */
export function registriesRoutes(ctx: RegistriesContext) {
  return async (app: App) => {
    app.get(
      '/api/registries/services',
      {
        schema: {
          tags,
          summary: 'The registry services and the purposes each accepts, with their legal basis',
          response: { 200: servicesResponse },
        },
      },
      async (req) => {
        requireUser(req);
        return {
          services: SERVICES.map((s) => ({
            code: s.code,
            registry: s.registry,
            title: s.title,
            purposes: [...s.purposes],
          })),
          purposes: Object.values(PURPOSES).map((p) => ({
            code: p.code,
            label: p.label,
            legalBasis: p.legalBasis,
            needsDossier: !!p.needsDossier,
          })),
        };
      },
    );
    app.get(
      '/api/registries/:registry/records/:key',
      {
        schema: {
          tags,
          summary:
            'A record as of a valid time (?validAt) as the registry knew it at a record time (?knownAt); names its purpose (and dossier); logged for the data tracker',
          params: recordParams,
          querystring: readQuery,
          response: { 200: recordResponse },
        },
      },
      async (req) => {
        const p = reader(req);
        const { registry, key } = req.params;
        const q = req.query;
        return (await serve(ctx, {
          ...officialRequest(p),
          service: `${registry}.${RESOURCE[registry]}.v1`,
          params: defined({ [KEY_PARAM[registry]]: key, validAt: q.validAt, knownAt: q.knownAt, fields: q.fields }),
          purpose: q.purpose ?? '',
          dossierCode: q.dossierCode,
        })) as never;
      },
    );
    app.get(
      '/api/registries/:registry/records/:key/history',
      {
        schema: {
          tags,
          summary: 'Every version of a record (valid time and record time); names its purpose; logged',
          params: recordParams,
          querystring: readQuery,
          response: { 200: historyResponse },
        },
      },
      async (req) => {
        const p = reader(req);
        const { registry, key } = req.params;
        return (await serve(ctx, {
          ...officialRequest(p),
          service: `${registry}.history.v1`,
          params: defined({ [KEY_PARAM[registry]]: key, fields: req.query.fields }),
          purpose: req.query.purpose ?? '',
          dossierCode: req.query.dossierCode,
        })) as never;
      },
    );
    app.post(
      '/api/registries/population/records/:key/check',
      {
        schema: {
          tags,
          summary:
            "A desk officer checks a document's values against the population registry (purpose: the dossier); answers match or not per field, logged",
          params: personParams,
          body: checkBody,
          response: { 200: checkResponse },
        },
      },
      async (req) => {
        const p = reader(req);
        const claims = Object.fromEntries(Object.entries(req.body.claims).map(([k, v]) => [`claim.${k}`, v]));
        return (await serve(ctx, {
          ...officialRequest(p),
          service: 'population.check.v1',
          params: { idNumber: req.params.key, ...claims },
          purpose: 'document-check',
          dossierCode: req.body.dossierCode,
        })) as never;
      },
    );
    app.post(
      '/api/registries/:registry/records/:key/versions',
      {
        schema: {
          tags,
          summary:
            "The registry owner's agency records a change valid from a date (possibly back-dated): earlier belief kept; Idempotency-Key",
          params: recordParams,
          body: versionBody,
          response: { 200: versionResponse },
        },
      },
      async (req, reply) => {
        const { registry, key } = req.params;
        const r = await recordOwnerChange(
          ctx,
          requireUser(req),
          actorContext(req),
          registry,
          key,
          req.body,
          idempotencyKey(req),
        );
        return markReplayed(reply, r).body;
      },
    );
    app.get(
      '/api/registries/corrections',
      {
        schema: {
          tags,
          summary: "Correction requests citizens sent to the caller's registry (owner agency)",
          querystring: correctionQuery,
          response: { 200: correctionList },
        },
      },
      async (req) => ownerCorrections(ctx, requireUser(req), req.query.status),
    );
    app.post(
      '/api/registries/corrections/:id/resolve',
      {
        schema: {
          tags,
          summary: 'The owner agency accepts (recording the value) or rejects a correction request',
          params: idParams,
          body: resolveBody,
          response: { 200: correctionDto },
        },
      },
      async (req) => resolveCorrection(ctx, requireUser(req), actorContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/registries/access-delays',
      {
        schema: {
          tags,
          summary:
            "A leader delays, on a legal basis and until a date, the person's notice of his agency's reads of that person's data (audited)",
          body: delayBody,
          response: { 201: delayCreated, 200: delayCreated },
        },
      },
      async (req, reply) => {
        const r = await createDelay(ctx, requireUser(req), actorContext(req), req.body);
        return reply.code(r.created ? 201 : 200).send(r);
      },
    );
    app.get(
      '/api/registries/access-delays',
      { schema: { tags, summary: "The delays the caller's agency flagged", response: { 200: delayList } } },
      async (req) => listDelays(ctx, requireUser(req)),
    );

    // ── The citizen's side: data tracker, once-only prefill, corrections ──
    app.get(
      '/api/me/data-access',
      {
        schema: {
          tags,
          summary:
            'Ai đã xem dữ liệu của tôi: every read of my registry data (agency, official, when, fields, purpose, dossier), delayed reads once their delay ends',
          querystring: dataAccessQuery,
          response: { 200: dataAccessResponse },
        },
      },
      async (req) => myDataAccess(ctx, requireUser(req), req.query),
    );
    app.post(
      '/api/me/registry-prefill',
      {
        schema: {
          tags,
          summary:
            "Consent to reading the registry fields a procedure's form names, then read them (consent recorded, read logged) to prefill the form",
          body: prefillBody,
          response: { 200: prefillResponse },
        },
      },
      async (req) => prefill(ctx, requireUser(req), actorContext(req), req.body),
    );
    app.post(
      '/api/me/registry-corrections',
      {
        schema: {
          tags,
          summary: 'Flag a wrong value of my population record: a correction request to the owner agency',
          body: correctionBody,
          response: { 201: correctionCreated, 200: correctionCreated },
        },
      },
      async (req, reply) => {
        const r = await flagValue(ctx, requireUser(req), actorContext(req), req.body);
        return reply.code(r.created ? 201 : 200).send(r);
      },
    );
    app.get(
      '/api/me/registry-corrections',
      { schema: { tags, summary: 'My correction requests', response: { 200: correctionList } } },
      async (req) => myCorrections(ctx, requireUser(req)),
    );
  };
}
