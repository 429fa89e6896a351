import { describe, expect, it, vi } from 'vitest';
import { AnswerCache } from './answer-cache.js';

describe('AnswerCache: an answer is kept while the refresh stamp is the same', () => {
  it('computes once per stamp, again when the stamp changes; concurrent misses share one computation', async () => {
    const cache = new AnswerCache();
    let n = 0;
    const compute = vi.fn(async () => ++n);
    const [a, b] = await Promise.all([cache.get('k', 's1', compute), cache.get('k', 's1', compute)]);
    expect([a, b]).toEqual([1, 1]);
    expect(await cache.get('k', 's1', compute)).toBe(1);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await cache.get('k', 's2', compute)).toBe(2);
    expect(await cache.get('other', 's2', compute)).toBe(3);
  });

  it('does not keep a failure, and forgets an answer after its time to live', async () => {
    const cache = new AnswerCache(0);
    await expect(cache.get('k', 's', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', 's', async () => 'ok')).toBe('ok');
    // ttl 0: every read recomputes.
    expect(await cache.get('k', 's', async () => 'again')).toBe('again');
  });

  it('holds at most `max` keys, dropping the oldest', async () => {
    const cache = new AnswerCache(60_000, 2);
    await cache.get('a', 's', async () => 'a1');
    await cache.get('b', 's', async () => 'b1');
    await cache.get('c', 's', async () => 'c1');
    expect(await cache.get('a', 's', async () => 'a2')).toBe('a2');
    expect(await cache.get('c', 's', async () => 'c2')).toBe('c1');
  });
});
