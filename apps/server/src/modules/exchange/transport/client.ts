import type { KeyObject } from 'node:crypto';
import { signRequest } from './http-signature.js';

export const PACKAGES_PATH = '/api/exchange/v1/packages';
export const REGISTRATION_PATH = '/api/exchange/v1/registration';

export interface SignedResponse {
  status: number;
  body: Record<string, unknown> | null;
}

/** POST a signed request to another deployment (hub or node); network errors throw, so the caller retries. */
export async function postSigned(
  baseUrl: string,
  path: string,
  body: Buffer,
  contentType: string,
  exchangeHeaders: Record<string, string>,
  signer: { keyId: string; key: KeyObject; now: Date },
  timeoutMs = 120_000,
): Promise<SignedResponse> {
  const sig = signRequest(
    { method: 'POST', path, headers: exchangeHeaders, body },
    signer.keyId,
    signer.key,
    signer.now,
  );
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...exchangeHeaders, ...sig },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, body: json };
}
