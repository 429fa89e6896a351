import { X509Certificate as NodeX509 } from 'node:crypto';
import type { ActorContext } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import { isLegacyCode, isQd20Code } from '../../directory/index.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeRepository as repo } from '../exchange.repository.js';
import { codeWithin, importPublicKey } from '../exchange.settings.js';
import { fingerprint } from '../seal/seal-provider.js';
import { REGISTRATION_PATH, postSigned } from '../transport/client.js';
import { derOf, subjectOf } from './incoming.js';
import { federationRoots } from './receive.js';

export interface AgencyEntry {
  code: string;
  legacyCode: string | null;
  name: string;
}

/** The agencies this deployment serves in the exchange (EXCHANGE_AGENCIES subtrees, or the whole directory). */
export async function localAgencies(ctx: ExchangeContext): Promise<AgencyEntry[]> {
  const codes = ctx.settings.agencies
    ? (await Promise.all(ctx.settings.agencies.map((r) => ctx.directory.subtreeCodes(r)))).flat()
    : (await ctx.directory.search({ page: 1, pageSize: 100_000 })).items.map((a) => a.code);
  const out: AgencyEntry[] = [];
  for (const c of new Set(codes)) {
    const a = await ctx.directory.find(c);
    if (a) out.push({ code: a.code, legacyCode: a.legacyCode, name: a.name });
  }
  return out;
}

/** Hub: put its own agencies in the exchange directory (those no registered node serves). */
export async function registerHubAgencies(ctx: ExchangeContext) {
  const now = ctx.clock.now();
  for (const a of await localAgencies(ctx)) {
    const r = await repo.route(ctx.db, a.code);
    if (!r || r.nodeId === ctx.settings.nodeId)
      await repo.upsertRoute(ctx.db, { ...a, nodeId: ctx.settings.nodeId, updatedAt: now }).catch(() => undefined);
  }
  ctx.lookups.clear();
}

/** Node: register its agencies and seal CA with the hub and store the federation's roots it answers with. */
export async function syncWithHub(ctx: ExchangeContext) {
  const body = Buffer.from(
    JSON.stringify({
      agencies: await localAgencies(ctx),
      caCertificates: (await ctx.seals.localRoots()).map((d) => Buffer.from(d).toString('base64')),
    }),
  );
  const res = await postSigned(
    ctx.settings.hubUrl!,
    REGISTRATION_PATH,
    body,
    'application/json',
    {},
    { keyId: ctx.settings.nodeId, key: ctx.settings.nodeKey, now: ctx.clock.now() },
  );
  if (res.status !== 200) throw new Error(`hub refused the registration: HTTP ${res.status} ${res.body?.code ?? ''}`);
  for (const b64 of (res.body?.roots as string[] | undefined) ?? []) {
    const der = derOf(b64);
    await repo.addTrustRoot(ctx.db, {
      fingerprint: fingerprint(der),
      subject: subjectOf(der),
      der: b64,
      source: 'hub',
    });
  }
  const refused = (res.body?.refused as { code: string; reason: string }[] | undefined) ?? [];
  if (refused.length)
    ctx.log.warn({ refused: refused.slice(0, 20), count: refused.length }, 'exchange: the hub refused some agencies');
}

/** Hub: a node registers the agencies it serves (within what the operator allowed) and its seal CA. */
export async function acceptRegistration(
  ctx: ExchangeContext,
  nodeId: string,
  body: { agencies: AgencyEntry[]; caCertificates: string[] },
) {
  const node = await repo.node(ctx.db, nodeId);
  if (!node?.active) throw new NotFoundError('NODE_NOT_FOUND', 'No active node with this id.');
  for (const [i, b64] of body.caCertificates.entries()) {
    if (subjectOf(derOf(b64)) === '(unreadable)')
      throw ValidationError.field(`caCertificates.${i}`, 'INVALID_CERTIFICATE', 'Not a DER certificate in base64.');
  }
  const now = ctx.clock.now();
  const refused: { code: string; reason: string }[] = [];
  for (const a of body.agencies) {
    if (!isQd20Code(a.code) || (a.legacyCode && !isLegacyCode(a.legacyCode)))
      refused.push({ code: a.code, reason: 'INVALID_AGENCY_CODE' });
    else if (!node.agencies.some((root) => codeWithin(a.code, root)))
      refused.push({ code: a.code, reason: 'NOT_ALLOWED_FOR_NODE' });
    else {
      const current = await repo.route(ctx.db, a.code);
      const legacyOwner = a.legacyCode ? await repo.route(ctx.db, a.legacyCode) : null;
      const taken = [current, legacyOwner].some((r) => r && r.nodeId !== nodeId && r.nodeId !== ctx.settings.nodeId);
      if (taken) refused.push({ code: a.code, reason: 'SERVED_BY_ANOTHER_NODE' });
      else
        await repo.upsertRoute(ctx.db, {
          code: a.code,
          legacyCode: a.legacyCode,
          name: a.name.normalize('NFC'),
          nodeId,
          updatedAt: now,
        });
    }
  }
  const ca = await registrationCas(ctx, node, body.caCertificates, now);
  if (ca.refused) refused.push({ code: 'caCertificates', reason: 'CA_PINNED_BY_OPERATOR' });
  await repo.updateNode(ctx.db, nodeId, {
    ...(ca.set ? { caCertificates: ca.set } : {}),
    lastSeenAt: now,
    updatedAt: now,
  });
  ctx.lookups.clear();
  const roots = (await federationRoots(ctx)).map((d) => Buffer.from(d).toString('base64'));
  return { hubNodeId: ctx.settings.nodeId, roots: [...new Set(roots)], refused };
}

const sameSet = (a: string[], b: string[]) => {
  const fa = new Set(a.map((c) => fingerprint(derOf(c))));
  const fb = new Set(b.map((c) => fingerprint(derOf(c))));
  return fa.size === fb.size && [...fa].every((f) => fb.has(f));
};
/** A refused CA change is audited at most once an hour per node (a node re-registers every few minutes). */
const caRefusalAuditedOf = new WeakMap<ExchangeContext, Map<string, number>>();

/**
 * The seal CAs a node reports at registration. Trust is pinned: once a node has CAs (the operator's,
 * or what it reported first when the operator gave none), only the operator changes them (PATCH
 * /api/exchange/nodes/{id}); a node reporting others keeps the pinned ones, and the attempt is
 * logged and audited as a security event. The first report is audited too.
 */
async function registrationCas(
  ctx: ExchangeContext,
  node: { id: string; caCertificates: string[] },
  reported: string[],
  now: Date,
): Promise<{ set?: string[]; refused: boolean }> {
  const actor = { actorId: null, actorName: `node:${node.id}`, agencyCode: null, ip: null, userAgent: null };
  const sha = (list: string[]) => list.map((c) => fingerprint(derOf(c)));
  if (sameSet(node.caCertificates, reported)) return { refused: false };
  if (node.caCertificates.length === 0) {
    await ctx.db.transaction(async (tx) => {
      await repo.updateNode(tx, node.id, { caCertificates: reported, updatedAt: now });
      await recordAudit(
        tx,
        actor,
        {
          action: 'exchange.node.ca_registered',
          subjectType: 'exchange_node',
          subjectId: node.id,
          before: { caSha256: [] },
          after: { caSha256: sha(reported), subjects: reported.map((c) => subjectOf(derOf(c))) },
        },
        now,
      );
    });
    return { set: reported, refused: false };
  }
  ctx.log.warn(
    { node: node.id, pinned: sha(node.caCertificates), reported: sha(reported) },
    'exchange: a node reported seal CAs other than the pinned ones; kept the pinned ones',
  );
  let caRefusalAudited = caRefusalAuditedOf.get(ctx);
  if (!caRefusalAudited) caRefusalAuditedOf.set(ctx, (caRefusalAudited = new Map()));
  if ((caRefusalAudited.get(node.id) ?? -Infinity) <= now.getTime() - 3600_000) {
    caRefusalAudited.set(node.id, now.getTime());
    await recordAudit(
      ctx.db,
      actor,
      {
        action: 'exchange.node.ca_change_refused',
        subjectType: 'exchange_node',
        subjectId: node.id,
        before: { caSha256: sha(node.caCertificates) },
        after: { caSha256: sha(reported), subjects: reported.map((c) => subjectOf(derOf(c))) },
      },
      now,
    );
  }
  return { refused: true };
}

export interface NodeInput {
  id: string;
  name: string;
  baseUrl: string;
  publicKey: string;
  agencies: string[];
  /** Root CA certificates of the node (PEM or base64 DER), as its operator handed them over. */
  caCertificates?: string[];
}

/** PEM or base64 DER CA certificates → base64 DER; 422 on `caCertificates.i` when one is not a CA certificate. */
function caCertificatesOf(list: string[] | undefined): string[] | undefined {
  return list?.map((text, i) => {
    const t = text.trim();
    let cert: NodeX509;
    try {
      cert = new NodeX509(t.startsWith('-----BEGIN') ? t : Buffer.from(t, 'base64'));
    } catch {
      throw ValidationError.field(
        `caCertificates.${i}`,
        'INVALID_CERTIFICATE',
        'Not a PEM or base64 DER X.509 certificate.',
      );
    }
    if (!cert.ca)
      throw ValidationError.field(
        `caCertificates.${i}`,
        'NOT_A_CA',
        'Upload the CA certificate that issues the node’s agency seals (its root).',
      );
    return cert.raw.toString('base64');
  });
}

function checkKey(publicKey: string) {
  try {
    importPublicKey(publicKey);
  } catch {
    throw ValidationError.field(
      'publicKey',
      'INVALID_PUBLIC_KEY',
      'An Ed25519 public key, SPKI DER in base64 (egov exchange keygen).',
    );
  }
}

/** A node as the operator sees it: its CA certificates also summarised (subject, SHA-256). */
export function nodeView<T extends { caCertificates: string[] }>(n: T) {
  return {
    ...n,
    caSummaries: n.caCertificates.map((b64) => ({ subject: subjectOf(derOf(b64)), sha256: fingerprint(derOf(b64)) })),
  };
}

/** Hub operator: register a node (its id, request-signing key, base URL and the agencies it may serve). */
export async function registerNode(ctx: ExchangeContext, actor: ActorContext, input: NodeInput) {
  checkKey(input.publicKey);
  const cas = caCertificatesOf(input.caCertificates);
  if (input.id === ctx.settings.nodeId) throw ValidationError.field('id', 'NODE_ID_TAKEN', 'This is the hub’s own id.');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    if (await repo.node(tx, input.id))
      throw new ConflictError('NODE_EXISTS', `Node ${input.id} is already registered.`, { id: input.id });
    const row = await repo.insertNode(tx, {
      ...input,
      name: input.name.normalize('NFC'),
      caCertificates: cas ?? [],
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'exchange.node.registered',
        subjectType: 'exchange_node',
        subjectId: input.id,
        after: {
          name: input.name,
          baseUrl: input.baseUrl,
          agencies: input.agencies,
          publicKeySha256: fingerprint(Buffer.from(input.publicKey, 'base64')),
          caSha256: (cas ?? []).map((c) => fingerprint(Buffer.from(c, 'base64'))),
        },
      },
      now,
    );
    return row;
  });
  ctx.lookups.clear();
  return row;
}

/** Hub operator: change a node (deactivate it, move it, rotate its key, change its agencies). */
export async function updateNode(
  ctx: ExchangeContext,
  actor: ActorContext,
  id: string,
  patch: Partial<Omit<NodeInput, 'id'>> & { active?: boolean },
) {
  if (patch.publicKey) checkKey(patch.publicKey);
  if (patch.caCertificates) patch = { ...patch, caCertificates: caCertificatesOf(patch.caCertificates) };
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await repo.node(tx, id);
    if (!before) throw new NotFoundError('NODE_NOT_FOUND', 'No node with this id.', { id });
    const row = await repo.updateNode(tx, id, { ...patch, updatedAt: now });
    const changed = Object.keys(patch).filter((k) => k !== 'publicKey');
    await recordAudit(
      tx,
      actor,
      {
        action: 'exchange.node.updated',
        subjectType: 'exchange_node',
        subjectId: id,
        // Keys and CAs by their SHA-256 (every change of a node's trust is audited, comparable at a glance).
        before: {
          ...Object.fromEntries(
            changed.filter((k) => k !== 'caCertificates').map((k) => [k, (before as Record<string, unknown>)[k]]),
          ),
          ...(patch.caCertificates ? { caSha256: before.caCertificates.map((c) => fingerprint(derOf(c))) } : {}),
          ...(patch.publicKey ? { publicKeySha256: fingerprint(Buffer.from(before.publicKey, 'base64')) } : {}),
        },
        after: {
          ...Object.fromEntries(
            changed.filter((k) => k !== 'caCertificates').map((k) => [k, (patch as Record<string, unknown>)[k]]),
          ),
          ...(patch.caCertificates ? { caSha256: patch.caCertificates.map((c) => fingerprint(derOf(c))) } : {}),
          ...(patch.publicKey
            ? { publicKeyRotated: true, publicKeySha256: fingerprint(Buffer.from(patch.publicKey, 'base64')) }
            : {}),
        },
      },
      now,
    );
    return row!;
  });
  // After the commit: a request in between may have cached the node as it was.
  ctx.lookups.clear();
  return updated;
}
