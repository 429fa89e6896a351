import { actorContext, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import type { App } from '../../platform/http/server.js';
import type { DossiersContext } from './dossiers.context.js';
import {
  actionBody,
  assigneesResponse,
  claimBody,
  claimResponse,
  competentAgenciesQuery,
  competentAgenciesResponse,
  registerQuery,
  publicTrackQuery,
  draftBody,
  draftDto,
  draftIdParams,
  dossierCodeParams,
  dossierDto,
  dossierListQuery,
  dossierListResponse,
  extendBody,
  publicDossierDto,
  statsResponse,
  submitBody,
  submitResponse,
} from './dossiers.schemas.js';
import { z } from 'zod';
import { okResponse } from '../../platform/http/schemas.js';
import { actOnDossier, extendDeadline } from './use-cases/act.js';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './use-cases/drafts.js';
import { PRINTOUTS, renderPrintout } from './use-cases/printouts.js';
import { getDossier, listDossiers, publicLookup } from './use-cases/read.js';
import { dossierStats } from './use-cases/stats.js';
import { dossierFile } from './use-cases/result-file.js';
import { submitDossier } from './use-cases/submit.js';
import { claimDossier } from './use-cases/claim.js';
import { listAssignees } from './use-cases/assignees.js';
import { byAccount } from '../../platform/http/rate-limit.js';
import { competentAgencies } from './use-cases/receipt-anywhere.js';
import { exportRegister } from './use-cases/register.js';

const tags = ['dossiers'];

export function dossierRoutes(ctx: DossiersContext) {
  return (app: App) => {
    app.post(
      '/api/dossiers',
      {
        schema: {
          tags,
          summary: 'Submit a dossier (online, or at the counter by a desk officer); needs an Idempotency-Key header',
          body: submitBody,
          response: { 201: submitResponse },
        },
      },
      async (req, reply) => {
        const r = markReplayed(
          reply,
          await submitDossier(ctx, actorContext(req), requireUser(req), req.body, idempotencyKey(req)),
        );
        return reply.code(r.status as 201).send(r.body);
      },
    );
    app.get(
      '/api/dossiers/competent-agencies',
      {
        schema: {
          tags,
          summary:
            "Agencies of the desk officer's province that handle a procedure: the competent agency a counter submission picks (Decree 118/2025 Art 14(2): receipt regardless of administrative boundaries)",
          querystring: competentAgenciesQuery,
          response: { 200: competentAgenciesResponse },
        },
      },
      async (req) => competentAgencies(ctx, requireUser(req), req.query.procedureCode),
    );
    app.get(
      '/api/dossier-register',
      {
        exposeHeadRoute: false,
        schema: {
          tags,
          summary:
            "The one-stop desk's register (Mẫu 07, sổ theo dõi hồ sơ; TT 03/2025/TT-VPCP) of my agency for a period, as PDF, Excel or CSV (audited)",
          querystring: registerQuery,
        },
      },
      async (req, reply) => {
        const r = await exportRegister(ctx, actorContext(req), requireUser(req), req.query);
        reply.header('content-disposition', `attachment; filename="${r.filename}"`);
        return reply.type(r.type).send(typeof r.body === 'string' ? r.body : Buffer.from(r.body));
      },
    );
    app.get(
      '/api/dossiers',
      {
        schema: {
          tags,
          summary: 'My dossiers (mine=true) or the inbox of my agency (box=…)',
          querystring: dossierListQuery,
          response: { 200: dossierListResponse },
        },
      },
      async (req) => {
        const r = await listDossiers(ctx, requireUser(req), req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.get(
      '/api/dossiers/:code',
      {
        schema: {
          tags,
          summary: 'A dossier with its history and the actions open to the caller',
          params: dossierCodeParams,
          response: { 200: dossierDto },
        },
      },
      async (req) => getDossier(ctx, actorContext(req), requireUser(req), req.params.code),
    );
    app.post(
      '/api/dossiers/:code/actions',
      {
        schema: {
          tags,
          summary:
            'Take a workflow action (Idempotency-Key accepted); an approval may need a TOTP code or a passkey (the procedure’s approvalStepUp)',
          params: dossierCodeParams,
          body: actionBody,
          response: { 200: dossierDto },
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        markReplayed(
          reply,
          await actOnDossier(ctx, actorContext(req), p, req.params.code, req.body, idempotencyKey(req)),
        );
        return getDossier(ctx, actorContext(req), p, req.params.code, { recordView: false });
      },
    );
    app.get(
      '/api/dossiers/:code/assignees',
      {
        schema: {
          tags,
          summary:
            'Specialists of the competent unit who can be assigned the dossier, with their open and overdue dossiers (for the officers who assign)',
          params: dossierCodeParams,
          response: { 200: assigneesResponse },
        },
      },
      async (req) => listAssignees(ctx, requireUser(req), req.params.code),
    );
    app.post(
      '/api/dossiers/:code/extend',
      {
        schema: {
          tags,
          summary: 'Apology letter: reschedule the return date once (Mẫu 04)',
          params: dossierCodeParams,
          body: extendBody,
          response: { 200: dossierDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await extendDeadline(ctx, actorContext(req), p, req.params.code, req.body);
        return getDossier(ctx, actorContext(req), p, req.params.code, { recordView: false });
      },
    );
    app.get(
      '/api/dossiers/:code/:form.pdf',
      {
        // Building the form and auditing `dossier.printed` is for a download, never for a probe.
        exposeHeadRoute: false,
        schema: {
          tags,
          summary:
            'One-stop forms as PDF (TT 03/2025/TT-VPCP numbering): receipt (Mẫu 01), supplement-request (02), refusal (03), apology (04), stop-notice (05), control-sheet (06)',
          params: dossierCodeParams.extend({ form: z.enum(PRINTOUTS) }),
        },
      },
      async (req, reply) => {
        const pdf = await renderPrintout(ctx, actorContext(req), requireUser(req), req.params.code, req.params.form);
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', `inline; filename="${req.params.form}-${req.params.code}.pdf"`);
        return reply.send(Buffer.from(pdf));
      },
    );
    app.get(
      '/api/dossiers/:code/files/:fileId',
      {
        schema: {
          tags,
          summary:
            "An attachment or the (sealed) result of a dossier, for its applicant and its agency's staff (officials' downloads are audited)",
          params: dossierCodeParams.extend({ fileId: z.string().max(64) }),
        },
      },
      async (req, reply) => {
        const f = await dossierFile(ctx, actorContext(req), requireUser(req), req.params.code, req.params.fileId);
        reply.header('content-type', f.info.mediaType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.info.name)}`);
        return reply.send(f.stream);
      },
    );
    app.post(
      '/api/dossiers/:code/claim',
      {
        config: { limits: [{ rule: 'claim.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'Claim a dossier filed at the desk for my ID number (or tax code) with the claim code printed on its receipt',
          params: dossierCodeParams,
          body: claimBody,
          response: { 200: claimResponse },
        },
      },
      async (req) => claimDossier(ctx, actorContext(req), requireUser(req), req.params.code, req.body.claimCode),
    );
    app.get(
      '/api/dossier-drafts',
      { schema: { tags, summary: 'My saved drafts', response: { 200: z.object({ items: z.array(draftDto) }) } } },
      async (req) => ({
        items: await listDrafts(ctx, requireUser(req)),
      }),
    );
    app.post(
      '/api/dossier-drafts',
      { schema: { tags, summary: 'Save a new draft', body: draftBody, response: { 201: draftDto } } },
      async (req, reply) => reply.code(201).send(await saveDraft(ctx, requireUser(req), null, req.body)),
    );
    app.get(
      '/api/dossier-drafts/:id',
      { schema: { tags, summary: 'Resume a draft', params: draftIdParams, response: { 200: draftDto } } },
      async (req) => getDraft(ctx, requireUser(req), req.params.id),
    );
    app.put(
      '/api/dossier-drafts/:id',
      {
        schema: {
          tags,
          summary: 'Update a draft',
          params: draftIdParams,
          body: draftBody,
          response: { 200: draftDto },
        },
      },
      async (req) => saveDraft(ctx, requireUser(req), req.params.id, req.body),
    );
    app.delete(
      '/api/dossier-drafts/:id',
      { schema: { tags, summary: 'Discard a draft', params: draftIdParams, response: { 200: okResponse } } },
      async (req) => {
        await deleteDraft(ctx, requireUser(req), req.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/stats/dossiers',
      {
        schema: {
          tags,
          summary:
            'Received, resolved, early / on time / overdue and online share, per agency and procedure (Decision 766)',
          querystring: z.object({
            from: z.coerce.date(),
            to: z.coerce.date(),
            agency: z.string().max(35).optional(),
            procedure: z.string().max(20).optional(),
          }),
          response: { 200: statsResponse },
        },
      },
      async (req) => dossierStats(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/public/dossiers/:code',
      {
        config: {
          limits: [
            { rule: 'track.ip' },
            { rule: 'track.dossier', key: (req) => (req.params as { code: string }).code },
          ],
        },
        schema: {
          tags,
          summary:
            'Track a dossier by its code and either the last 4 digits of the applicant’s ID number or tax code (idDigits) or the receipt’s tracking token (token); no personal data',
          security: [],
          params: dossierCodeParams,
          querystring: publicTrackQuery,
          response: { 200: publicDossierDto },
        },
      },
      async (req) => publicLookup(ctx, req.params.code, req.query),
    );
  };
}
