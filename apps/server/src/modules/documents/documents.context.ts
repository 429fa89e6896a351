import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { Principal } from '../../platform/http/auth.js';
import type { WorkingCalendar } from '../../platform/time/calendar/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import type { ExchangeOutbox } from '../exchange/index.js';
import type { IdentityContext } from '../identity/index.js';
import type { ValidationReport } from '../signatures/index.js';
import type { DocumentRow } from './documents.repository.js';
import type { DocActor } from './documents.policy.js';

/**
 * What documents needs from the signatures module. Until its facade lands on main this is not
 * wired (null): `sign` then records the leader's decision without a digital signature, and `issue`
 * stamps the number and time on the PDF without a seal. Nothing pretends to be a signature.
 */
export interface DocumentSigning {
  /** The leader's PAdES signature with their person certificate (after the confirmation step). */
  signAsLeader(input: { pdf: Uint8Array; userId: string; reason: string }): Promise<Uint8Array>;
  /** The agency seal, without image, its appearance showing `lines` (number, notation, signing time) at the top right of page 1. */
  seal(input: { pdf: Uint8Array; agencyCode: string; lines: string[] }): Promise<Uint8Array>;
  validate(pdf: Uint8Array): Promise<ValidationReport>;
}

/** The working calendar in force (platform/time/calendar-service). */
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
    /** The exchange's outbox; null until the composition root wires exchange. */
    public exchange: ExchangeOutbox | null = null,
    public signing: DocumentSigning | null = null,
  ) {}

  /** How the caller stands to a document: its agency (or above), its drafter, its handler or handling unit. */
  async actorFor(p: Principal, d: DocumentRow): Promise<DocActor> {
    const staff = p.kind === 'staff' && !!p.agencyCode;
    const inAgency = staff && (p.agencyCode === d.agencyCode || (await this.directory.isWithin(p.agencyCode!, d.agencyCode)));
    const units = [d.leadUnit, ...(d.supportingUnits ?? [])].filter((u): u is string => !!u);
    let inHandlingUnit = false;
    for (const u of units) if (staff && (await this.directory.isWithin(u, p.agencyCode!))) inHandlingUnit = true;
    return { roles: p.roles, inAgency, isCreator: d.createdBy === p.userId, isHandler: d.handlerId === p.userId, inHandlingUnit };
  }
}
