import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type RequestParts, signRequest, verifyRequest } from './http-signature.js';

const a = generateKeyPairSync('ed25519');
const b = generateKeyPairSync('ed25519');
const now = new Date('2026-03-02T03:00:00Z');

function signed(over: Partial<RequestParts> = {}) {
  const body = Buffer.from('<edXML/>');
  const headers = { 'exchange-package-id': 'pkg_1', 'exchange-recipient': 'G09' };
  const sig = signRequest(
    { method: 'POST', path: '/api/exchange/v1/packages', headers, body },
    'node-a',
    a.privateKey,
    now,
  );
  return {
    method: 'POST',
    path: '/api/exchange/v1/packages',
    body,
    headers: { ...headers, ...sig },
    ...over,
  } as RequestParts;
}

function deps(seen = new Set<string>(), at = now) {
  return {
    now: at,
    keyFor: async (id: string) => (id === 'node-a' ? a.publicKey : null),
    useNonce: async (id: string, n: string) => !seen.has(`${id}:${n}`) && !!seen.add(`${id}:${n}`),
  };
}

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code: string }) => e.code,
  );

describe('HTTP message signatures between nodes and the hub', () => {
  it('accepts a request signed by a registered node, once', async () => {
    const req = signed();
    expect(req.headers['signature-input']).toMatch(
      /^sig1=\("@method" "@path" "content-digest" "exchange-package-id" "exchange-recipient"\);created=\d+;keyid="node-a";nonce="[^"]+";alg="ed25519"$/,
    );
    const seen = new Set<string>();
    expect(await verifyRequest(req, deps(seen))).toBe('node-a');
    expect(await refused(verifyRequest(req, deps(seen)))).toBe('SIGNATURE_REPLAYED');
  });
  it('refuses a changed body, header, path or an unknown or wrong key', async () => {
    const req = signed();
    expect(await refused(verifyRequest({ ...req, body: Buffer.from('<edXML>x</edXML>') }, deps()))).toBe(
      'CONTENT_DIGEST_MISMATCH',
    );
    expect(
      await refused(verifyRequest({ ...req, headers: { ...req.headers, 'exchange-recipient': 'H26' } }, deps())),
    ).toBe('SIGNATURE_INVALID');
    expect(await refused(verifyRequest({ ...req, path: '/api/exchange/v1/registration' }, deps()))).toBe(
      'SIGNATURE_INVALID',
    );
    expect(await refused(verifyRequest({ ...req, headers: { ...req.headers, 'exchange-extra': 'x' } }, deps()))).toBe(
      'SIGNATURE_MALFORMED',
    );
    const other = signRequest(
      { method: 'POST', path: req.path, headers: {}, body: req.body },
      'node-a',
      b.privateKey,
      now,
    );
    expect(await refused(verifyRequest({ ...req, headers: other }, deps()))).toBe('SIGNATURE_INVALID');
    const unknown = signRequest(
      { method: 'POST', path: req.path, headers: {}, body: req.body },
      'node-x',
      a.privateKey,
      now,
    );
    expect(await refused(verifyRequest({ ...req, headers: unknown }, deps()))).toBe('SIGNATURE_UNKNOWN_KEY');
  });
  it('refuses an unsigned request or one created more than five minutes away', async () => {
    expect(await refused(verifyRequest({ ...signed(), headers: {} }, deps()))).toBe('SIGNATURE_MISSING');
    expect(await refused(verifyRequest(signed(), deps(new Set(), new Date(now.getTime() + 301_000))))).toBe(
      'SIGNATURE_EXPIRED',
    );
  });
});
