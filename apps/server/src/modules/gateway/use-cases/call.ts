import {
  AppError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { canonicalJson } from '../../../platform/json.js';
import { vnIsoDate } from '../../../platform/time/vn-time.js';
import type { GatewayActor } from '../db/schema.js';
import { GATEWAY_FEDERATION_PATH, type GatewayCallInput, type GatewayCallResult } from '../gateway-contract.js';
import type { GatewayContext } from '../gateway.context.js';
import { gatewayRepository as repo, type SubsystemRow } from '../gateway.repository.js';
import { PURPOSE_CODE, SERVICE_CODE } from '../identifiers.js';
import { type MessageInsert, requestHashOf, responseHashOf, signExchange, type SignedRecord } from './message-log.js';
import { BACKEND_METHODS, type BackendMethod, forwardToBackend } from './backend.js';
import { ensureLocalServices, memberOf } from './registry.js';

/** An exchange as both gateways see it once the client side checked it. */
export interface Exchange {
  messageId: string;
  client: string;
  service: string;
  provider: string;
  purpose: string;
  actor: GatewayActor;
  dossierCode: string | null;
  params: Record<string, string>;
  /** For a provider's REST back end: the operation (absent: GET, the description's only plain GET). */
  method?: BackendMethod;
  path?: string;
  /** The JSON body of a POST, PUT or PATCH to a back end. */
  body?: unknown;
}

function checkShape(i: GatewayCallInput) {
  const errors = [];
  if (!i.service || !SERVICE_CODE.test(i.service))
    errors.push({ path: 'service', code: 'INVALID_SERVICE_CODE', message: 'Expected {area}.{name}.v{n}.' });
  if (!i.purpose)
    errors.push({ path: 'purpose', code: 'PURPOSE_REQUIRED', message: 'Every call names its purpose (mục đích).' });
  else if (!PURPOSE_CODE.test(i.purpose))
    errors.push({ path: 'purpose', code: 'INVALID_PURPOSE', message: 'Not a purpose code.' });
  if (!i.actor?.accountId || !['official', 'citizen'].includes(i.actor.kind))
    errors.push({
      path: 'actor',
      code: 'ACTOR_REQUIRED',
      message: 'Every call names the acting official or citizen.',
    });
  if (i.dossierCode !== undefined && !/^[0-9A-Za-z.-]{1,40}$/.test(i.dossierCode))
    errors.push({ path: 'dossierCode', code: 'INVALID_DOSSIER_CODE', message: 'Not a dossier code.' });
  for (const [k, v] of Object.entries(i.params ?? {}))
    if (typeof v !== 'string' || v.length > 500 || !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k))
      errors.push({ path: `params.${k}`, code: 'INVALID_PARAM', message: 'Parameters are short strings.' });
  if (i.method !== undefined && !BACKEND_METHODS.includes(i.method))
    errors.push({ path: 'method', code: 'INVALID_METHOD', message: `One of ${BACKEND_METHODS.join(', ')}.` });
  if (i.path !== undefined && (typeof i.path !== 'string' || !i.path.startsWith('/') || i.path.length > 1000))
    errors.push({ path: 'path', code: 'INVALID_PATH', message: 'An absolute path.' });
  if (i.body !== undefined && i.method !== 'POST' && i.method !== 'PUT' && i.method !== 'PATCH')
    errors.push({ path: 'body', code: 'BODY_NOT_ALLOWED', message: 'Only POST, PUT and PATCH carry a body.' });
  if (errors.length) throw new ValidationError(errors);
}

/** Rate (per minute) and quota (per Vietnam day) of the client subsystem, counted before anything else is asked. */
async function countCall(ctx: GatewayContext, client: SubsystemRow) {
  const now = ctx.clock.now();
  const day = vnIsoDate(now);
  const dayEnds = new Date(`${day}T00:00:00+07:00`);
  dayEnds.setUTCDate(dayEnds.getUTCDate() + 1);
  const rows = await repo.hit(
    ctx.db,
    [
      { key: `m:${client.id}`, windowEnds: new Date(now.getTime() + 60_000) },
      { key: `d:${client.id}:${day}`, windowEnds: dayEnds },
    ],
    now,
  );
  const minute = rows.find((r) => r.key.startsWith('m:'))!;
  const daily = rows.find((r) => r.key.startsWith('d:'))!;
  if (minute.hits > client.ratePerMinute)
    throw new TooManyRequestsError(
      'GATEWAY_RATE_LIMITED',
      `The client subsystem may make ${client.ratePerMinute} calls a minute.`,
      (minute.windowEnds.getTime() - now.getTime()) / 1000,
    );
  if (daily.hits > client.quotaPerDay)
    throw new TooManyRequestsError(
      'GATEWAY_QUOTA_EXCEEDED',
      `The client subsystem's quota of ${client.quotaPerDay} calls a day is used up.`,
      (daily.windowEnds.getTime() - now.getTime()) / 1000,
    );
}

/** The provider of a service offered here when the client named none (one provider only). */
async function resolveProvider(ctx: GatewayContext, i: GatewayCallInput): Promise<string> {
  if (i.provider) return (await memberOf(ctx, i.provider, 'provider')).id;
  const offered = await ctx.lookups.get(`offered ${i.service}`, () => repo.servicesByCode(ctx.db, i.service));
  if (offered.length === 1) return offered[0]!.providerId;
  if (offered.length > 1)
    throw ValidationError.field('provider', 'PROVIDER_AMBIGUOUS', 'Several providers offer this service; name one.');
  throw new NotFoundError(
    'GATEWAY_SERVICE_NOT_FOUND',
    'No provider of this service is known here; name the provider.',
    {
      service: i.service,
    },
  );
}

/**
 * The client side of a call (the consumer's gateway): the client subsystem is registered here, its
 * rate and quota allow it, the call names a purpose and an actor; then the provider's side (here,
 * or the deployment that serves the provider over the signed federation) checks the service, the
 * purpose and the access right before the provider sees anything. Both sides log and sign.
 */
export async function callService(ctx: GatewayContext, i: GatewayCallInput): Promise<GatewayCallResult> {
  checkShape(i);
  await ensureLocalServices(ctx);
  const clientRef = await memberOf(ctx, i.client, 'client');
  const client = await ctx.lookups.get(`subsystem ${clientRef.id}`, () => repo.subsystem(ctx.db, clientRef.id));
  if (!client)
    throw new ForbiddenError('GATEWAY_CLIENT_UNKNOWN', 'The client subsystem is not registered at this gateway.', {
      client: clientRef.id,
    });
  await countCall(ctx, client);
  const provider = await resolveProvider(ctx, i);
  const x: Exchange = {
    messageId: newId('gwx'),
    client: client.id,
    service: i.service,
    provider,
    purpose: i.purpose,
    actor: i.actor,
    dossierCode: i.dossierCode ?? null,
    params: i.params ?? {},
    ...(i.method ? { method: i.method } : {}),
    ...(i.path !== undefined ? { path: i.path } : {}),
    ...(i.body !== undefined ? { body: JSON.parse(canonicalJson(i.body)) as unknown } : {}),
  };
  const peer = await ctx.ports.federation.peerOf((await memberOf(ctx, provider, 'provider')).agencyCode);
  const answer = peer === 'local' ? await serveProvider(ctx, x, 'local') : await callPeer(ctx, peer, x);
  const mine = await signExchange(
    ctx,
    recordOf(x, 'client', answer),
    peer === 'local' ? 'local' : peer.id,
    peer === 'local' ? undefined : answer.signed,
  );
  // Both sides' records in one statement when the provider is here.
  await repo.insertMessages(ctx.db, answer.row ? [mine.row, answer.row] : [mine.row]);
  return { messageId: x.messageId, status: answer.status, body: answer.body };
}

export interface ProviderAnswer {
  status: number;
  body: unknown;
  /** The provider side's signed record. */
  signed: SignedRecord;
  /** The provider side's log row when it is still to be written (a call within this deployment). */
  row?: MessageInsert;
}

/**
 * The provider side (the provider's gateway): the service is published and active here, the purpose
 * is one of its purposes, the client holds an open access right; only then the handler runs. The
 * answer is logged and signed with the provider member's seal.
 */
export async function serveProvider(ctx: GatewayContext, x: Exchange, via: string): Promise<ProviderAnswer> {
  const service = await ctx.lookups.get(`service ${x.provider} ${x.service}`, () =>
    repo.serviceAt(ctx.db, x.provider, x.service),
  );
  if (!service || service.status !== 'active')
    throw new NotFoundError('GATEWAY_SERVICE_NOT_FOUND', 'The provider does not offer this service.', {
      service: x.service,
      provider: x.provider,
    });
  const purpose = service.purposes.find((p) => p.code === x.purpose);
  if (!purpose)
    throw new ForbiddenError('GATEWAY_PURPOSE_NOT_ALLOWED', 'The service may not be called for this purpose.', {
      purpose: x.purpose,
      allowed: service.purposes.map((p) => p.code),
    });
  const right = await ctx.lookups.get(`right ${service.id} ${x.client}`, async () =>
    Boolean(await repo.openRight(ctx.db, service.id, x.client)),
  );
  if (!right)
    throw new ForbiddenError('GATEWAY_ACCESS_DENIED', 'The client subsystem has no access right to this service.', {
      client: x.client,
      service: x.service,
      provider: x.provider,
    });
  const handler = ctx.handlers.get(`${x.provider} ${x.service}`);
  if (!handler && !service.backendUrl)
    throw new AppError(503, 'GATEWAY_SERVICE_UNAVAILABLE', 'The provider’s system does not answer at this gateway.', {
      service: x.service,
    });
  let res: { status: number; body: unknown };
  if (!handler) {
    // The provider's own REST back end: failures to get an answer (down, slow, too large, not JSON) are the
    // caller's error at once and leave no log record — there is no answer to hash. An answer is logged.
    try {
      res = await forwardToBackend(ctx, service, x);
    } catch (err) {
      if (err instanceof AppError && err.status >= 500)
        ctx.log.warn({ code: err.code, params: err.params, messageId: x.messageId }, 'gateway: back end failed');
      throw err;
    }
    res = { status: res.status, body: JSON.parse(canonicalJson(res.body ?? null)) };
  } else
    try {
      res = await handler.handle({
        service: x.service,
        params: x.params,
        client: x.client,
        actor: x.actor,
        purpose: x.purpose,
        ...(x.dossierCode ? { dossierCode: x.dossierCode } : {}),
      });
      // What is hashed is what travels: plain JSON.
      res = { status: res.status, body: JSON.parse(canonicalJson(res.body ?? null)) };
    } catch (err) {
      ctx.log.error({ err, service: x.service }, 'gateway: provider handler failed');
      res = { status: 500, body: { code: 'PROVIDER_FAILED' } };
    }
  const { signed, row } = await signExchange(ctx, recordOf(x, 'provider', res), via);
  // Across deployments the provider side writes its own record now; here, the client side writes both.
  if (via === 'local') return { ...res, signed, row };
  await repo.insertMessages(ctx.db, [row]);
  return { ...res, signed };
}

/** What one side signs into its log: the exchange, its request's hash and the answer's. */
const recordOf = (x: Exchange, side: 'client' | 'provider', answer: { status: number; body: unknown }) => ({
  messageId: x.messageId,
  side,
  client: x.client,
  service: x.service,
  provider: x.provider,
  actor: x.actor,
  purpose: x.purpose,
  dossierCode: x.dossierCode,
  requestHash: requestHashOf(x),
  responseHash: responseHashOf(answer.status, answer.body),
  status: answer.status,
});

/** The cause of a failed fetch in words an operator can act on. */
function networkCause(err: unknown): string {
  const c = (err as { cause?: { code?: string; message?: string } }).cause;
  return c?.code ?? c?.message ?? (err instanceof Error ? err.message : String(err));
}

/** A signed POST to a peer, failing fast: 502 when it cannot be reached, 504 when it does not answer in time. */
export async function postToPeer(ctx: GatewayContext, peer: { id: string; baseUrl: string }, x: Exchange) {
  const timeoutMs = ctx.config.GATEWAY_PEER_TIMEOUT_MS;
  try {
    return await ctx.ports.federation.post(peer, GATEWAY_FEDERATION_PATH, Buffer.from(canonicalJson(x)), timeoutMs);
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
      throw new AppError(
        504,
        'GATEWAY_PEER_TIMEOUT',
        `The deployment ${peer.id} did not answer within ${timeoutMs} ms.`,
        { peer: peer.id, timeoutMs },
      );
    throw new AppError(502, 'GATEWAY_PEER_UNREACHABLE', `The deployment ${peer.id} cannot be reached.`, {
      peer: peer.id,
      cause: networkCause(err),
    });
  }
}

/** The provider is served by another deployment: one signed POST, failing fast (no retry: the caller is waiting). */
async function callPeer(
  ctx: GatewayContext,
  peer: { id: string; baseUrl: string },
  x: Exchange,
): Promise<ProviderAnswer> {
  const res = await postToPeer(ctx, peer, x);
  const b = res.body ?? {};
  if (res.status === 200 && typeof b.record === 'string' && typeof b.signature === 'string') {
    const answer = { status: Number(b.status), body: b.body, signed: { record: b.record, signature: b.signature } };
    // The provider side's signed record must be about this request and this answer, or it proves nothing.
    let theirs: Partial<Record<string, unknown>> = {};
    try {
      theirs = JSON.parse(Buffer.from(b.record, 'base64').toString('utf8')) as Record<string, unknown>;
    } catch {
      // left empty: refused below
    }
    if (
      theirs.messageId !== x.messageId ||
      theirs.requestHash !== requestHashOf(x) ||
      theirs.responseHash !== responseHashOf(answer.status, answer.body)
    )
      throw new AppError(
        502,
        'GATEWAY_PEER_EVIDENCE_MISMATCH',
        'The provider’s signed record does not match the exchange.',
        {
          peer: peer.id,
        },
      );
    return answer;
  }
  // The provider's gateway refused (rights, purpose, signature): its problem, passed on as it is.
  throw new AppError(
    res.status >= 400 ? res.status : 502,
    typeof b.code === 'string' ? b.code : 'GATEWAY_PEER_FAILED',
    typeof b.detail === 'string' ? b.detail : `The deployment ${peer.id} answered HTTP ${res.status}.`,
    { ...(typeof b.params === 'object' && b.params ? b.params : {}), peer: peer.id },
  );
}
