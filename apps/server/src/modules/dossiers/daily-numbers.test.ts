import { describe, expect, it } from 'vitest';
import { DailyNumbers } from './dossier-code.js';

/** A counter that answers after a tick, as the database would, recording each statement's count. */
function counter() {
  const last = new Map<string, number>();
  const calls: { key: string; count: number }[] = [];
  let failNext = false;
  const take = async (agency: string, day: string, count: number) => {
    await new Promise((r) => setTimeout(r, 5));
    const key = `${agency}/${day}`;
    calls.push({ key, count });
    if (failNext) {
      failNext = false;
      throw new Error('connection lost');
    }
    const n = (last.get(key) ?? 0) + count;
    last.set(key, n);
    return n;
  };
  return { take, calls, failNextCall: () => (failNext = true) };
}

describe('DailyNumbers', () => {
  it('one submission alone takes one number in one statement', async () => {
    const c = counter();
    const numbers = new DailyNumbers(c.take);
    expect(await numbers.next('H26', '261201')).toBe(1);
    expect(await numbers.next('H26', '261201')).toBe(2);
    expect(c.calls.map((x) => x.count)).toEqual([1, 1]);
  });

  it('submissions arriving while a statement is on its way share the next one, numbered in arrival order', async () => {
    const c = counter();
    const numbers = new DailyNumbers(c.take);
    const got = await Promise.all(Array.from({ length: 25 }, () => numbers.next('H26', '261201')));
    expect(got).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(c.calls.map((x) => x.count)).toEqual([1, 24]);
  });

  it('keeps agencies and days apart', async () => {
    const c = counter();
    const numbers = new DailyNumbers(c.take);
    const [a, b, d] = await Promise.all([
      numbers.next('H26', '261201'),
      numbers.next('G09', '261201'),
      numbers.next('H26', '261202'),
    ]);
    expect([a, b, d]).toEqual([1, 1, 1]);
    expect(await numbers.next('H26', '261201')).toBe(2);
  });

  it('a failed statement fails its group only; the next group is numbered on from the counter', async () => {
    const c = counter();
    const numbers = new DailyNumbers(c.take);
    c.failNextCall();
    const first = numbers.next('H26', '261201');
    const group = [numbers.next('H26', '261201'), numbers.next('H26', '261201')];
    await expect(first).rejects.toThrow('connection lost');
    expect(await Promise.all(group)).toEqual([1, 2]);
  });
});
