import { sql, type SQLWrapper } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgSchema, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

export const feedbackSchema = pgSchema('feedback');

/** The two time levels of the public search's keys, in seconds: a day, and 32 days (ADR 0020, addendum 9). */
export const SEARCH_LEVELS = {
  day: { suffix: '|d', seconds: 86_400 },
  span: { suffix: '|m', seconds: 2_764_800 },
} as const;

/**
 * The keys of the public search's index (`feedback.search_keys`, migration 0052; ADR 0020, addendum 9):
 * the trigrams of the folded text without spaces, and `a:`, `p:`, `t:` with the agency, procedure and
 * content type, each alone and with the day and the 32-day span of publication (`soh|d20783`,
 * `a:H26|m649`), and `*` with those two. A query must write it the same, so that it is the index's.
 */
export const searchKeys = (t: {
  publicText: SQLWrapper;
  publishedAt: SQLWrapper;
  agencyCode: SQLWrapper;
  procedureCode: SQLWrapper;
  contentType: SQLWrapper;
}) =>
  sql`feedback.search_keys(${t.publicText}, ${t.publishedAt}, ${t.agencyCode}, ${t.procedureCode}, ${t.contentType})`;

const at = (name: string) => timestamp(name, { withTimezone: true });

export const FEEDBACK_STATUSES = ['received', 'routed', 'answered', 'approved', 'published', 'merged'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface FeedbackAttachment {
  fileId: string;
  name: string;
  mediaType?: string;
  size?: number;
  /** Shown on the published page: only when the officer publishing chose it (personal data). */
  public?: boolean;
}

/** One piece of feedback (phản ánh, kiến nghị), from its filing to its published answer. */
export const items = feedbackSchema.table(
  'items',
  {
    id: text('id').primaryKey(),
    /** What the citizen follows it by (`PA26-7K3M9QXD`), not guessable. */
    code: text('code').notNull().unique(),
    /** Decree 20/2008 Art 5 content type (feedback.content-types.ts). */
    contentType: text('content_type').notNull(),
    subjectKind: text('subject_kind').notNull().$type<'procedure' | 'dossier' | 'agency'>(),
    procedureCode: text('procedure_code'),
    procedureName: text('procedure_name'),
    dossierCode: text('dossier_code'),
    /** The competent agency handling it now; null while nobody has routed it. */
    agencyCode: text('agency_code'),
    /** Agencies an operator may route it to (the procedure's implementing agencies). */
    candidateAgencies: text('candidate_agencies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    title: text('title').notNull(),
    body: text('body').notNull(),
    attachments: jsonb('attachments').notNull().$type<FeedbackAttachment[]>().default([]),
    allowPublish: boolean('allow_publish').notNull(),
    status: text('status').notNull().$type<FeedbackStatus>(),
    submitterId: text('submitter_id'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    /** E.164 (`+84912345678`); verified by a one-time SMS when the filer gave only a phone. */
    contactPhone: text('contact_phone'),
    /** SHA-256 of the follow token an anonymous submitter got (full view of their own feedback). */
    followTokenHash: text('follow_token_hash'),
    /** Whoever is competent must route (or transfer) it by then (Decree 20 Art 9). */
    routeDueAt: at('route_due_at'),
    /** The answer is due by then at the current agency. */
    dueAt: at('due_at'),
    escalatedAt: at('escalated_at'),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: at('answered_at'),
    approvedBy: text('approved_by'),
    approvedAt: at('approved_at'),
    publishedAt: at('published_at'),
    /** Title, text and answer with personal data masked, as published. */
    publicTitle: text('public_title'),
    publicBody: text('public_body'),
    publicAnswer: text('public_answer'),
    /**
     * What the public search matches: the published title and text folded (no diacritics, lower
     * case), kept by the database. Stored, so that the planner has statistics on it (how common a
     * phrase is decides between the trigram index and the newest-first index) and a recheck does
     * not fold the text again. Already lower case: matched with LIKE, not ILIKE.
     */
    publicText: text('public_text').generatedAlwaysAs(
      sql`case when published_at is not null then vn_fold(coalesce(public_title, '') || ' ' || coalesce(public_body, '')) end`,
    ),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: at('rated_at'),
    /** Near-identical texts share a group (the first one's id). */
    groupId: text('group_id').notNull(),
    mergedInto: text('merged_into'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('items_agency_status_idx').on(t.agencyCode, t.status, t.createdAt),
    index('items_submitter_idx').on(t.submitterId, t.createdAt),
    index('items_group_idx').on(t.groupId),
    index('items_due_idx').on(t.dueAt),
    // The public list's order (newest first, id to break ties), read backwards, for keyset pages: all,
    // and per agency. Ascending on purpose: `desc()` would make it DESC NULLS LAST, which does not
    // serve `order by published_at desc` (nulls first). The other filters' columns (short codes) ride
    // at the end, so that the capped count of a filtered list is an index-only scan (ADR 0020,
    // addendum 3); the folded text is not there: it can be 10,000 characters, over a B-tree entry's limit.
    index('items_published_idx')
      .on(t.publishedAt, t.id, t.agencyCode, t.contentType, t.procedureCode)
      .where(sql`${t.publishedAt} is not null`),
    index('items_published_agency_idx')
      .on(t.agencyCode, t.publishedAt, t.id, t.contentType, t.procedureCode)
      .where(sql`${t.publishedAt} is not null`),
    index('items_body_trgm').using('gin', sql`vn_fold(${t.body}) gin_trgm_ops`),
    // The public search's index (ADR 0020, addenda 5 and 9): the trigrams of the folded text without
    // its spaces (pg_trgm cuts text into words, so a phrase of common words, "giay chung sinh", was
    // only common trigrams; without spaces its trigrams across words, "ayc", "ngs", are as rare as it
    // is), with the filters, each alone and with its day and 32-day span: a search can take from it
    // the matches of one day, newest first, without reading the older ones (`searchKeys`).
    index('items_public_search_keys')
      .using('gin', searchKeys(t))
      .where(sql`${t.publishedAt} is not null`),
  ],
);

/** The timeline of a piece of feedback: every step, with the agencies of a transfer. */
export const events = feedbackSchema.table(
  'events',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    kind: text('kind').notNull(),
    fromAgency: text('from_agency'),
    toAgency: text('to_agency'),
    actorId: text('actor_id'),
    note: text('note'),
    /** A transfer or route done after the statutory limit. */
    late: boolean('late').notNull().default(false),
    at: at('at').notNull(),
  },
  (t) => [index('events_item_idx').on(t.itemId, t.at)],
);

/** One-time codes that prove an anonymous submitter reads the e-mail (or the phone's SMS) they gave. */
export const contactCodes = feedbackSchema.table(
  'contact_codes',
  {
    id: text('id').primaryKey(),
    /** Exactly one of e-mail and phone (E.164) is set: where the code went. */
    email: text('email'),
    phone: text('phone'),
    codeHash: text('code_hash').notNull(),
    /** SHA-256 of the token that lets the holder of this verification upload attachments before filing. */
    uploadTokenHash: text('upload_token_hash'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('contact_codes_email_idx').on(t.email, t.createdAt),
    index('contact_codes_phone_idx').on(t.phone, t.createdAt),
  ],
);

export const PETITION_STATUSES = ['open', 'responding', 'answered', 'closed'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** A petition (kiến nghị tập thể) to an agency, supported by verified citizens. */
export const petitions = feedbackSchema.table(
  'petitions',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    agencyCode: text('agency_code').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    threshold: integer('threshold').notNull(),
    closesAt: at('closes_at').notNull(),
    status: text('status').notNull().$type<PetitionStatus>(),
    /** Kept with the supports in one transaction under the petition's row lock: always their count. */
    supportCount: integer('support_count').notNull().default(0),
    thresholdReachedAt: at('threshold_reached_at'),
    responseDueAt: at('response_due_at'),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: at('answered_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('petitions_agency_idx').on(t.agencyCode, t.status, t.createdAt),
    index('petitions_title_trgm').using('gin', sql`vn_fold(${t.title}) gin_trgm_ops`),
  ],
);

/** One support per person (the verified personal ID number, as a keyed hash) per petition. */
export const supports = feedbackSchema.table(
  'supports',
  {
    petitionId: text('petition_id').notNull(),
    personKey: text('person_key').notNull(),
    userId: text('user_id').notNull(),
    identityLevel: text('identity_level').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.personKey] }), index('supports_user_idx').on(t.userId)],
);

/** What an agency set for petitions addressed to it. */
export const petitionSettings = feedbackSchema.table('petition_settings', {
  agencyCode: text('agency_code').primaryKey(),
  threshold: integer('threshold').notNull(),
  windowDays: integer('window_days').notNull(),
  responseWorkingDays: integer('response_working_days').notNull(),
  updatedAt: at('updated_at').notNull(),
});
