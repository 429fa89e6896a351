import createClient from 'openapi-fetch';
import type { paths } from '../../api/schema';
import { ApiError, toProblem } from './problem';

export const CSRF_COOKIE = 'egov_csrf';

/** Value of a readable cookie, or undefined. */
export function readCookie(
  name: string,
  cookie: string = typeof document === 'undefined' ? '' : document.cookie,
): string | undefined {
  for (const part of cookie.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** `?a=1&b=x` without the empty values (undefined, null, ''). */
export function buildQuery(q?: Record<string, unknown>): string {
  if (!q) return '';
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
}

/** Headers every request carries: problem+json accepted, the page's language, the CSRF token on a change. */
export function requestHeaders(method: string, headers: Headers): void {
  headers.set('accept', 'application/json, application/problem+json');
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : '';
  if (lang) headers.set('accept-language', lang);
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers.set('x-csrf-token', csrf);
  }
}

/**
 * The typed client of the server's API (openapi-fetch over the generated `paths`): same-origin cookies,
 * the headers above, JSON in and out. Wrap each call in `unwrap` to get its data or an ApiError.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  querySerializer: (q) => buildQuery(q).slice(1),
});
api.use({
  onRequest({ request }) {
    requestHeaders(request.method, request.headers);
    return request;
  },
});

/**
 * The data of a successful answer; a problem+json (or any non-2xx answer) as an ApiError, a network
 * failure as an ApiError with status 0, an abort as the AbortError it is.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: Awaited<typeof call>;
  try {
    r = await call;
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(toProblem(0, null));
  }
  if (!r.response.ok) throw new ApiError(toProblem(r.response.status, r.error, r.response.statusText));
  return r.data as T;
}

/** For POSTs a citizen might repeat by accident (DESIGN §6): the server answers a repeat with the first result. */
export function idempotent(key: string): { headers: Record<string, string> } {
  return { headers: { 'idempotency-key': key } };
}
