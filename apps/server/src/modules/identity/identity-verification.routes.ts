import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorContext, requireUser, setSessionCookies } from '../../platform/http/auth.js';
import { AppError } from '../../platform/http/errors.js';
import { byAccount } from '../../platform/http/rate-limit.js';
import type { App } from '../../platform/http/server.js';
import { pattern } from '../../platform/http/schemas.js';
import type { IdentityContext } from './identity.context.js';
import { issueCertificateChallenge, verifyCertificateProof } from './use-cases/certificate-proof.js';
import { issueDeskCode, verifyAtDesk } from './use-cases/identity-verification.js';
import { finishVneid, safeReturnTo, startVneid } from './use-cases/vneid.js';
import { vneidSettings, VNEID_CALLBACK_PATH } from './vneid/rp.js';

const tags = ['identity'];
const STATE_COOKIE = 'egov_vneid_state';

const deskVerificationBody = z.object({
  login: pattern(
    /^(\d{12}|\d{10}(-\d{3})?)$/,
    'INVALID_ID_NUMBER_FORMAT',
    'A 12-digit personal ID number or a tax code.',
  ),
  code: pattern(/^\d{8}$/, 'INVALID_DESK_CODE', 'The 8-digit code shown on the account page.'),
  document: z.enum(['cccd', 'passport', 'business_registration']),
});

const certificateVerifyBody = z.object({
  nonce: pattern(/^[A-Za-z0-9_-]{16,64}$/, 'INVALID_NONCE', 'The nonce of the challenge.'),
  signature: z
    .string()
    .min(1)
    .max(200_000)
    .describe('CMS/PKCS#7 signature of the challenge text (detached, .p7s): base64 of the DER, or PEM.'),
});

const certificateSummary = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  fingerprint: z.string(),
  notAfter: z.string(),
});

/** How an account proves its identity: VNeID (OIDC relying party), at the desk, by a CA certificate (ADR 0015). */
export function identityVerificationRoutes(ctx: IdentityContext) {
  const secure = ctx.config.publicUrl.startsWith('https:');
  const setState = (reply: FastifyReply, state: string) =>
    reply.setCookie(STATE_COOKIE, state, {
      path: '/api/auth/vneid',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 600,
    });
  return (app: App) => {
    app.get(
      '/api/auth/vneid',
      {
        schema: {
          tags,
          summary: 'Whether login with the national identity provider (VNeID) is available here',
          security: [],
          response: { 200: z.object({ enabled: z.boolean(), sandbox: z.boolean() }) },
        },
      },
      async () => {
        const s = vneidSettings(ctx);
        return { enabled: !!s, sandbox: !!s?.sandbox };
      },
    );
    app.get(
      '/api/auth/vneid/start',
      {
        config: { limits: [{ rule: 'login.ip' }] },
        schema: {
          tags,
          summary: 'Log in with VNeID: redirect (303) to the provider (authorization code + PKCE)',
          security: [],
          querystring: z.object({ returnTo: z.string().max(500).optional() }),
        },
      },
      async (req, reply) => {
        const r = await startVneid(ctx, 'login', null, req.query.returnTo);
        setState(reply, r.state);
        return reply.redirect(r.url, 303);
      },
    );
    app.post(
      '/api/auth/vneid/link',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'Verify my identity with VNeID: the URL to open (the provider must prove my own ID number)',
          body: z.object({ returnTo: z.string().max(500).optional() }),
          response: { 200: z.object({ url: z.string() }) },
        },
      },
      async (req, reply) => {
        const r = await startVneid(ctx, 'link', requireUser(req), req.body.returnTo ?? '/account');
        setState(reply, r.state);
        return { url: r.url };
      },
    );
    app.get(
      VNEID_CALLBACK_PATH,
      {
        config: { limits: [{ rule: 'login.ip' }] },
        schema: {
          tags,
          summary: 'Redirect URI of the VNeID sign-in: opens the session and returns to the web app (303)',
          security: [],
          querystring: z.object({
            code: z.string().max(2000).optional(),
            state: z.string().max(200).optional(),
            error: z.string().max(200).optional(),
          }),
        },
      },
      async (req, reply) => {
        reply.clearCookie(STATE_COOKIE, { path: '/api/auth/vneid' });
        try {
          const r = await finishVneid(ctx, actorContext(req), req.query, req.cookies[STATE_COOKIE]);
          if (r.session) setSessionCookies(reply, r.session.token, r.session.csrf, r.session.expiresIn, secure);
          const to = r.reclaimed ? '/account?vneid=reclaimed' : r.linked ? '/account?vneid=linked' : r.returnTo;
          return reply.redirect(to, 303);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          req.log.warn({ code: e.code }, 'VNeID sign-in refused');
          return reply.redirect(`/login?error=${encodeURIComponent(e.code)}`, 303);
        }
      },
    );
    app.post(
      '/api/identity/desk-code',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary: 'A one-time code (8 digits, 15 minutes) to show the desk officer who verifies my identity',
          response: { 200: z.object({ code: z.string(), expiresAt: z.date() }) },
        },
      },
      async (req) => issueDeskCode(ctx, actorContext(req), requireUser(req)),
    );
    app.post(
      '/api/auth/certificate/challenge',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'Prove my identity with my digital signature certificate: a one-time nonce (10 minutes) and the exact text to sign',
          response: {
            200: z.object({
              nonce: z.string(),
              content: z.string().describe('The text to sign, UTF-8, exactly these bytes.'),
              contentBase64: z.string(),
              fileName: z.string(),
              expiresAt: z.date(),
            }),
          },
        },
      },
      async (req) => issueCertificateChallenge(ctx, actorContext(req), requireUser(req)),
    );
    app.post(
      '/api/auth/certificate/verify',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'Send the CMS signature of the challenge text: a certificate of a trusted CA naming my ID number verifies my identity',
          body: certificateVerifyBody,
          response: {
            200: z.object({
              identityLevel: z.string(),
              identityVerifiedAt: z.date(),
              certificate: certificateSummary,
            }),
          },
        },
      },
      async (req) => verifyCertificateProof(ctx, actorContext(req), requireUser(req), req.body),
    );
    app.post(
      '/api/identity/desk-verifications',
      {
        config: { limits: [{ rule: 'code.account', key: byAccount }] },
        schema: {
          tags,
          summary:
            'One-stop desk officer: verify the identity of the person present (ID card checked, desk code shown)',
          body: deskVerificationBody,
          response: {
            200: z.object({ username: z.string(), fullName: z.string(), identityLevel: z.string() }),
          },
        },
      },
      async (req) => verifyAtDesk(ctx, actorContext(req), requireUser(req), req.body),
    );
  };
}

export { safeReturnTo };
