import type { Principal } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { GatewayContext } from '../gateway.context.js';
import { assertAdministers, assertAdministrator, isPlatformAdmin } from '../gateway.policy.js';
import { gatewayRepository as repo, type MessageRow, type ServiceRow } from '../gateway.repository.js';
import { parseSubsystemId, serviceVersion } from '../identifiers.js';
import { ensureLocalServices, listSubsystems } from './registry.js';

export const serviceView = (s: ServiceRow) => ({
  id: s.id,
  code: s.code,
  version: serviceVersion(s.code),
  providerId: s.providerId,
  name: s.name,
  description: s.description,
  purposes: s.purposes,
  baseUrl: s.backendUrl ?? null,
  status: s.status,
  createdAt: s.createdAt,
});

/** The service registry, as every civil servant and client may read it (what exists, for which purposes). */
export async function listServices(ctx: GatewayContext, f: { q?: string; provider?: string }) {
  await ensureLocalServices(ctx);
  return (await repo.services(ctx.db, { q: f.q, providerId: f.provider })).map(serviceView);
}

export async function serviceOpenApi(ctx: GatewayContext, id: string) {
  const s = await repo.service(ctx.db, id);
  if (!s) throw new NotFoundError('GATEWAY_SERVICE_NOT_FOUND', 'No such service in the registry.', { id });
  return s.openapi;
}

/** The rights to a service, for its provider's administrator. */
export async function listRights(ctx: GatewayContext, p: Principal, serviceId: string) {
  const s = await repo.service(ctx.db, serviceId);
  if (!s) throw new NotFoundError('GATEWAY_SERVICE_NOT_FOUND', 'No such service in the registry.', { id: serviceId });
  await assertAdministers(ctx, p, parseSubsystemId(s.providerId)!.agencyCode);
  return repo.rightsOf(ctx.db, serviceId);
}

const messageView = (m: MessageRow) => ({
  id: m.id,
  messageId: m.messageId,
  side: m.side,
  clientId: m.clientId,
  serviceCode: m.serviceCode,
  providerId: m.providerId,
  actor: m.actor,
  purpose: m.purpose,
  dossierCode: m.dossierCode,
  status: m.status,
  via: m.via,
  requestHash: m.requestHash,
  responseHash: m.responseHash,
  createdAt: m.createdAt,
  seq: m.seq,
  stamped: m.batchId !== null,
});

/** This gateway's message log, limited to the members the caller administers. */
export async function listMessages(
  ctx: GatewayContext,
  p: Principal,
  f: { service?: string; from?: Date; to?: Date; page: number; pageSize: number },
) {
  assertAdministrator(p);
  let ids: string[] | undefined;
  if (!isPlatformAdmin(p)) ids = (await listSubsystems(ctx, p)).map((s) => s.id);
  const r = await repo.messages(ctx.db, { ...f, clientIds: ids, providerIds: ids });
  return { items: r.items.map(messageView), total: r.total };
}
