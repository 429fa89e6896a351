import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Prefixed, sortable identifiers (`usr_01J…`, `agy_01J…`). */
export function newId(prefix: string): string {
  return `${prefix}_${next().toLowerCase()}`;
}

/** A random secret token (base64url), for sessions, reset links and the like. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
