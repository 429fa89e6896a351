import { createHash, type KeyObject, randomBytes, sign, verify } from 'node:crypto';

/**
 * Signed requests between nodes and the hub: HTTP Message Signatures (RFC 9421) with Ed25519 over
 * the method, path, Content-Digest (RFC 9530) of the body and our `exchange-*` headers, with
 * `created` and a `nonce` against replay. Only this profile is produced and accepted.
 */
export const MAX_SKEW_SECONDS = 300;

export interface RequestParts {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: Uint8Array;
  /** SHA-256 of `body` when the caller already has it (it hashes the body once for its own log). */
  bodySha256?: Uint8Array;
}

export class SignatureRefused extends Error {
  constructor(
    readonly code:
      | 'SIGNATURE_MISSING'
      | 'SIGNATURE_MALFORMED'
      | 'SIGNATURE_UNKNOWN_KEY'
      | 'SIGNATURE_INVALID'
      | 'SIGNATURE_EXPIRED'
      | 'SIGNATURE_REPLAYED'
      | 'CONTENT_DIGEST_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

export const sha256Of = (body: Uint8Array) => createHash('sha256').update(body).digest();
const digestHeader = (sha256: Uint8Array) => `sha-256=:${Buffer.from(sha256).toString('base64')}:`;
export const contentDigest = (body: Uint8Array) => digestHeader(sha256Of(body));

function base(parts: Pick<RequestParts, 'method' | 'path' | 'headers'>, components: string[], params: string): string {
  const lines = components.map((c) => {
    if (c === '@method') return `"@method": ${parts.method.toUpperCase()}`;
    if (c === '@path') return `"@path": ${parts.path}`;
    const v = parts.headers[c];
    if (v === undefined) throw new SignatureRefused('SIGNATURE_MALFORMED', `Covered header ${c} is absent.`);
    return `"${c}": ${v.trim()}`;
  });
  return [...lines, `"@signature-params": ${params}`].join('\n');
}

/** Headers to add to a request: Content-Digest, Signature-Input, Signature. */
export function signRequest(
  parts: Omit<RequestParts, 'headers'> & { headers: Record<string, string> },
  keyId: string,
  key: KeyObject,
  now: Date,
): Record<string, string> {
  const headers = { ...parts.headers, 'content-digest': contentDigest(parts.body) };
  const covered = [
    '@method',
    '@path',
    'content-digest',
    ...Object.keys(parts.headers)
      .filter((h) => h.startsWith('exchange-'))
      .sort(),
  ];
  const nonce = randomBytes(16).toString('base64url');
  const params = `(${covered.map((c) => `"${c}"`).join(' ')});created=${Math.floor(now.getTime() / 1000)};keyid="${keyId}";nonce="${nonce}";alg="ed25519"`;
  const sig = sign(null, Buffer.from(base({ ...parts, headers }, covered, params)), key);
  return {
    'content-digest': headers['content-digest'],
    'signature-input': `sig1=${params}`,
    signature: `sig1=:${sig.toString('base64')}:`,
  };
}

export interface VerifyDeps {
  keyFor(keyId: string): Promise<KeyObject | null>;
  /** Record the nonce; false when it was already used (a replay). */
  useNonce(keyId: string, nonce: string, expiresAt: Date): Promise<boolean>;
  now: Date;
}

const PARAMS =
  /^sig1=\(((?:"[a-z0-9@-]+"\s*)+)\);created=(\d{1,12});keyid="([a-z0-9-]{2,63})";nonce="([A-Za-z0-9_-]{16,64})";alg="ed25519"$/;

/**
 * Check a signed request's headers before its body is read (the signature covers Content-Digest,
 * not the body): the signature, its age, the key and the nonce. Returns the key id (node id);
 * `checkBodyDigest` then compares the body with the signed Content-Digest.
 */
export async function verifyRequestHeaders(
  parts: Omit<RequestParts, 'body' | 'bodySha256'>,
  deps: VerifyDeps,
): Promise<string> {
  const input = parts.headers['signature-input'];
  const sigHeader = parts.headers.signature;
  if (!input || !sigHeader)
    throw new SignatureRefused('SIGNATURE_MISSING', 'The request is not signed (Signature-Input, Signature).');
  const m = PARAMS.exec(input.trim());
  const s = /^sig1=:([A-Za-z0-9+/=]+):$/.exec(sigHeader.trim());
  if (!m || !s)
    throw new SignatureRefused('SIGNATURE_MALFORMED', 'Signature-Input or Signature is not in the expected form.');
  const covered = m[1]!
    .trim()
    .split(/\s+/)
    .map((c) => c.slice(1, -1));
  const required = [
    '@method',
    '@path',
    'content-digest',
    ...Object.keys(parts.headers).filter((h) => h.startsWith('exchange-')),
  ];
  const missing = required.filter((r) => !covered.includes(r));
  if (missing.length)
    throw new SignatureRefused('SIGNATURE_MALFORMED', `The signature does not cover ${missing.join(', ')}.`);
  const created = Number(m[2]);
  if (Math.abs(deps.now.getTime() / 1000 - created) > MAX_SKEW_SECONDS)
    throw new SignatureRefused('SIGNATURE_EXPIRED', 'The signature was created too long ago or in the future.');
  const keyId = m[3]!;
  const key = await deps.keyFor(keyId);
  if (!key) throw new SignatureRefused('SIGNATURE_UNKNOWN_KEY', `No active node ${keyId}.`);
  const params = input.trim().slice('sig1='.length);
  const ok = verify(null, Buffer.from(base(parts, covered, params)), key, Buffer.from(s[1]!, 'base64'));
  if (!ok) throw new SignatureRefused('SIGNATURE_INVALID', 'The request signature does not verify.');
  if (!(await deps.useNonce(keyId, m[4]!, new Date((created + 2 * MAX_SKEW_SECONDS) * 1000))))
    throw new SignatureRefused('SIGNATURE_REPLAYED', 'This signed request was already received.');
  return keyId;
}

/** The body against the Content-Digest the request signature covered. */
export function checkBodyDigest(
  headers: Record<string, string | undefined>,
  body: Uint8Array,
  bodySha256?: Uint8Array,
) {
  if (headers['content-digest'] !== digestHeader(bodySha256 ?? sha256Of(body)))
    throw new SignatureRefused('CONTENT_DIGEST_MISMATCH', 'The body does not match Content-Digest.');
}

/** Check a signed request; returns the key id (node id) that signed it, or throws SignatureRefused. */
export async function verifyRequest(parts: RequestParts, deps: VerifyDeps): Promise<string> {
  const keyId = await verifyRequestHeaders(parts, deps);
  checkBodyDigest(parts.headers, parts.body, parts.bodySha256);
  return keyId;
}
