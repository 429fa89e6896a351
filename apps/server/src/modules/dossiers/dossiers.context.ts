import { type PortalSyncSettings, schedulePortalSync } from './portal-sync/portal-sync.js';
import type { Config } from '../../config/index.js';
import type { Db, Executor } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { Principal } from '../../platform/http/auth.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import type { IdentityContext } from '../identity/index.js';
import type { ProceduresService } from '../procedures/index.js';
import type { SigningService } from '../signatures/index.js';
import { DailyNumbers } from './dossier-code.js';
import { ReceiptCodes } from './receipt-codes.js';
import { type DossierRow, dossiersRepository } from './dossiers.repository.js';
import type { Actor } from './workflow-engine.js';
import type { Lazy } from '../../platform/module.js';
import type { DossierFinishedListener } from './dossiers.module.js';

/** `person:<ID number or tax code>` for an applicant whose identity is verified, else null. */
export function personKeyOf(p: Principal): string | null {
  if (p.kind !== 'citizen' && p.kind !== 'business') return null;
  if (!p.identityLevel || p.identityLevel === 'self_declared') return null;
  return `person:${p.username}`;
}

/** Working-day arithmetic for statutory deadlines (Vietnamese calendar). */
export interface DeadlineCalendar {
  dueDate(receivedAt: Date, workingDays: number): Date;
  classify(finishedAt: Date, dueAt: Date): 'early' | 'on_time' | 'overdue';
}

/** What the dossier use cases need from the platform and other modules' facades. */
export class DossiersContext {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly config: Config,
    readonly files: FileStore,
    readonly directory: DirectoryService,
    readonly procedures: ProceduresService,
    readonly identity: IdentityContext,
    readonly calendar: DeadlineCalendar,
    /** Seals results with the agency's seal (PAdES); called before a transaction opens. */
    readonly signing: Pick<SigningService, 'sealPdf'>,
    /** Where dossier statuses go to the national portal (null: nowhere; portal-sync/portal-sync.ts). */
    readonly portalSync: PortalSyncSettings | null = null,
    /** Told in the transaction that gives a dossier its result (registries record its effect; ADR 0025). */
    readonly onFinished?: Lazy<DossierFinishedListener>,
  ) {}

  /** In the transaction of a step: tell the national portal the dossier's status once it commits. */
  async syncPortal(tx: Executor, dossierId: string) {
    if (this.portalSync) await schedulePortalSync(tx, dossierId);
  }

  /** Dossier numbers, taken in groups under load (one counter statement per group). */
  readonly numbers = new DailyNumbers((agencyCode, day, count) =>
    dossiersRepository.nextSequence(this.db, agencyCode, day, count),
  );

  /** The claim code and tracking token printed on a dossier's receipt. */
  get receiptCodes(): ReceiptCodes {
    this.codes ??= new ReceiptCodes(this.identity.appSecret);
    return this.codes;
  }
  private codes: ReceiptCodes | undefined;

  /**
   * The workflow's view of the caller on this dossier (staff of the receiving agency or above it,
   * or its assignee). A dossier filed for a person (at the desk) belongs to `person:<ID number>`
   * until claimed: an account with that ID number is its applicant only once its identity is
   * verified (desk, VNeID, certificate), never on its own word (ADR 0015).
   */
  async actorFor(p: Principal, d: DossierRow): Promise<Actor> {
    const isApplicant = d.applicantId === p.userId || d.applicantId === personKeyOf(p);
    const inAgency =
      p.kind === 'staff' &&
      !!p.agencyCode &&
      (p.agencyCode === d.agencyCode || (await this.directory.isWithin(p.agencyCode, d.agencyCode)));
    const isReceiver =
      p.kind === 'staff' &&
      !!p.agencyCode &&
      !!d.receivingAgencyCode &&
      (p.agencyCode === d.receivingAgencyCode || (await this.directory.isWithin(p.agencyCode, d.receivingAgencyCode)));
    return {
      roles: p.roles,
      isApplicant,
      inAgency,
      isAssignee: d.assigneeId === p.userId,
      isReceiver,
      // The receiving desk hands the result over when the applicant chose to collect it there.
      receiverActions: isReceiver && d.resultAtReceiving ? ['return_result'] : [],
      // Taken in here, never received (its fee was due first): this desk receives it once paid.
      receiverReceives: isReceiver && d.receivedAt === null,
    };
  }
}
