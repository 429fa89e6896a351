import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { systemActor } from '../../../platform/http/auth.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../../platform/http/errors.js';
import { listenMutualTls, peerCertificate } from '../../../platform/http/mtls.js';
import type { CertificateView } from '../../signatures/index.js';
import type { GatewayContext } from '../gateway.context.js';
import { assertAdministers } from '../gateway.policy.js';
import { gatewayRepository as repo } from '../gateway.repository.js';
import { memberOf } from './registry.js';

/** A client subsystem authenticated by its TLS client certificate. */
export interface TlsClient {
  subsystem: string;
  certificateId: string;
}

/** Requests of the mutual-TLS listener whose certificate authenticated a subsystem. */
const tlsClients = new WeakMap<FastifyRequest, TlsClient>();

/** The subsystem a request's client certificate authenticates (only on the mutual-TLS listener). */
export const tlsClientOf = (req: FastifyRequest): TlsClient | null => tlsClients.get(req) ?? null;

const certificateView = (c: CertificateView) => ({
  id: c.id,
  serial: c.serial,
  subject: c.subject,
  keyAlgorithm: c.keyAlgorithm,
  fingerprint: c.fingerprint,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
  status: c.status,
  revokedAt: c.revokedAt,
  pem: c.pem,
});

async function administeredSubsystem(ctx: GatewayContext, p: Principal, id: string) {
  const m = await memberOf(ctx, id, 'id');
  await assertAdministers(ctx, p, m.agencyCode);
  const row = await repo.subsystem(ctx.db, m.id);
  if (!row) throw new NotFoundError('GATEWAY_SUBSYSTEM_NOT_FOUND', 'No such subsystem registered here.', { id: m.id });
  return { ...row, agencyName: m.agencyName };
}

/**
 * The member's administrator has the platform CA issue a TLS client certificate for one of its
 * subsystems (CN = the subsystem id, clientAuth). Without a CSR the key is made here and answered once.
 */
export async function issueClientCertificate(
  ctx: GatewayContext,
  actor: ActorContext,
  p: Principal,
  id: string,
  body: { csr?: string },
  idempotencyKey?: string,
) {
  const s = await administeredSubsystem(ctx, p, id);
  const r = await ctx.ports.signatures.issueTlsClient(
    actor,
    { subsystemId: s.id, agencyCode: s.agencyCode, agencyName: s.agencyName, csr: body.csr },
    idempotencyKey,
  );
  return {
    replayed: r.replayed,
    body: { certificate: certificateView(r.certificate), chainPem: r.chainPem, privateKeyPem: r.privateKeyPem },
  };
}

/** The TLS client certificates of a subsystem (its member's administrators). */
export async function listClientCertificates(ctx: GatewayContext, p: Principal, id: string) {
  const s = await administeredSubsystem(ctx, p, id);
  return (await ctx.ports.signatures.tlsClientCertificates(s.agencyCode, s.id)).map(certificateView);
}

const refuse = (code: string, message: string, params: Record<string, unknown> = {}) =>
  new UnauthorizedError(code, message, params);

/**
 * On the mutual-TLS listener, the certificate is the credential: no certificate, one that does not
 * chain to the platform CA, a revoked one or one that is not a gateway client certificate is 401
 * (problem+json naming the reason); a good one makes the caller its subsystem, as an OAuth client is.
 * A bearer token or session sent along is ignored there.
 */
export async function authenticateTlsClient(ctx: GatewayContext, req: FastifyRequest): Promise<void> {
  const peer = peerCertificate(req);
  if (!peer) return;
  req.principal = null;
  if (!peer.der)
    throw refuse('GATEWAY_CLIENT_CERT_REQUIRED', 'This listener authenticates clients by a TLS client certificate.');
  if (!peer.authorized)
    throw refuse('GATEWAY_CLIENT_CERT_UNTRUSTED', 'The client certificate was not issued by the platform CA.', {
      reason: peer.error,
    });
  const cert = await ctx.ports.signatures.presentedCertificate(peer.der);
  if (!cert)
    throw refuse('GATEWAY_CLIENT_CERT_UNTRUSTED', 'The platform CA has no record of this certificate.', {
      reason: 'UNKNOWN_CERTIFICATE',
    });
  if (cert.status === 'revoked')
    throw refuse('GATEWAY_CLIENT_CERT_REVOKED', 'The client certificate has been revoked.', { certificate: cert.id });
  if (cert.profile !== 'tls-client' || !cert.commonName)
    throw refuse('GATEWAY_CLIENT_CERT_NOT_TLS_CLIENT', 'This certificate is not a gateway client certificate.', {
      certificate: cert.id,
    });
  const subsystem = await repo.subsystem(ctx.db, cert.commonName);
  if (!subsystem)
    throw new ForbiddenError('GATEWAY_CLIENT_UNKNOWN', 'The certificate names a subsystem not registered here.', {
      client: cert.commonName,
    });
  tlsClients.set(req, { subsystem: subsystem.id, certificateId: cert.id });
  req.principal = {
    kind: 'client',
    userId: `certificate:${cert.id}`,
    username: subsystem.id,
    fullName: subsystem.name,
    roles: [],
    agencyId: null,
    agencyCode: subsystem.agencyCode,
    acr: 1,
    identityLevel: null,
    sessionId: null,
    via: 'tls',
  };
}

/** The listener's certificate and key: from GATEWAY_MTLS_CERT/KEY files, else issued now by the platform CA. */
async function serverIdentity(ctx: GatewayContext, host: string) {
  const { GATEWAY_MTLS_CERT: certFile, GATEWAY_MTLS_KEY: keyFile } = ctx.config;
  if (certFile && keyFile) return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  const hosts = [...new Set([new URL(ctx.config.publicUrl).hostname, 'localhost', '127.0.0.1'])];
  if (host !== '0.0.0.0' && host !== '::' && !hosts.includes(host)) hosts.push(host);
  const id = await ctx.ports.signatures.tlsServerIdentity(systemActor, hosts);
  return { cert: `${id.certPem}\n${id.chainPem}`, key: id.keyPem };
}

/** Open the mutual-TLS listener over the gateway's routes (ADR 0026 addendum). */
export async function openMutualTls(ctx: GatewayContext, o: { port: number; host: string }) {
  if (!ctx.app) throw new Error('gateway: routes are not registered yet');
  const ca = await ctx.ports.signatures.caCertificatesPem();
  if (ca.length === 0) throw new Error('gateway: the platform CA is not initialised (npm run egov -- pki init)');
  const listener = await listenMutualTls(ctx.app, {
    ...o,
    ...(await serverIdentity(ctx, o.host)),
    ca,
    paths: ['/api/gateway'],
  });
  ctx.listeners.add(listener);
  return {
    port: listener.port,
    close: async () => {
      ctx.listeners.delete(listener);
      await listener.close();
    },
  };
}
