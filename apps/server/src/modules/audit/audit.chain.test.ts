import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from './audit.chain.js';

const event = {
  id: 'aud_1',
  seq: 1,
  occurredAt: new Date('2026-01-01T00:00:00.000Z'),
  actorId: 'usr_1',
  actorName: 'admin',
  agencyCode: null,
  action: 'agency.created',
  subjectType: 'agency',
  subjectId: 'G22',
  ip: '127.0.0.1',
  userAgent: null,
  before: null,
  after: { b: 1, a: 'Văn phòng' },
};

describe('audit hash chain', () => {
  it('is deterministic, independent of key order, and depends on every field and the previous hash', () => {
    const h = chainHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...event, after: { a: 'Văn phòng', b: 1 } })).toBe(h);
    expect(chainHash('1'.repeat(64), event)).not.toBe(h);
    for (const [k, v] of Object.entries({
      actorName: 'mallory',
      seq: 2,
      ip: '10.0.0.1',
      subjectId: 'G12',
      after: null,
    })) {
      expect(chainHash(GENESIS_HASH, { ...event, [k]: v }), k).not.toBe(h);
    }
  });
});
