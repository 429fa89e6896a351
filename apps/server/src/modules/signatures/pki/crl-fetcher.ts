import * as x509 from '@peculiar/x509';
import type { Clock } from '../../../platform/time/clock.js';
import { reasonName } from './profiles.js';
import { arrayBuffer } from './pki-crypto.js';
import type { RevocationInfo } from '../signing-ports.js';

const MAX_CRL_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 5_000;
/** After a failed download, wait before asking that URL again (a dead CA server must not slow every validation). */
const FAILURE_BACKOFF_MS = 5 * 60_000;
/** A CRL without nextUpdate is used for an hour. */
const DEFAULT_CRL_TTL_MS = 3600_000;
const CACHE_LIMIT = 200;

type Cached = { crl: x509.X509Crl; until: number } | { failedUntil: number };

const NONE: RevocationInfo = { status: 'unknown', source: 'none' };

async function download(url: string): Promise<Uint8Array> {
  // No redirects: a CRL URL inside a certificate must not lead us to an arbitrary internal address.
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok || !res.body) throw new Error(`CRL ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_CRL_BYTES) throw new Error(`CRL ${url}: too large`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_CRL_BYTES) throw new Error(`CRL ${url}: too large`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Revocation of certificates from other CAs (public CAs on the trust list): the CRL their
 * certificate points to, downloaded over HTTP(S), checked against the issuer's key, cached until
 * its nextUpdate. When no CRL can be had the answer is `unknown` with source `none`.
 */
export class CrlFetcher {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly clock: Clock) {}

  async status(certDer: Uint8Array, issuerDer: Uint8Array): Promise<RevocationInfo> {
    let cert: x509.X509Certificate;
    let issuer: x509.X509Certificate;
    try {
      cert = new x509.X509Certificate(arrayBuffer(certDer));
      issuer = new x509.X509Certificate(arrayBuffer(issuerDer));
    } catch {
      return NONE;
    }
    // Only fetch for a certificate the issuer really signed: a forged certificate must not make us fetch its URLs.
    if (
      cert.issuer !== issuer.subject ||
      !(await cert.verify({ publicKey: issuer, signatureOnly: true }).catch(() => false))
    )
      return NONE;
    const urls = (cert.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints ?? [])
      .flatMap((dp) => dp.distributionPoint?.fullName ?? [])
      .map((n) => n.uniformResourceIdentifier)
      .filter((u): u is string => !!u && /^https?:\/\//i.test(u));
    for (const url of urls) {
      const crl = await this.crl(url, issuer);
      if (!crl) continue;
      const entry = crl.findRevoked(cert);
      const producedAt = crl.thisUpdate;
      if (!entry) return { status: 'good', source: 'crl', producedAt };
      return {
        status: 'revoked',
        source: 'crl',
        producedAt,
        revokedAt: entry.revocationDate,
        reason: reasonName(entry.reason ?? 0) ?? 'unspecified',
      };
    }
    return NONE;
  }

  private async crl(url: string, issuer: x509.X509Certificate): Promise<x509.X509Crl | null> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(url);
    if (hit && 'crl' in hit && now < hit.until) return hit.crl;
    if (hit && 'failedUntil' in hit && now < hit.failedUntil) return null;
    try {
      const crl = new x509.X509Crl(arrayBuffer(await download(url)));
      const valid = crl.issuer === issuer.subject && (await crl.verify({ publicKey: issuer.publicKey }));
      const until = crl.nextUpdate?.getTime() ?? now + DEFAULT_CRL_TTL_MS;
      if (!valid || until <= now) throw new Error(`CRL ${url}: bad signature or stale`);
      this.remember(url, { crl, until });
      return crl;
    } catch {
      this.remember(url, { failedUntil: now + FAILURE_BACKOFF_MS });
      return null;
    }
  }

  private remember(url: string, c: Cached) {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(url, c);
  }
}
