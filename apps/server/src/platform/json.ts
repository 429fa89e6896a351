/** JSON with keys sorted at every level: a stable input for hashes and signatures. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** Plain JSON data (dates as ISO strings), as it will come back from a jsonb column. */
export function toJsonData<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
