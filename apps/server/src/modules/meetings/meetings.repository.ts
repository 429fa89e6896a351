import { and, asc, count, desc, eq, gte, inArray, isNull, lte, max, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import {
  ballots,
  type MeetingStatus,
  meetings,
  opinionAnswers,
  opinionRequests,
  papers,
  participants,
  positions,
  items,
  proposals,
  type ProposalStatus,
  speeches,
  tasks,
  votes,
} from './db/schema.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type PaperRow = typeof papers.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type VoteRow = typeof votes.$inferSelect;
export type BallotRow = typeof ballots.$inferSelect;
export type SpeechRow = typeof speeches.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type OpinionRequestRow = typeof opinionRequests.$inferSelect;
export type OpinionAnswerRow = typeof opinionAnswers.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;

export interface MeetingFilter {
  /** Meetings the user takes part in, or (null) every meeting of `agencyCodes`. */
  userId: string | null;
  agencyCodes?: string[];
  from?: Date;
  to?: Date;
  status?: MeetingStatus;
  page: number;
  pageSize: number;
}

/** The only code that touches the meetings module's tables. */
export const meetingsRepository = {
  /** A proposal, unless one for the same source exists (then nothing: proposing is idempotent). */
  async insertProposal(ex: Executor, row: typeof proposals.$inferInsert) {
    const r = await ex.insert(proposals).values(row).onConflictDoNothing().returning({ id: proposals.id });
    return r.length > 0;
  },
  async proposalBySource(ex: Executor, kind: string, id: string) {
    return (
      (
        await ex
          .select()
          .from(proposals)
          .where(and(eq(proposals.sourceKind, kind), eq(proposals.sourceId, id)))
      )[0] ?? null
    );
  },
  async proposal(ex: Executor, id: string) {
    return (await ex.select().from(proposals).where(eq(proposals.id, id)))[0] ?? null;
  },
  async lockProposal(ex: Executor, id: string) {
    return (await ex.select().from(proposals).where(eq(proposals.id, id)).for('update'))[0] ?? null;
  },
  /**
   * The proposal an agenda item came from goes back to the organisers' list when the item leaves the agenda
   * (deleted from a draft, or withdrawn after convening): it can be put on another meeting. Returns its id.
   */
  async returnProposalOfItem(ex: Executor, itemId: string) {
    const r = await ex
      .update(proposals)
      .set({ status: 'proposed', meetingId: null, itemId: null, decidedBy: null, decidedAt: null })
      .where(and(eq(proposals.itemId, itemId), eq(proposals.status, 'added')))
      .returning({ id: proposals.id });
    return r[0]?.id ?? null;
  },
  async updateProposal(ex: Executor, id: string, patch: Partial<typeof proposals.$inferInsert>) {
    await ex.update(proposals).set(patch).where(eq(proposals.id, id));
  },
  async listProposals(
    ex: Executor,
    f: { agencyCodes: string[]; status?: ProposalStatus; page: number; pageSize: number },
  ) {
    const where = and(
      inArray(proposals.agencyCode, f.agencyCodes.length ? f.agencyCodes : ['']),
      f.status ? eq(proposals.status, f.status) : undefined,
    );
    const rows = await ex
      .select()
      .from(proposals)
      .where(where)
      .orderBy(desc(proposals.createdAt), desc(proposals.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [n] = await ex.select({ n: count() }).from(proposals).where(where);
    return { items: rows, total: n?.n ?? 0 };
  },

  async insertMeeting(ex: Executor, row: typeof meetings.$inferInsert) {
    await ex.insert(meetings).values(row);
  },
  async meeting(ex: Executor, id: string) {
    return (await ex.select().from(meetings).where(eq(meetings.id, id)))[0] ?? null;
  },
  async lockMeeting(ex: Executor, id: string) {
    return (await ex.select().from(meetings).where(eq(meetings.id, id)).for('update'))[0] ?? null;
  },
  async updateMeeting(ex: Executor, id: string, patch: Partial<typeof meetings.$inferInsert>) {
    await ex.update(meetings).set(patch).where(eq(meetings.id, id));
  },
  async listMeetings(ex: Executor, f: MeetingFilter) {
    const where: SQL[] = [];
    if (f.userId)
      where.push(
        sql`${meetings.id} in (select ${participants.meetingId} from ${participants} where ${participants.userId} = ${f.userId})`,
      );
    if (f.agencyCodes) where.push(inArray(meetings.agencyCode, f.agencyCodes));
    if (f.from) where.push(gte(meetings.startsAt, f.from));
    if (f.to) where.push(lte(meetings.startsAt, f.to));
    if (f.status) where.push(eq(meetings.status, f.status));
    const cond = where.length ? and(...where) : undefined;
    const rows = await ex
      .select()
      .from(meetings)
      .where(cond)
      .orderBy(desc(meetings.startsAt), asc(meetings.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [{ n }] = (await ex.select({ n: count() }).from(meetings).where(cond)) as [{ n: number }];
    return { items: rows, total: Number(n) };
  },

  async insertParticipants(ex: Executor, rows: (typeof participants.$inferInsert)[]) {
    if (rows.length) await ex.insert(participants).values(rows).onConflictDoNothing();
  },
  async participantsOf(ex: Executor, meetingId: string) {
    return ex.select().from(participants).where(eq(participants.meetingId, meetingId));
  },
  /** The meeting and the user's participant row (null if he takes no part), in one round trip. */
  async meetingAndParticipant(ex: Executor, meetingId: string, userId: string) {
    const [r] = await ex
      .select({ m: meetings, me: participants })
      .from(meetings)
      .leftJoin(participants, and(eq(participants.meetingId, meetings.id), eq(participants.userId, userId)))
      .where(eq(meetings.id, meetingId));
    return r ?? null;
  },
  /** One user's participant rows in these meetings (a list page: one query, not one per meeting). */
  async participantIn(ex: Executor, meetingIds: string[], userId: string) {
    if (!meetingIds.length) return [];
    return ex
      .select()
      .from(participants)
      .where(and(inArray(participants.meetingId, meetingIds), eq(participants.userId, userId)));
  },
  async participant(ex: Executor, meetingId: string, userId: string) {
    return (
      (
        await ex
          .select()
          .from(participants)
          .where(and(eq(participants.meetingId, meetingId), eq(participants.userId, userId)))
      )[0] ?? null
    );
  },
  async updateParticipant(ex: Executor, meetingId: string, userId: string, patch: Partial<ParticipantRow>) {
    await ex
      .update(participants)
      .set(patch)
      .where(and(eq(participants.meetingId, meetingId), eq(participants.userId, userId)));
  },

  async insertItem(ex: Executor, row: typeof items.$inferInsert) {
    await ex.insert(items).values(row);
  },
  async nextSeq(ex: Executor, meetingId: string) {
    const [r] = await ex
      .select({ m: max(items.seq) })
      .from(items)
      .where(eq(items.meetingId, meetingId));
    return (r?.m ?? 0) + 1;
  },
  async itemsOf(ex: Executor, meetingId: string) {
    return ex.select().from(items).where(eq(items.meetingId, meetingId)).orderBy(asc(items.seq));
  },
  async item(ex: Executor, meetingId: string, itemId: string) {
    return (
      (
        await ex
          .select()
          .from(items)
          .where(and(eq(items.meetingId, meetingId), eq(items.id, itemId)))
      )[0] ?? null
    );
  },
  async updateItem(ex: Executor, id: string, patch: Partial<ItemRow>) {
    await ex.update(items).set(patch).where(eq(items.id, id));
  },
  /** A draft's item taken out for good, with its paper rows (the files themselves stay in the store). */
  async deleteItem(ex: Executor, meetingId: string, id: string) {
    await ex.delete(papers).where(and(eq(papers.meetingId, meetingId), eq(papers.itemId, id)));
    await ex.delete(items).where(and(eq(items.meetingId, meetingId), eq(items.id, id)));
  },
  async updatePapers(ex: Executor, ids: string[], patch: Partial<PaperRow>) {
    if (ids.length) await ex.update(papers).set(patch).where(inArray(papers.id, ids));
  },
  async paperVersions(ex: Executor, meetingId: string, paperKey: string) {
    return ex
      .select()
      .from(papers)
      .where(and(eq(papers.meetingId, meetingId), eq(papers.paperKey, paperKey)))
      .orderBy(asc(papers.version));
  },

  async insertPaper(ex: Executor, row: typeof papers.$inferInsert) {
    await ex.insert(papers).values(row);
  },
  async papersOf(ex: Executor, meetingId: string) {
    return ex
      .select()
      .from(papers)
      .where(eq(papers.meetingId, meetingId))
      .orderBy(asc(papers.addedAt), asc(papers.version));
  },
  async paper(ex: Executor, meetingId: string, paperId: string) {
    return (
      (
        await ex
          .select()
          .from(papers)
          .where(and(eq(papers.meetingId, meetingId), eq(papers.id, paperId)))
      )[0] ?? null
    );
  },
  async lastVersion(ex: Executor, paperKey: string) {
    const [r] = await ex
      .select({ m: max(papers.version), itemId: papers.itemId })
      .from(papers)
      .where(eq(papers.paperKey, paperKey))
      .groupBy(papers.itemId);
    return r ? { version: r.m ?? 0, itemId: r.itemId } : null;
  },

  async upsertPosition(ex: Executor, row: typeof positions.$inferInsert) {
    await ex
      .insert(positions)
      .values(row)
      .onConflictDoUpdate({
        target: [positions.itemId, positions.userId],
        set: { position: row.position, note: row.note, updatedAt: row.updatedAt },
      });
  },
  async positionsOf(ex: Executor, meetingId: string) {
    return ex.select().from(positions).where(eq(positions.meetingId, meetingId));
  },

  async insertSpeech(ex: Executor, row: typeof speeches.$inferInsert) {
    await ex.insert(speeches).values(row);
  },
  async speechesOf(ex: Executor, meetingId: string) {
    return ex.select().from(speeches).where(eq(speeches.meetingId, meetingId)).orderBy(asc(speeches.requestedAt));
  },
  async updateSpeech(ex: Executor, meetingId: string, id: string, patch: Partial<SpeechRow>) {
    const r = await ex
      .update(speeches)
      .set(patch)
      .where(and(eq(speeches.meetingId, meetingId), eq(speeches.id, id)))
      .returning({ id: speeches.id });
    return r.length > 0;
  },

  async insertVote(ex: Executor, row: typeof votes.$inferInsert) {
    await ex.insert(votes).values(row);
  },
  async votesOf(ex: Executor, meetingId: string) {
    return ex.select().from(votes).where(eq(votes.meetingId, meetingId)).orderBy(asc(votes.openedAt));
  },
  async lockVote(ex: Executor, meetingId: string, itemId: string, voteId: string) {
    return (
      (
        await ex
          .select()
          .from(votes)
          .where(and(eq(votes.meetingId, meetingId), eq(votes.itemId, itemId), eq(votes.id, voteId)))
          .for('update')
      )[0] ?? null
    );
  },
  async openVoteOf(ex: Executor, itemId: string) {
    return (
      (
        await ex
          .select()
          .from(votes)
          .where(and(eq(votes.itemId, itemId), eq(votes.status, 'open')))
      )[0] ?? null
    );
  },
  async updateVote(ex: Executor, id: string, patch: Partial<VoteRow>) {
    await ex.update(votes).set(patch).where(eq(votes.id, id));
  },
  /** Insert a ballot unless the voter has one; answers the ballot on record. */
  async castBallot(ex: Executor, row: typeof ballots.$inferInsert) {
    await ex.insert(ballots).values(row).onConflictDoNothing();
    return (
      await ex
        .select()
        .from(ballots)
        .where(and(eq(ballots.voteId, row.voteId), eq(ballots.userId, row.userId)))
    )[0]!;
  },
  async ballotsOf(ex: Executor, voteIds: string[]) {
    return voteIds.length ? ex.select().from(ballots).where(inArray(ballots.voteId, voteIds)) : [];
  },

  async insertTask(ex: Executor, row: typeof tasks.$inferInsert) {
    await ex.insert(tasks).values(row);
  },
  async tasksOf(ex: Executor, meetingId: string) {
    return ex.select().from(tasks).where(eq(tasks.meetingId, meetingId)).orderBy(asc(tasks.createdAt));
  },
  async updateTask(ex: Executor, meetingId: string, id: string, patch: Partial<TaskRow>) {
    const r = await ex
      .update(tasks)
      .set(patch)
      .where(and(eq(tasks.meetingId, meetingId), eq(tasks.id, id)))
      .returning({ id: tasks.id });
    return r.length > 0;
  },
  /** A page of the tasks owned by these agencies, with their meeting's title (open first, by due date). */
  async tasksOfAgencies(
    ex: Executor,
    f: { agencyCodes: string[]; status?: 'open' | 'done'; page: number; pageSize: number },
  ) {
    const cond = and(inArray(tasks.ownerAgency, f.agencyCodes), f.status ? eq(tasks.status, f.status) : undefined);
    const rows = await ex
      .select({
        id: tasks.id,
        meetingId: tasks.meetingId,
        meetingTitle: meetings.title,
        title: tasks.title,
        ownerAgency: tasks.ownerAgency,
        dueDate: tasks.dueDate,
        status: tasks.status,
        report: tasks.report,
      })
      .from(tasks)
      .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
      .where(cond)
      .orderBy(desc(tasks.status), asc(tasks.dueDate), asc(tasks.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    const [{ n }] = (await ex.select({ n: count() }).from(tasks).where(cond)) as [{ n: number }];
    return { items: rows, total: Number(n) };
  },
  /** One task with its meeting's title (for the owner agency's people, who may not see the meeting). */
  async taskWithMeeting(ex: Executor, taskId: string) {
    const [r] = await ex
      .select({
        id: tasks.id,
        meetingId: tasks.meetingId,
        meetingTitle: meetings.title,
        title: tasks.title,
        ownerAgency: tasks.ownerAgency,
        dueDate: tasks.dueDate,
        status: tasks.status,
        report: tasks.report,
      })
      .from(tasks)
      .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
      .where(eq(tasks.id, taskId));
    return r ?? null;
  },
  /** The same task assigned a moment ago (a retry or a double click): one task, one mail. */
  async sameTask(
    ex: Executor,
    t: { meetingId: string; itemId: string | null; title: string; ownerAgency: string; dueDate: string },
  ) {
    const [r] = await ex
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.meetingId, t.meetingId),
          t.itemId ? eq(tasks.itemId, t.itemId) : isNull(tasks.itemId),
          eq(tasks.title, t.title),
          eq(tasks.ownerAgency, t.ownerAgency),
          eq(tasks.dueDate, t.dueDate),
        ),
      )
      .limit(1);
    return r?.id ?? null;
  },
  async openTasks(ex: Executor, agencyCode: string) {
    const [r] = await ex
      .select({ n: count() })
      .from(tasks)
      .where(and(eq(tasks.ownerAgency, agencyCode), eq(tasks.status, 'open')));
    return Number(r?.n ?? 0);
  },

  async insertRequest(ex: Executor, row: typeof opinionRequests.$inferInsert) {
    await ex.insert(opinionRequests).values(row);
  },
  async request(ex: Executor, id: string) {
    return (await ex.select().from(opinionRequests).where(eq(opinionRequests.id, id)))[0] ?? null;
  },
  async lockRequest(ex: Executor, id: string) {
    return (await ex.select().from(opinionRequests).where(eq(opinionRequests.id, id)).for('update'))[0] ?? null;
  },
  async updateRequest(ex: Executor, id: string, patch: Partial<OpinionRequestRow>) {
    await ex.update(opinionRequests).set(patch).where(eq(opinionRequests.id, id));
  },
  async requestsFor(ex: Executor, userId: string, agencyCodes: string[]) {
    // Asked in, or sent (who sent a round is not asked in it, and must find it to close it and draft its result).
    const mine = sql`(${opinionRequests.createdBy} = ${userId} or ${opinionRequests.id} in (select ${opinionAnswers.requestId} from ${opinionAnswers} where ${opinionAnswers.userId} = ${userId}))`;
    const cond = agencyCodes.length ? sql`(${mine} or ${inArray(opinionRequests.agencyCode, agencyCodes)})` : mine;
    return ex.select().from(opinionRequests).where(cond).orderBy(desc(opinionRequests.createdAt)).limit(200);
  },
  async insertAnswers(ex: Executor, rows: (typeof opinionAnswers.$inferInsert)[]) {
    if (rows.length) await ex.insert(opinionAnswers).values(rows).onConflictDoNothing();
  },
  async answersOf(ex: Executor, requestId: string) {
    return ex
      .select()
      .from(opinionAnswers)
      .where(eq(opinionAnswers.requestId, requestId))
      .orderBy(asc(opinionAnswers.fullName));
  },
  /** Record an answer once: only a row still unanswered is updated (a retry finds it answered). */
  async answer(ex: Executor, requestId: string, userId: string, patch: Partial<OpinionAnswerRow>) {
    const r = await ex
      .update(opinionAnswers)
      .set(patch)
      .where(
        and(
          eq(opinionAnswers.requestId, requestId),
          eq(opinionAnswers.userId, userId),
          sql`${opinionAnswers.answeredAt} is null`,
        ),
      )
      .returning({ userId: opinionAnswers.userId });
    return r.length > 0;
  },

  /** Figures of GET /api/meetings/stats, over meetings of these agencies starting in [from, to). */
  async stats(ex: Executor, agencyCodes: string[] | null, from: Date, to: Date) {
    const scope = and(
      gte(meetings.startsAt, from),
      lte(meetings.startsAt, to),
      agencyCodes ? inArray(meetings.agencyCode, agencyCodes) : undefined,
    );
    const [m] = await ex
      .select({
        meetings: count(),
        held: sql<number>`count(*) filter (where ${meetings.openedAt} is not null and ${meetings.closedAt} is not null)`,
        avgMinutes: sql<
          number | null
        >`avg(extract(epoch from (${meetings.closedAt} - ${meetings.openedAt})) / 60) filter (where ${meetings.closedAt} is not null)`,
      })
      .from(meetings)
      .where(scope);
    const [pp] = await ex
      .select({
        papers: count(),
        pages: sql<number>`coalesce(sum(${papers.pages}), 0)`,
        /** Each participant would have had a paper copy of each page. */
        pagesSaved: sql<number>`coalesce(sum(${papers.pages} * (select count(*) from ${participants} where ${participants.meetingId} = ${papers.meetingId})), 0)`,
      })
      .from(papers)
      .innerJoin(meetings, eq(meetings.id, papers.meetingId))
      .where(scope);
    const [members] = await ex
      .select({ n: count() })
      .from(participants)
      .innerJoin(meetings, eq(meetings.id, participants.meetingId))
      .where(scope);
    const [it] = await ex
      .select({
        decided: sql<number>`count(*) filter (where ${items.outcome} <> 'pending')`,
        byConsent: sql<number>`count(*) filter (where ${items.byConsent})`,
      })
      .from(items)
      .innerJoin(meetings, eq(meetings.id, items.meetingId))
      .where(scope);
    const rscope = and(
      gte(opinionRequests.createdAt, from),
      lte(opinionRequests.createdAt, to),
      agencyCodes ? inArray(opinionRequests.agencyCode, agencyCodes) : undefined,
    );
    const [op] = await ex
      .select({
        asked: count(),
        answered: sql<number>`count(*) filter (where ${opinionAnswers.answeredAt} is not null)`,
        inTime: sql<number>`count(*) filter (where ${opinionAnswers.answeredAt} <= ${opinionRequests.deadline})`,
      })
      .from(opinionAnswers)
      .innerJoin(opinionRequests, eq(opinionRequests.id, opinionAnswers.requestId))
      .where(rscope);
    return {
      meetings: Number(m?.meetings ?? 0),
      held: Number(m?.held ?? 0),
      avgMinutes: m?.avgMinutes == null ? null : Number(m.avgMinutes),
      papers: Number(pp?.papers ?? 0),
      pages: Number(pp?.pages ?? 0),
      pagesSaved: Number(pp?.pagesSaved ?? 0),
      participants: Number(members?.n ?? 0),
      decided: Number(it?.decided ?? 0),
      byConsent: Number(it?.byConsent ?? 0),
      opinionsAsked: Number(op?.asked ?? 0),
      opinionsAnswered: Number(op?.answered ?? 0),
      opinionsInTime: Number(op?.inTime ?? 0),
    };
  },
};
