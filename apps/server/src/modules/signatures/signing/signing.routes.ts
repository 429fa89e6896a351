import type { FastifyRequest } from 'fastify';
import { actorContext, type Principal, requireUser } from '../../../platform/http/auth.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import type { App } from '../../../platform/http/server.js';
import { fileInfoDto } from '../../../platform/files/files.routes.js';
import { reportHtml, reportPdf } from './report/report-render.js';
import { reportQuery, signBody, validateBody, validationReportDto } from './signing.schemas.js';
import type { SigningService } from './signing.service.js';
import { signFile } from './use-cases/sign-file.js';
import { reportDto, validateFile } from './use-cases/validate-file.js';

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
  return (app: App) => {
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
        const p = requirePerson(req);
        const key = req.headers['idempotency-key'];
        const r = await signFile(s, actorContext(req), p, req.body, typeof key === 'string' ? key : undefined);
        if (r.replayed) reply.header('idempotent-replayed', 'true');
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
  };
}
