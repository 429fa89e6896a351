// Input of the one-stop forms (Mẫu 01–07, Phụ lục I TT 03/2025/TT-VPCP; layouts of TT 01/2018). Plain data: the
// caller resolves names and dates; the forms only lay them out.

/** How the dossier reached the one-stop desk (KenhThucHien: 1 counter, 2 online, 3 postal). */
export type SubmissionChannel = 'online' | 'counter' | 'postal';

export interface FormApplicant {
  fullName: string;
  /** 12-digit personal identification number (CCCD). */
  idNumber?: string;
  /** Tax code (MST) when the applicant is an organisation. */
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** One paper (thành phần hồ sơ) as handed in. */
export interface FormDocument {
  name: string;
  originals: number;
  copies: number;
  /** Submitted as a file rather than on paper. */
  electronic: boolean;
}

export interface FormOfficer {
  fullName: string;
  position?: string;
}

/** What every form prints about the dossier. */
export interface DossierFormData {
  /** Receiving agency, e.g. 'Ủy ban nhân dân phường Hoàn Kiếm'. */
  agencyName: string;
  /** Its parent, e.g. 'Ủy ban nhân dân thành phố Hà Nội'. */
  parentAgencyName?: string;
  /** Unit that issues the slip; default 'Bộ phận tiếp nhận và trả kết quả' (the one-stop desk). */
  deskName?: string;
  /** Mã số hồ sơ, e.g. '000.00.00.H26-260302-0001'. */
  code: string;
  procedureName: string;
  procedureCode: string;
  applicant: FormApplicant;
  documents: FormDocument[];
  submittedAt: Date;
  receivedAt?: Date;
  dueAt?: Date;
  officer: FormOfficer;
  /** Place name on the place-and-date line, e.g. 'Hà Nội'. */
  place: string;
  /** Public tracking URL, encoded in the QR code. */
  lookupUrl: string;
  channel: SubmissionChannel;
  /** Date printed on the form and stamped in the PDF metadata; defaults to receivedAt or submittedAt. */
  issuedAt?: Date;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptData extends DossierFormData {
  receivedAt: Date;
  dueAt: Date;
  /** Statutory processing time, e.g. '05 ngày làm việc'. */
  processingTime?: string;
  /** Number of sets (bộ) handed in; default 1. */
  sets?: number;
  /** Where the result is collected ('Bộ phận tiếp nhận và trả kết quả …', 'qua dịch vụ bưu chính'). */
  resultDelivery?: string;
  /** Sổ theo dõi hồ sơ (Mẫu 07) reference. */
  register?: { book?: string; entry?: string };
  /** Liên (copy): e.g. 'Giao người nộp hồ sơ' or 'Lưu'. */
  copyFor?: string;
  /** A dossier filed for someone: the code that attaches it to their account on the portal. */
  claimCode?: string;
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestData extends DossierFormData {
  requestedAt: Date;
  /** Everything to add or correct, in one request (Decree 61 Art 15). */
  items: string[];
  reason: string;
  /** E.g. 'Trong thời hạn 05 ngày làm việc kể từ ngày nhận được phiếu này'. */
  deadlineNote?: string;
  /** Who answers questions while the applicant completes the dossier. */
  contact?: { name: string; phone?: string };
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalData extends DossierFormData {
  refusedAt: Date;
  reasons: string[];
}

/** Mẫu 05 (TT 03/2025/TT-VPCP): Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeData extends DossierFormData {
  stoppedAt: Date;
  reasons: string[];
  /**
   * The stage the dossier had reached (the workflow state it was stopped in), and the fee it carries: a
   * secondary source maps Mẫu 05 to "the request to stop, the stage, the decision and the financial side"
   * (docs/legal/decree-118-circular-03.md §2; the form's own fields were not available).
   */
  stage?: string;
  fee?: { amount: number; paid: boolean };
  /** Số, ký hiệu of the notice, e.g. '21/TB-UBND'. */
  number?: string;
  /** The head of the agency who decided (defaults to the officer). */
  signer?: { title: string; fullName: string; authority?: string };
}

/** Mẫu 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. */
export interface ApologyData extends DossierFormData {
  issuedAt: Date;
  /** Số, ký hiệu of the letter, e.g. '15/PXL-UBND'. */
  number?: string;
  receivedAt: Date;
  oldDueAt: Date;
  newDueAt: Date;
  reason: string;
  /** The head of the processing agency who signs (defaults to the officer). */
  signer?: { title: string; fullName: string; authority?: string };
  /** Nơi nhận; defaults to the applicant and the archive. */
  recipients?: string[];
}

export type StepResult = 'early' | 'on_time' | 'late';

/** One hand-over recorded on Mẫu 06. */
export interface ControlStep {
  from: string;
  to: string;
  handedAt: Date;
  dueAt?: Date;
  finishedAt?: Date;
  result?: StepResult;
  note?: string;
}

/** Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetData extends DossierFormData {
  receivedAt: Date;
  dueAt: Date;
  /** Agency or unit that resolves the dossier, and those that help. */
  processingUnit?: string;
  coordinatingUnits?: string[];
  steps: ControlStep[];
}

/** One dossier in the desk's register (Mẫu 07). */
export interface RegisterEntry {
  /** Quyển số and số thứ tự: the dossier's entry in its unit's register book, taken at reception. */
  book?: string;
  entry?: number;
  code: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ). */
  sets: number;
  applicant: string;
  address?: string;
  phone?: string;
  /** Cơ quan chủ trì giải quyết. */
  competentAgency: string;
  receivedAt?: Date;
  dueAt?: Date;
  /** Handed to the competent agency (or its processing unit). */
  transferredAt?: Date;
  /** The result came back from it. */
  resultReceivedAt?: Date;
  /** Handed to the applicant. */
  returnedAt?: Date;
  note?: string;
}

/** Mẫu 07 (TT 03/2025/TT-VPCP; Mẫu 06 of TT 01/2018): Sổ theo dõi hồ sơ of a one-stop desk for a period. */
export interface RegisterData {
  agencyCode: string;
  agencyName: string;
  parentAgencyName?: string;
  deskName?: string;
  place: string;
  from: Date;
  to: Date;
  issuedAt: Date;
  entries: RegisterEntry[];
}
