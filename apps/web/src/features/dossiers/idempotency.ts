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
