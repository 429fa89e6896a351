import type { Tx } from '../../platform/db/index.js';
import type { ActorContext } from '../../platform/http/auth.js';
import type { Lazy } from '../../platform/module.js';
import type { DirectoryService } from '../directory/index.js';
import type { SignaturesService, ValidationReport } from '../signatures/index.js';

/**
 * The contract between the documents module (quản lý văn bản) and the exchange module (trục liên
 * thông, edXML per QCVN 102:2016). Documents decides what is sent and what an arrival means;
 * exchange builds, signs, routes, delivers and logs edXML packages and status messages, exactly once.
 * Field names follow edXML (vn-standards §1.3–1.5) and Decree 30/2020 Phụ lục VI (§3.7).
 */

/** edXML `BussinessDocType`: 0 new, 1 revoke, 2 update, 3 replace. */
export type BusinessDocType = 'new' | 'revoke' | 'update' | 'replace';

/** edXML status codes (vn-standards §1.5); 07–12 and 14 do not exist. */
export type EdxmlStatusCode = '01' | '02' | '03' | '04' | '05' | '06' | '13' | '15' | '16';

/** An agency as edXML `From` / `To` carry it. */
export interface EdxmlOrgan {
  /** Electronic identifier code (either form: `000.00.00.G22` or `G22`). */
  organId: string;
  organName: string;
  organizationInCharge?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

export interface EdxmlStaffInfo {
  department?: string;
  staff?: string;
  mobile?: string;
  email?: string;
}

/** The edXML reference to another document (`ResponseFor`, status `ResponseFor`). */
export interface EdxmlDocumentRef {
  organId: string;
  /** `{CodeNumber}/{CodeNotation}`, e.g. `15/QĐ-UBND`. */
  code: string;
  /** ISO date `YYYY-MM-DD` (written `yyyy/MM/dd` in edXML). */
  promulgationDate: string;
  /** `{OrganId},{yyyy/MM/dd},{Number}/{Notation}`. */
  documentId: string;
}

/** The MessageHeader of a document package, minus From/To and what exchange computes. */
export interface EdxmlDocumentHeader {
  codeNumber: string;
  codeNotation: string;
  promulgation: { place: string; date: string };
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content?: string;
  signerInfo: { competence?: string; position: string; fullName: string };
  /** ISO date, when a reply or handling is due. */
  dueDate?: string;
  toPlaces: string[];
  otherInfo: {
    /** 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
    priority: 0 | 1 | 2 | 3 | 4;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    direction?: string;
    appendixes?: string[];
  };
  responseFor?: EdxmlDocumentRef[];
  steeringType?: number;
}

export interface EdxmlAttachment {
  /** A file in `platform/files` (already signed where Decree 30 wants it). */
  fileId: string;
  name: string;
  mediaType: string;
  description?: string;
}

/** What documents hands to exchange to send (in the business transaction; delivery happens later, exactly once). */
export interface OutgoingDocumentMessage {
  /** The sender's own document id (`doc_…`): statuses come back against it. */
  localDocumentId: string;
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  header: EdxmlDocumentHeader;
  business: {
    type: BusinessDocType;
    reason?: string;
    /** A paper copy is sent too. */
    paper: boolean;
    staff?: EdxmlStaffInfo;
    /** For revoke / update / replace: the document concerned. */
    target?: EdxmlDocumentRef;
  };
  attachments: EdxmlAttachment[];
}

/** A document package that arrived for one of this deployment's agencies. */
export interface IncomingDocumentMessage {
  /** Exchange's id of the received package (`pkg_…`); answer statuses against it. */
  packageId: string;
  /** The agency it was addressed to (served here). */
  recipient: string;
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  /** edXML DocumentId of the document. */
  documentId: string;
  header: EdxmlDocumentHeader;
  business: OutgoingDocumentMessage['business'];
  /** Attachments, decoded and stored in `platform/files`. */
  attachments: EdxmlAttachment[];
  /** Validation of the package's XML signature (and the hub's checks), kept with the document. */
  signatureReport: ValidationReport;
  receivedAt: Date;
}

/** A status notification (edXML `Status`) about a document. */
export interface StatusMessage {
  /** Sender side: the local document id the status is about. Receiver side: the package it answers. */
  localDocumentId?: string;
  packageId?: string;
  /** The agency reporting the status. */
  from: EdxmlOrgan;
  responseFor: EdxmlDocumentRef;
  statusCode: EdxmlStatusCode;
  description?: string;
  staff?: EdxmlStaffInfo;
  timestamp: Date;
}

/** Implemented by exchange; documents calls it inside its own transaction. */
export interface ExchangeOutbox {
  /** Queue a document for every recipient; refuses nothing silently (secret documents never reach this call). */
  sendDocument(
    tx: Tx,
    ctx: ActorContext,
    msg: OutgoingDocumentMessage,
  ): Promise<{ packageIds: Record<string, string> }>;
  /** Queue a status about a received package back to its sender. */
  sendStatus(
    tx: Tx,
    ctx: ActorContext,
    s: { packageId: string; statusCode: EdxmlStatusCode; description?: string; staff?: EdxmlStaffInfo },
  ): Promise<void>;
}

/** Implemented by documents; exchange calls it inside the transaction that records the arrival. */
export interface ExchangeInbox {
  /** A document arrived; returns the local document id. Called once per package (exchange deduplicates). */
  documentArrived(tx: Tx, msg: IncomingDocumentMessage): Promise<{ localDocumentId: string }>;
  /** A status arrived for a document this deployment sent (or 13 for one it received). */
  statusArrived(tx: Tx, s: StatusMessage): Promise<void>;
}

/** What the exchange module needs from other modules, given to `createExchange` by the composition root. */
export interface ExchangePorts {
  /** Agencies, their lineage (the nearest agency with a seal) and both code forms. */
  directory: DirectoryService;
  /** Agency seal keys and certificates, and this deployment's root CAs (the PKI half of signatures). */
  signatures: Pick<SignaturesService, 'currentSeal' | 'sealKeyFor' | 'rootCertificates' | 'trustList'>;
  /**
   * The module that handles arrivals (documents). Documents is built after exchange (it sends through
   * the outbox), so this edge of the cycle is lazy: resolved at the first arrival (ADR 0014).
   */
  inbox: Lazy<ExchangeInbox>;
}
