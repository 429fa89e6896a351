import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { AppError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { canonicalJson } from '../../../platform/json.js';
import type { ServiceRow } from '../gateway.repository.js';
import type { GatewayContext } from '../gateway.context.js';
import type { Exchange } from './call.js';

/**
 * Forwarding to a provider's own REST back end (ADR 0026, addendum 2026-12-07 b): after the gateway's
 * checks, the call goes to the base URL published with the service plus an operation its OpenAPI
 * description declares; the request is built afresh (nothing of the client's HTTP request passes: no
 * Authorization, no Cookie), with X-Road-like headers naming the client subsystem, the user, the
 * purpose and the message id. Connect and answer time and answer size are bounded; redirects are not
 * followed. Where the back end may be is the operator's allow-list (GATEWAY_BACKEND_ALLOW).
 */

export const BACKEND_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BackendMethod = (typeof BACKEND_METHODS)[number];

/** Addresses never reached unless the allow-list names them: this machine, "any", link-local (cloud metadata). */
const ALWAYS_DENIED = (() => {
  const b = new BlockList();
  b.addSubnet('127.0.0.0', 8, 'ipv4');
  b.addSubnet('0.0.0.0', 8, 'ipv4');
  b.addSubnet('169.254.0.0', 16, 'ipv4');
  b.addAddress('::1', 'ipv6');
  b.addAddress('::', 'ipv6');
  b.addSubnet('fe80::', 10, 'ipv6');
  b.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  b.addSubnet('::ffff:169.254.0.0', 112, 'ipv6');
  return b;
})();

/** GATEWAY_BACKEND_ALLOW parsed: host names, `*.suffix` wildcards, IP addresses and CIDR ranges. */
export interface BackendPolicy {
  /** False when the variable is unset: any host, but never the always-denied addresses. */
  restricted: boolean;
  names: Set<string>;
  suffixes: string[];
  ips: BlockList;
}

export function backendPolicy(allow: string | undefined): BackendPolicy {
  const p: BackendPolicy = { restricted: false, names: new Set(), suffixes: [], ips: new BlockList() };
  for (const raw of (allow ?? '').split(',')) {
    const e = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!e) continue;
    p.restricted = true;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(e);
    if (cidr && isIP(cidr[1]!)) p.ips.addSubnet(cidr[1]!, Number(cidr[2]), isIP(cidr[1]!) === 6 ? 'ipv6' : 'ipv4');
    else if (isIP(e)) p.ips.addAddress(e, isIP(e) === 6 ? 'ipv6' : 'ipv4');
    else if (e.startsWith('*.')) p.suffixes.push(e.slice(1));
    else p.names.add(e);
  }
  return p;
}

const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');

/** May the gateway send to this host (as written in the URL)? */
export function hostAllowed(p: BackendPolicy, host: string): boolean {
  const h = bare(host);
  if (!p.restricted) return true;
  if (p.names.has(h) || p.suffixes.some((s) => h.endsWith(s))) return true;
  const v = isIP(h);
  return v !== 0 && p.ips.check(h, v === 6 ? 'ipv6' : 'ipv4');
}

/** May the gateway connect to this resolved address? The always-denied ones only when the allow-list names them. */
export function addressAllowed(p: BackendPolicy, host: string, address: string): boolean {
  const v = isIP(address);
  if (v === 0) return false;
  const family = v === 6 ? 'ipv6' : 'ipv4';
  if (!ALWAYS_DENIED.check(address, family)) return !p.restricted || hostAllowed(p, host);
  return p.restricted && (p.names.has(bare(host)) || p.ips.check(address, family));
}

/** The base URL a provider publishes: http(s), no credentials, query or fragment, a host the allow-list allows. */
export function checkBackendUrl(p: BackendPolicy, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw ValidationError.field('baseUrl', 'INVALID_URL', 'Not an address.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw ValidationError.field('baseUrl', 'INVALID_URL', 'The back end is reached over http or https.');
  if (u.username || u.password || u.search || u.hash)
    throw ValidationError.field(
      'baseUrl',
      'INVALID_URL',
      'The base URL carries no user name, password, query or fragment.',
    );
  if (!hostAllowed(p, u.hostname))
    throw ValidationError.field(
      'baseUrl',
      'GATEWAY_BACKEND_NOT_ALLOWED',
      `The host ${u.hostname} is not in the gateway's list of back-end hosts (GATEWAY_BACKEND_ALLOW).`,
    );
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** One declared operation: its method and path template as matching segments. */
interface Operation {
  method: BackendMethod;
  template: string;
  segments: (string | null)[];
}

function operationsOf(openapi: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  const paths = openapi.paths && typeof openapi.paths === 'object' ? (openapi.paths as Record<string, unknown>) : {};
  for (const [template, item] of Object.entries(paths)) {
    if (!template.startsWith('/') || !item || typeof item !== 'object') continue;
    const segments = template
      .split('/')
      .slice(1)
      .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
    for (const m of BACKEND_METHODS)
      if ((item as Record<string, unknown>)[m.toLowerCase()]) out.push({ method: m, template, segments });
  }
  return out;
}

/** A path as a client may ask for it: absolute, plain segments, no dot segments, no encoded slashes. */
const SEGMENT = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+$/;
function pathSegments(path: string): string[] {
  const segs = path.split('/').slice(1);
  const bad =
    !path.startsWith('/') ||
    path.length > 1000 ||
    segs.some(
      (s, i) =>
        (s === '' && i !== segs.length - 1) ||
        (s !== '' && !SEGMENT.test(s)) ||
        s === '.' ||
        s === '..' ||
        /%(2f|5c|2e)/i.test(s),
    );
  if (bad) throw ValidationError.field('path', 'INVALID_PATH', 'An absolute path of plain segments is expected.');
  return segs;
}

/**
 * The operation a call asks for, if the service's description declares it (403 otherwise, with the
 * declared ones). Without a path: the description's only operation of that method without parameters.
 */
export function declaredOperation(
  service: Pick<ServiceRow, 'openapi' | 'code'>,
  method: BackendMethod,
  path: string | undefined,
): string {
  const ops = operationsOf(service.openapi);
  const declared = ops.map((o) => `${o.method} ${o.template}`);
  if (path === undefined) {
    const plain = ops.filter((o) => o.method === method && o.segments.every((s) => s !== null));
    if (plain.length === 1) return plain[0]!.template;
    throw ValidationError.field(
      'path',
      'PATH_REQUIRED',
      'Name the operation’s path; the description declares several.',
    );
  }
  const segs = pathSegments(path);
  const match = ops.find(
    (o) =>
      o.method === method &&
      o.segments.length === segs.length &&
      o.segments.every((s, i) => (s === null ? segs[i] !== '' : s === segs[i])),
  );
  if (!match)
    throw new ForbiddenError(
      'GATEWAY_OPERATION_NOT_DECLARED',
      'The service’s OpenAPI description does not declare this operation.',
      { service: service.code, operation: `${method} ${path}`, declared: declared.slice(0, 50) },
    );
  return path;
}

/** X-Road writes identifiers with slashes: `VN/GOV/H26/motcua`. */
const xroadId = (id: string) => id.replace(/:/g, '/');

/** The headers the back end receives: nothing of the client's request, only what the gateway asserts. */
export function backendHeaders(x: Exchange, body: Buffer | null): Record<string, string> {
  const h: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'egov-gateway (NGSP/LGSP)',
    'x-road-id': x.messageId,
    'x-road-client': xroadId(x.client),
    'x-road-service': `${xroadId(x.provider)}/${x.service}`,
    'x-road-userid': `${x.actor.kind}:${x.actor.accountId}`,
    'x-road-purpose': x.purpose,
  };
  if (x.actor.agencyCode) h['x-road-user-agency'] = x.actor.agencyCode;
  if (x.dossierCode) h['x-road-dossier'] = x.dossierCode;
  if (body) {
    h['content-type'] = 'application/json';
    h['content-length'] = String(body.length);
  }
  return h;
}

const fail = (status: number, code: string, message: string, params: Record<string, unknown>) =>
  new AppError(status, code, message, params);

/**
 * Forward one exchange to the provider's back end and answer its status and JSON body. Fails fast:
 * 502 `GATEWAY_BACKEND_UNREACHABLE` when no connection is made (refused, no such host, an address the
 * policy forbids) or none within GATEWAY_BACKEND_CONNECT_TIMEOUT_MS, 504 `GATEWAY_BACKEND_TIMEOUT`
 * when the whole answer takes longer than GATEWAY_BACKEND_TIMEOUT_MS, 502
 * `GATEWAY_BACKEND_RESPONSE_TOO_LARGE` past GATEWAY_BACKEND_MAX_BYTES, 502 `GATEWAY_BACKEND_BAD_RESPONSE`
 * for a redirect or an answer that is not JSON.
 */
export async function forwardToBackend(
  ctx: GatewayContext,
  service: Pick<ServiceRow, 'backendUrl' | 'openapi' | 'code'>,
  x: Exchange,
): Promise<{ status: number; body: unknown }> {
  const method = (x.method ?? 'GET') as BackendMethod;
  const path = declaredOperation(service, method, x.path);
  const policy = backendPolicy(ctx.config.GATEWAY_BACKEND_ALLOW);
  const base = new URL(service.backendUrl!);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
  for (const [k, v] of Object.entries(x.params)) url.searchParams.append(k, v);
  const params = { service: x.service, backend: base.origin };
  if (!hostAllowed(policy, url.hostname))
    throw fail(502, 'GATEWAY_BACKEND_UNREACHABLE', 'The back end’s host is not allowed (GATEWAY_BACKEND_ALLOW).', {
      ...params,
      cause: 'NOT_ALLOWED',
    });
  if (isIP(bare(url.hostname)) && !addressAllowed(policy, url.hostname, bare(url.hostname)))
    throw fail(502, 'GATEWAY_BACKEND_UNREACHABLE', 'The back end’s address is not allowed (GATEWAY_BACKEND_ALLOW).', {
      ...params,
      cause: 'ADDRESS_NOT_ALLOWED',
    });
  const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const payload = sendsBody ? Buffer.from(canonicalJson(x.body ?? null)) : null;
  const connectMs = ctx.config.GATEWAY_BACKEND_CONNECT_TIMEOUT_MS;
  const totalMs = ctx.config.GATEWAY_BACKEND_TIMEOUT_MS;
  const maxBytes = ctx.config.GATEWAY_BACKEND_MAX_BYTES;

  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: AppError | null, value?: { status: number; body: unknown }) => {
      if (done) return;
      done = true;
      clearTimeout(total);
      clearTimeout(connect);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, {
      method,
      headers: backendHeaders(x, payload),
      agent: false,
      // The address actually connected to is checked, so a name that resolves elsewhere later cannot slip by.
      lookup: (hostname, options, cb) =>
        dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
          if (err) return cb(err, '', 4);
          const ok = addresses.filter((a) => addressAllowed(policy, url.hostname, a.address));
          if (ok.length === 0) {
            const e = Object.assign(new Error(`address of ${hostname} not allowed`), { code: 'ADDRESS_NOT_ALLOWED' });
            return cb(e, '', 4);
          }
          if ((options as { all?: boolean }).all)
            return (cb as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
          cb(null, ok[0]!.address, ok[0]!.family);
        }),
    });
    const total = setTimeout(
      () =>
        finish(
          fail(504, 'GATEWAY_BACKEND_TIMEOUT', `The provider’s back end did not answer within ${totalMs} ms.`, {
            ...params,
            timeoutMs: totalMs,
          }),
        ),
      totalMs,
    );
    const connect = setTimeout(
      () =>
        finish(
          fail(502, 'GATEWAY_BACKEND_UNREACHABLE', `No connection to the provider’s back end within ${connectMs} ms.`, {
            ...params,
            cause: 'CONNECT_TIMEOUT',
            timeoutMs: connectMs,
          }),
        ),
      connectMs,
    );
    req.on('socket', (socket) => {
      const connected = () => clearTimeout(connect);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (err: Error & { code?: string }) =>
      finish(
        fail(502, 'GATEWAY_BACKEND_UNREACHABLE', 'The provider’s back end cannot be reached.', {
          ...params,
          cause: err.code ?? err.message,
        }),
      ),
    );
    req.on('response', (res: IncomingMessage) => {
      clearTimeout(connect);
      const status = res.statusCode ?? 502;
      const tooLarge = () =>
        fail(502, 'GATEWAY_BACKEND_RESPONSE_TOO_LARGE', `The back end’s answer exceeds ${maxBytes} bytes.`, {
          ...params,
          maxBytes,
        });
      if (status >= 300 && status < 400)
        return finish(
          fail(502, 'GATEWAY_BACKEND_BAD_RESPONSE', 'The back end answered a redirect; the gateway follows none.', {
            ...params,
            status,
          }),
        );
      if (Number(res.headers['content-length'] ?? 0) > maxBytes) return finish(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) finish(tooLarge());
        else chunks.push(c);
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (status === 204 || text.trim() === '') return finish(null, { status, body: null });
        const type = String(res.headers['content-type'] ?? '');
        let body: unknown;
        try {
          if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type) && !/problem\+json/i.test(type))
            throw new Error('not JSON');
          body = JSON.parse(text);
        } catch {
          return finish(
            fail(502, 'GATEWAY_BACKEND_BAD_RESPONSE', 'The back end’s answer is not JSON.', {
              ...params,
              status,
              contentType: type.slice(0, 100),
            }),
          );
        }
        finish(null, { status, body });
      });
    });
    req.end(payload ?? undefined);
  });
}
