import type { Label } from '../procedures/types';

/** Roles that see the agency statistics. */
export const STATS_ROLES = ['leader', 'admin', 'agency_admin'];

export const BOXES = ['reception', 'mine', 'approval', 'issue', 'return', 'supplement', 'overdue', 'all'] as const;
export type Box = (typeof BOXES)[number];

export interface DossierListItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  applicantName: string;
  channel: string;
  status: string;
  statusCode: number;
  submittedAt: string;
  dueAt: string | null;
  assigneeId: string | null;
  overdue: boolean;
  dueSoon: boolean;
}

export interface Attachment {
  documentId: string;
  fileId: string;
  name: string;
  mediaType: string;
  sha256: string;
}

export interface HistoryEntry {
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string | null;
  note: string | null;
  at: string;
}

export interface Dossier {
  code: string;
  procedure: { code: string; version: number; name: string; onlineMode: string; processingDays: number };
  agencyCode: string;
  applicant: { id: string; fullName: string; idNumber: string | null; email: string | null };
  channel: string;
  status: string;
  statusLabel: Label;
  statusCode: number;
  formData: Record<string, unknown>;
  assigneeId: string | null;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  extended: boolean;
  finishedAt: string | null;
  returnedAt: string | null;
  resultFileId: string | null;
  timeliness: 'early' | 'on_time' | 'overdue' | null;
  attachments: Attachment[];
  history: HistoryEntry[];
  allowedActions: string[];
  fee: { collection: 'before' | 'after' | 'free'; amount: number; paidAt: string | null; due: boolean };
  overdue: boolean;
  dueSoon: boolean;
}

export interface SubmitBody {
  procedureCode: string;
  agencyCode: string;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
  channel?: 'online' | 'counter' | 'postal';
  applicant?: { idNumber: string; fullName: string; email?: string | null; phone?: string | null };
}

export interface SubmitResult {
  code: string;
  status: string;
  statusCode: number;
  submittedAt: string;
  dueAt?: string;
}

export interface DossierDraft {
  id: string;
  procedureCode: string;
  agencyCode: string | null;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
  updatedAt: string;
}

export interface DraftBody {
  procedureCode: string;
  agencyCode?: string | null;
  formData: Record<string, unknown>;
  attachments: { documentId: string; fileId: string }[];
}

export interface PublicDossier {
  code: string;
  procedureName: string;
  status: string;
  statusLabel: Label;
  statusCode: number;
  dueAt: string | null;
}

export interface ActionBody {
  action: string;
  note?: string;
  assigneeId?: string;
  fileIds?: string[];
  resultFileId?: string;
}

export interface StatsCounts {
  received: number;
  online: number;
  resolved: number;
  early: number;
  onTime: number;
  overdue: number;
  inProgressOverdue: number;
  withFees: number;
  paidOnline: number;
}

export interface DossierStats {
  from: string;
  to: string;
  totals: StatsCounts & { onlineShare: number; onTimeShare: number; paidOnlineShare: number };
  rows: (StatsCounts & { agencyCode: string; procedureCode: string; procedureName: string })[];
}
