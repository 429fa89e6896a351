import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { seedDemo } from '../../seed.js';

/** A fresh demo shows the reporting module: a regime, the current period open, computed indicators. */
describe('demo seed: reporting', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform('pglite');
    await seedDemo(p);
    // Twice: a restart seeds again without duplicating anything.
    await seedDemo(p);
  }, 240_000);
  afterAll(async () => p?.close());

  it('the commune sees the report it owes this month; the Government Office sees the country’s figures', async () => {
    const commune = await p.login('hk.chuyenvien', 'Demo@12345');
    const mine = (await p.call('GET', '/api/report-obligations', { token: commune })).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      agencyCode: 'H26.X001',
      receiverCode: 'H26',
      status: 'open',
      regime: { code: 'BC-TTHC' },
    });
    const office = await p.login('tw.lanhdao', 'Demo@12345');
    expect((await p.call('GET', '/api/report-obligations?regime=BC-TTHC', { token: office })).json().total).toBe(5);
    const y = new Date().getFullYear();
    const ind = await p.call('GET', `/api/indicators?from=${y}-01-01&to=${y}-12-31`, { token: office });
    expect(ind.statusCode).toBe(200);
    expect(ind.json().refreshedAt).not.toBeNull();
    // The demo's procedures are published: the fully-online share has a denominator.
    expect(
      ind.json().indicators.find((i: { code: string }) => i.code === 'R17.FULL_ONLINE_PROCEDURES').denominator,
    ).toBeGreaterThan(0);
  });
});
