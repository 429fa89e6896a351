import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: string;
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  agencyCode: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of every field of the event). */
export function chainHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({ ...e, occurredAt: e.occurredAt.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
