import { GatewayError, type GatewayName } from './gateway.js';

const TIMEOUT_MS = 10_000;

/** POST JSON to a gateway and read JSON back; network faults and non-2xx become GatewayError. */
export async function postJson<T>(gateway: GatewayName, url: string, body: unknown): Promise<T> {
  const res = await send(gateway, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  try {
    return (await res.json()) as T;
  } catch {
    throw new GatewayError(gateway, `unreadable answer from ${new URL(url).pathname}`);
  }
}

export async function send(gateway: GatewayName, url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new GatewayError(gateway, `${new URL(url).pathname} unreachable (${(e as Error).name})`);
  }
  if (!res.ok) throw new GatewayError(gateway, `${new URL(url).pathname} answered HTTP ${res.status}`);
  return res;
}

/** Plain ASCII for gateway text fields (order info): no diacritics, no symbols that break signatures. */
export function asciiText(s: string, max = 255): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,:_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
