import { createHash, createPublicKey, randomBytes, sign, timingSafeEqual, verify, X509Certificate } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { recordAudit } from '../../audit/index.js';
import { lgspClients, lgspReceipts, lgspUnits, packages } from '../db/schema.js';
import type { ExchangeContext } from '../exchange.context.js';

/*
 * The LGSP REST API ("trục liên thông" of a province, ADR 0017) as the public example client of the
 * national exchange calls it: an OAuth2 client-credentials token, then `/truclienthong/v1.0.0` with
 * the unit's secret on every call, answers in the envelope {status, errorCode, errorDesc, data}.
 */

export type LgspState = 'INITIAL' | 'PROCESSING' | 'DONE' | 'FAIL';
export const LGSP_STATES: readonly LgspState[] = ['INITIAL', 'PROCESSING', 'DONE', 'FAIL'];
export const LGSP_BASE = '/truclienthong/v1.0.0';
export const TOKEN_TTL_S = 3600;

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const b64url = (b: Buffer) => b.toString('base64url');
const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** An LGSP answer: `status` OK or FAIL, `errorCode` "0" on success. */
export function envelope<T>(data: T, extra: Record<string, unknown> = {}) {
  return { status: 'OK', errorCode: '0', errorDesc: '', ...extra, data };
}
export class LgspError extends Error {
  constructor(
    readonly http: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
export const failure = (e: LgspError) => ({ status: 'FAIL', errorCode: e.code, errorDesc: e.message, data: null });

/** A bearer token: the client id and its expiry, signed with this deployment's Ed25519 key (stateless). */
export function issueToken(ctx: ExchangeContext, clientId: string): string {
  const payload = Buffer.from(
    JSON.stringify({ c: clientId, exp: Math.floor(ctx.clock.now().getTime() / 1000) + TOKEN_TTL_S }),
  );
  return `${b64url(payload)}.${b64url(sign(null, payload, ctx.settings.nodeKey))}`;
}

export async function clientOfToken(ctx: ExchangeContext, token: string): Promise<string> {
  const [p, s] = token.split('.');
  const payload = p ? Buffer.from(p, 'base64url') : Buffer.alloc(0);
  let ok = false;
  try {
    ok = !!s && verify(null, payload, createPublicKey(ctx.settings.nodeKey), Buffer.from(s, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) throw new LgspError(401, 'INVALID_TOKEN', 'The access token is not valid.');
  const { c, exp } = JSON.parse(payload.toString('utf8')) as { c: string; exp: number };
  if (exp * 1000 < ctx.clock.now().getTime())
    throw new LgspError(401, 'TOKEN_EXPIRED', 'The access token has expired.');
  const client = (await ctx.db.select().from(lgspClients).where(eq(lgspClients.id, c)))[0];
  if (!client?.active) throw new LgspError(401, 'INVALID_TOKEN', 'The client of this token is not active.');
  return c;
}

/** OAuth2 client credentials: the consumer key and secret. */
export async function checkClient(ctx: ExchangeContext, id: string, secret: string): Promise<boolean> {
  const c = (await ctx.db.select().from(lgspClients).where(eq(lgspClients.id, id)))[0];
  return !!c?.active && sameHash(c.secretSha256, sha256(secret));
}

export type LgspUnit = typeof lgspUnits.$inferSelect;

/** The unit a secret belongs to (active). */
export async function unitOfSecret(ctx: ExchangeContext, secret: string | undefined): Promise<LgspUnit> {
  if (!secret || secret.length < 16 || secret.length > 200)
    throw new LgspError(401, 'INVALID_SECRET', 'The unit secret (header "secret") is missing or malformed.');
  const u = (
    await ctx.db
      .select()
      .from(lgspUnits)
      .where(eq(lgspUnits.secretSha256, sha256(secret)))
  )[0];
  if (!u?.active) throw new LgspError(401, 'INVALID_SECRET', 'No active unit has this secret.');
  return u;
}

/** The unit acting as a clerk of its agency (what submitPackage and answerPackage check). */
export async function principalOf(ctx: ExchangeContext, clientId: string, u: LgspUnit): Promise<Principal> {
  const a = await ctx.directory.find(u.code);
  if (!a) throw new LgspError(403, 'UNKNOWN_AGENCY', `The unit ${u.code} is not an agency of this deployment.`);
  return {
    userId: `lgsp:${clientId}:${a.code}`,
    username: `lgsp:${clientId}`,
    fullName: u.name,
    kind: 'staff',
    roles: ['clerk'],
    agencyId: a.id,
    agencyCode: a.code,
    acr: 2,
    identityLevel: null,
    sessionId: null,
  } as Principal;
}

/** Hub operator: a client (consumer key and secret, shown once). */
export async function createClient(ctx: ExchangeContext, actor: ActorContext, name: string) {
  const id = randomBytes(15).toString('base64url');
  const secret = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(lgspClients)
      .values({ id, secretSha256: sha256(secret), name: name.normalize('NFC'), createdAt: now });
    await recordAudit(
      tx,
      actor,
      { action: 'exchange.lgsp.client_created', subjectType: 'lgsp_client', subjectId: id, after: { name } },
      now,
    );
  });
  return { consumerKey: id, consumerSecret: secret, name };
}

/** CA certificates given as PEM or base64 DER, as base64 DER; 422 naming the one that is not a CA certificate. */
function parseCas(list: string[]): string[] {
  return list.map((c, i) => {
    const b64 = c.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    try {
      const cert = new X509Certificate(Buffer.from(b64, 'base64'));
      if (!cert.ca) throw new Error('not a CA');
      return cert.raw.toString('base64');
    } catch {
      throw new LgspError(422, 'INVALID_CERTIFICATE', `caCertificates.${i}: not a CA certificate (PEM or base64 DER).`);
    }
  });
}

/**
 * Hub operator: set the seal CAs of a unit that is another deployment (its secret unchanged). With CAs,
 * the unit sends packages it sealed itself and receives into its mailbox; an empty list ends that.
 */
export async function setUnitCas(ctx: ExchangeContext, actor: ActorContext, code: string, list: string[]) {
  const cas = parseCas(list);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = (await tx.select().from(lgspUnits).where(eq(lgspUnits.code, code)).for('update'))[0];
    if (!before) throw new LgspError(404, 'UNIT_NOT_FOUND', `code: no LGSP unit ${code}.`);
    await tx.update(lgspUnits).set({ caCertificates: cas, updatedAt: now }).where(eq(lgspUnits.code, code));
    await recordAudit(
      tx,
      actor,
      {
        action: 'exchange.lgsp.unit_cas_set',
        subjectType: 'lgsp_unit',
        subjectId: code,
        before: { caSha256: before.caCertificates.map((c) => sha256(c)) },
        after: { caSha256: cas.map((c) => sha256(c)) },
      },
      now,
    );
    return { code, name: before.name, caCertificates: cas.length };
  });
}

/** Hub operator: issue (or replace) a unit's secret, shown once; the unit is created when new. */
export async function issueUnitSecret(
  ctx: ExchangeContext,
  actor: ActorContext,
  input: { code: string; name?: string; caCertificates?: string[] },
): Promise<{ code: string; name: string; secret: string }> {
  const a = await ctx.directory.find(input.code);
  if (!a) throw new LgspError(422, 'UNKNOWN_AGENCY', `code: ${input.code} is not an agency in the directory.`);
  const cas = parseCas(input.caCertificates ?? []);
  const secret = randomBytes(32).toString('hex');
  const now = ctx.clock.now();
  const code = a.legacyCode ?? a.code;
  const name = (input.name ?? a.name).normalize('NFC');
  const parent = a.parentId ? (await ctx.directory.lineage(a.code))[1] : undefined;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(lgspUnits)
      .values({
        code,
        name,
        secretSha256: sha256(secret),
        parentCode: parent ? (parent.legacyCode ?? parent.code) : null,
        caCertificates: cas,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: lgspUnits.code,
        set: {
          secretSha256: sha256(secret),
          active: true,
          updatedAt: now,
          ...(input.caCertificates ? { caCertificates: cas } : {}),
        },
      });
    await recordAudit(
      tx,
      actor,
      {
        action: 'exchange.lgsp.unit_secret_issued',
        subjectType: 'lgsp_unit',
        subjectId: code,
        after: { name, caSha256: cas.map((c) => sha256(c)) },
      },
      now,
    );
  });
  return { code, name, secret };
}

export async function listUnits(db: Executor) {
  return db.select().from(lgspUnits).where(eq(lgspUnits.active, true)).orderBy(asc(lgspUnits.code));
}

export async function receiptStates(
  db: Executor,
  ids: string[],
): Promise<Map<string, { state: LgspState; reason: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(lgspReceipts).where(inArray(lgspReceipts.packageId, ids));
  return new Map(rows.map((r) => [r.packageId, { state: r.state, reason: r.reason }]));
}

/** The unit's processing state of a package; FAIL keeps the unit's reason (why it refused it). */
export async function setReceipt(db: Executor, packageId: string, state: LgspState, now: Date, reason?: string) {
  const r = state === 'FAIL' ? (reason?.normalize('NFC') ?? null) : null;
  await db
    .insert(lgspReceipts)
    .values({ packageId, state, reason: r, updatedAt: now })
    .onConflictDoUpdate({ target: lgspReceipts.packageId, set: { state, reason: r, updatedAt: now } });
}

/** The packages received for a unit's agency (both code forms). */
export async function incomingFor(ctx: ExchangeContext, codes: string[]) {
  const rows = [];
  for (const code of codes)
    rows.push(
      ...(await ctx.db
        .select()
        .from(packages)
        .where(and(eq(packages.direction, 'in'), eq(packages.recipient, code)))),
    );
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
