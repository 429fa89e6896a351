import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { seedProcedures } from './index.js';
import { PROCEDURE_SEED } from './seed/procedures.seed.js';

describe('demo procedure catalogue', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite');
  });
  afterAll(async () => p?.close());

  it('loads and publishes every seeded procedure, validating its content, form schema and agencies', async () => {
    expect(PROCEDURE_SEED.length).toBeGreaterThanOrEqual(12);
    expect(await seedProcedures(p.procedures, systemActor)).toBe(PROCEDURE_SEED.length);
    expect(await seedProcedures(p.procedures, systemActor)).toBe(0); // idempotent
    const all = await p.call('GET', '/api/procedures?pageSize=100');
    expect(all.json().total).toBe(PROCEDURE_SEED.length);
  });

  it('finds the required procedures without diacritics', async () => {
    for (const q of [
      'khai sinh',
      'giay phep lai xe',
      'mat ma dan su',
      'ho kinh doanh',
      'giay phep xay dung',
      'ly lich tu phap',
    ]) {
      const r = await p.call('GET', `/api/procedures?q=${encodeURIComponent(q)}`);
      expect(r.json().total, q).toBeGreaterThan(0);
    }
    const full = await p.call('GET', '/api/procedures?mode=full&pageSize=100');
    expect(full.json().items.length).toBeGreaterThan(0);
  });
});
