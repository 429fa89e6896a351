import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { findAccountByLogin } from '../../identity/index.js';
import type { PkiContext } from './pki.deps.js';
import { signaturesRepository as repo } from './signatures.repository.js';
import { issueCertificate } from './use-cases/issue-certificate.js';

/** The seed and the operator's CLI act as a platform administrator would. */
const SEED_PRINCIPAL: Principal = {
  userId: 'system',
  username: 'system',
  fullName: 'system',
  kind: 'staff',
  roles: ['admin'],
  agencyId: null,
  agencyCode: null,
  acr: 2,
  sessionId: null,
  via: 'bearer',
};

/**
 * Demo data: a server-held person certificate for each demo civil servant and a seal certificate
 * for each demo agency, so signing works out of the box. Skips whoever already has a current one.
 */
export async function seedDemoCertificates(
  c: PkiContext,
  ctx: ActorContext,
  o: { usernames: string[]; agencyCodes: string[] },
): Promise<{ person: number; seal: number }> {
  const now = c.clock.now();
  let person = 0;
  let seal = 0;
  for (const username of o.usernames) {
    const u = await findAccountByLogin(c.identity, username);
    if (!u || u.kind !== 'staff' || !u.active) continue;
    if (await repo.currentOf(c.db, 'person', { userId: u.id }, now)) continue;
    await issueCertificate(c, ctx, SEED_PRINCIPAL, { profile: 'person', userId: u.id });
    person++;
  }
  for (const r of await issueSeals(c, ctx, o.agencyCodes)) if (r.status === 'created') seal++;
  return { person, seal };
}

export interface SealIssued {
  agencyCode: string;
  status: 'created' | 'exists' | 'unknown-agency';
  certificateId: string | null;
  subject: string | null;
}

/**
 * A seal certificate (key held here, RSA-3072) for each of these agencies that has no current one; an agency
 * that has one keeps it. Safe to run again: what exists is reported, not issued twice.
 */
export async function issueSeals(c: PkiContext, ctx: ActorContext, agencyCodes: string[]): Promise<SealIssued[]> {
  const out: SealIssued[] = [];
  for (const agencyCode of agencyCodes) {
    const agency = await c.directory.find(agencyCode);
    if (!agency) {
      out.push({ agencyCode, status: 'unknown-agency', certificateId: null, subject: null });
      continue;
    }
    const current = await repo.currentOf(c.db, 'seal', { agencyCode: agency.code }, c.clock.now());
    if (current) {
      out.push({ agencyCode: agency.code, status: 'exists', certificateId: current.id, subject: current.subject });
      continue;
    }
    const { body } = await issueCertificate(c, ctx, SEED_PRINCIPAL, { profile: 'seal', agencyCode: agency.code });
    out.push({ agencyCode: agency.code, status: 'created', certificateId: body.id, subject: body.subject });
  }
  return out;
}
