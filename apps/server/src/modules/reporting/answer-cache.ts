/**
 * Computed dashboard answers per (kind, scope, period), kept while the facts they were computed
 * from are the same: the `stamp` is the refresh state (each source's row version), so any refresh,
 * in this process or another, makes the next read recompute. The directory (names, the tree) may
 * change without a refresh; an entry is also dropped after `ttlMs` of wall time, the directory's own
 * cache horizon. Concurrent misses of one key share one computation.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { stamp: string; at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly max = 256,
  ) {}

  get<T>(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { stamp, at: now, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    // A failed computation is not kept: the next read tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
