import { PURPOSES, REGISTRIES, serviceByCode } from './registries.catalog.js';
import type { RegistryService, ServiceRequest, ServiceResponse } from './registries-contract.js';

/** The registry services as the gateway (NGSP/LGSP) publishes them (shape of its `registerLocalService`). */
export interface GatewayOffer {
  code: string;
  /** `VN:GOV:{owner agency}:{registry}`: the Ministry of Public Security offers the population registry … */
  provider: string;
  name: string;
  purposes: string[];
  purposeDetails: Record<string, { name: string; legalBasis: string }>;
  handle(req: Omit<ServiceRequest, 'consentId'>): Promise<ServiceResponse>;
}

/**
 * Each registry service, offered by its owner agency's subsystem. A call through the gateway passes the gateway's
 * checks (client, access right, purpose on the service's list, quotas, signed log) and then this module's own
 * read path (purpose, client agency, dossier) and writes its data-access log row: the person sees the read.
 */
export function gatewayOffers(services: RegistryService[]): GatewayOffer[] {
  return services.map((s) => {
    const info = serviceByCode(s.code);
    if (!info) throw new Error(`registry service ${s.code} is not in the catalogue`);
    return {
      code: s.code,
      provider: `VN:GOV:${REGISTRIES[info.registry].ownerAgencyCode}:${info.registry}`,
      name: s.title,
      purposes: [...s.purposes],
      purposeDetails: Object.fromEntries(
        s.purposes.map((p) => [p, { name: PURPOSES[p]!.label, legalBasis: PURPOSES[p]!.legalBasis }]),
      ),
      handle: (req) => s.handle(req),
    };
  });
}
