import { isApiError } from './problem';

/** A fresh Idempotency-Key (UUID; the server accepts 8-128 of [A-Za-z0-9_.:-]). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/**
 * One key per submit attempt: pressing submit again (double click, retry after a network error)
 * with the same content reuses the key, so the server answers with the first dossier; changing the
 * content after an error starts a new attempt with a new key.
 */
export class AttemptKeys {
  private key: string | null = null;
  private payload: string | null = null;
  constructor(private readonly make: () => string = newIdempotencyKey) {}

  keyFor(payload: unknown): string {
    const p = JSON.stringify(payload);
    if (!this.key || p !== this.payload) {
      this.key = this.make();
      this.payload = p;
    }
    return this.key;
  }

  /** After a success: the next submission is a new attempt. */
  reset(): void {
    this.key = null;
    this.payload = null;
  }
}

/** Answers worth repeating with the same key: no answer, the first request still running, a server fault. */
export function isRetryable(status: number, code: string): boolean {
  return status === 0 || code === 'IDEMPOTENCY_IN_PROGRESS' || status === 502 || status === 503 || status === 504;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Send a POST that carries an Idempotency-Key, and send it again with the same key while the first is
 * still running (a double click) or its answer was lost: the server replays the first answer, so there
 * is never a second dossier or payment.
 */
export async function sendWithRetries<T>(send: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await send();
    } catch (e) {
      if (i + 1 >= tries || !isApiError(e) || !isRetryable(e.status, e.code)) throw e;
      await wait(300 * 2 ** i);
    }
  }
}
