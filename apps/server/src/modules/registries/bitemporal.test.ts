import { describe, expect, it } from 'vitest';
import { applyChange, versionAt } from './bitemporal.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('bitemporal changes', () => {
  it('creates a record from the patch when nothing is believed yet', () => {
    const r = applyChange([], { from: d('2020-01-01'), to: null, patch: { name: 'An' } });
    expect(r).toEqual({ supersede: [], insert: [{ validFrom: d('2020-01-01'), validTo: null, data: { name: 'An' } }] });
  });

  it('splits an open version at the change and keeps the earlier facts before it', () => {
    const cur = [{ id: 'v1', validFrom: d('2000-01-01'), validTo: null, data: { name: 'An', addr: 'Hà Nội' } }];
    const r = applyChange(cur, { from: d('2024-06-01'), to: null, patch: { addr: 'Huế' } });
    expect(r.supersede).toEqual(['v1']);
    expect(r.insert).toEqual([
      { validFrom: d('2000-01-01'), validTo: d('2024-06-01'), data: { name: 'An', addr: 'Hà Nội' } },
      { validFrom: d('2024-06-01'), validTo: null, data: { name: 'An', addr: 'Huế' } },
    ]);
  });

  it('a bounded correction in the middle leaves three pieces', () => {
    const cur = [{ id: 'v1', validFrom: d('2000-01-01'), validTo: null, data: { addr: 'A' } }];
    const r = applyChange(cur, { from: d('2010-01-01'), to: d('2012-01-01'), patch: { addr: 'B' } });
    expect(r.insert.map((v) => [v.validFrom, v.validTo, v.data.addr])).toEqual([
      [d('2000-01-01'), d('2010-01-01'), 'A'],
      [d('2010-01-01'), d('2012-01-01'), 'B'],
      [d('2012-01-01'), null, 'A'],
    ]);
  });

  it('a change over two versions patches each and leaves untouched versions alone', () => {
    const cur = [
      { id: 'v1', validFrom: d('2000-01-01'), validTo: d('2010-01-01'), data: { a: 1, b: 1 } },
      { id: 'v2', validFrom: d('2010-01-01'), validTo: d('2020-01-01'), data: { a: 2, b: 1 } },
      { id: 'v3', validFrom: d('2020-01-01'), validTo: null, data: { a: 3, b: 1 } },
    ];
    const r = applyChange(cur, { from: d('2005-01-01'), to: d('2015-01-01'), patch: { b: 9 } });
    expect(r.supersede).toEqual(['v1', 'v2']);
    expect(r.insert.map((v) => [v.validFrom.getUTCFullYear(), v.validTo?.getUTCFullYear() ?? null, v.data])).toEqual([
      [2000, 2005, { a: 1, b: 1 }],
      [2005, 2010, { a: 1, b: 9 }],
      [2010, 2015, { a: 2, b: 9 }],
      [2015, 2020, { a: 2, b: 1 }],
    ]);
  });

  it('refuses an empty interval and a change outside every version', () => {
    expect(() => applyChange([], { from: d('2020-01-01'), to: d('2020-01-01'), patch: {} })).toThrow(RangeError);
    const cur = [{ id: 'v1', validFrom: d('2020-01-01'), validTo: null, data: {} }];
    expect(() => applyChange(cur, { from: d('2000-01-01'), to: d('2001-01-01'), patch: { a: 1 } })).toThrow(RangeError);
  });

  it('finds the version in force at an instant (end exclusive)', () => {
    const vs = [
      { validFrom: d('2000-01-01'), validTo: d('2010-01-01'), n: 1 },
      { validFrom: d('2010-01-01'), validTo: null, n: 2 },
    ];
    expect(versionAt(vs, d('2009-12-31'))?.n).toBe(1);
    expect(versionAt(vs, d('2010-01-01'))?.n).toBe(2);
    expect(versionAt(vs, d('1999-01-01'))).toBeNull();
  });
});
