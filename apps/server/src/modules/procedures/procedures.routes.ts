import { z } from 'zod';
import { actorContext, requireRole } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import {
  createProcedureBody,
  procedureCodeParams,
  procedureContent,
  procedureDto,
  procedureGetQuery,
  procedureListQuery,
  procedureListResponse,
  versionsResponse,
} from './procedure.schemas.js';
import type { ProceduresService } from './procedures.service.js';

const tags = ['procedures'];

/** Public catalogue; agency admins create, edit drafts and publish. */
export function procedureRoutes(svc: ProceduresService) {
  return (app: App) => {
    app.get(
      '/api/procedures',
      {
        schema: {
          tags,
          summary: 'Search published procedures (accent-insensitive)',
          security: [],
          querystring: procedureListQuery,
          response: { 200: procedureListResponse },
        },
      },
      async (req) => {
        const r = await svc.search(req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.get(
      '/api/procedures/fields',
      {
        schema: {
          tags,
          summary: 'Fields (lĩnh vực) with counts',
          security: [],
          response: { 200: z.object({ items: z.array(z.object({ field: z.string(), n: z.number() })) }) },
        },
      },
      async () => ({
        items: await svc.fields(),
      }),
    );
    app.get(
      '/api/procedures/:code',
      {
        schema: {
          tags,
          summary: 'A published procedure (latest or ?version=)',
          security: [],
          params: procedureCodeParams,
          querystring: procedureGetQuery,
          response: { 200: procedureDto },
        },
      },
      async (req) => svc.getPublished(req.params.code, req.query.version),
    );
    app.get(
      '/api/procedures/:code/draft',
      {
        schema: {
          tags,
          summary: 'The draft (or published) version for editing',
          params: procedureCodeParams,
          response: { 200: procedureDto },
        },
      },
      async (req) => svc.getForEdit(requireRole(req, 'admin', 'agency_admin'), req.params.code),
    );
    app.get(
      '/api/procedures/:code/versions',
      {
        schema: { tags, summary: 'Version history', params: procedureCodeParams, response: { 200: versionsResponse } },
      },
      async (req) => ({
        items: await svc.versions(requireRole(req, 'admin', 'agency_admin'), req.params.code),
      }),
    );
    app.post(
      '/api/procedures',
      {
        schema: {
          tags,
          summary: 'Create a procedure (draft version 1)',
          body: createProcedureBody,
          response: { 201: procedureDto },
        },
      },
      async (req, reply) => {
        const actor = requireRole(req, 'admin', 'agency_admin');
        const { code, ...content } = req.body;
        return reply.code(201).send(await svc.create(actorContext(req), actor, code, content));
      },
    );
    app.put(
      '/api/procedures/:code/draft',
      {
        schema: {
          tags,
          summary: 'Save the draft (opens a new version after publication)',
          params: procedureCodeParams,
          body: procedureContent,
          response: { 200: procedureDto },
        },
      },
      async (req) =>
        svc.saveDraft(actorContext(req), requireRole(req, 'admin', 'agency_admin'), req.params.code, req.body),
    );
    app.post(
      '/api/procedures/:code/publish',
      {
        schema: {
          tags,
          summary: 'Publish the draft (immutable from now on)',
          params: procedureCodeParams,
          response: { 200: procedureDto },
        },
      },
      async (req) => svc.publish(actorContext(req), requireRole(req, 'admin', 'agency_admin'), req.params.code),
    );
  };
}
