import { actorContext, requireRole, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey } from '../../platform/http/idempotency.js';
import { byAccount } from '../../platform/http/rate-limit.js';
import type { App } from '../../platform/http/server.js';
import { receiveUpload } from '../../platform/files/files.routes.js';
import { okResponse } from '../../platform/http/schemas.js';
import { normalizeVnPhone } from '../../platform/sms/index.js';
import type { FeedbackContext } from './feedback.context.js';
import { CONTENT_TYPES } from './feedback.rules.js';
import {
  actionBody,
  agencyParams,
  attachmentParams,
  contactCodeBody,
  contactCodeResponse,
  contactUploadParams,
  contentTypesResponse,
  feedbackCodeParams,
  feedbackDto,
  feedbackList,
  feedbackListQuery,
  petitionAnswerBody,
  petitionBody,
  petitionCreated,
  petitionDto,
  petitionIdParams,
  petitionList,
  petitionListQuery,
  petitionSettingsBody,
  petitionSettingsDto,
  publicFeedbackList,
  publicFeedbackQuery,
  revealedPhoneDto,
  revealPhoneBody,
  statsQuery,
  statsResponse,
  submitBody,
  submitResponse,
  supportResponse,
  uploadedFile,
  uploadParams,
  verificationParams,
  viewQuery,
} from './feedback.schemas.js';
import { actOnFeedback } from './use-cases/act.js';
import { feedbackStats, searchPublished, toCsv } from './use-cases/public.js';
import { feedbackAttachment, feedbackView, listFeedback, revealContactPhone } from './use-cases/read.js';
import { STAFF_ROLES } from './feedback.policy.js';
import {
  answerPetition,
  getPetition,
  listPetitions,
  openPetition,
  petitionSettingsOf,
  putPetitionSettings,
  supportPetition,
  withdrawSupport,
} from './use-cases/petitions.js';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  requestContactCode,
  submitFeedback,
  UNFILED_UPLOAD_MAX,
  uploadForContact,
} from './use-cases/submit.js';
import { removeContactUpload, removeUserUpload, uploadForUser } from './use-cases/uploads.js';

const tags = ['feedback'];
const paged = <T, R extends { items: T[]; total: number }>(r: R, q: { page: number; pageSize: number }) => ({
  ...r,
  page: q.page,
  pageSize: q.pageSize,
});
const EXPORT_MAX = 10_000;

/** Feedback (phản ánh, kiến nghị) and petitions: thin routes over the use cases. */
export function feedbackRoutes(ctx: FeedbackContext) {
  return async (app: App) => {
    app.get(
      '/api/feedback/content-types',
      {
        schema: {
          tags,
          summary: 'The content types of Decree 20/2008 Art 5 and the time limits in force, with their legal basis',
          security: [],
          response: { 200: contentTypesResponse },
        },
      },
      async () => ({
        items: Object.entries(CONTENT_TYPES).map(([code, name]) => ({ code, name })),
        limits: {
          answerDays: ctx.rules.answerDays,
          answerBasis: ctx.rules.answerBasis,
          forwardDays: ctx.rules.forwardDays,
          forwardBasis: ctx.rules.forwardBasis,
        },
      }),
    );
    app.post(
      '/api/feedback/contact-codes',
      {
        config: {
          limits: [
            { rule: 'feedback.ip' },
            { rule: 'contact.email', key: (req) => (req.body as { email?: string }).email },
            // The same number however written (0912…, +84912…) counts once.
            { rule: 'contact.phone', key: (req) => normalizeVnPhone((req.body as { phone?: string }).phone ?? '') },
            { rule: 'sms.ip', key: (req) => ((req.body as { phone?: string }).phone ? req.ip : null) },
          ],
        },
        schema: {
          tags,
          summary:
            'Send a one-time code to the e-mail or, by SMS, the Vietnamese mobile number an anonymous submitter gives (proves they read it)',
          security: [],
          body: contactCodeBody,
          response: { 201: contactCodeResponse },
        },
      },
      async (req, reply) => reply.code(201).send(await requestContactCode(ctx, actorContext(req), req.body)),
    );
    app.post(
      '/api/feedback/contact-codes/:id/files',
      {
        config: { limits: [{ rule: 'feedback.ip' }] },
        schema: {
          tags,
          summary: `Attach a file before filing anonymously (PDF, JPEG, PNG up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB, at most ${ATTACHMENT_MAX_COUNT}; header Upload-Token from the contact code); only that filing may take it`,
          security: [],
          consumes: ['multipart/form-data'],
          params: verificationParams,
          response: { 201: uploadedFile },
        },
      },
      async (req, reply) => {
        const token = req.headers['upload-token'];
        const f = await uploadForContact(ctx, req.params.id, typeof token === 'string' ? token : undefined, (max) =>
          receiveUpload(req, ctx.files, max),
        );
        return reply.code(201).send({ id: f.id, name: f.name, size: f.size, mediaType: f.mediaType });
      },
    );
    app.delete(
      '/api/feedback/contact-codes/:id/files/:fileId',
      {
        // Not counted with filings and uploads (feedback.ip): the token cannot be guessed, and taking
        // files out of the form must not use up the filer's budget for filing.
        schema: {
          tags,
          summary:
            'Remove a file uploaded with a verification and taken out of the form (header Upload-Token); a file a filing lists stays (409 ATTACHMENT_FILED)',
          security: [],
          params: contactUploadParams,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        const token = req.headers['upload-token'];
        await removeContactUpload(ctx, req.params.id, typeof token === 'string' ? token : undefined, req.params.fileId);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/feedback/uploads',
      {
        schema: {
          tags,
          summary: `Attach a file before filing, logged in (PDF, JPEG, PNG up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB; at most ${UNFILED_UPLOAD_MAX} not yet filed at once, 409 TOO_MANY_UNFILED_UPLOADS); only your filings may take it, and one never filed is removed after FEEDBACK_UNFILED_UPLOAD_HOURS`,
          consumes: ['multipart/form-data'],
          response: { 201: uploadedFile },
        },
      },
      async (req, reply) => {
        const f = await uploadForUser(ctx, requireUser(req), (max) => receiveUpload(req, ctx.files, max));
        return reply.code(201).send({ id: f.id, name: f.name, size: f.size, mediaType: f.mediaType });
      },
    );
    app.delete(
      '/api/feedback/uploads/:fileId',
      {
        schema: {
          tags,
          summary:
            'Remove a file you uploaded to the feedback form and took out of it; a file a filing lists stays (409 ATTACHMENT_FILED), another’s is 404',
          params: uploadParams,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await removeUserUpload(ctx, requireUser(req), req.params.fileId);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/feedback',
      {
        config: { limits: [{ rule: 'feedback.ip' }, { rule: 'feedback.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'File feedback (logged in, or anonymous with an e-mail verified by a one-time code) on a procedure, a dossier or an agency; Idempotency-Key',
          description:
            '`attachments`: ids of files uploaded for this filing: logged in, with `POST /api/feedback/uploads` (or, for API clients that already do so, your own `POST /api/files` uploads, which are also accepted); anonymous, with `POST /api/feedback/contact-codes/{id}/files` of the verification given.',
          security: [],
          body: submitBody,
          response: { 201: submitResponse },
        },
      },
      async (req, reply) => {
        const r = await submitFeedback(ctx, req.principal, actorContext(req), req.body, idempotencyKey(req));
        if (r.status === 201 && 'replayed' in r && r.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(r.body);
      },
    );
    app.get(
      '/api/feedback',
      {
        schema: {
          tags,
          summary:
            '?mine=true: what I filed; ?box=inbox|unrouted|approval|overdue|published|all: my agency’s work lists',
          querystring: feedbackListQuery,
          response: { 200: feedbackList },
        },
      },
      async (req) => paged(await listFeedback(ctx, requireUser(req), req.query), req.query),
    );
    app.get(
      '/api/feedback/:code',
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
            'One piece of feedback: in full for whoever filed it (account or ?token=) and its agency, else where it stands and what was published',
          security: [],
          params: feedbackCodeParams,
          querystring: viewQuery,
          response: { 200: feedbackDto },
        },
      },
      async (req) => feedbackView(ctx, req.principal, req.params.code, req.query.token),
    );
    app.get(
      '/api/feedback/:code/attachments/:fileId',
      {
        config: { limits: [{ rule: 'track.ip' }] },
        schema: {
          tags,
          summary:
            'An attachment: for whoever filed it (account or ?token=) and its agency (each read recorded); public once published only if the officer picked it',
          security: [],
          params: attachmentParams,
          querystring: viewQuery,
        },
      },
      async (req, reply) => {
        const f = await feedbackAttachment(
          ctx,
          req.principal,
          actorContext(req),
          req.params.code,
          req.params.fileId,
          req.query.token,
        );
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        reply.header('cache-control', 'private, no-store');
        return reply.send(f.stream);
      },
    );
    app.post(
      '/api/feedback/:code/contact-phone',
      {
        schema: {
          tags,
          summary:
            "The filer's full phone number, for a civil servant of the item's agency; every read is recorded in the audit log",
          params: feedbackCodeParams,
          body: revealPhoneBody,
          response: { 200: revealedPhoneDto },
        },
      },
      async (req, reply) => {
        const p = requireRole(req, ...STAFF_ROLES);
        reply.header('cache-control', 'private, no-store');
        return revealContactPhone(ctx, p, actorContext(req), req.params.code, req.body.reason || undefined);
      },
    );
    app.post(
      '/api/feedback/:code/actions',
      {
        schema: {
          tags,
          summary:
            'route | transfer (agency, reason) | answer (draft) | approve (leader) | publish (masked) | rate (whoever filed it) | merge (into a duplicate)',
          security: [],
          params: feedbackCodeParams,
          body: actionBody,
          response: { 200: feedbackDto },
        },
      },
      async (req) => {
        if (req.body.action !== 'rate') requireUser(req);
        await actOnFeedback(ctx, req.principal, actorContext(req), req.params.code, req.body);
        return feedbackView(
          ctx,
          req.principal,
          req.params.code,
          req.body.action === 'rate' ? req.body.token : undefined,
        );
      },
    );
    app.get(
      '/api/public/feedback',
      {
        schema: {
          tags,
          summary: 'Published feedback and answers (personal data masked), by agency, procedure, type and text',
          security: [],
          querystring: publicFeedbackQuery,
          response: { 200: publicFeedbackList },
        },
      },
      async (req) => paged(await searchPublished(ctx, req.query), req.query),
    );
    for (const format of ['csv', 'json'] as const)
      app.get(
        `/api/public/feedback/export.${format}`,
        {
          schema: {
            tags,
            summary: `Published feedback as ${format.toUpperCase()} (same filters as the list; at most ${EXPORT_MAX} rows)`,
            security: [],
            querystring: publicFeedbackQuery.omit({ page: true, pageSize: true }),
          },
        },
        async (req, reply) => {
          const r = await searchPublished(ctx, { ...req.query, page: 1, pageSize: EXPORT_MAX });
          reply.header('content-disposition', `attachment; filename="phan-anh-kien-nghi.${format}"`);
          if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(r.items));
          const cols = [
            'code',
            'contentType',
            'agencyCode',
            'procedureCode',
            'title',
            'text',
            'answer',
            'createdAt',
            'answeredAt',
            'publishedAt',
            'onTime',
            'rating',
          ];
          return reply.type('text/csv; charset=utf-8').send(toCsv(r.items, cols));
        },
      );
    app.get(
      '/api/stats/feedback',
      {
        schema: {
          tags,
          summary: 'Per agency: received, answered on time, late, average days, satisfaction (public)',
          security: [],
          querystring: statsQuery,
          response: { 200: statsResponse },
        },
      },
      async (req) => feedbackStats(ctx, req.query),
    );
    app.get(
      '/api/stats/feedback/export.csv',
      { schema: { tags, summary: 'The statistics as CSV', security: [], querystring: statsQuery } },
      async (req, reply) => {
        const r = await feedbackStats(ctx, req.query);
        reply.header('content-disposition', 'attachment; filename="thong-ke-phan-anh.csv"');
        const cols = [
          'agencyCode',
          'received',
          'answered',
          'answeredOnTime',
          'late',
          'averageDays',
          'rated',
          'satisfaction',
        ];
        return reply.type('text/csv; charset=utf-8').send(toCsv(r.items, cols));
      },
    );

    app.post(
      '/api/petitions',
      {
        config: { limits: [{ rule: 'petition.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'Open a petition to an agency (verified identity: desk, VNeID or certificate); Idempotency-Key',
          body: petitionBody,
          response: { 201: petitionCreated },
        },
      },
      async (req, reply) => {
        const r = await openPetition(ctx, requireUser(req), actorContext(req), req.body, idempotencyKey(req));
        return reply.code(201).send(r.body);
      },
    );
    app.get(
      '/api/petitions/:id',
      {
        schema: {
          tags,
          summary: 'A petition with its count and answer',
          security: [],
          params: petitionIdParams,
          response: { 200: petitionDto },
        },
      },
      async (req) => getPetition(ctx, req.principal, req.params.id),
    );
    app.post(
      '/api/petitions/:id/supports',
      {
        config: { limits: [{ rule: 'petition.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'Support a petition with my verified identity (once per person; a repeat answers 200 with the count)',
          params: petitionIdParams,
          response: { 200: supportResponse, 201: supportResponse },
        },
      },
      async (req, reply) => {
        const r = await supportPetition(ctx, requireUser(req), actorContext(req), req.params.id);
        return reply.code(r.created ? 201 : 200).send(r);
      },
    );
    app.delete(
      '/api/petitions/:id/supports/mine',
      {
        schema: {
          tags,
          summary: 'Withdraw my support while the petition is open',
          params: petitionIdParams,
          response: { 200: supportResponse },
        },
      },
      async (req) => withdrawSupport(ctx, requireUser(req), actorContext(req), req.params.id),
    );
    app.post(
      '/api/petitions/:id/answer',
      {
        schema: {
          tags,
          summary:
            'The agency’s leader answers a petition past its threshold; published on its page, supporters notified',
          params: petitionIdParams,
          body: petitionAnswerBody,
          response: { 200: petitionDto },
        },
      },
      async (req) => {
        await answerPetition(ctx, requireRole(req, 'leader'), actorContext(req), req.params.id, req.body.text);
        return getPetition(ctx, req.principal, req.params.id);
      },
    );
    app.get(
      '/api/public/petitions',
      {
        schema: {
          tags,
          summary: 'Petitions by agency, status and title',
          security: [],
          querystring: petitionListQuery,
          response: { 200: petitionList },
        },
      },
      async (req) => paged(await listPetitions(ctx, req.query), req.query),
    );
    app.get(
      '/api/public/petitions/export.csv',
      {
        schema: {
          tags,
          summary: 'Petitions as CSV (same filters)',
          security: [],
          querystring: petitionListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const r = await listPetitions(ctx, { ...req.query, page: 1, pageSize: EXPORT_MAX });
        reply.header('content-disposition', 'attachment; filename="kien-nghi.csv"');
        const cols = [
          'id',
          'title',
          'agencyCode',
          'threshold',
          'supportCount',
          'status',
          'closesAt',
          'responseDueAt',
          'answeredAt',
        ];
        return reply.type('text/csv; charset=utf-8').send(toCsv(r.items, cols));
      },
    );
    app.get(
      '/api/petitions/settings/:agencyCode',
      {
        schema: {
          tags,
          summary: 'An agency’s petition threshold, window and response time',
          security: [],
          params: agencyParams,
          response: { 200: petitionSettingsDto },
        },
      },
      async (req) => petitionSettingsOf(ctx, req.params.agencyCode),
    );
    app.put(
      '/api/petitions/settings/:agencyCode',
      {
        schema: {
          tags,
          summary: 'Set the agency’s petition threshold, window and response time (its agency_admin or leader)',
          params: agencyParams,
          body: petitionSettingsBody,
          response: { 200: petitionSettingsDto },
        },
      },
      async (req) =>
        putPetitionSettings(
          ctx,
          requireRole(req, 'agency_admin', 'leader', 'admin'),
          actorContext(req),
          req.params.agencyCode,
          req.body,
        ),
    );
  };
}
