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

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` without the empty values. */
export function buildQuery(q?: Query): string {
  if (!q) return '';
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** For POSTs a citizen might repeat by accident (DESIGN §6): the server answers a repeat with the first result. */
  idempotencyKey?: string;
}

/**
 * The one way the web app calls the server: same-origin cookies, the CSRF header on every
 * non-GET request, JSON in and out, and problem+json turned into an ApiError.
 */
export async function apiFetch<T>(path: string, o: ApiOptions = {}): Promise<T> {
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...o.headers };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  let body: string | undefined;
  if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : '';
  if (lang) headers['accept-language'] = lang;

  let res: Response;
  try {
    res = await fetch(path + buildQuery(o.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: o.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(toProblem(0, null));
  }
  const type = res.headers.get('content-type') ?? '';
  const parsed: unknown =
    res.status === 204 ? undefined : type.includes('json') ? await res.json().catch(() => undefined) : await res.text();
  if (!res.ok) throw new ApiError(toProblem(res.status, parsed, res.statusText));
  return parsed as T;
}

/** Common list answer: `{items, total, page, pageSize}`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
