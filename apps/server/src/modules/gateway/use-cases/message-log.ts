import { createHash } from 'node:crypto';
import { sha256Hex } from '../../../platform/crypto/secret-box.js';
import { newId } from '../../../platform/ids/index.js';
import { canonicalJson } from '../../../platform/json.js';
import { signCades } from '../../signatures/index.js';
import type { GatewayActor } from '../db/schema.js';
import type { GatewayContext } from '../gateway.context.js';
import { gatewayRepository as repo } from '../gateway.repository.js';
import { parseSubsystemId } from '../identifiers.js';

/** What one side of an exchange signs: who, what, why, and the hashes of the request and the response. */
export interface LogRecord {
  v: 1;
  messageId: string;
  side: 'client' | 'provider';
  /** The deployment whose gateway wrote it (EXCHANGE_NODE_ID). */
  deployment: string;
  client: string;
  service: string;
  provider: string;
  actor: GatewayActor;
  purpose: string;
  dossierCode: string | null;
  requestHash: string;
  responseHash: string;
  status: number;
  at: string;
}

export interface SignedRecord {
  /** The exact signed bytes, base64. */
  record: string;
  /** CMS SignedData, DER, base64, detached over the record. */
  signature: string;
}

/** The request a client sends, hashed the same way by both gateways. */
export function requestHashOf(r: {
  messageId: string;
  client: string;
  service: string;
  provider: string;
  purpose: string;
  actor: GatewayActor;
  dossierCode?: string | null;
  params: Record<string, string>;
  method?: string;
  path?: string;
  body?: unknown;
}) {
  return sha256Hex(
    canonicalJson({
      // The operation of a REST back end; absent (and so not hashed) for an in-process service's call.
      method: r.method,
      path: r.path,
      body: r.body,
      messageId: r.messageId,
      client: r.client,
      service: r.service,
      provider: r.provider,
      purpose: r.purpose,
      actor: r.actor,
      dossierCode: r.dossierCode ?? null,
      params: r.params,
    }),
  );
}

export const responseHashOf = (status: number, body: unknown) => sha256Hex(canonicalJson({ status, body }));

export type MessageInsert = Parameters<typeof repo.insertMessages>[1][number];

/**
 * Sign one side's record with its member's seal: the client's on the client side, the provider's on
 * the provider side, as X-Road's security servers sign with their member's key. Returns the log
 * row to write (unchained: the stamper gives it its place and a time-stamp).
 */
export async function signExchange(
  ctx: GatewayContext,
  r: Omit<LogRecord, 'v' | 'deployment' | 'at'>,
  via: string,
  peer?: SignedRecord,
): Promise<{ signed: SignedRecord; row: MessageInsert }> {
  const now = ctx.clock.now();
  const record: LogRecord = { v: 1, ...r, deployment: ctx.selfId, at: now.toISOString() };
  const bytes = Buffer.from(canonicalJson(record), 'utf8');
  const signer = parseSubsystemId(r.side === 'client' ? r.client : r.provider)!;
  const key = await ctx.sealOf(signer.agencyCode);
  const signature = await signCades(bytes, key, { signingTime: now });
  const signed = { record: bytes.toString('base64'), signature: signature.toString('base64') };
  const row: MessageInsert = {
    id: newId('gwm'),
    messageId: r.messageId,
    side: r.side,
    clientId: r.client,
    serviceCode: r.service,
    providerId: r.provider,
    actor: r.actor,
    purpose: r.purpose,
    dossierCode: r.dossierCode,
    status: r.status,
    requestHash: r.requestHash,
    responseHash: r.responseHash,
    via,
    record: signed.record,
    recordHash: sha256Hex(bytes),
    signature: signed.signature,
    peerRecord: peer?.record ?? null,
    peerSignature: peer?.signature ?? null,
    createdAt: now,
  };
  return { signed, row };
}

export const chainHashOf = (prevHash: string, recordHash: string) => sha256Hex(`${prevHash}${recordHash}`);

/**
 * Chain the records written since the last batch and time-stamp each batch with the platform's TSA
 * (RFC 3161, one token over SHA-256 of the batch manifest), as X-Road's message log batch-stamps.
 * The chain is written under the head's row lock (one stamper at a time across processes); the
 * token is asked for after commit (the TSA reads the database), and a batch left without one by a
 * crash is stamped by the next run. Returns how many records were chained.
 */
export async function stampPending(ctx: GatewayContext, batchSize = 2000): Promise<number> {
  let total = 0;
  if (await repo.hasUnsealed(ctx.db))
    for (;;) {
      const n = await ctx.db.transaction(async (tx) => {
        const head = await repo.lockHead(tx);
        const pending = await repo.unsealed(tx, batchSize);
        if (pending.length === 0) return 0;
        let prev = head.hash;
        let seq = head.seq;
        const lines: string[] = [];
        const rows = pending.map((m) => {
          seq++;
          const chainHash = chainHashOf(prev, m.recordHash);
          lines.push(`${seq} ${m.id} ${m.recordHash} ${prev} ${chainHash}\n`);
          const row = { id: m.id, seq, prevHash: prev, chainHash };
          prev = chainHash;
          return row;
        });
        const manifest = Buffer.from(lines.join(''), 'utf8');
        await repo.seal(
          tx,
          rows,
          {
            id: newId('gwb'),
            firstSeq: rows[0]!.seq,
            lastSeq: seq,
            manifest: manifest.toString('base64'),
            manifestHash: sha256Hex(manifest),
            createdAt: ctx.clock.now(),
          },
          { seq, hash: prev },
        );
        return rows.length;
      });
      total += n;
      if (n < batchSize) break;
    }
  for (const b of await repo.unstampedBatches(ctx.db)) {
    const digest = createHash('sha256').update(Buffer.from(b.manifest, 'base64')).digest();
    const token = await ctx.ports.signatures.timestampAuthority().timestamp(digest, 'SHA-256');
    await repo.setToken(ctx.db, b.id, Buffer.from(token).toString('base64'), ctx.clock.now());
  }
  return total;
}

/** Stamps in the background every GATEWAY_STAMP_MS (serving processes); stop() stamps what is left. */
export class Stamper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: GatewayContext) {}

  start() {
    const tick = () => {
      this.running = stampPending(this.ctx)
        .catch((err: unknown) => this.ctx.log.error({ err }, 'gateway: batch time-stamp failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.ctx.config.GATEWAY_STAMP_MS);
        });
    };
    this.timer = setTimeout(tick, this.ctx.config.GATEWAY_STAMP_MS);
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    const wasRunning = this.timer !== null;
    this.timer = null;
    await this.running;
    if (wasRunning) await stampPending(this.ctx).catch(() => undefined);
  }
}
