import { expect } from 'vitest';

/**
 * expect.poll with a timeout fit for a browser talking to a real server (vitest's default is 1 s,
 * too short on a loaded CI machine). Waits on the condition, never a fixed sleep.
 */
export function eventually<T>(fn: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}
