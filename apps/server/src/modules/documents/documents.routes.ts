import { z } from 'zod';
import { fileRepository } from '../../platform/files/index.js';
import { actorContext, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import { listStaffAccounts } from '../identity/index.js';
import type { DocumentsContext } from './documents.context.js';
import { documentsRepository as repo } from './documents.repository.js';
import * as s from './documents.schemas.js';
import { DOCUMENT_TYPES } from './reference/document-types.js';
import { actOnDocument } from './use-cases/act.js';
import { signDocuments } from './use-cases/bulk-sign.js';
import { requireDocumentStaff, visibleDocument } from './use-cases/common.js';
import { createDocument } from './use-cases/create.js';
import { receivePaper } from './use-cases/paper.js';
import { documentView, getDocument, listDocuments } from './use-cases/read.js';
import { addToRecord, createRecord, getRecord, listRecords } from './use-cases/records.js';
import { registerPdf, registerXlsx } from './use-cases/register-export.js';
import { registerRows } from './use-cases/registers.js';
import { listSettings, putSettings } from './use-cases/settings.js';

const tags = ['documents'];

export function documentRoutes(ctx: DocumentsContext) {
  return (app: App) => {
    app.get(
      '/api/document-types',
      {
        schema: {
          tags,
          summary: 'The 29 document types and abbreviations (Decree 30/2020 Phụ lục III)',
          response: { 200: s.typesResponse },
        },
      },
      async (req) => {
        requireUser(req);
        return { items: [...DOCUMENT_TYPES] };
      },
    );
    app.post(
      '/api/documents',
      {
        schema: {
          tags,
          summary: 'Draft an outgoing document (Idempotency-Key accepted)',
          body: s.createBody,
          response: { 201: s.createdResponse },
        },
      },
      async (req, reply) => {
        const r = markReplayed(
          reply,
          await createDocument(ctx, actorContext(req), requireUser(req), req.body, idempotencyKey(req)),
        );
        return reply.code(201).send(r.body);
      },
    );
    app.post(
      '/api/documents/incoming',
      {
        schema: {
          tags,
          summary: 'Enter a paper incoming document with its scan (clerk)',
          body: s.paperBody,
          response: { 201: s.createdResponse },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await receivePaper(ctx, actorContext(req), requireUser(req), req.body)),
    );
    app.get(
      '/api/documents',
      {
        schema: {
          tags,
          summary: 'Boxes: tasks, drafts, outgoing, incoming; accent-insensitive search',
          querystring: s.listQuery,
          response: { 200: s.listResponse },
        },
      },
      async (req) => {
        const r = await listDocuments(ctx, requireUser(req), req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
    app.get(
      '/api/documents/assignees',
      {
        schema: {
          tags,
          summary: 'Specialists and leaders of a unit who can handle a document',
          querystring: s.assigneesQuery,
          response: { 200: s.assigneesResponse },
        },
      },
      async (req) => {
        const p = requireDocumentStaff(requireUser(req), ['leader', 'clerk']);
        const unit = await ctx.directory.find(req.query.unit);
        if (!unit || !(await ctx.directory.isWithin(p.agencyCode, unit.code)))
          throw new ForbiddenError('FORBIDDEN_AGENCY', 'Units of your agency only.');
        const people = await listStaffAccounts(ctx.identity, await ctx.directory.subtreeCodes(unit.code), [
          'specialist',
          'leader',
        ]);
        return {
          items: people.map((u) => ({ id: u.id, fullName: u.fullName, agencyCode: u.agencyCode, roles: u.roles })),
        };
      },
    );
    app.get(
      '/api/documents/:id',
      {
        schema: {
          tags,
          summary:
            'A document: metadata, versions, comments, history, recipients and their statuses, register entries, allowed actions',
          params: s.idParams,
          response: { 200: s.documentDto },
        },
      },
      async (req) => getDocument(ctx, requireUser(req), req.params.id),
    );
    app.post(
      '/api/documents/:id/actions',
      {
        schema: {
          tags,
          summary:
            'submit | review | return | sign | issue | send | revoke | update | replace | register | reject | assign | progress | complete | accept_change | refuse_change | comment | add_version',
          params: s.idParams,
          body: s.actionBody,
          response: { 200: s.documentDto },
        },
      },
      async (req) => {
        const p = requireUser(req);
        await actOnDocument(ctx, actorContext(req), p, req.params.id, req.body);
        const { d, who } = await visibleDocument(ctx, p, req.params.id);
        return documentView(ctx, d, who);
      },
    );
    app.post(
      '/api/documents/bulk-sign',
      {
        schema: {
          tags,
          summary:
            'Ký số hàng loạt: the leader signs the listed documents with one confirmation; a result per document (Idempotency-Key accepted)',
          body: s.bulkSignBody,
          response: { 200: s.bulkSignResponse },
        },
      },
      async (req, reply) => {
        const r = await signDocuments(ctx, actorContext(req), requireUser(req), req.body, idempotencyKey(req));
        return markReplayed(reply, r).body;
      },
    );
    app.get(
      '/api/documents/:id/files/:fileId',
      { schema: { tags, summary: 'Download a file of the document', params: s.fileParams } },
      async (req, reply) => {
        const { d } = await visibleDocument(ctx, requireUser(req), req.params.id);
        const f = (await repo.hasFile(ctx.db, d.id, req.params.fileId))
          ? await fileRepository.byId(ctx.db, req.params.fileId)
          : null;
        if (!f) throw new NotFoundError('FILE_NOT_FOUND', 'No such file.');
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(ctx.files.open(f.sha256));
      },
    );
    app.get(
      '/api/registers/:book',
      {
        schema: {
          tags,
          summary: 'Outgoing or incoming register rows (Phụ lục IV columns)',
          params: s.bookParams,
          querystring: s.registerQuery,
          response: { 200: s.registerResponse },
        },
      },
      async (req) => registerRows(ctx, requireUser(req), req.params.book, req.query),
    );
    app.get(
      '/api/registers/:book/export',
      { schema: { tags, summary: 'The register as PDF or Excel', params: s.bookParams, querystring: s.exportQuery } },
      async (req, reply) => {
        const r = await registerRows(ctx, requireUser(req), req.params.book, req.query);
        const now = ctx.clock.now();
        const name = `so-van-ban-${r.book === 'outgoing' ? 'di' : 'den'}-${r.agencyCode}-${r.year}.${req.query.format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (req.query.format === 'pdf')
          return reply.type('application/pdf').send(Buffer.from(await registerPdf(r, now)));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await registerXlsx(r, now));
      },
    );
    app.get(
      '/api/document-settings',
      {
        schema: {
          tags,
          summary: 'Notation abbreviations and place names of my agency and its units',
          response: { 200: z.object({ items: z.array(s.settingsDto) }) },
        },
      },
      async (req) => listSettings(ctx, requireUser(req)),
    );
    app.put(
      '/api/document-settings/:agencyCode',
      {
        schema: {
          tags,
          summary: 'Set an agency abbreviation (agency admin)',
          params: s.agencyParams,
          body: s.settingsBody,
          response: { 200: s.settingsDto },
        },
      },
      async (req) => putSettings(ctx, actorContext(req), requireUser(req), req.params.agencyCode, req.body),
    );
    app.post(
      '/api/records',
      {
        schema: {
          tags,
          summary: 'Open a record (hồ sơ) coded {OrganId}.{year}.{FileNotation}',
          body: s.recordBody,
          response: { 201: s.recordCreated },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createRecord(ctx, actorContext(req), requireUser(req), req.body)),
    );
    app.get(
      '/api/records',
      {
        schema: {
          tags,
          summary: 'Records of my agency',
          querystring: s.recordsQuery,
          response: { 200: s.recordListResponse },
        },
      },
      async (req) => listRecords(ctx, requireUser(req), req.query.year),
    );
    app.get(
      '/api/records/:id',
      { schema: { tags, summary: 'A record with its documents', params: s.idParams, response: { 200: s.recordDto } } },
      async (req) => getRecord(ctx, requireUser(req), req.params.id),
    );
    app.post(
      '/api/records/:id/documents',
      {
        schema: {
          tags,
          summary: 'Put a document in a record',
          params: s.idParams,
          body: s.recordItemBody,
          response: { 200: s.recordDto },
        },
      },
      async (req) => addToRecord(ctx, actorContext(req), requireUser(req), req.params.id, req.body.documentId),
    );
  };
}
