import { afterEach, describe, expect, it, vi } from 'vitest';
import { LookupCache } from './lookup-cache.js';

describe('LookupCache', () => {
  afterEach(() => vi.useRealTimers());

  it('concurrent lookups of one key share one load; another key loads its own', async () => {
    const cache = new LookupCache();
    const load = vi.fn(async (k: string) => `v:${k}`);
    const [a, b, c] = await Promise.all([
      cache.get('a', () => load('a')),
      cache.get('a', () => load('a')),
      cache.get('b', () => load('b')),
    ]);
    expect([a, b, c]).toEqual(['v:a', 'v:a', 'v:b']);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('an entry lives ttlMs; clear() forgets everything at once', async () => {
    vi.useFakeTimers();
    const cache = new LookupCache(1_000);
    let n = 0;
    const load = async () => ++n;
    expect(await cache.get('k', load)).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await cache.get('k', load)).toBe(1);
    vi.advanceTimersByTime(2);
    expect(await cache.get('k', load)).toBe(2);
    cache.clear();
    expect(await cache.get('k', load)).toBe(3);
  });

  it('a failed load is not remembered: the next lookup tries again', async () => {
    const cache = new LookupCache();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('past maxEntries the cache starts over instead of growing', async () => {
    const cache = new LookupCache(60_000, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load); // full: cleared, then c
    await cache.get('a', load); // a was dropped: loaded again
    expect(loads).toBe(4);
  });
});
