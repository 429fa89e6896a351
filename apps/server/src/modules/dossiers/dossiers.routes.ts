import { actorContext, requireUser } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import type { DossiersContext } from './dossiers.context.js';
import {
  actionBody,
  dossierCodeParams,
  dossierDto,
  dossierListQuery,
  dossierListResponse,
  extendBody,
  publicDossierDto,
  submitBody,
  submitResponse,
} from './dossiers.schemas.js';
import { actOnDossier, extendDeadline } from './use-cases/act.js';
import { getDossier, listDossiers, publicLookup } from './use-cases/read.js';
import { submitDossier } from './use-cases/submit.js';

const tags = ['dossiers'];

export function dossierRoutes(ctx: DossiersContext) {
  return (app: App) => {
    app.post(
      '/api/dossiers',
      { schema: { tags, summary: 'Submit a dossier (online, or at the counter by a desk officer); needs an Idempotency-Key header', body: submitBody, response: { 201: submitResponse } } },
      async (req, reply) => {
        const p = requireUser(req);
        const key = req.headers['idempotency-key'];
        const r = await submitDossier(ctx, actorContext(req), p, req.body, typeof key === 'string' ? key : undefined);
        if (r.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(r.status as 201).send(r.body);
      },
    );
    app.get('/api/dossiers', { schema: { tags, summary: 'My dossiers (mine=true) or the inbox of my agency (box=…)', querystring: dossierListQuery, response: { 200: dossierListResponse } } }, async (req) => {
      const r = await listDossiers(ctx, requireUser(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    });
    app.get('/api/dossiers/:code', { schema: { tags, summary: 'A dossier with its history and the actions open to the caller', params: dossierCodeParams, response: { 200: dossierDto } } }, async (req) =>
      getDossier(ctx, actorContext(req), requireUser(req), req.params.code),
    );
    app.post('/api/dossiers/:code/actions', { schema: { tags, summary: 'Take a workflow action', params: dossierCodeParams, body: actionBody, response: { 200: dossierDto } } }, async (req) => {
      const p = requireUser(req);
      await actOnDossier(ctx, actorContext(req), p, req.params.code, req.body);
      return getDossier(ctx, actorContext(req), p, req.params.code);
    });
    app.post('/api/dossiers/:code/extend', { schema: { tags, summary: 'Apology letter: reschedule the return date once (Mẫu 04)', params: dossierCodeParams, body: extendBody, response: { 200: dossierDto } } }, async (req) => {
      const p = requireUser(req);
      await extendDeadline(ctx, actorContext(req), p, req.params.code, req.body);
      return getDossier(ctx, actorContext(req), p, req.params.code);
    });
    app.get('/api/public/dossiers/:code', { schema: { tags, summary: 'Track a dossier by code (no personal data)', security: [], params: dossierCodeParams, response: { 200: publicDossierDto } } }, async (req) =>
      publicLookup(ctx, req.params.code),
    );
  };
}
