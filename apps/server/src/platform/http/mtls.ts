import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { App } from './server.js';

/** Sockets accepted by a mutual-TLS listener: only their requests carry a client certificate. */
const mtlsSockets = new WeakSet<object>();

export interface MutualTlsOptions {
  port: number;
  host: string;
  /** The listener's own certificate (PEM, with its chain) and key (PEM). */
  cert: string;
  key: string;
  /** PEM CA certificates a client certificate must chain to. */
  ca: string[];
  /** Only requests under these path prefixes are routed; anything else is 404 problem+json. */
  paths: string[];
}

export interface MutualTlsListener {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * A second, HTTPS listener in front of the same routes that asks every client for a certificate. The
 * TLS handshake verifies the chain against `ca` but does not refuse a client without one (so the answer
 * can be a problem+json that says why); routes read the outcome with `peerCertificate(req)`.
 */
export async function listenMutualTls(app: App, o: MutualTlsOptions): Promise<MutualTlsListener> {
  await app.ready();
  const server = createServer(
    { cert: o.cert, key: o.key, ca: o.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    (req, res) => {
      const path = req.url ?? '/';
      if (!o.paths.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`))) {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            code: 'ROUTE_NOT_FOUND',
            detail: `This listener serves ${o.paths.join(', ')} only.`,
          }),
        );
        return;
      }
      app.routing(req, res);
    },
  );
  server.on('secureConnection', (socket) => mtlsSockets.add(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the TLS handshake learnt of the client's certificate. */
export interface PeerCertificate {
  /** DER of the client's certificate, or null when it sent none. */
  der: Uint8Array | null;
  /** Whether the chain verified against the listener's CAs (and the dates hold). */
  authorized: boolean;
  /** OpenSSL's reason when it did not (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `CERT_HAS_EXPIRED` …). */
  error: string | null;
}

/** The client certificate of a request that came through a mutual-TLS listener; null for any other request. */
export function peerCertificate(req: FastifyRequest): PeerCertificate | null {
  const socket = req.raw.socket as TLSSocket;
  if (!mtlsSockets.has(socket)) return null;
  const cert = socket.getPeerCertificate();
  const der = cert && 'raw' in cert && cert.raw ? new Uint8Array(cert.raw) : null;
  const error = socket.authorizationError;
  return {
    der,
    authorized: der !== null && socket.authorized,
    error: error ? String((error as Error & { code?: string }).code ?? error) : null,
  };
}
