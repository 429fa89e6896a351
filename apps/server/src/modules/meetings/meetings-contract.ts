import type { ActorContext, Principal } from '../../platform/http/auth.js';
import type { DirectoryService } from '../directory/index.js';
import type { AccountInfo } from '../identity/index.js';
import type { SigningService } from '../signatures/index.js';

/**
 * The contract of the meetings module (e-Cabinet: phiên họp không giấy và phiếu lấy ý kiến thành
 * viên): what it needs from other modules, and what it offers them.
 */

/** A draft the documents module made for the meeting (conclusions or minutes). */
export interface DraftedDocument {
  id: string;
  /** The idempotency key had made it already (a retry): nothing new was drafted. */
  replayed?: boolean;
}

/** A document as the meeting needs to know it: whether it was issued, and its number. */
export interface DocumentRef {
  id: string;
  status: string;
  /** The notation once issued (`12/TB-UBND`), else null. */
  number: string | null;
}

export interface DraftInput {
  /** Thông báo, Biên bản, Quyết định (Decree 30/2020 Phụ lục III codes). */
  type: 'TB' | 'BB' | 'QD';
  subject: string;
  recipients: string[];
  body: string[];
  signerPosition: string;
  signerName: string;
  /** The issuing body (the meeting's agency). */
  issuingAgency: string;
  /** A closed session's documents are confidential (never sent through the exchange). */
  secret: boolean;
}

/** A document's current file, to be a paper of an agenda item. */
export interface DocumentFile {
  id: string;
  fileId: string;
  subject: string;
  /** The notation once issued (`12/TB-UBND`), else null (a draft). */
  number: string | null;
  /** `none` unless the document is classified (mật …). */
  secrecy: string;
}

/** What meetings needs from other modules (given by the composition root). */
export interface MeetingsPorts {
  directory: Pick<DirectoryService, 'find' | 'isWithin' | 'subtreeCodes' | 'lineage'>;
  /** An account by id (participants, delegates). */
  findAccount(id: string): Promise<AccountInfo | null>;
  /** Active civil servants of these agencies whose name (accent-insensitive) contains `q`, by name, at most `limit`. */
  findPeople(agencyCodes: string[], q: string | undefined, limit: number): Promise<AccountInfo[]>;
  /** Remote CAdES signature with the holder's person certificate, confirmed by TOTP (signatures module). */
  signing: Pick<SigningService, 'signCadesAsPerson' | 'validateBytes'>;
  /** Draft an outgoing document in the documents module as `p` (idempotent per key). */
  draftDocument(actor: ActorContext, p: Principal, input: DraftInput, idempotencyKey: string): Promise<DraftedDocument>;
  /** A document as `p` may see it, or null. */
  findDocument(id: string, p: Principal): Promise<DocumentRef | null>;
  /** The file that is a document now (its latest draft, or the signed and issued PDF), if `p` may read it. */
  documentFile(id: string, p: Principal): Promise<DocumentFile | null>;
}

/** An agenda item another module proposes for a body's meetings (a petition past its threshold). */
export interface AgendaProposalInput {
  /** The body whose meetings it is proposed to. */
  agencyCode: string;
  /** What proposes it (`petition`) and its id there: one proposal per source. */
  sourceKind: string;
  sourceId: string;
  title: string;
  summary?: string | null;
  /** Where the source is read (a page of the web app). */
  link?: string | null;
}

/** Open tasks of an agency assigned in meeting conclusions (for a reporting module). */
export interface MeetingsFacade {
  openTasks(agencyCode: string): Promise<number>;
  /**
   * Propose an agenda item to a body's organisers (listed for them to add to a draft meeting or
   * decline). Idempotent per source: `created` is false when it was proposed already.
   */
  proposeAgendaItem(i: AgendaProposalInput): Promise<{ id: string; created: boolean }>;
  /** Demo data for `npm start` (skipped when any meeting exists); answers how many meetings it made. */
  seedDemo(people: DemoMeetingPeople): Promise<number>;
}

/** Who plays which part in the demo session (account ids). */
export interface DemoMeetingPeople {
  agencyCode: string;
  chairId: string;
  secretaryId: string;
  memberIds: string[];
  guestId?: string;
}

/** Remind members who have not answered a written opinion round (runs a day before the deadline). */
export const OPINION_REMIND_JOB = 'meetings.remind-opinion';
