import { randomBytes, randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// The ULID library asks its random source once per character (16 times per new millisecond); a
// system call each time with node:crypto. Serve those bytes from a pooled crypto buffer instead.
const pool = Buffer.alloc(4096);
let at = pool.length;
function pooledRandom(): number {
  if (at === pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  return pool[at++]! / 256;
}

const next = monotonicFactory(pooledRandom);

/** Prefixed, sortable identifiers (`usr_01J…`, `agy_01J…`). */
export function newId(prefix: string): string {
  return `${prefix}_${next().toLowerCase()}`;
}

/** A random secret token (base64url), for sessions, reset links and the like. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
