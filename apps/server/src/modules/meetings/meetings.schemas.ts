import { z } from 'zod';
import { pageQuery, paged } from '../../platform/http/schemas.js';
import { passkeyAssertionSchema } from '../identity/index.js';
import {
  ATTENDANCE,
  CHOICES,
  ITEM_OUTCOMES,
  MEETING_KINDS,
  MEETING_STATUSES,
  OPINION_ANSWERS,
  PARTICIPANT_ROLES,
  POSITIONS,
  PROPOSAL_STATUSES,
  VOTE_METHODS,
} from './db/schema.js';
import { MEETING_ACTION_NAMES } from './meetings.policy.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const userId = z.string().regex(/^usr_[0-9a-z]{26}$/, 'an account id');
const agencyCode = z.string().trim().min(2).max(35);
const instant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const fileId = z.string().min(1).max(40);

export const meetingParams = z.object({ id: z.string().regex(/^mtg_[0-9a-z]{26}$/, 'a meeting id') });
export const itemParams = meetingParams.extend({ itemId: z.string().regex(/^mit_[0-9a-z]{26}$/, 'an item id') });
export const paperParams = meetingParams.extend({ paperId: z.string().regex(/^ppr_[0-9a-z]{26}$/, 'a paper id') });
export const taskParams = meetingParams.extend({ taskId: z.string().regex(/^mtk_[0-9a-z]{26}$/, 'a task id') });
export const opinionParams = z.object({ id: z.string().regex(/^opr_[0-9a-z]{26}$/, 'an opinion request id') });
export const opinionPaperParams = opinionParams.extend({ fileId });
export const answerFileParams = opinionParams.extend({ userId, part: z.enum(['content', 'signature']) });

export const createMeetingBody = z.object({
  agencyCode: agencyCode.optional(),
  title: text(300),
  kind: z.enum(MEETING_KINDS),
  startsAt: instant,
  endsAt: instant.optional(),
  place: z.string().trim().max(300).optional(),
  video: z.boolean().optional(),
  secret: z.boolean().optional(),
  quorum: z.number().int().min(1).max(500).optional(),
  chairId: userId,
  secretaryId: userId.optional(),
  memberIds: z.array(userId).max(500),
  guests: z
    .array(z.object({ userId, itemSeqs: z.array(z.number().int().min(1).max(500)).max(100).optional() }))
    .max(200)
    .optional(),
});
export const createdResponse = z.object({ id: z.string(), status: z.string() });

export const listQuery = pageQuery.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
});

const summary = z.object({
  id: z.string(),
  agencyCode: z.string(),
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  status: z.enum(MEETING_STATUSES),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
  secret: z.boolean(),
});
const reply = z.enum(['invited', 'confirmed', 'declined', 'delegated']);
export const meetingListItem = summary.extend({ myRole: z.enum(PARTICIPANT_ROLES), myReply: reply });
export const meetingList = paged(meetingListItem);

const paperDto = z.object({
  id: z.string(),
  paperKey: z.string(),
  name: z.string(),
  version: z.number(),
  pages: z.number(),
  late: z.boolean(),
  addedAt: z.string(),
  /** Taken from this document of the documents module (null: an upload). */
  documentId: z.string().nullable(),
  /** The document has a newer version than this paper (told to the chair and the secretary only). */
  newDocumentVersion: z.boolean(),
  versions: z.array(z.object({ id: z.string(), version: z.number(), addedAt: z.string() })),
});
const voteDto = z.object({
  id: z.string(),
  question: z.string(),
  method: z.enum(VOTE_METHODS),
  status: z.enum(['open', 'closed']),
  yes: z.number().nullable(),
  no: z.number().nullable(),
  abstain: z.number().nullable(),
  cast: z.number(),
  result: z.enum(['adopted', 'rejected']).nullable(),
  myChoice: z.enum(CHOICES).nullable(),
  roll: z.array(z.object({ fullName: z.string(), choice: z.enum(CHOICES) })),
});
/** What a task assigned in a meeting's conclusions shows, wherever it is listed. */
const taskFields = {
  title: z.string(),
  ownerAgency: z.string(),
  ownerAgencyName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  report: z.string().nullable(),
};

const itemDto = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  summary: z.string().nullable(),
  presenterId: z.string().nullable(),
  presenterName: z.string().nullable(),
  /** The guests invited to this item (to the chair and the secretary; empty for others). */
  guestIds: z.array(z.string()),
  /** Changed after convening ("đã sửa"). */
  editedAt: z.string().nullable(),
  /** Withdrawn from the agenda after convening ("đã rút khỏi chương trình"). */
  removedAt: z.string().nullable(),
  agencies: z.array(z.string()),
  outcome: z.enum(ITEM_OUTCOMES),
  byConsent: z.boolean(),
  decision: z.string().nullable(),
  inConsentAgenda: z.boolean(),
  papers: z.array(paperDto),
  /** Papers (versions) withdrawn: not in `papers`, still readable by those who received them. */
  withdrawnPapers: z.array(
    z.object({
      id: z.string(),
      paperKey: z.string(),
      name: z.string(),
      version: z.number(),
      withdrawnAt: z.string(),
      withdrawnByName: z.string(),
    }),
  ),
  positions: z.object({ agree: z.number(), object: z.number(), speak: z.number() }),
  positionDetails: z.array(
    z.object({ fullName: z.string(), position: z.enum(POSITIONS), note: z.string().nullable() }),
  ),
  myPosition: z.object({ position: z.enum(POSITIONS), note: z.string().nullable() }).nullable(),
  speeches: z.array(
    z.object({ id: z.string(), fullName: z.string(), requestedAt: z.string(), opinion: z.string().nullable() }),
  ),
  votes: z.array(voteDto),
});
export const meetingDto = summary.extend({
  quorum: z.number(),
  attending: z.number(),
  myRole: z.enum(PARTICIPANT_ROLES),
  myReply: reply,
  delegateFor: z.string().nullable(),
  consentAdoptedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  minutesDocumentId: z.string().nullable(),
  conclusionsDocumentId: z.string().nullable(),
  allowedActions: z.array(z.enum(MEETING_ACTION_NAMES as [string, ...string[]])),
  participants: z.array(
    z.object({
      userId: z.string(),
      fullName: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      agencyCode: z.string().nullable(),
      reply,
      delegateName: z.string().nullable(),
      delegateFor: z.string().nullable(),
      attendance: z.enum(ATTENDANCE).nullable(),
    }),
  ),
  items: z.array(itemDto),
  tasks: z.array(z.object({ id: z.string(), itemId: z.string().nullable(), ...taskFields })),
});

export const actionBody = z.object({
  action: z.enum(MEETING_ACTION_NAMES as [string, ...string[]]),
  userId: userId.optional(),
  attendance: z.enum(ATTENDANCE).optional(),
  delegateId: userId.optional(),
  itemId: z.string().max(40).optional(),
  outcome: z.enum(['adopted', 'rejected', 'deferred']).optional(),
  decision: z.string().trim().max(5000).optional(),
  speechId: z.string().max(40).optional(),
  opinion: z.string().trim().max(5000).optional(),
  title: z.string().trim().max(500).optional(),
  ownerAgency: agencyCode.optional(),
  dueDate: isoDate.optional(),
});
export const actionResponse = z.object({ id: z.string(), status: z.enum(MEETING_STATUSES) });

export const itemBody = z.object({
  title: text(500),
  summary: z.string().trim().max(5000).optional(),
  presenterId: userId.optional(),
  agencies: z.array(agencyCode).max(50).optional(),
  fileIds: z.array(fileId).max(20).optional(),
  guestIds: z.array(userId).max(50).optional(),
});
export const idResponse = z.object({ id: z.string() });
/** What changes of an item: only the fields given (`presenterId: null` removes the presenter). */
export const itemPatchBody = z.object({
  title: text(500).optional(),
  summary: z.string().trim().max(5000).nullable().optional(),
  presenterId: userId.nullable().optional(),
  /** Every guest invited to this item (one left out is no longer invited to it). */
  guestIds: z.array(userId).max(50).optional(),
});
export const itemEditResponse = z.object({ id: z.string(), editedAt: z.string().nullable() });
export const itemRemoveResponse = z.object({
  id: z.string(),
  /** A draft's item is deleted; after convening it is marked withdrawn. */
  deleted: z.boolean(),
  removedAt: z.string().nullable(),
});
/** One of: a file the caller uploaded, or a document of the documents module he may read. */
export const paperBody = z.object({
  fileId: fileId.optional(),
  documentId: z.string().min(1).max(40).optional(),
  paperKey: z.string().max(40).optional(),
});
export const withdrawBody = z.object({
  /** Every version of the paper; otherwise only this version. */
  whole: z.boolean().optional(),
});
export const withdrawResponse = z.object({ paperKey: z.string(), withdrawnAt: z.string() });
export const reorderBody = z.object({ itemIds: z.array(z.string().max(40)).min(1).max(500) });
export const reorderResponse = z.object({ items: z.array(z.object({ id: z.string(), seq: z.number() })) });
export const peopleQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** The body whose people are searched: my agency (default) or one above it (organisers). */
  agency: agencyCode.optional(),
});
export const peopleResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      agencyCode: z.string().nullable(),
      agencyName: z.string().nullable(),
    }),
  ),
});
export const myTasksQuery = pageQuery.extend({ status: z.enum(['open', 'done']).optional() });
export const myTasksResponse = paged(
  z.object({ id: z.string(), meetingId: z.string(), meetingTitle: z.string(), ...taskFields }),
);
export const paperResponse = z.object({ id: z.string(), paperKey: z.string(), version: z.number() });

export const positionBody = z.object({ position: z.enum(POSITIONS), note: z.string().trim().max(2000).optional() });
export const positionResponse = z.object({
  itemId: z.string(),
  position: z.enum(POSITIONS),
  note: z.string().nullable(),
});
export const consentResponse = z.object({
  adoptedAt: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), seq: z.number(), title: z.string(), agree: z.number() })),
});

export const voteBody = z.object({
  method: z.enum(VOTE_METHODS).optional(),
  question: z.string().trim().min(1).max(1000).optional(),
  yes: z.number().int().min(0).max(1000).optional(),
  no: z.number().int().min(0).max(1000).optional(),
  abstain: z.number().int().min(0).max(1000).optional(),
  choice: z.enum(CHOICES).optional(),
  close: z.boolean().optional(),
});
export const voteResponse = z.object({
  voteId: z.string(),
  status: z.enum(['open', 'closed']),
  choice: z.enum(CHOICES).optional(),
  yes: z.number().optional(),
  no: z.number().optional(),
  abstain: z.number().optional(),
  result: z.enum(['adopted', 'rejected']).optional(),
});

export const minutesBody = z.object({ kind: z.enum(['conclusions', 'minutes']).default('conclusions') });
export const minutesResponse = z.object({ documentId: z.string(), created: z.boolean() });
export const taskReportBody = z.object({ report: text(5000) });
export const taskReportResponse = z.object({ id: z.string(), status: z.literal('done') });

export const statsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const statsResponse = z.object({
  meetings: z.number(),
  held: z.number(),
  avgMinutes: z.number().nullable(),
  papers: z.number(),
  pages: z.number(),
  pagesSaved: z.number(),
  participants: z.number(),
  decided: z.number(),
  byConsent: z.number(),
  consentShare: z.number().nullable(),
  opinionsAsked: z.number(),
  opinionsAnswered: z.number(),
  opinionsInTime: z.number(),
  inTimeShare: z.number().nullable(),
});

export const opinionBody = z.object({
  question: text(5000),
  deadline: instant,
  memberIds: z.array(userId).min(1).max(500),
  fileIds: z.array(fileId).max(20).optional(),
  agencyCode: agencyCode.optional(),
  meetingId: z.string().max(40).optional(),
});
export const answerBody = z.object({
  answer: z.enum(OPINION_ANSWERS),
  text: z.string().trim().max(5000).optional(),
  certificateId: z.string().min(1).max(40),
  otp: z
    .string()
    .regex(/^\d{6}$/, '6 digits')
    .optional(),
  passkey: passkeyAssertionSchema.optional(),
});
export const answerResponse = z.object({
  requestId: z.string(),
  answer: z.enum(OPINION_ANSWERS),
  contentFileId: z.string(),
  signatureFileId: z.string(),
});
export const tallyResponse = z.object({
  id: z.string(),
  question: z.string(),
  deadline: z.string(),
  status: z.enum(['open', 'closed']),
  result: z.enum(['agreed', 'not_agreed']).nullable(),
  papers: z.array(z.object({ fileId: z.string(), name: z.string() })),
  asked: z.number(),
  answered: z.number(),
  agree: z.number(),
  disagree: z.number(),
  other: z.number(),
  mine: z.enum(OPINION_ANSWERS).nullable(),
  /** Who sent the question, once the round is closed: he may draft its result as a document. */
  /** Who sent the round may close it while it is open (the majority of those asked then decides). */
  mayClose: z.boolean(),
  mayDraftDecision: z.boolean(),
  answers: z.array(
    z.object({
      userId: z.string(),
      fullName: z.string(),
      answer: z.enum(OPINION_ANSWERS).nullable(),
      text: z.string().nullable(),
      answeredAt: z.string().nullable(),
      inTime: z.boolean().nullable(),
      contentFileId: z.string().nullable(),
      signatureFileId: z.string().nullable(),
      canDownload: z.boolean(),
    }),
  ),
});
export const opinionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      deadline: z.string(),
      status: z.enum(['open', 'closed']),
      result: z.enum(['agreed', 'not_agreed']).nullable(),
      asked: z.number(),
      answered: z.number(),
      mine: z.enum(OPINION_ANSWERS).nullable(),
      askedMe: z.boolean(),
    }),
  ),
});
export const opinionDecisionBody = z.object({
  type: z.enum(['TB', 'QD']).default('TB'),
  signerName: text(200),
  signerPosition: text(200),
});
export const closeResponse = z.object({
  id: z.string(),
  status: z.literal('closed'),
  result: z.enum(['agreed', 'not_agreed']).nullable(),
});

z.globalRegistry.add(meetingDto, { id: 'Meeting' });
z.globalRegistry.add(meetingListItem, { id: 'MeetingSummary' });
z.globalRegistry.add(tallyResponse, { id: 'OpinionTally' });
z.globalRegistry.add(statsResponse, { id: 'MeetingStats' });

export const proposalDto = z.object({
  id: z.string(),
  agencyCode: z.string(),
  sourceKind: z.string(),
  sourceId: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  link: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  meetingId: z.string().nullable(),
  itemId: z.string().nullable(),
  decidedAt: z.date().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
});
export const proposalList = paged(proposalDto);
export const proposalListQuery = pageQuery.extend({ status: z.enum(PROPOSAL_STATUSES).optional() });
export const proposalParams = z.object({ id: z.string().regex(/^mpr_[0-9a-z]{26}$/, 'a proposal id') });
export const proposalAddBody = z.object({ meetingId: z.string().min(1).max(40) });
export const proposalDeclineBody = z.object({ reason: z.string().trim().min(1).max(1000) });

/** One task of my agency, as the task e-mail's link opens it. */
export const agencyTaskParams = z.object({ taskId: z.string().regex(/^mtk_[0-9a-z]{26}$/, 'a task id') });
export const agencyTask = myTasksResponse.shape.items.element;
