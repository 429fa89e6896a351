import { parse as parseYaml } from 'yaml';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { GatewayPurpose } from '../db/schema.js';
import type { LocalServiceRegistration } from '../gateway-contract.js';
import type { GatewayContext } from '../gateway.context.js';
import { backendPolicy, checkBackendUrl } from './backend.js';
import { administers, assertAdministers, assertAdministrator, isPlatformAdmin } from '../gateway.policy.js';
import { gatewayRepository as repo, type ServiceRow } from '../gateway.repository.js';
import { COMMON_PURPOSES, parseSubsystemId, subsystemId } from '../identifiers.js';

/** A subsystem id with its member looked up in the directory, in canonical form (the Decision 20 code). */
export async function memberOf(ctx: GatewayContext, id: string, field: string) {
  const ref = parseSubsystemId(id);
  if (!ref) throw ValidationError.field(field, 'INVALID_SUBSYSTEM_ID', 'Expected VN:GOV:{agency code}:{subsystem}.');
  const agency = await ctx.ports.directory.find(ref.agencyCode);
  if (!agency) throw ValidationError.field(field, 'UNKNOWN_MEMBER', `No agency ${ref.agencyCode} in the directory.`);
  return { id: subsystemId(agency.code, ref.code), agencyCode: agency.code, agencyName: agency.name, code: ref.code };
}

export interface SubsystemInput {
  agencyCode: string;
  code: string;
  name: string;
  oauthClientId?: string | null;
  ratePerMinute: number;
  quotaPerDay: number;
}

/** Register a subsystem of a member (audited); 409 when the id or the OAuth client is taken. */
export async function createSubsystem(ctx: GatewayContext, actor: ActorContext, p: Principal, input: SubsystemInput) {
  const m = await memberOf(ctx, subsystemId(input.agencyCode, input.code), 'code');
  await assertAdministers(ctx, p, m.agencyCode);
  if (input.oauthClientId && (await repo.subsystemOfClient(ctx.db, input.oauthClientId)))
    throw new ConflictError('GATEWAY_CLIENT_TAKEN', 'This OAuth client already authenticates another subsystem.', {
      oauthClientId: input.oauthClientId,
    });
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertSubsystem(tx, {
      id: m.id,
      agencyCode: m.agencyCode,
      code: m.code,
      name: input.name,
      oauthClientId: input.oauthClientId ?? null,
      ratePerMinute: input.ratePerMinute,
      quotaPerDay: input.quotaPerDay,
      createdBy: actor.actorId,
      createdAt: ctx.clock.now(),
    });
    if (!row)
      throw new ConflictError('GATEWAY_SUBSYSTEM_EXISTS', 'This subsystem is already registered.', { id: m.id });
    await recordAudit(
      tx,
      actor,
      { action: 'gateway.subsystem.registered', subjectType: 'gateway_subsystem', subjectId: row.id, after: row },
      ctx.clock.now(),
    );
    ctx.lookups.clear();
    return row;
  });
}

/** Subsystems the caller administers (all for the platform administrator). */
export async function listSubsystems(ctx: GatewayContext, p: Principal) {
  assertAdministrator(p);
  const all = await repo.subsystems(ctx.db, null);
  if (isPlatformAdmin(p)) return all;
  const out = [];
  for (const s of all) if (await administers(ctx, p, s.agencyCode)) out.push(s);
  return out;
}

export interface ServiceInput {
  provider: string;
  code: string;
  name: string;
  description?: string | null;
  purposes: GatewayPurpose[];
  /** An object, or the uploaded text (JSON or YAML). */
  openapi: Record<string, unknown> | string;
  baseUrl?: string | null;
}

/** A minimal OpenAPI 3.1 description: one GET with the named query parameters. */
export function defaultOpenApi(code: string, name: string, params: string[] = []): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: name, version: /\.v(\d+)$/.exec(code)?.[1] ?? '1' },
    paths: {
      [`/${code}`]: {
        get: {
          operationId: code,
          parameters: params.map((n) => ({ name: n, in: 'query', required: true, schema: { type: 'string' } })),
          responses: { '200': { description: 'OK' } },
        },
      },
    },
  };
}

/** The uploaded description as an object: JSON, else YAML (core schema, no custom tags); 422 on `openapi` otherwise. */
export function parseOpenApiText(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { schema: 'core', maxAliasCount: 50 });
  } catch {
    throw ValidationError.field('openapi', 'INVALID_OPENAPI_SYNTAX', 'The file is neither valid JSON nor valid YAML.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw ValidationError.field('openapi', 'INVALID_OPENAPI', 'An OpenAPI document is an object.');
  return doc as Record<string, unknown>;
}

function checkOpenApi(doc: Record<string, unknown>) {
  if (typeof doc.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(doc.openapi))
    throw ValidationError.field('openapi.openapi', 'INVALID_OPENAPI', 'An OpenAPI 3.0 or 3.1 document is expected.');
  if (!doc.paths || typeof doc.paths !== 'object')
    throw ValidationError.field('openapi.paths', 'INVALID_OPENAPI', 'The description names no paths.');
}

/** A provider publishes a service version (audited); the provider subsystem must be registered here. */
export async function publishService(ctx: GatewayContext, actor: ActorContext, p: Principal, input: ServiceInput) {
  const m = await memberOf(ctx, input.provider, 'provider');
  await assertAdministers(ctx, p, m.agencyCode);
  if (!(await repo.subsystem(ctx.db, m.id)))
    throw ValidationError.field('provider', 'UNKNOWN_SUBSYSTEM', 'Register the provider subsystem first.');
  const openapi = typeof input.openapi === 'string' ? parseOpenApiText(input.openapi) : input.openapi;
  checkOpenApi(openapi);
  const backendUrl = input.baseUrl
    ? checkBackendUrl(backendPolicy(ctx.config.GATEWAY_BACKEND_ALLOW), input.baseUrl)
    : null;
  if (backendUrl) openapi.servers = [{ url: backendUrl }];
  const codes = input.purposes.map((x) => x.code);
  if (new Set(codes).size !== codes.length)
    throw ValidationError.field('purposes', 'DUPLICATE_PURPOSE', 'A purpose is listed twice.');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertService(tx, {
      id: newId('gws'),
      code: input.code,
      providerId: m.id,
      name: input.name,
      description: input.description ?? null,
      purposes: input.purposes,
      openapi,
      backendUrl,
      status: 'active',
      createdBy: actor.actorId,
      createdAt: ctx.clock.now(),
    });
    if (!row)
      throw new ConflictError('GATEWAY_SERVICE_EXISTS', 'This provider already publishes this service version.', {
        provider: m.id,
        code: input.code,
      });
    await recordAudit(
      tx,
      actor,
      {
        action: 'gateway.service.published',
        subjectType: 'gateway_service',
        subjectId: row.id,
        after: { code: row.code, provider: row.providerId, purposes: row.purposes, baseUrl: row.backendUrl },
      },
      ctx.clock.now(),
    );
    ctx.lookups.clear();
    return row;
  });
}

/** The registry row of a service implemented in this process, written once (at init, or at registration after it). */
export async function ensureLocalService(ctx: GatewayContext, s: LocalServiceRegistration) {
  const m = await memberOf(ctx, s.provider, 'provider');
  const name = s.name ?? s.code;
  await repo.insertSubsystem(ctx.db, {
    id: m.id,
    agencyCode: m.agencyCode,
    code: m.code,
    name: `${m.agencyName} — ${m.code}`,
    ratePerMinute: 600,
    quotaPerDay: 100_000,
    createdAt: ctx.clock.now(),
  });
  if (await repo.serviceAt(ctx.db, m.id, s.code)) return;
  await repo.insertService(ctx.db, {
    id: newId('gws'),
    code: s.code,
    providerId: m.id,
    name,
    purposes: s.purposes.map((code) => {
      const d = s.purposeDetails?.[code] ?? COMMON_PURPOSES[code];
      return { code, name: d?.name ?? code, legalBasis: d?.legalBasis ?? 'Theo đăng ký của đơn vị cung cấp dịch vụ' };
    }),
    openapi: s.openapi ?? defaultOpenApi(s.code, name),
    status: 'active',
    createdAt: ctx.clock.now(),
  });
}

/** The registry rows of every service implemented in this process (idempotent). */
export async function ensureLocalServices(ctx: GatewayContext) {
  if (ctx.localReady) return;
  for (const s of ctx.handlers.values()) await ensureLocalService(ctx, s);
  ctx.lookups.clear();
  ctx.localReady = true;
}

export async function requireService(ctx: GatewayContext, id: string): Promise<ServiceRow> {
  const s = await repo.service(ctx.db, id);
  if (!s) throw new NotFoundError('GATEWAY_SERVICE_NOT_FOUND', 'No such service in the registry.', { id });
  return s;
}

/** The provider's administrator grants a client subsystem the right to call a service (audited; idempotent). */
export async function grantRight(
  ctx: GatewayContext,
  actor: ActorContext,
  p: Principal,
  input: { serviceId: string; client: string },
) {
  const service = await requireService(ctx, input.serviceId);
  await assertAdministers(ctx, p, parseSubsystemId(service.providerId)!.agencyCode);
  const client = await memberOf(ctx, input.client, 'client');
  const open = await repo.openRight(ctx.db, service.id, client.id);
  if (open) return { right: open, created: false };
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertRight(tx, {
      id: newId('gwr'),
      serviceId: service.id,
      clientId: client.id,
      grantedBy: actor.actorId,
      grantedAt: ctx.clock.now(),
    });
    // A concurrent grant won the unique index: its row is the answer.
    if (!row) return { right: (await repo.openRight(tx, service.id, client.id))!, created: false };
    await recordAudit(
      tx,
      actor,
      {
        action: 'gateway.right.granted',
        subjectType: 'gateway_right',
        subjectId: row.id,
        after: { service: service.code, provider: service.providerId, client: client.id },
      },
      ctx.clock.now(),
    );
    ctx.lookups.clear();
    return { right: row, created: true };
  });
}

/** The provider's administrator revokes a right (audited); the next call of that client is refused. */
export async function revokeRight(ctx: GatewayContext, actor: ActorContext, p: Principal, id: string) {
  const right = await repo.right(ctx.db, id);
  if (!right) throw new NotFoundError('GATEWAY_RIGHT_NOT_FOUND', 'No such access right.', { id });
  const service = await requireService(ctx, right.serviceId);
  await assertAdministers(ctx, p, parseSubsystemId(service.providerId)!.agencyCode);
  if (right.revokedAt) return right;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.revokeRight(tx, id, actor.actorId, ctx.clock.now());
    if (!row) return (await repo.right(tx, id))!;
    await recordAudit(
      tx,
      actor,
      {
        action: 'gateway.right.revoked',
        subjectType: 'gateway_right',
        subjectId: row.id,
        before: { service: service.code, provider: service.providerId, client: row.clientId },
      },
      ctx.clock.now(),
    );
    ctx.lookups.clear();
    return row;
  });
}
