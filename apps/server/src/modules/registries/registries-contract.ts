import type { Executor } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/auth.js';
import type { DirectoryService } from '../directory/index.js';
import type { FinishedDossier } from '../dossiers/index.js';

/**
 * The contract of the registries module (cơ sở dữ liệu quốc gia: dân cư, đăng ký doanh nghiệp, đất
 * đai): what it needs from other modules and what it offers them, including the services the
 * gateway (NGSP/LGSP) publishes.
 */

/** A dossier as the registries need it to check a purpose that names it. */
export interface DossierRef {
  code: string;
  agencyCode: string;
  procedureCode: string;
  /** What the dossier names: the applicant's ID number and the key-like values of its form. */
  identifiers: string[];
}

/** What registries need from other modules (given by the composition root). */
export interface RegistriesPorts {
  directory: Pick<DirectoryService, 'find' | 'isWithin' | 'search'>;
  /** A dossier by its code, or null. */
  findDossier(code: string): Promise<DossierRef | null>;
  /**
   * The personal ID number of a citizen account whose identity is proven, else null. Given the
   * request's principal (the same account), the account row read with its session answers, without
   * another query.
   */
  verifiedIdNumber(accountId: string, principal?: Principal): Promise<string | null>;
  /** The `x-registry` sources a published procedure's form names, or null when it is not published. */
  formSources(procedureCode: string): Promise<string[] | null>;
}

/** Who calls a registry service: the X-Road client subsystem, the person acting and the purpose. */
export interface ServiceRequest {
  service: string;
  params: Record<string, string>;
  /** `VN:GOV:{agencyCode}:{subsystem}` */
  client: string;
  actor: { kind: 'official' | 'citizen'; accountId: string; agencyCode?: string; name?: string };
  purpose: string;
  dossierCode?: string;
  /** Set by the module's own prefill (the consent recorded before the read). */
  consentId?: string;
}

export interface ServiceResponse {
  status: number;
  body: unknown;
}

export type ServiceHandler = (req: ServiceRequest) => Promise<ServiceResponse>;

export interface RegistryService {
  code: string;
  purposes: string[];
  title: string;
  handle: ServiceHandler;
}

/** A finished dossier, whose result may change a registry (birth registration, household business). */
export type { FinishedDossier };

/** What other modules may ask of registries. */
export interface RegistriesFacade {
  /** The services to publish on the gateway; each checks purpose and rights and logs the read. */
  services(): RegistryService[];
  /** Dossiers call this in the transaction that finishes a dossier: the effect runs as a job. */
  dossierFinished(tx: Executor, d: FinishedDossier): Promise<void>;
}

/** Apply a finished dossier's effect on a registry (runs after the dossier's transaction). */
export const REGISTRIES_EFFECT_JOB = 'registries.apply-dossier-effect';
