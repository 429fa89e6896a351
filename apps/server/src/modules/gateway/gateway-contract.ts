import type { DirectoryService } from '../directory/index.js';
import type { Federation } from '../exchange/index.js';
import type { SignaturesService } from '../signatures/index.js';
import type { GatewayActor } from './db/schema.js';

export type { GatewayActor, GatewayPurpose } from './db/schema.js';

/**
 * The integration platform (NGSP/LGSP), after X-Road: members are agencies of the directory,
 * subsystems `VN:GOV:{agency code}:{subsystem}` call and offer services, a provider's administrator
 * grants access rights per client subsystem and service, every call names its client, acting
 * person and purpose, and both gateways keep a signed, chained, batch time-stamped message log.
 */

/** A call as a provider's handler receives it, after every check passed. */
export interface GatewayRequest {
  service: string;
  params: Record<string, string>;
  /** The client subsystem. */
  client: string;
  actor: GatewayActor;
  purpose: string;
  dossierCode?: string;
}

export interface GatewayResponse {
  status: number;
  body: unknown;
}

/** A service implemented in this deployment (a registry, the demo directory service). */
export interface LocalServiceRegistration {
  /** `population.person.v1`: the version is part of the code. */
  code: string;
  /** The provider subsystem, `VN:GOV:{agencyCode}:{subsystem}`. */
  provider: string;
  /** Purpose codes the service may be called for; see `purposeDetails` for their names and legal basis. */
  purposes: string[];
  handle(req: GatewayRequest): Promise<GatewayResponse>;
  /** Shown in the registry; defaults to the code. */
  name?: string;
  /** Name and legal basis per purpose code (defaults from the platform's list of common purposes). */
  purposeDetails?: Record<string, { name: string; legalBasis: string }>;
  /** The OpenAPI description of this version (defaults to a minimal one naming the parameters). */
  openapi?: Record<string, unknown>;
}

export interface GatewayCallInput {
  /** The client subsystem making the call (already authenticated by the caller of the facade). */
  client: string;
  service: string;
  /** The provider subsystem; needed when the service is not offered in this deployment. */
  provider?: string;
  purpose: string;
  actor: GatewayActor;
  dossierCode?: string;
  /** Query parameters (an in-process service's parameters). */
  params: Record<string, string>;
  /**
   * For a service answered by the provider's own REST back end: the operation, which its OpenAPI
   * description must declare (default GET and its only GET without path parameters), and a JSON body.
   */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path?: string;
  body?: unknown;
}

export interface GatewayCallResult extends GatewayResponse {
  /** The exchange's id: `GET /api/gateway/evidence/{messageId}` on either side. */
  messageId: string;
}

/** What the gateway needs from other modules. */
export interface GatewayPorts {
  directory: Pick<DirectoryService, 'find' | 'isWithin' | 'lineage'>;
  /** Member seals sign the log; the platform's TSA stamps its batches; roots and anchors go into evidence. */
  signatures: Pick<
    SignaturesService,
    | 'sealKeyFor'
    | 'currentSeal'
    | 'timestampAuthority'
    | 'trustContext'
    | 'issueTlsClient'
    | 'tlsClientCertificates'
    | 'presentedCertificate'
    | 'caCertificatesPem'
    | 'tlsServerIdentity'
  >;
  /** The exchange's signed-HTTP federation: calls to services of other deployments. */
  federation: Federation;
}

/** What other modules (registries, dossiers) ask of the gateway. */
export interface GatewayFacade {
  /** Offer a service implemented in this deployment; its registry entry is written if missing. */
  registerLocalService(s: LocalServiceRegistration): void;
  /** Check rights, purpose and quotas, log and sign on both sides, and dispatch (here or to another deployment). */
  call(input: GatewayCallInput): Promise<GatewayCallResult>;
  /** Chain and time-stamp the log records written since the last batch; returns how many. */
  stampPending(): Promise<number>;
  /**
   * Open the mutual-TLS listener (GATEWAY_MTLS_PORT): HTTPS with client certificates of the platform CA,
   * serving the gateway's API only; a certificate authenticates its client subsystem. Port 0 picks one.
   */
  listenMutualTls(o: { port: number; host: string }): Promise<{ port: number; close(): Promise<void> }>;
  /** Demo data (`npm start`): a client system of Hà Nội with a right to the directory service, and two logged calls. */
  seedDemo(actingOfficialId: string | null): Promise<{ calls: number }>;
}

export const GATEWAY_FEDERATION_PATH = '/api/gateway/v1/messages';
