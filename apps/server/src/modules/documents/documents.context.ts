import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { ActorContext, Principal } from '../../platform/http/auth.js';
import type { WorkingCalendar } from '../calendar/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import type { ExchangeOutbox } from '../exchange/index.js';
import type { IdentityContext, PasskeyAssertion } from '../identity/index.js';
import type { ValidationReport, WidgetSpec } from '../signatures/index.js';
import type { DocumentRow } from './documents.repository.js';
import type { DocActor } from './documents.policy.js';

/**
 * What documents needs from the signatures module (wired to its SigningService by the composition
 * root, `documents-signing.ts`). Each call reads the PKI: call it before the action's transaction.
 */
export interface DocumentSigning {
  /**
   * The leader's PAdES B-T signature with their own person certificate (`certificateId`, or their
   * single usable one), confirmed on a level-2 session by a fresh TOTP code or by a passkey assertion
   * made for `signature:<certificateId>` (single use, 2 minutes); a visible block.
   */
  signAsLeader(input: {
    principal: Principal;
    actor: ActorContext;
    pdf: Uint8Array;
    certificateId?: string;
    otp?: string;
    passkey?: PasskeyAssertion;
    position: string;
    reason: string;
    /** Where and how the signature shows (the signer's slot); default a block at the foot of the last page. */
    widgets?: WidgetSpec[];
  }): Promise<Uint8Array>;
  /**
   * The leader's confirmation of a batch of signatures (ký số hàng loạt), given once with a TOTP code
   * or a passkey assertion for `signature:<certificateId>`; the signer it returns signs each PDF.
   */
  confirmLeader(input: {
    principal: Principal;
    actor: ActorContext;
    certificateId?: string;
    otp?: string;
    passkey?: PasskeyAssertion;
  }): Promise<LeaderSigner>;
  /**
   * The seal of the agency, or of the nearest agency above it that has one (409 SEAL_CERTIFICATE_MISSING
   * when none has), without image: its appearance shows `lines` (number and notation, time) at the top right of page 1.
   */
  seal(input: {
    pdf: Uint8Array;
    agencyCode: string;
    lines: string[];
    reason: string;
    actor: ActorContext;
    /** The seal's widgets for the agency that seals (its name on the seal); default `lines` top right of page 1. */
    widgets?: (agencyName: string) => Promise<WidgetSpec[]>;
  }): Promise<{ pdf: Uint8Array; sealedBy: string }>;
  /** The validation report of a signed file (never throws on bad input). */
  validate(pdf: Uint8Array): Promise<ValidationReport>;
}

/** Signs one PDF of a confirmed batch as the leader. */
export type LeaderSigner = (i: {
  pdf: Uint8Array;
  position: string;
  reason: string;
  widgets?: WidgetSpec[];
}) => Promise<Uint8Array>;

/** The working calendar in force (the calendar module). */
export interface CalendarSource {
  readonly calendar: WorkingCalendar;
}

/** What the document use cases need from the platform and other modules' facades. */
export class DocumentsContext {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly files: FileStore,
    readonly directory: DirectoryService,
    readonly identity: IdentityContext,
    readonly calendar: CalendarSource,
    /** Leader signatures, agency seals, validation (tests may swap it for one that fails). */
    public signing: DocumentSigning,
    /** The exchange's outbox; null until the composition root wires exchange. */
    public exchange: ExchangeOutbox | null = null,
  ) {}

  /** Validation reports of files by SHA-256, kept a few minutes: a document page is read far more often than its PDF changes. */
  readonly reports = new Map<string, { at: number; report: ValidationReport }>();

  /** How the caller stands to a document: its agency (or above), its drafter, its handler or handling unit. */
  async actorFor(p: Principal, d: DocumentRow): Promise<DocActor> {
    const staff = p.kind === 'staff' && !!p.agencyCode;
    const inAgency =
      staff && (p.agencyCode === d.agencyCode || (await this.directory.isWithin(p.agencyCode!, d.agencyCode)));
    const units = [d.leadUnit, ...(d.supportingUnits ?? [])].filter((u): u is string => !!u);
    let inHandlingUnit = false;
    for (const u of units) if (staff && (await this.directory.isWithin(u, p.agencyCode!))) inHandlingUnit = true;
    return {
      roles: p.roles,
      inAgency,
      isCreator: d.createdBy === p.userId,
      isHandler: d.handlerId === p.userId,
      inHandlingUnit,
    };
  }
}
