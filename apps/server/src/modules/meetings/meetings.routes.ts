import type { ServerResponse } from 'node:http';
import { actorContext, requireUser } from '../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../platform/http/idempotency.js';
import type { App } from '../../platform/http/server.js';
import type { MeetingEvent, MeetingsContext } from './meetings.context.js';
import * as s from './meetings.schemas.js';
import { actOnMeeting, type ActionInput, reportTask, setPosition, vote } from './use-cases/act.js';
import { standing } from './use-cases/common.js';
import { addItem, addPaper, createMeeting } from './use-cases/create.js';
import { draftMinutes } from './use-cases/minutes.js';
import {
  answerFile,
  answerOpinion,
  closeOpinionRequest,
  createOpinionRequest,
  listOpinionRequests,
  opinionPaper,
  opinionTally,
} from './use-cases/opinions.js';
import { draftOpinionDecision } from './use-cases/opinion-decision.js';
import { readPaper } from './use-cases/papers.js';
import { editItem, removeItem, withdrawPaper } from './use-cases/agenda-edit.js';
import { findPeople, myAgencyTask, myAgencyTasks, reorderItems } from './use-cases/prepare.js';
import { addProposalToMeeting, declineProposal, listProposals } from './use-cases/proposals.js';
import { consentAgenda, listMeetings, meetingStats, meetingView } from './use-cases/read.js';

const tags = ['meetings'];
const HEARTBEAT_MS = 25_000;

/** e-Cabinet: meetings and written opinions; thin routes over the use cases. */
export function meetingsRoutes(ctx: MeetingsContext) {
  const streams = new Set<ServerResponse>();
  return async (app: App) => {
    // Live streams would keep the server from closing: end them first.
    app.addHook('preClose', async () => {
      for (const r of streams) r.end();
    });
    app.get(
      '/api/meetings/proposals',
      {
        schema: {
          tags,
          summary:
            'Proposed agenda items (a petition past its threshold …) for the meetings of my agency and the units below it (organisers: leader, specialist, clerk)',
          querystring: s.proposalListQuery,
          response: { 200: s.proposalList },
        },
      },
      async (req) => listProposals(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/meetings/people',
      {
        schema: {
          tags,
          summary:
            'People picker: civil servants of my agency and its units by name (organisers: ?agency= a body above mine)',
          querystring: s.peopleQuery,
          response: { 200: s.peopleResponse },
        },
      },
      async (req) => findPeople(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/meetings/tasks',
      {
        schema: {
          tags,
          summary: 'Tasks (nhiệm vụ giao) assigned to my agency in meeting conclusions, to report done',
          querystring: s.myTasksQuery,
          response: { 200: s.myTasksResponse },
        },
      },
      async (req) => myAgencyTasks(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/meetings/tasks/:taskId',
      {
        schema: {
          tags,
          summary:
            'One task assigned to my agency (the task e-mail links to it); 404 to anyone outside the owner agency',
          params: s.agencyTaskParams,
          response: { 200: s.agencyTask },
        },
      },
      async (req) => myAgencyTask(ctx, requireUser(req), req.params.taskId),
    );
    app.post(
      '/api/meetings/proposals/:id/add',
      {
        schema: {
          tags,
          summary: 'Put a proposed item on the agenda of a draft meeting of the same body (its chair or secretary)',
          params: s.proposalParams,
          body: s.proposalAddBody,
          response: { 200: s.proposalDto },
        },
      },
      async (req) => addProposalToMeeting(ctx, actorContext(req), requireUser(req), req.params.id, req.body.meetingId),
    );
    app.post(
      '/api/meetings/proposals/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline a proposed item, with the reason (an organiser of the body)',
          params: s.proposalParams,
          body: s.proposalDeclineBody,
          response: { 200: s.proposalDto },
        },
      },
      async (req) => declineProposal(ctx, actorContext(req), requireUser(req), req.params.id, req.body.reason),
    );
    app.post(
      '/api/meetings',
      {
        schema: {
          tags,
          summary:
            'Prepare a meeting (draft) of a body: chair, secretary, members, guests, place or video; Idempotency-Key',
          body: s.createMeetingBody,
          response: { 201: s.createdResponse },
        },
      },
      async (req, reply) => {
        const r = await createMeeting(ctx, actorContext(req), requireUser(req), req.body, idempotencyKey(req));
        markReplayed(reply, r);
        return reply.code(201).send(r.body);
      },
    );
    app.get(
      '/api/meetings',
      {
        schema: {
          tags,
          summary: 'Meetings I take part in (?from=&to= dates in Vietnam, ?status=)',
          querystring: s.listQuery,
          response: { 200: s.meetingList },
        },
      },
      async (req) => ({
        ...(await listMeetings(ctx, requireUser(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/api/meetings/stats',
      {
        schema: {
          tags,
          summary:
            'e-Cabinet figures of my agency: meetings, pages saved, session length, consent share, opinions in time',
          querystring: s.statsQuery,
          response: { 200: s.statsResponse },
        },
      },
      async (req) => meetingStats(ctx, requireUser(req), req.query),
    );
    app.get(
      '/api/meetings/:id',
      {
        schema: {
          tags,
          summary: 'A meeting as I may see it (a guest: his items only), with what I may do now; 404 to outsiders',
          params: s.meetingParams,
          response: { 200: s.meetingDto },
        },
      },
      async (req) => meetingView(ctx, requireUser(req), req.params.id),
    );
    app.post(
      '/api/meetings/:id/actions',
      {
        schema: {
          tags,
          summary:
            'A step of the meeting: convene, confirm, delegate, attendance, open, adopt_consent, decide, close …',
          params: s.meetingParams,
          body: s.actionBody,
          response: { 200: s.actionResponse },
        },
      },
      async (req) => actOnMeeting(ctx, actorContext(req), requireUser(req), req.params.id, req.body as ActionInput),
    );
    app.post(
      '/api/meetings/:id/items',
      {
        schema: {
          tags,
          summary: 'Add an agenda item with its presenter and papers (chair or secretary); Idempotency-Key',
          params: s.meetingParams,
          body: s.itemBody,
          response: { 201: s.idResponse },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await addItem(
              ctx,
              actorContext(req),
              requireUser(req),
              req.params.id,
              req.body,
              undefined,
              idempotencyKey(req),
            ),
          ),
    );
    app.patch(
      '/api/meetings/:id/items/:itemId',
      {
        schema: {
          tags,
          summary:
            'Edit an agenda item: title, description, presenter, guests (chair or secretary; after convening it shows as changed; not once closed)',
          params: s.itemParams,
          body: s.itemPatchBody,
          response: { 200: s.itemEditResponse },
        },
      },
      async (req) => editItem(ctx, actorContext(req), requireUser(req), req.params.id, req.params.itemId, req.body),
    );
    app.delete(
      '/api/meetings/:id/items/:itemId',
      {
        schema: {
          tags,
          summary:
            'Take an item off the agenda (chair or secretary): a draft’s item is deleted; after convening it is marked withdrawn, its positions kept, out of the consent agenda',
          params: s.itemParams,
          response: { 200: s.itemRemoveResponse },
        },
      },
      async (req) => removeItem(ctx, actorContext(req), requireUser(req), req.params.id, req.params.itemId),
    );
    app.put(
      '/api/meetings/:id/items/order',
      {
        schema: {
          tags,
          summary: 'Reorder the agenda: every item id once, in the new order (chair or secretary)',
          params: s.meetingParams,
          body: s.reorderBody,
          response: { 200: s.reorderResponse },
        },
      },
      async (req) => reorderItems(ctx, actorContext(req), requireUser(req), req.params.id, req.body.itemIds),
    );
    app.post(
      '/api/meetings/:id/items/:itemId/papers',
      {
        schema: {
          tags,
          summary:
            'Add a paper to an item (an upload: fileId, or a document I may read: documentId), or a new version of one (paperKey); after convening it shows as new; Idempotency-Key',
          params: s.itemParams,
          body: s.paperBody,
          response: { 201: s.paperResponse },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await addPaper(
              ctx,
              actorContext(req),
              requireUser(req),
              req.params.id,
              req.params.itemId,
              req.body,
              idempotencyKey(req),
            ),
          ),
    );
    app.post(
      '/api/meetings/:id/papers/:paperId/withdraw',
      {
        schema: {
          tags,
          summary:
            'Withdraw a paper version, or the whole paper (chair, secretary or presenter; until closed): marked withdrawn with who and when, never deleted',
          params: s.paperParams,
          body: s.withdrawBody,
          response: { 200: s.withdrawResponse },
        },
      },
      async (req) =>
        withdrawPaper(ctx, actorContext(req), requireUser(req), req.params.id, req.params.paperId, req.body),
    );
    app.get(
      '/api/meetings/:id/papers/:paperId',
      {
        schema: {
          tags,
          summary:
            'Read a paper (inline); a closed session’s papers are watermarked with my name and never downloadable',
          params: s.paperParams,
        },
      },
      async (req, reply) => {
        const f = await readPaper(ctx, actorContext(req), requireUser(req), req.params.id, req.params.paperId);
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        reply.header('cache-control', f.secret ? 'no-store' : 'private, max-age=300');
        return reply.send(f.body);
      },
    );
    app.put(
      '/api/meetings/:id/items/:itemId/position',
      {
        schema: {
          tags,
          summary: 'My position on an item before the session: agree, object (with a note), or speak',
          params: s.itemParams,
          body: s.positionBody,
          response: { 200: s.positionResponse },
        },
      },
      async (req) => setPosition(ctx, actorContext(req), requireUser(req), req.params.id, req.params.itemId, req.body),
    );
    app.get(
      '/api/meetings/:id/consent-agenda',
      {
        schema: {
          tags,
          summary: 'Items with no objection and no request to speak: adoptable as one block',
          params: s.meetingParams,
          response: { 200: s.consentResponse },
        },
      },
      async (req) => consentAgenda(ctx, requireUser(req), req.params.id),
    );
    app.post(
      '/api/meetings/:id/items/:itemId/votes',
      {
        schema: {
          tags,
          summary:
            'Votes: open one ({method, question}), record a show of hands ({method: show_of_hands, yes, no}), cast ({choice}), close ({close: true})',
          params: s.itemParams,
          body: s.voteBody,
          response: { 200: s.voteResponse, 201: s.voteResponse },
        },
      },
      async (req, reply) => {
        const r = await vote(ctx, actorContext(req), requireUser(req), req.params.id, req.params.itemId, req.body);
        return reply.code(r.status).send(r.body);
      },
    );
    app.post(
      '/api/meetings/:id/minutes',
      {
        schema: {
          tags,
          summary:
            'Draft the conclusions (TB) or the minutes (BB) from the items in the documents module (→ its document id)',
          params: s.meetingParams,
          body: s.minutesBody,
          response: { 200: s.minutesResponse, 201: s.minutesResponse },
        },
      },
      async (req, reply) => {
        const r = await draftMinutes(ctx, actorContext(req), requireUser(req), req.params.id, req.body.kind);
        return reply.code(r.created ? 201 : 200).send(r);
      },
    );
    app.post(
      '/api/meetings/:id/tasks/:taskId/report',
      {
        schema: {
          tags,
          summary: 'The owner agency reports an assigned task done',
          params: s.taskParams,
          body: s.taskReportBody,
          response: { 200: s.taskReportResponse },
        },
      },
      async (req) =>
        reportTask(ctx, actorContext(req), requireUser(req), req.params.id, req.params.taskId, req.body.report),
    );
    app.get(
      '/api/meetings/:id/events',
      {
        schema: {
          tags,
          summary: 'Server-sent events: every change of the meeting (new paper, position, vote, decision, status)',
          params: s.meetingParams,
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const { m } = await standing(ctx, p, req.params.id);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 3000\n: ${m.id}\n\n`);
        const send = (e: MeetingEvent) => res.write(`event: change\ndata: ${JSON.stringify(e)}\n\n`);
        const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        streams.add(res);
        // Each change is checked against who may see it when it comes (meetings.live.ts).
        const unfollow = ctx.live.follow(m.id, { userId: p.userId, send, end: () => res.end() });
        const done = () => {
          clearInterval(beat);
          unfollow();
          streams.delete(res);
        };
        req.raw.on('close', done);
        res.on('close', done);
      },
    );

    app.post(
      '/api/opinion-requests',
      {
        schema: {
          tags,
          summary: 'Ask the members a written opinion (Phiếu lấy ý kiến): question, papers, deadline; Idempotency-Key',
          body: s.opinionBody,
          response: { 201: s.createdResponse },
        },
      },
      async (req, reply) => {
        const r = await createOpinionRequest(ctx, actorContext(req), requireUser(req), req.body, idempotencyKey(req));
        markReplayed(reply, r);
        return reply.code(201).send(r.body);
      },
    );
    app.get(
      '/api/opinion-requests',
      { schema: { tags, summary: 'Written opinion rounds I was asked in or sent', response: { 200: s.opinionList } } },
      async (req) => listOpinionRequests(ctx, requireUser(req)),
    );
    app.post(
      '/api/opinion-requests/:id/answers',
      {
        schema: {
          tags,
          summary:
            'Answer agree / disagree / other, signed with my person certificate (CAdES, confirmed by TOTP or passkey; acr 2)',
          params: s.opinionParams,
          body: s.answerBody,
          response: { 201: s.answerResponse },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await answerOpinion(ctx, actorContext(req), requireUser(req), req.params.id, req.body)),
    );
    app.get(
      '/api/opinion-requests/:id/tally',
      {
        schema: {
          tags,
          summary: 'Who answered what, in time or not, and the result',
          params: s.opinionParams,
          response: { 200: s.tallyResponse },
        },
      },
      async (req) => opinionTally(ctx, requireUser(req), req.params.id),
    );
    app.post(
      '/api/opinion-requests/:id/close',
      {
        schema: {
          tags,
          summary: 'Close the round (who sent it): the majority of those asked decides',
          params: s.opinionParams,
          response: { 200: s.closeResponse },
        },
      },
      async (req) => closeOpinionRequest(ctx, actorContext(req), requireUser(req), req.params.id),
    );
    app.post(
      '/api/opinion-requests/:id/decision',
      {
        schema: {
          tags,
          summary:
            'Draft the result of a closed round as a document (TB or QĐ) in the documents module, from the tally (who sent it) → its document id',
          params: s.opinionParams,
          body: s.opinionDecisionBody,
          response: { 200: s.minutesResponse, 201: s.minutesResponse },
        },
      },
      async (req, reply) => {
        const r = await draftOpinionDecision(ctx, actorContext(req), requireUser(req), req.params.id, req.body);
        return reply.code(r.created ? 201 : 200).send(r);
      },
    );
    app.get(
      '/api/opinion-requests/:id/papers/:fileId',
      {
        schema: {
          tags,
          summary: 'A paper of the question (the members asked and who sent it)',
          params: s.opinionPaperParams,
        },
      },
      async (req, reply) => {
        const f = await opinionPaper(ctx, requireUser(req), req.params.id, req.params.fileId);
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(ctx.files.open(f.sha256));
      },
    );
    app.get(
      '/api/opinion-requests/:id/answers/:userId/:part',
      {
        schema: {
          tags,
          summary: 'An answer sheet (content) or its detached CAdES signature (signature, .p7s)',
          params: s.answerFileParams,
        },
      },
      async (req, reply) => {
        const f = await answerFile(ctx, requireUser(req), req.params.id, req.params.userId, req.params.part);
        reply.header('content-type', f.mediaType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(ctx.files.open(f.sha256));
      },
    );
  };
}
