import { actorContext, requireRole } from '../../platform/http/auth.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import {
  agencyCodeParams,
  agencyDetailDto,
  agencyDto,
  agencyListQuery,
  agencyListResponse,
  adminUnitsQuery,
  adminUnitsResponse,
  createAgencyBody,
  moveAgencyBody,
  updateAgencyBody,
} from './directory.schemas.js';
import type { DirectoryService } from './directory.service.js';

const tags = ['directory'];

/** Public reads; admins write (agency admins edit their own subtree). */
export function directoryRoutes(svc: DirectoryService) {
  return (app: App) => {
    app.get(
      '/api/agencies',
      {
        schema: {
          tags,
          summary: 'Search agencies (accent-insensitive)',
          security: [],
          querystring: agencyListQuery,
          response: { 200: agencyListResponse },
        },
      },
      async (req) => {
        const { parent, ...q } = req.query;
        const r = await svc.search({ ...q, parentCode: parent });
        return { ...r, page: q.page, pageSize: q.pageSize };
      },
    );
    app.get(
      '/api/admin-units',
      {
        schema: {
          tags,
          summary:
            'Administrative units after the 2025 reorganisation: the 34 provinces, or the communes of ?province= (public)',
          security: [],
          querystring: adminUnitsQuery,
          response: { 200: adminUnitsResponse },
        },
      },
      async (req, reply) => {
        const u = svc.adminUnits;
        const code = req.query.province;
        const source = `${u.source().dataset} @ ${u.source().commit} (${u.source().licence})`;
        // The list changes only with a release: let browsers and proxies keep it for a day.
        reply.header('cache-control', 'public, max-age=86400');
        if (!code) return { province: null, items: u.provinces(), source };
        const items = u.communes(code);
        const province = u.provinces().find((p) => p.code === code);
        if (!items || !province) throw new NotFoundError('PROVINCE_NOT_FOUND', 'No such province.');
        return { province, items, source };
      },
    );
    app.get(
      '/api/agencies/:code',
      {
        schema: {
          tags,
          summary: 'One agency by either code form',
          security: [],
          params: agencyCodeParams,
          response: { 200: agencyDetailDto },
        },
      },
      async (req) => svc.get(req.params.code),
    );
    app.post(
      '/api/agencies',
      { schema: { tags, summary: 'Create an agency (admin)', body: createAgencyBody, response: { 201: agencyDto } } },
      async (req, reply) => {
        requireRole(req, 'admin');
        return reply.code(201).send(await svc.create(actorContext(req), req.body));
      },
    );
    app.patch(
      '/api/agencies/:code',
      {
        schema: {
          tags,
          summary: 'Edit an agency',
          params: agencyCodeParams,
          body: updateAgencyBody,
          response: { 200: agencyDto },
        },
      },
      async (req) => {
        const actor = requireRole(req, 'admin', 'agency_admin');
        return svc.update(actorContext(req), actor, req.params.code, req.body);
      },
    );
    app.post(
      '/api/agencies/:code/move',
      {
        schema: {
          tags,
          summary: 'Move an agency under another parent (admin)',
          params: agencyCodeParams,
          body: moveAgencyBody,
          response: { 200: agencyDto },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return svc.move(actorContext(req), req.params.code, req.body.parentCode);
      },
    );
  };
}
