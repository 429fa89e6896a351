import { z } from 'zod';
import type { App } from '../../../platform/http/server.js';
import { AppError, NotFoundError } from '../../../platform/http/errors.js';
import type { SignaturesService } from './pki.service.js';

const tags = ['pki-public'];
const BINARY_LIMIT = 64 * 1024;
const FILE = /^([a-z0-9_]{1,64})\.(crt|crl)$/;

/** The DER body of a binary protocol request; 415 when another content type was sent. */
function binaryBody(body: unknown, type: string): Uint8Array {
  if (!Buffer.isBuffer(body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send ${type}.`, { contentType: type });
  return new Uint8Array(body);
}

/**
 * Public PKI endpoints, no login (relying parties, browsers, Acrobat, OpenSSL): CA certificates,
 * CRLs, the OCSP responder (RFC 6960, POST and GET forms) and the RFC 3161 time-stamping unit.
 */
export function pkiPublicRoutes(svc: SignaturesService) {
  return (app: App) => {
    for (const type of ['application/ocsp-request', 'application/timestamp-query']) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: BINARY_LIMIT }, (_req, body, done) =>
        done(null, body),
      );
    }
    app.get(
      '/pki/:file',
      {
        schema: {
          tags,
          summary:
            'CA certificate (`{caId}.crt`, DER) or CRL (`{caId}.crl`, DER); `root` and `issuing` name the current CAs',
          security: [],
          params: z.object({ file: z.string().max(80) }),
        },
      },
      async (req, reply) => {
        const m = FILE.exec(req.params.file);
        if (!m) throw new NotFoundError('CA_NOT_FOUND', `No PKI file ${req.params.file}.`, { file: req.params.file });
        const [, caId, ext] = m;
        if (ext === 'crt') {
          const der = await svc.caCertificate(caId!);
          reply.header('content-type', 'application/pkix-cert').header('cache-control', 'public, max-age=86400');
          reply.header('content-disposition', `attachment; filename="${caId}.crt"`);
          return reply.send(Buffer.from(der));
        }
        const der = await svc.crl(caId!);
        reply.header('content-type', 'application/pkix-crl').header('cache-control', 'public, max-age=300');
        reply.header('content-disposition', `attachment; filename="${caId}.crl"`);
        return reply.send(Buffer.from(der));
      },
    );
    app.post(
      '/pki/ocsp',
      {
        schema: {
          tags,
          summary: 'OCSP responder (RFC 6960): application/ocsp-request → application/ocsp-response',
          security: [],
        },
      },
      async (req, reply) => {
        const der = await svc.ocsp(binaryBody(req.body, 'application/ocsp-request'));
        return reply
          .header('content-type', 'application/ocsp-response')
          .header('cache-control', 'no-store')
          .send(Buffer.from(der));
      },
    );
    app.get(
      '/pki/ocsp/*',
      {
        schema: {
          tags,
          summary: 'OCSP responder, GET form (RFC 6960 A.1: base64 of the DER request in the path)',
          security: [],
        },
      },
      async (req, reply) => {
        const raw = decodeURIComponent((req.params as { '*': string })['*']);
        const der = await svc.ocsp(new Uint8Array(Buffer.from(raw, 'base64')));
        return reply
          .header('content-type', 'application/ocsp-response')
          .header('cache-control', 'public, max-age=60')
          .send(Buffer.from(der));
      },
    );
    app.post(
      '/pki/tsa',
      {
        schema: {
          tags,
          summary: 'RFC 3161 time-stamping: application/timestamp-query → application/timestamp-reply',
          security: [],
        },
      },
      async (req, reply) => {
        const der = await svc.timestamp(binaryBody(req.body, 'application/timestamp-query'));
        return reply
          .header('content-type', 'application/timestamp-reply')
          .header('cache-control', 'no-store')
          .send(Buffer.from(der));
      },
    );
  };
}
