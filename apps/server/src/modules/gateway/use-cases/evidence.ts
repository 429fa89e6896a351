import type { Principal } from '../../../platform/http/auth.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { GatewayContext } from '../gateway.context.js';
import { assertMaySeeExchange } from '../gateway.policy.js';
import { gatewayRepository as repo, type MessageRow } from '../gateway.repository.js';
import { parseSubsystemId } from '../identifiers.js';

const pem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

async function entry(ctx: GatewayContext, m: MessageRow) {
  const batch = m.batchId ? await repo.batch(ctx.db, m.batchId) : null;
  return {
    id: m.id,
    side: m.side,
    via: m.via,
    record: m.record,
    recordHash: m.recordHash,
    signature: m.signature,
    requestHash: m.requestHash,
    responseHash: m.responseHash,
    status: m.status,
    createdAt: m.createdAt,
    seq: m.seq,
    prevHash: m.prevHash,
    chainHash: m.chainHash,
    batch: batch
      ? {
          id: batch.id,
          firstSeq: batch.firstSeq,
          lastSeq: batch.lastSeq,
          manifest: batch.manifest,
          manifestHash: batch.manifestHash,
          timestampToken: batch.token,
          stampedAt: batch.stampedAt,
        }
      : null,
    peer: m.peerRecord && m.peerSignature ? { record: m.peerRecord, signature: m.peerSignature } : null,
  };
}

/**
 * The evidence of one exchange as this gateway logged it: each side's signed record (with both
 * hashes), its CMS signature, its place in the chain, the batch manifest and its RFC 3161 token,
 * the other deployment's signed record when the provider was elsewhere, and the roots to verify
 * it all against. Everything an auditor needs offline with OpenSSL (see ADR 0026).
 */
export async function evidenceOf(ctx: GatewayContext, p: Principal, messageId: string) {
  const rows = await repo.messagesOf(ctx.db, messageId);
  if (rows.length === 0)
    throw new NotFoundError('GATEWAY_MESSAGE_NOT_FOUND', 'No such exchange in this gateway’s log.', { messageId });
  const first = rows[0]!;
  await assertMaySeeExchange(
    ctx,
    p,
    [parseSubsystemId(first.clientId)!.agencyCode, parseSubsystemId(first.providerId)!.agencyCode],
    messageId,
  );
  const anchors = await ctx.ports.signatures.trustContext().anchors();
  return {
    messageId,
    deployment: ctx.selfId,
    client: first.clientId,
    service: first.serviceCode,
    provider: first.providerId,
    purpose: first.purpose,
    dossierCode: first.dossierCode,
    actor: first.actor,
    entries: await Promise.all(rows.map((m) => entry(ctx, m))),
    trustAnchors: anchors
      .filter((a) => a.category !== 'public')
      .map((a) => ({ subject: a.subject, category: a.category, pem: pem(a.der) })),
    howToVerify: [
      'base64 -d record > record.json; sha256(record.json) = recordHash',
      'openssl cms -verify -binary -inform DER -in signature.p7s -content record.json -CAfile roots.pem -purpose any',
      'chainHash = sha256(prevHash || recordHash) (hex strings concatenated); the line "seq id recordHash prevHash chainHash" is in the manifest',
      'openssl ts -verify -token_in -in token.der -data manifest.txt -CAfile roots.pem',
    ],
  };
}
