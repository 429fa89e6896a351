import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import { actorContext, requireRole } from '../../../platform/http/auth.js';
import type { App } from '../../../platform/http/server.js';
import type { ExchangeContext } from '../exchange.context.js';
import { eq } from 'drizzle-orm';
import { lgspUnits } from '../db/schema.js';
import { readPackage } from '../edxml/parse.js';
import { answerPackage, submitPackage } from '../use-cases/submit.js';
import { acceptFromUnit } from './lgsp-mailbox.js';
import {
  checkClient,
  clientOfToken,
  createClient,
  envelope,
  failure,
  incomingFor,
  issueToken,
  issueUnitSecret,
  LGSP_BASE,
  LGSP_STATES,
  LgspError,
  type LgspState,
  type LgspUnit,
  listUnits,
  principalOf,
  receiptStates,
  setReceipt,
  setUnitCas,
  TOKEN_TTL_S,
  unitOfSecret,
} from './lgsp.js';

const tags = ['exchange (LGSP API)'];
const hidden = { hide: true, tags };

/** A header, a query parameter or a JSON body field of that name (the example leaves where open; ADR 0017). */
function param(req: FastifyRequest, name: string): string | undefined {
  const h = req.headers[name.toLowerCase()];
  if (typeof h === 'string' && h) return h;
  const q = (req.query as Record<string, unknown> | undefined)?.[name];
  if (typeof q === 'string' && q) return q;
  const b = req.body;
  if (b && typeof b === 'object' && !Buffer.isBuffer(b)) {
    const v = (b as Record<string, unknown>)[name];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

const agencyCodes = async (ctx: ExchangeContext, u: LgspUnit) => {
  const a = await ctx.directory.find(u.code);
  return a ? [a.code, ...(a.legacyCode ? [a.legacyCode] : [])] : [u.code];
};

/**
 * The LGSP REST API served by the hub, so that document-management products written for a
 * province's exchange connect unchanged (ADR 0017). Answers are LGSP envelopes, not problem+json.
 */
export function lgspRoutes(ctx: ExchangeContext) {
  return async (app: App) => {
    // Hub operator: clients and unit secrets (shown once).
    app.post(
      '/api/exchange/lgsp/clients',
      {
        schema: {
          tags,
          summary: 'Hub: create an LGSP API client (consumer key and secret, shown once)',
          body: z.object({ name: z.string().trim().min(1).max(200) }),
          response: { 201: z.object({ consumerKey: z.string(), consumerSecret: z.string(), name: z.string() }) },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        return reply.code(201).send(await createClient(ctx, actorContext(req), req.body.name));
      },
    );
    app.post(
      '/api/exchange/lgsp/units',
      {
        schema: {
          tags,
          summary: 'Hub: issue (or replace) the secret of an LGSP unit (an agency), shown once',
          body: z.object({
            code: z
              .string()
              .trim()
              .regex(/^[0-9A-Z.]{1,35}$/),
            name: z.string().trim().min(1).max(300).optional(),
            /**
             * Seal CA certificates (PEM or base64 DER) of a unit that is another deployment using this hub as
             * its LGSP: it then sends packages it sealed itself, and what arrives for it waits in its mailbox.
             */
            caCertificates: z.array(z.string().trim().min(100).max(20_000)).max(20).optional(),
          }),
          response: { 201: z.object({ code: z.string(), name: z.string(), secret: z.string() }) },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        try {
          return reply.code(201).send(await issueUnitSecret(ctx, actorContext(req), req.body));
        } catch (e) {
          if (e instanceof LgspError)
            throw new AppError(422, e.code, e.message, {}, [
              { path: /^([\w.]+):/.exec(e.message)?.[1] ?? 'code', code: e.code, message: e.message },
            ]);
          throw e;
        }
      },
    );

    app.patch(
      '/api/exchange/lgsp/units/:code',
      {
        schema: {
          tags,
          summary: 'Hub: set the seal CAs of an LGSP unit that is another deployment (its secret unchanged)',
          params: z.object({
            code: z
              .string()
              .trim()
              .regex(/^[0-9A-Z.]{1,35}$/),
          }),
          body: z.object({ caCertificates: z.array(z.string().trim().min(100).max(20_000)).max(20) }),
          response: { 200: z.object({ code: z.string(), name: z.string(), caCertificates: z.number().int() }) },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        try {
          return await setUnitCas(ctx, actorContext(req), req.params.code, req.body.caCertificates);
        } catch (e) {
          if (e instanceof LgspError)
            throw new AppError(e.http, e.code, e.message, {}, [
              { path: /^([\w.]+):/.exec(e.message)?.[1] ?? 'code', code: e.code, message: e.message },
            ]);
          throw e;
        }
      },
    );

    await app.register(async (scope) => {
      // The example's token call: curl -d grant_type=client_credentials -H "Authorization: Basic …" /token
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      scope.post(
        '/token',
        { schema: { ...hidden, summary: 'LGSP: OAuth2 client-credentials token' } },
        async (req, reply) => {
          const body = (req.body ?? {}) as Record<string, string>;
          if (body.grant_type !== 'client_credentials')
            return reply
              .code(400)
              .send({ error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials.' });
          let id = body.client_id;
          let secret = body.client_secret;
          const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
          if (basic) {
            const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
            const i = decoded.indexOf(':');
            id = decoded.slice(0, i);
            secret = decoded.slice(i + 1);
          }
          if (!id || !secret || !(await checkClient(ctx, id, secret)))
            return reply
              .code(401)
              .header('www-authenticate', 'Basic realm="lgsp"')
              .send({ error: 'invalid_client', error_description: 'Unknown client or wrong secret.' });
          return { access_token: issueToken(ctx, id), token_type: 'Bearer', expires_in: TOKEN_TTL_S, scope: 'default' };
        },
      );
    });

    await app.register(
      async (api) => {
        for (const t of ['text/plain', 'application/octet-stream', 'application/xml'])
          api.addContentTypeParser(
            t,
            { parseAs: 'string', bodyLimit: Math.ceil(ctx.settings.maxPackageBytes * 1.4) },
            (_r, b, done) => done(null, b),
          );
        // JSON bodies (units, a small `{data}`) go through the platform's guarded parser (UTF-8, depth and size
        // limits); a package is sent as text/plain base64, as the example client does.
        api.setErrorHandler((err, _req, reply) => {
          if (err instanceof LgspError) return reply.code(err.http).send(failure(err));
          if (err instanceof AppError)
            return reply.code(err.status).send(failure(new LgspError(err.status, err.code, err.message)));
          const status = (err as { statusCode?: number }).statusCode ?? 500;
          if (status >= 500) ctx.log.error({ err }, 'lgsp: request failed');
          return reply
            .code(status)
            .send(
              failure(
                new LgspError(
                  status,
                  status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST',
                  status >= 500 ? 'Internal error.' : (err as Error).message,
                ),
              ),
            );
        });

        /** Every call: a valid bearer token, then the unit of the `secret`. */
        const who = async (req: FastifyRequest) => {
          const bearer = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '');
          if (!bearer) throw new LgspError(401, 'UNAUTHORIZED', 'An access token (Authorization: Bearer) is required.');
          const clientId = await clientOfToken(ctx, bearer[1]!);
          const unit = await unitOfSecret(ctx, param(req, 'secret'));
          return { clientId, unit };
        };
        const ok = (reply: FastifyReply, data: unknown, extra: Record<string, unknown> = {}) =>
          reply.send(envelope(data, extra));

        api.get(
          '/vanbans',
          { schema: { ...hidden, summary: 'LGSP: documents and statuses received by the unit' } },
          async (req, reply) => {
            const { unit } = await who(req);
            const rows = await incomingFor(ctx, await agencyCodes(ctx, unit));
            const states = await receiptStates(
              ctx.db,
              rows.map((r) => r.id),
            );
            const pending = rows.filter((r) => states.get(r.id)?.state !== 'DONE');
            return ok(
              reply,
              pending.map((r) => ({
                serviceType: 'eDoc',
                messageType: r.kind === 'document' ? 'edoc' : 'status',
                docId: r.id,
                from: r.sender,
                to: r.recipient,
                status: states.get(r.id)?.state ?? 'INITIAL',
                ...(states.get(r.id)?.reason ? { errorDesc: states.get(r.id)!.reason } : {}),
                statusDesc: r.state,
                createdTime: r.createdAt.toISOString(),
              })),
            );
          },
        );

        const received = async (unit: LgspUnit, docId: string) => {
          const row = (await incomingFor(ctx, await agencyCodes(ctx, unit))).find((r) => r.id === docId);
          if (!row) throw new LgspError(404, 'NOT_FOUND', `docId: no package ${docId.slice(0, 64)} for this unit.`);
          return row;
        };

        api.get(
          '/vanbans/:docId',
          { schema: { ...hidden, summary: 'LGSP: one received package, base64 edXML' } },
          async (req, reply) => {
            const { unit } = await who(req);
            const row = await received(unit, (req.params as { docId: string }).docId);
            if (!row.sha256) throw new LgspError(404, 'NOT_FOUND', 'docId: the package has no stored content.');
            return ok(reply, (await ctx.files.read(row.sha256)).toString('base64'));
          },
        );

        api.put(
          '/vanbans/:docId',
          { schema: { ...hidden, summary: 'LGSP: the unit’s processing state of a received package' } },
          async (req, reply) => {
            const { unit } = await who(req);
            const status = param(req, 'status')?.toUpperCase();
            if (!status || !LGSP_STATES.includes(status as LgspState))
              throw new LgspError(400, 'INVALID_STATUS', `status: one of ${LGSP_STATES.join(', ')}.`);
            const row = await received(unit, (req.params as { docId: string }).docId);
            const reason = status === 'FAIL' ? (param(req, 'errorDesc') ?? param(req, 'reason')) : undefined;
            await setReceipt(ctx.db, row.id, status as LgspState, ctx.clock.now(), reason?.slice(0, 2000));
            return ok(reply, null);
          },
        );

        api.post(
          '/vanbans',
          { schema: { ...hidden, summary: 'LGSP: send a base64 edXML (type edoc or status)' } },
          async (req, reply) => {
            const { clientId, unit } = await who(req);
            const type = (param(req, 'type') ?? 'edoc').toLowerCase();
            if (type !== 'edoc' && type !== 'status') throw new LgspError(400, 'INVALID_TYPE', 'type: edoc or status.');
            const raw = typeof req.body === 'string' ? req.body : param(req, 'data');
            const b64 = (raw ?? '').replace(/^"|"$/g, '').replace(/\s+/g, '');
            if (!b64 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64))
              throw new LgspError(400, 'INVALID_BASE64', 'data: the body must be the edXML package in base64.');
            const bytes = Buffer.from(b64, 'base64');
            // A package the unit sealed itself (another deployment using this hub as its LGSP): checked
            // against the unit's registered CAs and routed as it is (ADR 0017 addendum).
            if (
              readPackage(bytes, {
                maxChars: ctx.settings.maxPackageBytes,
                maxAttachmentBytes: ctx.settings.maxPackageBytes,
              }).signed
            ) {
              const ids = await acceptFromUnit(ctx, unit, bytes, type);
              return ok(reply, ids, { docId: Object.values(ids)[0] });
            }
            const p = await principalOf(ctx, clientId, unit);
            if (type === 'edoc') {
              const r = await submitPackage(ctx, p, bytes);
              return ok(reply, r.packageIds, { docId: Object.values(r.packageIds)[0] ?? r.localDocumentId });
            }
            // A status about a package the unit received: matched by the document it answers.
            const read = readPackage(bytes);
            const s = read.package;
            if (!s || s.kind !== 'status')
              throw new LgspError(
                422,
                'NOT_A_STATUS',
                read.issues[0]
                  ? `${read.issues[0].path}: ${read.issues[0].message}`
                  : 'The package is not a status message.',
              );
            const rows = await incomingFor(ctx, await agencyCodes(ctx, unit));
            const row = rows.reverse().find((r) => r.kind === 'document' && r.documentId === s.responseFor.documentId);
            if (!row)
              throw new LgspError(
                404,
                'NOT_FOUND',
                `ResponseFor/DocumentId: no document ${s.responseFor.documentId.slice(0, 80)} was received by this unit.`,
              );
            await answerPackage(ctx, p, {
              packageId: row.id,
              statusCode: s.statusCode,
              description: s.description,
              staff: s.staff,
            });
            return ok(reply, null, { docId: row.id });
          },
        );

        api.get('/donvilienthongs', { schema: { ...hidden, summary: 'LGSP: connected units' } }, async (req, reply) => {
          await who(req);
          return ok(
            reply,
            (await listUnits(ctx.db)).map((u) => ({ id: u.code, code: u.code, name: u.name, pid: u.parentCode })),
          );
        });

        api.post(
          '/donvilienthongs',
          { schema: { ...hidden, summary: 'LGSP: register a unit under the caller' } },
          async (req, reply) => {
            const { unit } = await who(req);
            const body = (req.body ?? {}) as Record<string, unknown>;
            const code = typeof body.code === 'string' ? body.code.trim() : '';
            const name = typeof body.name === 'string' ? body.name.trim() : '';
            if (!/^[0-9A-Z.]{1,35}$/.test(code))
              throw new LgspError(400, 'INVALID_CODE', 'code: an agency identifier code.');
            if (!name || name.length > 300) throw new LgspError(400, 'INVALID_NAME', 'name: 1 to 300 characters.');
            const a = await ctx.directory.find(code);
            const mine = await ctx.directory.find(unit.code);
            if (!a || !mine || !(await ctx.directory.isWithin(mine.code, a.code)))
              throw new LgspError(403, 'NOT_ALLOWED', `code: ${code} is not an agency under ${unit.code}.`);
            const now = ctx.clock.now();
            await ctx.db
              .insert(lgspUnits)
              .values({
                code,
                name: name.normalize('NFC'),
                parentCode: typeof body.pcode === 'string' ? body.pcode : unit.code,
                createdAt: now,
                updatedAt: now,
              })
              .onConflictDoUpdate({
                target: lgspUnits.code,
                set: { active: true, name: name.normalize('NFC'), updatedAt: now },
              });
            return ok(reply, null);
          },
        );

        api.put(
          '/donvilienthongs',
          { schema: { ...hidden, summary: 'LGSP: unregister a unit under the caller' } },
          async (req, reply) => {
            const { unit } = await who(req);
            const code = param(req, 'agencyCode') ?? param(req, 'code');
            const a = code ? await ctx.directory.find(code) : null;
            const mine = await ctx.directory.find(unit.code);
            if (!code || !a || !mine || !(await ctx.directory.isWithin(mine.code, a.code)))
              throw new LgspError(
                403,
                'NOT_ALLOWED',
                `agencyCode: ${code ?? '(none)'} is not an agency under ${unit.code}.`,
              );
            await ctx.db
              .update(lgspUnits)
              .set({ active: false, updatedAt: ctx.clock.now() })
              .where(eq(lgspUnits.code, code));
            return ok(reply, null);
          },
        );
      },
      { prefix: LGSP_BASE },
    );
  };
}
