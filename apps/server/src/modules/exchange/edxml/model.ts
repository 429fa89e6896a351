import type {
  BusinessDocType,
  EdxmlDocumentHeader,
  EdxmlDocumentRef,
  EdxmlOrgan,
  EdxmlStaffInfo,
  EdxmlStatusCode,
} from '../exchange-contract.js';

/** One hop of `TraceHeaderList` (an agency or system the package went through). */
export interface EdxmlTrace {
  organId: string;
  timestamp: Date;
}

export interface PackageAttachment {
  /** `cid:…`, the link between the manifest and the encoded attachment. */
  contentId: string;
  name: string;
  mediaType: string;
  description?: string;
  data: Buffer;
}

export interface PackageBusiness {
  /** `Bussiness/DocumentId`: the document itself, or for revoke / update / replace the one concerned. */
  documentId: string;
  type: BusinessDocType;
  reason?: string;
  paper: boolean;
  staff?: EdxmlStaffInfo;
  /** For replace: the replaced document and who receives the replacement (the first `ReplacementInfo`). */
  replacement?: { documentId: string; organIds: string[] };
  /** Every `ReplacementInfo` when a package carries more than one (real packages do). */
  replacements?: { documentId: string; organIds: string[] }[];
  /** For update: `BussinessDocumentInfo` (what changed and who receives the update). */
  documentInfo?: BusinessDocumentInfo;
}

/** `Bussiness/BussinessDocumentInfo` of an update (QCVN 102:2016; the national exchange's samples). */
export interface BusinessDocumentInfo {
  /** `DocumentInfo`: 1 when the document's information changed. */
  documentInfo?: number;
  /** `DocumentReceiver`: 1 when the receivers changed. */
  documentReceiver?: number;
  /** `ReceiverList/Receiver`: an agency and its `ReceiverType` (0 added, 1 removed, as the samples use it). */
  receivers: { organId: string; receiverType?: number }[];
}

/** A document package (MessageHeader), the model both the builder and the parser use. */
export interface DocumentPackage {
  kind: 'document';
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  documentId: string;
  header: EdxmlDocumentHeader;
  business: PackageBusiness;
  traces: EdxmlTrace[];
  attachments: PackageAttachment[];
}

/** A status notification (`Status` header). */
export interface StatusPackage {
  kind: 'status';
  from: EdxmlOrgan;
  responseFor: EdxmlDocumentRef;
  statusCode: EdxmlStatusCode;
  description?: string;
  staff?: EdxmlStaffInfo;
  timestamp: Date;
  traces: EdxmlTrace[];
}

export type EdxmlPackage = DocumentPackage | StatusPackage;

export const BUSINESS_TYPES: readonly BusinessDocType[] = ['new', 'revoke', 'update', 'replace'];
export const STATUS_CODES: readonly EdxmlStatusCode[] = ['01', '02', '03', '04', '05', '06', '13', '15', '16'];
