import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlatform } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/index.js';
import { type Principal, systemActor } from '../apps/server/src/platform/http/auth.js';
import { DEMO_SEAL_AGENCIES, seedDemo, seedReferenceData } from '../apps/server/src/seed.js';
import { measure, measureHttp, type Result } from './harness.js';

const ADMIN: Principal = {
  userId: 'bench',
  username: 'bench',
  fullName: 'bench',
  kind: 'staff',
  roles: ['admin'],
  agencyId: null,
  agencyCode: null,
  acr: 2,
  sessionId: null,
  via: 'bearer',
};
const pem = (der: Uint8Array, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

/**
 * PKI: the public services over HTTP (OCSP, TSA, CRL) and the signing seam in process, beside the
 * raw node:crypto rate for the same kind of key (what the key store adds: lookup, checks, chain).
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-pki-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    WORKERS: 'false',
    APP_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
    DATABASE_URL: databaseUrl,
  });
  const p = await buildPlatform(config);
  try {
    await seedReferenceData(p);
    await seedDemo(p);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const sig = p.signatures;
    const cas = await sig.cas();
    const issuing = cas.find((c) => c.profile === 'issuing')!;
    const root = cas.find((c) => c.profile === 'root')!;
    const seal = await sig.sealKeyFor(DEMO_SEAL_AGENCIES[1]!);
    const leafPem = pem(seal.chain[0]!, 'CERTIFICATE');

    // Requests made by OpenSSL, as a relying party would send them.
    writeFileSync(join(dir, 'issuing.pem'), issuing.pem);
    writeFileSync(join(dir, 'leaf.pem'), leafPem);
    writeFileSync(join(dir, 'doc.txt'), 'Văn bản thử nghiệm');
    execFileSync(
      'openssl',
      ['ocsp', '-issuer', join(dir, 'issuing.pem'), '-cert', join(dir, 'leaf.pem'), '-reqout', join(dir, 'req.ocsp')],
      { stdio: 'pipe' },
    );
    execFileSync(
      'openssl',
      ['ts', '-query', '-data', join(dir, 'doc.txt'), '-sha256', '-cert', '-out', join(dir, 'req.tsq')],
      { stdio: 'pipe' },
    );
    const ocspReq = new Uint8Array(readFileSync(join(dir, 'req.ocsp')));
    const tsq = new Uint8Array(readFileSync(join(dir, 'req.tsq')));

    const results: Result[] = [];
    const http = (
      name: string,
      r: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: Uint8Array },
      concurrency: number,
    ) => measureHttp(`[${kind}] ${name}, c=${concurrency}`, { baseUrl: base, requests: [r], seconds: 5, concurrency });
    results.push(
      await http(
        'POST /pki/ocsp (signed by the P-384 issuing CA, nonce)',
        { method: 'POST', path: '/pki/ocsp', headers: { 'content-type': 'application/ocsp-request' }, body: ocspReq },
        8,
      ),
    );
    results.push(
      await http(
        'POST /pki/tsa (RFC 3161 token, P-256)',
        { method: 'POST', path: '/pki/tsa', headers: { 'content-type': 'application/timestamp-query' }, body: tsq },
        8,
      ),
    );
    results.push(
      await http(`GET /pki/{issuing}.crl (current CRL)`, { method: 'GET', path: `/pki/${issuing.id}.crl` }, 16),
    );
    results.push(await http(`GET /pki/{root}.crt`, { method: 'GET', path: `/pki/${root.id}.crt` }, 16));

    const data = new Uint8Array(Buffer.alloc(1024, 7));
    const seamVsRaw = async (label: string, certId: string, raw: KeyObject) => {
      results.push(
        await measure(
          `[${kind}] ${label}: signingKeyFor + sign 1 KiB, c=8`,
          async () => void (await (await sig.signingKeyFor(certId)).sign(data, 'SHA-256')),
          { seconds: 5, concurrency: 8 },
        ),
      );
      results.push(
        await measure(
          `[${kind}] ${label}: node:crypto sign 1 KiB (raw), c=8`,
          async () => void sign('sha256', data, raw),
          { seconds: 5, concurrency: 8 },
        ),
      );
    };
    const staffCert = (await sig.list(ADMIN, { profile: 'person', page: 1, pageSize: 1 })).items[0];
    if (!staffCert) throw new Error('the demo seed issued no person certificate');
    await seamVsRaw('ECDSA P-256', staffCert.id, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const rsaUser = staffCert.ownerUserId!;
    const rsa = await sig.issue(systemActor, ADMIN, { profile: 'person', userId: rsaUser, keyAlgorithm: 'RSA-3072' });
    await seamVsRaw(
      'RSA-3072',
      rsa.body.id,
      createPrivateKey(
        generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      ),
    );
    results.push(
      await measure(
        `[${kind}] timestampAuthority().timestamp (in process), c=8`,
        async () => void (await sig.timestampAuthority().timestamp(new Uint8Array(32), 'SHA-256')),
        { seconds: 5, concurrency: 8 },
      ),
    );
    const tc = sig.trustContext();
    const issuingDer = seal.chain[1]!;
    results.push(
      await measure(
        `[${kind}] trustContext().revocation (own certificate), c=8`,
        async () => void (await tc.revocation(seal.chain[0]!, issuingDer)),
        { seconds: 5, concurrency: 8 },
      ),
    );
    results.push(
      await measure(
        `[${kind}] issue a person certificate (new P-256 key, audit), c=4`,
        async () => void (await sig.issue(systemActor, ADMIN, { profile: 'person', userId: rsaUser })),
        { seconds: 5, concurrency: 4 },
      ),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
