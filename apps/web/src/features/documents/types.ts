import type { ValidationReport } from '../signatures';
/** The documents API as the web app sees it (mirrors apps/server/src/modules/documents/documents.schemas.ts). */
export type Urgency = 'normal' | 'urgent' | 'very_urgent' | 'express';
export type Secrecy = 'none' | 'confidential' | 'secret' | 'top_secret';
export type Box = 'tasks' | 'drafts' | 'outgoing' | 'incoming';
export const BOXES: readonly Box[] = ['tasks', 'drafts', 'outgoing', 'incoming'];
export const URGENCIES: readonly Urgency[] = ['normal', 'urgent', 'very_urgent', 'express'];
export const SECRECIES: readonly Secrecy[] = ['none', 'confidential', 'secret', 'top_secret'];

export interface DocumentListItem {
  id: string;
  direction: 'outgoing' | 'incoming';
  agencyCode: string;
  status: string;
  typeCode: string;
  typeName: string;
  subject: string;
  code: string | null;
  urgency: Urgency;
  secrecy: Secrecy;
  dueDate: string | null;
  issuedDate: string | null;
  senderName: string | null;
  arrivalNumber: number | null;
  arrivedAt: string | null;
  handlerName: string | null;
  handlingDueDate: string | null;
  createdByName: string;
  updatedAt: string;
  urgent: boolean;
  overdue: boolean;
}

export interface DocumentDetail extends DocumentListItem {
  issuedAt: string | null;
  issuerName: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  series: string | null;
  pageCount: number | null;
  draftingUnit: string | null;
  fileId: string | null;
  signer: {
    id: string | null;
    name: string;
    position: string | null;
    competence: string | null;
    signedAt: string | null;
  } | null;
  createdBy: string;
  source: 'exchange' | 'paper' | null;
  senderCode: string | null;
  externalId: string | null;
  registerDueAt: string | null;
  registeredAt: string | null;
  leadUnit: string | null;
  handlerId: string | null;
  supportingUnits: string[];
  completedAt: string | null;
  pendingChange: {
    type: 'revoke' | 'update' | 'replace';
    reason: string | null;
    newDocumentId: string | null;
    at: string;
  } | null;
  supersedesId: string | null;
  /** `report`: the current PDF's signatures, validated by the server; `packageReport`: the exchange package's seal on arrival. */
  signatures: { digital: boolean; report: ValidationReport | null; packageReport: ValidationReport | null };
  metadata: Record<string, unknown>;
  versions: {
    version: number;
    fileId: string;
    name: string;
    mediaType: string;
    kind: string;
    createdByName: string | null;
    note: string | null;
    createdAt: string;
  }[];
  comments: { authorName: string; body: string; at: string }[];
  history: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actorName: string | null;
    note: string | null;
    at: string;
  }[];
  recipients: {
    agencyCode: string;
    organId: string;
    organName: string;
    state: string;
    statusCode: string | null;
    description: string | null;
    updatedAt: string;
  }[];
  exchangeStatuses: {
    agencyCode: string;
    direction: 'received' | 'sent';
    statusCode: string;
    description: string | null;
    at: string;
  }[];
  registerEntries: { book: 'outgoing' | 'incoming'; series: string; year: number; number: number; at: string }[];
  record: { id: string; code: string; title: string } | null;
  allowedActions: string[];
}

export interface DocumentTypeRef {
  code: string;
  name: string;
  nameEn: string;
  abbreviation: string | null;
}

export interface RegisterView {
  book: 'outgoing' | 'incoming';
  year: number;
  agencyCode: string;
  agencyName: string;
  columns: { key: string; header: string }[];
  rows: Record<string, string | number | null>[];
}

/** A status sent back to the sender of a document that arrived through the exchange (or held until the agency has a seal). */
export interface StatusReply {
  id: string;
  statusCode: string | null;
  state: string;
  reason: string | null;
  updatedAt: string;
}

export interface ActionBody {
  action: string;
  note?: string;
  fileIds?: string[];
  signerPosition?: string;
  signerCompetence?: string;
  certificateId?: string;
  otp?: string;
  /** sign: instead of `otp`, a passkey assertion (navigator.credentials.get() as JSON) for `signature:<certificateId>`. */
  passkey?: unknown;
  leadUnit?: string;
  handlerId?: string;
  supportingUnits?: string[];
  handlingDueDate?: string;
}
