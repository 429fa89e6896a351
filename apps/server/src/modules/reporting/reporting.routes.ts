import type { FastifyRequest } from 'fastify';
import { actorContext, requireRole, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey } from '../../platform/http/idempotency.js';
import type { App } from '../../platform/http/server.js';
import type { ReportingContext } from './reporting.context.js';
import {
  actionBody,
  aggregateQuery,
  aggregateResponse,
  fillBody,
  indicatorsExportQuery,
  indicatorsQuery,
  indicatorsResponse,
  myRatingDto,
  obligationDetail,
  obligationDto,
  obligationList,
  obligationParams,
  obligationQuery,
  openDataParams,
  openPeriodBody,
  openPeriodResponse,
  publicScoresQuery,
  receivedActionBody,
  receivedDetail,
  receivedDto,
  receivedFileParams,
  receivedList,
  receivedParams,
  receivedQuery,
  rankingQuery,
  rankingResponse,
  ratingBody,
  ratingDto,
  ratingParams,
  refreshResponse,
  regimeBody,
  regimeDto,
  regimeList,
  regimeParams,
  signatureParams,
  signBody,
} from './reporting.schemas.js';
import { obligationPdf } from './use-cases/pdf.js';
import { dashboardExport } from './use-cases/dashboard-export.js';
import { signatureFile, signObligation } from './use-cases/signing.js';
import { aggregateReports } from './use-cases/aggregate.js';
import { refreshFacts } from './use-cases/facts.js';
import { indicators, ranking, ranking766, rankingCsv } from './use-cases/indicators.js';
import {
  actOnObligation,
  fillObligation,
  getObligation,
  listObligations,
  openPeriod,
} from './use-cases/obligations.js';
import { myRating, rateDossier } from './use-cases/ratings.js';
import { createRegime, getRegime, listRegimes, regimeDto as toRegimeDto } from './use-cases/regimes.js';
import { assertRole, covers, ROLES } from './reporting.policy.js';
import { ForbiddenError, rawBody } from '../../platform/http/errors.js';
import { FEDERATION_REPORTS_PATH, FEDERATION_STATUSES_PATH } from './reporting-contract.js';
import {
  decideReceived,
  getReceived,
  listReceived,
  receivedFile,
  receiveReport,
  receiveStatus,
} from './use-cases/federation.js';
import { excelRoutes } from './reporting.excel-routes.js';

const tags = ['reporting'];

/** Report regimes and obligations (Decree 09/2019), computed indicators and the public scores. */
export function reportingRoutes(ctx: ReportingContext) {
  return async (app: App) => {
    app.post(
      '/api/report-regimes',
      {
        schema: {
          tags,
          summary: 'Define a report regime (receiving agency administrators)',
          body: regimeBody,
          response: { 201: regimeDto },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createRegime(ctx, requireUser(req), actorContext(req), req.body)),
    );
    app.get(
      '/api/report-regimes',
      { schema: { tags, summary: 'Report regimes', response: { 200: regimeList } } },
      async (req) => ({ items: await listRegimes(ctx, requireUser(req)) }),
    );
    app.get(
      '/api/report-regimes/:code',
      {
        schema: {
          tags,
          summary: 'One report regime with its template',
          params: regimeParams,
          response: { 200: regimeDto },
        },
      },
      async (req) => {
        assertRole(requireUser(req), ROLES.read, 'read');
        return toRegimeDto(await getRegime(ctx, req.params.code));
      },
    );
    app.post(
      '/api/report-regimes/:code/periods',
      {
        schema: {
          tags,
          summary: 'Open a period: one obligation per reporting agency (idempotent); ad hoc periods give from and to',
          params: regimeParams,
          body: openPeriodBody,
          response: { 200: openPeriodResponse },
        },
      },
      async (req) => {
        const p = requireUser(req);
        assertRole(p, ROLES.define, 'open');
        const regime = await getRegime(ctx, req.params.code);
        if (!(await covers(ctx, p, regime.receivingAgency)))
          throw new ForbiddenError('NOT_THE_RECEIVER', 'Only the receiving agency opens periods.');
        const w = req.body.from && req.body.to ? { from: req.body.from, to: req.body.to } : undefined;
        return openPeriod(ctx, regime.code, req.body.period, w, actorContext(req));
      },
    );
    app.get(
      '/api/report-obligations',
      {
        schema: {
          tags,
          summary: 'Reports my agency owes or receives, by agency, period, status',
          querystring: obligationQuery,
          response: { 200: obligationList },
        },
      },
      async (req) => {
        const q = req.query;
        const r = await listObligations(ctx, requireUser(req), {
          ...q,
          late: q.late === undefined ? undefined : q.late === 'true',
        });
        return { ...r, page: q.page, pageSize: q.pageSize };
      },
    );
    app.get(
      '/api/report-obligations/:id',
      {
        schema: {
          tags,
          summary: 'One report with its template and history',
          params: obligationParams,
          response: { 200: obligationDetail },
        },
      },
      async (req) => getObligation(ctx, requireUser(req), req.params.id),
    );
    app.put(
      '/api/report-obligations/:id',
      {
        schema: {
          tags,
          summary: 'Save values and texts (validated) while open or returned',
          params: obligationParams,
          body: fillBody,
          response: { 200: obligationDto },
        },
      },
      async (req) => fillObligation(ctx, requireUser(req), actorContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/report-obligations/:id/signature',
      {
        schema: {
          tags,
          summary:
            'The reporting agency’s leader signs the report as it stands (person certificate, CAdES B-T, confirmed by TOTP or passkey; acr 2)',
          params: obligationParams,
          body: signBody,
          response: { 200: obligationDto },
        },
      },
      async (req) => signObligation(ctx, requireUser(req), actorContext(req), req.params.id, req.body),
    );
    app.get(
      '/api/report-obligations/:id/signature/:part',
      {
        schema: {
          tags,
          summary: 'The signed report (content, canonical JSON) or its detached CAdES signature (signature, .p7s)',
          params: signatureParams,
        },
      },
      async (req, reply) => {
        const f = await signatureFile(ctx, requireUser(req), req.params.id, req.params.part);
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(ctx.files.open(f.sha256));
      },
    );
    app.get(
      '/api/report-obligations/:id/pdf',
      {
        schema: {
          tags,
          summary:
            'The report as a PDF in the template’s layout: indicators table, text sections, agency, period, signer',
          params: obligationParams,
        },
      },
      async (req, reply) => {
        const { pdf, name } = await obligationPdf(ctx, requireUser(req), req.params.id);
        reply.header('content-disposition', `attachment; filename="${name}"`);
        return reply.type('application/pdf').send(Buffer.from(pdf));
      },
    );
    app.post(
      '/api/report-obligations/:id/actions',
      {
        schema: {
          tags,
          summary: 'submit (reporting agency leader) | accept | return with a comment (receiver); Idempotency-Key',
          params: obligationParams,
          body: actionBody,
          response: { 200: obligationDto },
        },
      },
      async (req) =>
        actOnObligation(ctx, requireUser(req), actorContext(req), req.params.id, req.body, idempotencyKey(req)),
    );
    app.get(
      '/api/reports/aggregate',
      {
        schema: {
          tags,
          summary: 'Accepted values of a period over a scope, by each indicator’s rule',
          querystring: aggregateQuery,
          response: { 200: aggregateResponse },
        },
      },
      async (req) => aggregateReports(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/indicators',
      {
        schema: {
          tags,
          summary:
            'Resolution 17 indicators over a scope (VN or an agency) and dates, with a monthly series and the next level',
          querystring: indicatorsQuery,
          response: { 200: indicatorsResponse },
        },
      },
      async (req) => indicators(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/indicators/export',
      {
        schema: {
          tags,
          summary:
            'The dashboard’s view of a scope and dates as PDF (A4 landscape) or Excel: the same figures as GET /api/indicators',
          querystring: indicatorsExportQuery,
        },
      },
      async (req, reply) => {
        const { bytes, name } = await dashboardExport(ctx, requireUser(req), req.query);
        reply.header('content-disposition', `attachment; filename="${name}"`);
        return reply
          .type(
            req.query.format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .send(bytes);
      },
    );
    app.get(
      '/api/indicators/766',
      {
        schema: {
          tags,
          summary: 'Decision 766 scores of the provinces, or of an agency and the units below it, ranked',
          querystring: rankingQuery,
          response: { 200: rankingResponse },
        },
      },
      async (req) => ranking766(ctx, requireUser(req), req.query),
    );
    app.post(
      '/api/reporting/refresh',
      {
        schema: {
          tags,
          summary: 'Bring the indicator facts up to date now (administrators; a job does it every minute)',
          response: { 200: refreshResponse },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return refreshFacts(ctx);
      },
    );
    app.get(
      '/api/public/scores',
      {
        schema: {
          tags,
          summary: 'Decision 766 scores of every province, public',
          security: [],
          querystring: publicScoresQuery,
          response: { 200: rankingResponse },
        },
      },
      async (req) => ranking(ctx, { period: req.query.period }),
    );
    app.get(
      '/api/public/scores/:period.:format',
      {
        schema: {
          tags,
          summary: 'Open data: the Decision 766 scores of a period as CSV or JSON (stable URL)',
          security: [],
          params: openDataParams,
        },
      },
      async (req, reply) => {
        const r = await ranking(ctx, { period: req.params.period });
        reply.header(
          'content-disposition',
          `attachment; filename="diem-766-${req.params.period}.${req.params.format}"`,
        );
        reply.header('cache-control', 'public, max-age=60');
        if (req.params.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(r));
        return reply.type('text/csv; charset=utf-8').send(rankingCsv(r));
      },
    );
    app.get(
      '/api/dossier-ratings/:code',
      {
        schema: {
          tags,
          summary: 'My rating of a dossier of mine',
          params: ratingParams,
          response: { 200: myRatingDto },
        },
      },
      async (req) => myRating(ctx, requireUser(req), req.params.code),
    );
    app.put(
      '/api/dossier-ratings/:code',
      {
        schema: {
          tags,
          summary: 'Rate a finished dossier of mine, 1–5 with a reason (one per dossier)',
          params: ratingParams,
          body: ratingBody,
          response: { 200: ratingDto },
        },
      },
      async (req) => rateDossier(ctx, requireUser(req), actorContext(req), req.params.code, req.body),
    );
    app.get(
      '/api/received-reports',
      {
        schema: {
          tags,
          summary: 'Reports sent to my agency (or below it) from another deployment of the federation',
          querystring: receivedQuery,
          response: { 200: receivedList },
        },
      },
      async (req) => listReceived(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/received-reports/:id',
      {
        schema: {
          tags,
          summary: 'One report from another deployment: figures and texts read from the leader’s signed JSON',
          params: receivedParams,
          response: { 200: receivedDetail },
        },
      },
      async (req) => getReceived(ctx, requireUser(req), req.params.id),
    );
    app.get(
      '/api/received-reports/:id/signature/:part',
      {
        schema: {
          tags,
          summary: 'The signed report as it arrived (content, canonical JSON) or its detached CAdES signature (.p7s)',
          params: receivedFileParams,
        },
      },
      async (req, reply) => {
        const f = await receivedFile(ctx, requireUser(req), req.params.id, req.params.part);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.type(f.mediaType).send(f.bytes);
      },
    );
    app.post(
      '/api/received-reports/:id/actions',
      {
        schema: {
          tags,
          summary:
            'accept | return with a comment a report from another deployment (receiver); sent back to it; Idempotency-Key',
          params: receivedParams,
          body: receivedActionBody,
          response: { 200: receivedDto },
        },
      },
      async (req) =>
        decideReceived(ctx, requireUser(req), actorContext(req), req.params.id, req.body, idempotencyKey(req)),
    );

    // Deployment ↔ deployment, over the exchange's signed-HTTP federation (not user sessions).
    await app.register(async (scope) => {
      const raw = (_req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(null, body);
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 }, raw);
      const signed = async (req: FastifyRequest) => {
        const body = rawBody(req.body, 'application/json');
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
        );
        const peer = await ctx.ports.federation.verify({ method: req.method, path: req.url, headers }, body);
        return { peer, body };
      };
      scope.post(
        FEDERATION_REPORTS_PATH,
        {
          schema: {
            tags: ['reporting (federation)'],
            summary:
              'A submitted report from the reporting agency’s deployment (signed request; signed JSON + CAdES); stored once',
            security: [],
          },
        },
        async (req) => {
          const { peer, body } = await signed(req);
          return receiveReport(ctx, peer, body);
        },
      );
      scope.post(
        FEDERATION_STATUSES_PATH,
        {
          schema: {
            tags: ['reporting (federation)'],
            summary: 'The receiver’s acceptance or return of a report of ours (signed request); applied once',
            security: [],
          },
        },
        async (req) => {
          const { peer, body } = await signed(req);
          return receiveStatus(ctx, peer, body);
        },
      );
    });
    await excelRoutes(ctx)(app);
  };
}
