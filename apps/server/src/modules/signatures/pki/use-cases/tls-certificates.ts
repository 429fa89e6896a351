import { generateKeyPair, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import type { Tx } from '../../../../platform/db/index.js';
import type { ActorContext } from '../../../../platform/http/auth.js';
import { withIdempotency } from '../../../../platform/idempotency/index.js';
import { newId } from '../../../../platform/ids/index.js';
import { recordAudit } from '../../../audit/index.js';
import { signCertificate } from '../certificate-factory.js';
import type { PkiContext } from '../pki.deps.js';
import { arrayBuffer, certificateColumns, sha256Hex, unb64 } from '../pki-crypto.js';
import { buildName, VALIDITY_MS } from '../profiles.js';
import { type CertificateRow, signaturesRepository as repo } from '../signatures.repository.js';
import { type CertificateView, toView } from './certificate-view.js';
import { currentIssuing, parseCsr } from './issue-certificate.js';

const generateAsync = promisify(generateKeyPair);

/** A TLS client certificate as it is handed over: the key only once, at issue, when it was made here. */
export interface TlsClientIssued {
  certificate: CertificateView;
  /** The issuing CA and the root, PEM: what the holder's TLS stack sends or trusts. */
  chainPem: string;
  /** PKCS#8 PEM of the key made here; null when the holder sent a CSR, or on a replay (the key is never stored). */
  privateKeyPem: string | null;
  replayed: boolean;
}

export interface TlsClientInput {
  /** `VN:GOV:{agency}:{subsystem}`, the certificate's CN (the gateway checked who may ask). */
  subsystemId: string;
  agencyCode: string;
  agencyName: string;
  /** PEM PKCS#10: the holder keeps its key. */
  csr?: string;
}

async function ephemeralKey(): Promise<{ spki: Uint8Array; privateKey: KeyObject }> {
  const { publicKey, privateKey } = await generateAsync('ec', { namedCurve: 'P-256' });
  return { spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), privateKey };
}

/** PEM of the issuing CA and root that chain a certificate issued now. */
async function chainPem(c: PkiContext, issuing: CertificateRow): Promise<string> {
  const root = await repo.certificate(c.db, issuing.issuerId);
  return [issuing, root]
    .filter((r): r is CertificateRow => !!r)
    .map((r) => new x509.X509Certificate(unb64(r.der)).toString('pem'))
    .join('\n');
}

/**
 * Issue a gateway client subsystem's TLS client certificate (extendedKeyUsage clientAuth, CN the
 * subsystem id). Without a CSR an ECDSA P-256 key is made in memory and answered once, never stored;
 * with an Idempotency-Key a repeat answers the first certificate without its key.
 */
export async function issueTlsClientCertificate(
  c: PkiContext,
  ctx: ActorContext,
  input: TlsClientInput,
  idempotencyKey?: string,
): Promise<TlsClientIssued> {
  const issuing = await currentIssuing(c);
  const own = input.csr ? null : await ephemeralKey();
  const spki = input.csr ? await parseCsr(input.csr) : own!.spki;
  const now = c.clock.now();
  const cert = await signCertificate(c.store, {
    profile: 'tls-client',
    subject: buildName({
      commonName: input.subsystemId,
      organization: input.agencyName,
      organizationalUnit: `Mã định danh ${input.agencyCode}`,
    }),
    spki,
    issuer: { caId: issuing.id, cert: new x509.X509Certificate(unb64(issuing.der)), keyId: issuing.keyId! },
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALIDITY_MS['tls-client']),
    publicUrl: c.publicUrl,
    altNames: { uri: [`urn:x-road:${input.subsystemId.replaceAll(':', '/')}`] },
  });
  const insert = async (tx: Tx) => {
    const row = await repo.insertCertificate(tx, {
      id: newId('crt'),
      profile: 'tls-client',
      issuerId: issuing.id,
      keyId: null,
      ownerUserId: null,
      ownerAgencyCode: input.agencyCode,
      ...certificateColumns(cert),
    });
    const after = {
      profile: row.profile,
      serial: row.serial,
      subject: row.subject,
      subsystem: input.subsystemId,
      keyMadeHere: own !== null,
      ownerAgencyCode: row.ownerAgencyCode,
    };
    await recordAudit(
      tx,
      ctx,
      { action: 'certificate.issued', subjectType: 'certificate', subjectId: row.id, after },
      now,
    );
    return { status: 201, body: { id: row.id } };
  };
  const chain = await chainPem(c, issuing);
  const answer = async (id: string, replayed: boolean): Promise<TlsClientIssued> => ({
    certificate: toView((await repo.certificate(c.db, id))!),
    chainPem: chain,
    privateKeyPem: !replayed && own ? own.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() : null,
    replayed,
  });
  if (idempotencyKey === undefined) return answer((await c.db.transaction(insert)).body.id, false);
  const request = { subsystemId: input.subsystemId, csr: input.csr ?? null };
  const r = await withIdempotency(c.db, 'pki.tls-client.issue', idempotencyKey, request, insert);
  return answer(r.body.id, r.replayed);
}

const commonName = (der: string) => new x509.X509Certificate(unb64(der)).subjectName.getField('CN')[0] ?? null;

/** TLS client certificates of one subsystem, newest first (the gateway checked who may ask). */
export async function tlsClientCertificates(
  c: PkiContext,
  agencyCode: string,
  subsystemId: string,
): Promise<CertificateView[]> {
  const rows = await repo.tlsClientsOf(c.db, agencyCode);
  return rows.filter((r) => commonName(r.der) === subsystemId).map(toView);
}

/** What the gateway needs to know of a certificate a TLS client presented (the chain was verified by TLS). */
export interface PresentedCertificate {
  id: string;
  profile: CertificateRow['profile'];
  status: 'active' | 'revoked';
  ownerAgencyCode: string | null;
  /** The subject's common name. */
  commonName: string | null;
}

/**
 * Look up a presented certificate: its issuer among our CAs (by the authority key identifier), then
 * issuer and serial, then the very bytes (fingerprint). Null when this PKI never issued it.
 */
export async function presentedCertificate(c: PkiContext, der: Uint8Array): Promise<PresentedCertificate | null> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(arrayBuffer(der));
  } catch {
    return null;
  }
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId;
  if (!aki) return null;
  for (const ca of await c.cache.allCas(c.db)) {
    const ski = new x509.X509Certificate(unb64(ca.der)).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    if (ski !== aki) continue;
    const row = await repo.bySerial(c.db, ca.id, cert.serialNumber.toLowerCase().replace(/^(00)+/, ''));
    if (!row || row.fingerprint !== sha256Hex(der)) return null;
    return {
      id: row.id,
      profile: row.profile,
      status: row.status,
      ownerAgencyCode: row.ownerAgencyCode,
      commonName: commonName(row.der),
    };
  }
  return null;
}

/** The PEM certificates a TLS client of this PKI chains to: our CAs still valid now (roots and issuing). */
export async function caCertificatesPem(c: PkiContext): Promise<string[]> {
  const now = c.clock.now();
  return (await repo.cas(c.db))
    .filter((r) => r.status === 'active' && r.notAfter > now)
    .map((r) => new x509.X509Certificate(unb64(r.der)).toString('pem'));
}

/**
 * A server certificate for the gateway's mutual-TLS listener, issued now by the platform CA for
 * these host names (DNS names or IP addresses): its key is made in memory and never stored.
 */
export async function issueTlsServerIdentity(
  c: PkiContext,
  ctx: ActorContext,
  hosts: string[],
): Promise<{ certPem: string; keyPem: string; chainPem: string }> {
  const issuing = await currentIssuing(c);
  const own = await ephemeralKey();
  const now = c.clock.now();
  const cert = await signCertificate(c.store, {
    profile: 'tls-server',
    subject: buildName({ commonName: hosts[0] ?? 'localhost', organization: 'Nền tảng Chính phủ điện tử' }),
    spki: own.spki,
    issuer: { caId: issuing.id, cert: new x509.X509Certificate(unb64(issuing.der)), keyId: issuing.keyId! },
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALIDITY_MS['tls-server']),
    publicUrl: c.publicUrl,
    altNames: { dns: hosts.filter((h) => !isIP(h)), ip: hosts.filter((h) => isIP(h)) },
  });
  await c.db.transaction(async (tx) => {
    const row = await repo.insertCertificate(tx, {
      id: newId('crt'),
      profile: 'tls-server',
      issuerId: issuing.id,
      keyId: null,
      ownerUserId: null,
      ownerAgencyCode: null,
      ...certificateColumns(cert),
    });
    await recordAudit(
      tx,
      ctx,
      {
        action: 'certificate.issued',
        subjectType: 'certificate',
        subjectId: row.id,
        after: { profile: row.profile, serial: row.serial, subject: row.subject, hosts },
      },
      now,
    );
  });
  return {
    certPem: cert.toString('pem'),
    keyPem: own.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPem: await chainPem(c, issuing),
  };
}
