import { actorContext, requireRole } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import type { IdentityContext } from './identity.context.js';
import {
  createStaffBody,
  idParams,
  updateUserBody,
  userDto,
  userListQuery,
  userListResponse,
} from './identity.schemas.js';
import { createStaffUser, listUsers, updateUser } from './use-cases/staff-users.js';

const tags = ['identity-admin'];

/** Admins (everything) and agency admins (their own agency) manage accounts. */
export function adminUserRoutes(ctx: IdentityContext) {
  return (app: App) => {
    app.get(
      '/api/admin/users',
      { schema: { tags, summary: 'List accounts', querystring: userListQuery, response: { 200: userListResponse } } },
      async (req) => {
        const by = requireRole(req, 'admin', 'agency_admin');
        const r = await listUsers(ctx, actorContext(req), by, req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.post(
      '/api/admin/users',
      {
        schema: { tags, summary: 'Create a civil servant account', body: createStaffBody, response: { 201: userDto } },
      },
      async (req, reply) => {
        const by = requireRole(req, 'admin', 'agency_admin');
        return reply.code(201).send(await createStaffUser(ctx, actorContext(req), by, req.body));
      },
    );
    app.patch(
      '/api/admin/users/:id',
      {
        schema: {
          tags,
          summary: 'Change roles, agency or status',
          params: idParams,
          body: updateUserBody,
          response: { 200: userDto },
        },
      },
      async (req) => {
        const by = requireRole(req, 'admin', 'agency_admin');
        return updateUser(ctx, actorContext(req), by, req.params.id, req.body);
      },
    );
  };
}
