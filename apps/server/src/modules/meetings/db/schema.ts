import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const meetingsSchema = pgSchema('meetings');

const at = (name: string) => timestamp(name, { withTimezone: true });

export const MEETING_STATUSES = ['draft', 'convened', 'in_session', 'closed', 'minutes_issued', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_KINDS = ['regular', 'thematic', 'online'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const PARTICIPANT_ROLES = ['chair', 'secretary', 'member', 'guest'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const POSITIONS = ['agree', 'object', 'speak'] as const;
export type Position = (typeof POSITIONS)[number];
export const ATTENDANCE = ['present', 'online', 'absent', 'delegated'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const VOTE_METHODS = ['electronic', 'roll_call', 'show_of_hands'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];
export const CHOICES = ['yes', 'no', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const ITEM_OUTCOMES = ['pending', 'adopted', 'rejected', 'deferred'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];
export const OPINION_ANSWERS = ['agree', 'disagree', 'other'] as const;
export type OpinionAnswer = (typeof OPINION_ANSWERS)[number];

/** One meeting (phiên họp) of a body: the Government, a provincial People's Committee … */
export const meetings = meetingsSchema.table(
  'meetings',
  {
    id: text('id').primaryKey(),
    /** The body that meets (its agency code in the directory). */
    agencyCode: text('agency_code').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull().$type<MeetingKind>(),
    status: text('status').notNull().$type<MeetingStatus>(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at'),
    place: text('place'),
    /** Room name at the configured video service (Jitsi/BBB); the link is built from the base URL. */
    videoRoom: text('video_room'),
    /** Closed session (phiên họp kín, tài liệu mật): papers never exported, watermarked when viewed. */
    secret: boolean('secret').notNull().default(false),
    /** Members needed present (present, online or delegated) to open; default a majority. */
    quorum: integer('quorum').notNull(),
    createdBy: text('created_by').notNull(),
    convenedAt: at('convened_at'),
    openedAt: at('opened_at'),
    closedAt: at('closed_at'),
    consentAdoptedAt: at('consent_adopted_at'),
    minutesDocumentId: text('minutes_document_id'),
    conclusionsDocumentId: text('conclusions_document_id'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('meetings_agency_starts_idx').on(t.agencyCode, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
  ],
);

/** Who takes part and how: invitation, confirmation or delegation, attendance. */
export const participants = meetingsSchema.table(
  'participants',
  {
    meetingId: text('meeting_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull().$type<ParticipantRole>(),
    fullName: text('full_name').notNull(),
    agencyCode: text('agency_code'),
    /** A guest sees only these items (empty for everyone else). */
    itemIds: text('item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reply: text('reply').notNull().$type<'invited' | 'confirmed' | 'declined' | 'delegated'>().default('invited'),
    delegateId: text('delegate_id'),
    delegateName: text('delegate_name'),
    /** A deputy attending for this member (the member's user id). */
    delegateFor: text('delegate_for'),
    attendance: text('attendance').$type<Attendance>(),
    invitedAt: at('invited_at'),
    repliedAt: at('replied_at'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('participants_user_idx').on(t.userId)],
);

/** An agenda item with its presenter, outcome and decision. */
export const items = meetingsSchema.table(
  'items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    presenterId: text('presenter_id'),
    presenterName: text('presenter_name'),
    outcome: text('outcome').notNull().$type<ItemOutcome>().default('pending'),
    /** Adopted in the consent block (no objection, no request to speak). */
    byConsent: boolean('by_consent').notNull().default(false),
    decision: text('decision'),
    /** Agencies concerned (receive the conclusions). */
    agencies: text('agencies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: at('created_at').notNull(),
    /** Changed after convening (members see it marked "đã sửa"); a draft's edits are not marked. */
    editedAt: at('edited_at'),
    editedBy: text('edited_by'),
    /** Withdrawn from the agenda after convening: kept (with its positions) but out of the consent agenda. */
    removedAt: at('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [uniqueIndex('items_meeting_seq_idx').on(t.meetingId, t.seq)],
);

/** A paper (tài liệu) of an item; a new version of the same paper keeps its `paperKey`. */
export const papers = meetingsSchema.table(
  'papers',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    itemId: text('item_id').notNull(),
    paperKey: text('paper_key').notNull(),
    version: integer('version').notNull(),
    fileId: text('file_id').notNull(),
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    pages: integer('pages').notNull().default(1),
    /** Added after the meeting was convened: shown as new. */
    late: boolean('late').notNull().default(false),
    addedBy: text('added_by').notNull(),
    addedAt: at('added_at').notNull(),
    /** Taken from this document of the documents module: a newer version there is offered to the secretary. */
    documentId: text('document_id'),
    /** Withdrawn (the bytes stay: members already received them); hidden from the default list. */
    withdrawnAt: at('withdrawn_at'),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [
    uniqueIndex('papers_key_version_idx').on(t.paperKey, t.version),
    index('papers_item_idx').on(t.itemId),
    index('papers_meeting_idx').on(t.meetingId),
  ],
);

/** A member's position on an item before the session (agree / object / wants to speak). */
export const positions = meetingsSchema.table(
  'positions',
  {
    itemId: text('item_id').notNull(),
    meetingId: text('meeting_id').notNull(),
    userId: text('user_id').notNull(),
    position: text('position').notNull().$type<Position>(),
    note: text('note'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] }), index('positions_meeting_idx').on(t.meetingId)],
);

/** The speakers list and the opinions noted per item. */
export const speeches = meetingsSchema.table(
  'speeches',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    itemId: text('item_id').notNull(),
    userId: text('user_id').notNull(),
    fullName: text('full_name').notNull(),
    requestedAt: at('requested_at').notNull(),
    spokeAt: at('spoke_at'),
    /** The opinion as the secretary noted it. */
    opinion: text('opinion'),
  },
  // The meeting view reads a meeting's speeches and votes by meeting (meetings.snapshot.ts).
  (t) => [index('speeches_item_idx').on(t.itemId, t.requestedAt), index('speeches_meeting_idx').on(t.meetingId)],
);

/** A vote on an item: electronic and roll call collect ballots; a show of hands is counted by the secretary. */
export const votes = meetingsSchema.table(
  'votes',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    itemId: text('item_id').notNull(),
    question: text('question').notNull(),
    method: text('method').notNull().$type<VoteMethod>(),
    status: text('status').notNull().$type<'open' | 'closed'>(),
    yes: integer('yes').notNull().default(0),
    no: integer('no').notNull().default(0),
    abstain: integer('abstain').notNull().default(0),
    result: text('result').$type<'adopted' | 'rejected'>(),
    openedBy: text('opened_by').notNull(),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
  },
  (t) => [index('votes_item_idx').on(t.itemId), index('votes_meeting_idx').on(t.meetingId)],
);

export const ballots = meetingsSchema.table(
  'ballots',
  {
    voteId: text('vote_id').notNull(),
    userId: text('user_id').notNull(),
    choice: text('choice').notNull().$type<Choice>(),
    castAt: at('cast_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.userId] })],
);

/** A task assigned in the conclusions (nhiệm vụ giao), tracked until reported done. */
export const tasks = meetingsSchema.table(
  'tasks',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    itemId: text('item_id'),
    title: text('title').notNull(),
    ownerAgency: text('owner_agency').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status').notNull().$type<'open' | 'done'>(),
    report: text('report'),
    reportedBy: text('reported_by'),
    reportedAt: at('reported_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('tasks_owner_idx').on(t.ownerAgency, t.status), index('tasks_meeting_idx').on(t.meetingId)],
);

/** A written opinion round (Phiếu lấy ý kiến thành viên): a question, papers, a deadline. */
export const opinionRequests = meetingsSchema.table(
  'opinion_requests',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    meetingId: text('meeting_id'),
    question: text('question').notNull(),
    papers: jsonb('papers').notNull().$type<{ fileId: string; name: string }[]>().default([]),
    deadline: at('deadline').notNull(),
    status: text('status').notNull().$type<'open' | 'closed'>(),
    result: text('result').$type<'agreed' | 'not_agreed'>(),
    createdBy: text('created_by').notNull(),
    remindedAt: at('reminded_at'),
    closedAt: at('closed_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('opinion_requests_agency_idx').on(t.agencyCode, t.createdAt)],
);

/** One member asked, and his signed answer once given (one per member). */
export const opinionAnswers = meetingsSchema.table(
  'opinion_answers',
  {
    requestId: text('request_id').notNull(),
    userId: text('user_id').notNull(),
    fullName: text('full_name').notNull(),
    answer: text('answer').$type<OpinionAnswer>(),
    text: text('text'),
    /** The answer sheet (UTF-8 text) that was signed, and its detached CAdES signature. */
    contentFileId: text('content_file_id'),
    signatureFileId: text('signature_file_id'),
    certificateId: text('certificate_id'),
    answeredAt: at('answered_at'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] }), index('opinion_answers_user_idx').on(t.userId)],
);

export const PROPOSAL_STATUSES = ['proposed', 'added', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * A proposed agenda item (đề xuất đưa vào chương trình họp) for a body's meetings, from another
 * module (a petition past its threshold): the organisers add it to a draft meeting or decline it.
 * One per source: proposing again is a no-op.
 */
export const proposals = meetingsSchema.table(
  'proposals',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    /** What proposed it (`petition`) and its id there. */
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Where the source is read (the petition's public page). */
    link: text('link'),
    status: text('status').notNull().$type<ProposalStatus>(),
    meetingId: text('meeting_id'),
    itemId: text('item_id'),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    reason: text('reason'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('proposals_source_idx').on(t.sourceKind, t.sourceId),
    index('proposals_agency_idx').on(t.agencyCode, t.status, t.createdAt),
  ],
);
