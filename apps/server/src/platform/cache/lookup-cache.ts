/**
 * Short-lived cache of what hot paths look up on every request (the exchange hub: a node's key and
 * seal roots, agency routes; the gateway: the client subsystem, the service, the access right).
 * Writes in this process clear it at once; other processes of the same deployment see a change
 * after at most `ttlMs` (X-Road's security servers likewise act on the global configuration they
 * last fetched). Values are promises, so concurrent requests for the same entry share one query.
 */
export class LookupCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { until: now + this.ttlMs, value });
    // A failed load is not remembered.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
