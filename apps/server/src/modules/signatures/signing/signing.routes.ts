import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorContext, type Principal, requireUser } from '../../../platform/http/auth.js';
import { idempotencyKey, markReplayed } from '../../../platform/http/idempotency.js';
import { ForbiddenError, rawBody } from '../../../platform/http/errors.js';
import type { App } from '../../../platform/http/server.js';
import { fileInfoDto } from '../../../platform/files/files.routes.js';
import { reportHtml, reportPdf } from './report/report-render.js';
import { reportQuery, signatureImageDto, signBody, validateBody, validationReportDto } from './signing.schemas.js';
import type { SigningService } from './signing.service.js';
import { signFile } from './use-cases/sign-file.js';
import { reportDto, validateFile } from './use-cases/validate-file.js';
import {
  ownSignatureImage,
  removeSignatureImage,
  SIGNATURE_IMAGE_MAX_BYTES,
  setSignatureImage,
} from './use-cases/signature-image.js';

const tags = ['signatures'];

/** People sign and validate; machine clients (OIDC client credentials) do neither here. */
function requirePerson(req: FastifyRequest): Principal {
  const p = requireUser(req);
  if (p.kind === 'client')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Signing and validation are for people, not machine clients.');
  return p;
}

/** Sign (remote with a TOTP or passkey confirmation, or with an uploaded PKCS#12), validate, and readable reports. */
export function signingRoutes(s: SigningService) {
  return async (app: App) => {
    app.post(
      '/api/signatures/sign',
      {
        schema: {
          tags,
          summary:
            'Sign one of your uploaded files (PAdES B-T, XAdES-B-B, CAdES B-T .p7s) with a certificate held here (level-2 session plus a fresh TOTP code `otp`, or a passkey assertion `passkey` for the options of POST /api/auth/mfa/passkey/action-options with action signature:<certificateId>) or a PKCS#12 you upload (used once, never stored). Optional Idempotency-Key.',
          body: signBody,
          response: { 201: fileInfoDto },
        },
      },
      async (req, reply) => {
        const r = markReplayed(
          reply,
          await signFile(s, actorContext(req), requirePerson(req), req.body, idempotencyKey(req)),
        );
        return reply.code(201).send(r.body);
      },
    );
    app.post(
      '/api/signatures/validate',
      {
        schema: {
          tags,
          summary:
            'Validate the signatures of one of your uploaded files against the trust list (ETSI EN 319 102-1 report)',
          body: validateBody,
          response: { 200: validationReportDto },
        },
      },
      async (req) => reportDto((await validateFile(s, requirePerson(req), req.body)).report),
    );
    app.get(
      '/api/signatures/report',
      {
        schema: {
          tags,
          summary: 'The validation report of one of your files as a Vietnamese HTML page or PDF',
          querystring: reportQuery,
        },
      },
      async (req, reply) => {
        const { name, report } = await validateFile(s, requirePerson(req), req.query);
        const base = name.replace(/\.[^.]*$/, '');
        if (req.query.format === 'pdf') {
          reply.header('content-type', 'application/pdf');
          reply.header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(`bao-cao-chu-ky-${base}.pdf`)}`,
          );
          return reply.send(Buffer.from(await reportPdf(report, name)));
        }
        reply.header('content-type', 'text/html; charset=utf-8');
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        return reply.send(reportHtml(report, name));
      },
    );

    // The signer's own signature image (chữ ký mẫu, Decree 30 Phụ lục I: PNG, transparent, blue).
    app.get(
      '/api/me/signature-image',
      {
        schema: {
          tags,
          summary: 'My signature image (PNG), drawn in my PDF signatures; 404 SIGNATURE_IMAGE_NOT_SET when none',
          querystring: z.object({ format: z.enum(['png', 'json']).default('png') }),
        },
      },
      async (req, reply) => {
        const { png, view } = await ownSignatureImage(s.db, requirePerson(req));
        if (req.query.format === 'json') return reply.send(signatureImageDto.parse(view));
        reply.header('cache-control', 'private, no-store');
        return reply.type('image/png').send(png);
      },
    );
    await app.register(async (scope) => {
      scope.addContentTypeParser(
        'image/png',
        { parseAs: 'buffer', bodyLimit: SIGNATURE_IMAGE_MAX_BYTES * 2 },
        (_r, body, done) => done(null, body),
      );
      scope.put(
        '/api/me/signature-image',
        {
          bodyLimit: SIGNATURE_IMAGE_MAX_BYTES * 2,
          schema: {
            tags,
            summary:
              'Set my signature image: the PNG as the body (image/png, transparent background, at most 300 KB); replaces the previous one (audited)',
            response: { 200: signatureImageDto },
          },
        },
        async (req) =>
          setSignatureImage(s.db, s.clock, requirePerson(req), actorContext(req), rawBody(req.body, 'image/png')),
      );
    });
    app.delete(
      '/api/me/signature-image',
      { schema: { tags, summary: 'Remove my signature image (my signatures show my name again; audited)' } },
      async (req, reply) => {
        await removeSignatureImage(s.db, s.clock, requirePerson(req), actorContext(req));
        return reply.code(204).send();
      },
    );
  };
}
