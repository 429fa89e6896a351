import type { Principal } from '../../platform/http/auth.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { AccountInfo } from '../identity/index.js';

/**
 * The contract of the feedback module (phản ánh, kiến nghị; Decree 20/2008/NĐ-CP as amended by
 * Decree 92/2017/NĐ-CP): what it needs from other modules, and what it offers them.
 */

/** A dossier as feedback needs it: where it is handled, and whether the caller filed it. */
export interface DossierRef {
  code: string;
  agencyCode: string;
  procedureCode: string;
  procedureName: string;
  isApplicant: boolean;
}

/** A published procedure as feedback needs it: its name and the agencies that implement it. */
export interface ProcedureRef {
  code: string;
  name: string;
  agencies: string[];
}

/** What feedback needs from other modules (given by the composition root). */
export interface FeedbackPorts {
  directory: Pick<DirectoryService, 'find' | 'isWithin' | 'subtreeCodes'>;
  /** The working calendar (the calendar module): time limits in working days. */
  calendar: Pick<CalendarService, 'dueDate'>;
  /** A published procedure, or null. */
  findProcedure(code: string): Promise<ProcedureRef | null>;
  /** A dossier as `p` may see it, or null. */
  findDossier(code: string, p: Principal): Promise<DossierRef | null>;
  /** The caller's account (e-mail, personal ID number, whether the identity is proven). */
  accountOf(p: Principal): Promise<AccountInfo | null>;
  /** An account by id (the submitter of feedback, to notify them). */
  findAccount(id: string): Promise<AccountInfo | null>;
  /** Active civil servants of an agency holding one of the roles (the leader to escalate to). */
  staffOf(agencyCode: string, roles: string[]): Promise<AccountInfo[]>;
  /**
   * Propose an agenda item to the meetings of the agency a petition is addressed to, once it crosses
   * its threshold (the meetings module, when the deployment has it). Idempotent per petition.
   */
  proposeAgendaItem?(i: PetitionAgendaProposal): Promise<unknown>;
}

/** What feedback proposes to an agency's meetings for a petition past its threshold. */
export interface PetitionAgendaProposal {
  agencyCode: string;
  sourceKind: 'petition';
  sourceId: string;
  title: string;
  summary: string;
  /** The petition's public page. */
  link: string;
}

/** Satisfaction with answers at an agency, for the reporting module's indicators. */
export interface FeedbackSatisfaction {
  rated: number;
  /** Mean rating 1–5, null when nothing was rated. */
  average: number | null;
}

/** What other modules may ask of feedback. */
export interface FeedbackFacade {
  /** Feedback still unanswered at an agency. */
  openCount(agencyCode: string): Promise<number>;
  /** Ratings of the answers an agency gave between two instants. */
  satisfaction(agencyCode: string, from: Date, to: Date): Promise<FeedbackSatisfaction>;
}

/** Escalate a piece of feedback still unanswered when its time limit passes (runs at the due time). */
export const FEEDBACK_ESCALATE_JOB = 'feedback.escalate-overdue';
/** Mail the supporters of a petition once it is answered. */
export const PETITION_NOTIFY_JOB = 'feedback.notify-supporters';
/** Remove the attachments filers uploaded and never filed (enqueued hourly by a serving process). */
export const FEEDBACK_CLEAN_UPLOADS_JOB = 'feedback.clean-unfiled-uploads';
/** Delete the bytes of a removed upload once they are old enough, if nothing names them any more. */
export const FEEDBACK_DISCARD_BLOB_JOB = 'feedback.discard-upload-blob';
