import { randomUUID, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { CSRF_COOKIE, CSRF_HEADER, type ResolvePrincipal, SESSION_COOKIE } from './auth.js';
import type { DestinationStream } from 'pino';
import { logOptions } from '../log.js';
import { installInputGuards } from './input-guard.js';
import { DEFAULT_JSON_LIMITS, isValidUtf8Url, type JsonLimits } from './json-limits.js';
import { errorHandler, sendProblem } from './problem.js';
import { installRateLimits, type RateLimitOptions } from './rate-limit.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpOptions {
  version: string;
  bodyLimit: number;
  /** Bounds of every JSON body (depth, array length, keys, string size): 413 naming the limit. */
  jsonLimits?: JsonLimits;
  logLevel: string;
  logStream?: DestinationStream;
  /** Strict-Transport-Security on every answer (production behind an https PUBLIC_URL). */
  hsts?: boolean;
  resolvePrincipal: ResolvePrincipal;
  /** The CSRF token a session token must come with on cookie-authenticated state changes. */
  csrfFor: (sessionToken: string) => string;
  trustProxy?: boolean;
  /** Rate limits (@fastify/rate-limit with counters in the database). */
  rateLimits?: RateLimitOptions;
  /** Serve the built single-page app from here, with index.html for unknown GET pages. */
  webRoot?: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The web app's Content-Security-Policy (a Vite build: module scripts and style sheets from this origin). */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Strip secrets (tokens, codes) from logged URLs. */
function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|otp|state|code_verifier)=)[^&]*/gi, '$1[redacted]');
}

/** Fastify with zod schemas, problem+json errors, cookie/bearer auth, CSRF, OpenAPI. */
export async function createHttpServer(opts: HttpOptions): Promise<App> {
  const logger: FastifyServerOptions['logger'] =
    opts.logLevel === 'silent'
      ? false
      : {
          ...logOptions(opts.logLevel),
          ...(opts.logStream ? { stream: opts.logStream } : {}),
          serializers: {
            ...logOptions(opts.logLevel).serializers,
            req: (req: { method: string; url: string; ip?: string }) => ({
              method: req.method,
              url: redactUrl(req.url),
              ip: req.ip,
            }),
          },
        };
  const app = Fastify({
    logger,
    bodyLimit: opts.bodyLimit,
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    // A path the router cannot decode (bad percent-encoding, bytes that are not UTF-8): problem+json too.
    frameworkErrors: (err, req, reply) => {
      const utf8 = !isValidUtf8Url(req.url);
      void sendProblem(reply, req, {
        status: 400,
        code: utf8 ? 'INVALID_UTF8' : err.code.replace(/^FST_ERR_/, ''),
        detail: utf8 ? 'The address holds percent-encoded bytes that are not UTF-8.' : err.message,
      });
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (opts.hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Pages of the web app (and our own HTML, e.g. the outbox): scripts and styles from this origin only.
    // The OIDC provider's and the sandboxes' pages (other parties) and the API docs set their own, or none.
    const type = String(reply.getHeader('content-type') ?? '');
    if (
      type.startsWith('text/html') &&
      !reply.hasHeader('content-security-policy') &&
      !/^\/(oidc|sandbox|api\/docs)(\/|$)/.test(req.url)
    ) {
      reply.header('content-security-policy', WEB_CSP);
    }
  });

  installInputGuards(app as unknown as FastifyInstance, opts.jsonLimits ?? DEFAULT_JSON_LIMITS);
  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'e-Government platform API',
        description:
          'Identity, agency directory, audit trail and the other modules. Errors are application/problem+json with a stable `code`.',
        version: opts.version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    // jsonSchemaTransform throws on routes whose schemas are not zod; leave those as they are.
    transform: (input) => {
      try {
        return jsonSchemaTransform(input);
      } catch {
        return { schema: input.schema, url: input.url };
      }
    },
    // Schemas named with `.meta({ id })` become components (#/components/schemas/…), so the generated web types read well.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      req.principal = await opts.resolvePrincipal(header.slice(7).trim(), 'bearer');
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const principal = await opts.resolvePrincipal(token, 'cookie');
    if (!principal) return;
    // Double-submit CSRF check for cookie-authenticated state changes. oidc-provider authenticates its own
    // POSTs (client authentication at the token endpoint, its own xsrf token on the logout form).
    // The sandbox payment gateways stand for another site: they never use our session.
    if (!SAFE_METHODS.has(req.method) && !req.url.startsWith('/oidc/') && !req.url.startsWith('/sandbox/')) {
      // The token is bound to the session (a MAC of its token), not merely equal to a cookie that a
      // sibling site could have planted along with its own value.
      const sent = req.headers[CSRF_HEADER];
      const expected = Buffer.from(opts.csrfFor(token));
      if (
        typeof sent !== 'string' ||
        sent.length !== expected.length ||
        !timingSafeEqual(Buffer.from(sent), expected)
      ) {
        return sendProblem(reply, req, {
          status: 403,
          code: 'CSRF_TOKEN_INVALID',
          detail: `Send the ${CSRF_COOKIE} cookie value in the ${CSRF_HEADER} header.`,
        });
      }
    }
    req.principal = principal;
  });

  if (opts.rateLimits) await installRateLimits(app as unknown as FastifyInstance, opts.rateLimits);

  if (opts.webRoot) {
    await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false, index: false, serve: true, prefix: '/' });
  }
  const isApi = (url: string) => /^\/(api|oidc|dev|health|pki)(\/|$|\?)/.test(url);
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the web app: any GET outside the API gets index.html.
    if (opts.webRoot && req.method === 'GET' && !isApi(req.url)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, req, {
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: `No route ${req.method} ${redactUrl(req.url)}.`,
    });
  });
  return app;
}
