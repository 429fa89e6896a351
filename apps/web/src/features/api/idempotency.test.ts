import { describe, expect, it } from 'vitest';
import { AttemptKeys, isRetryable, newIdempotencyKey } from './idempotency';

describe('submit attempts', () => {
  it('reuses the key for the same content and makes a new one when it changes or after success', () => {
    let n = 0;
    const keys = new AttemptKeys(() => `key-${++n}`);
    const body = { procedureCode: '1.001193', formData: { a: 1 } };
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor({ ...body })).toBe('key-1');
    expect(keys.keyFor({ ...body, formData: { a: 2 } })).toBe('key-2');
    keys.reset();
    expect(keys.keyFor({ ...body, formData: { a: 2 } })).toBe('key-3');
  });

  it('makes keys the server accepts', () => {
    const k = newIdempotencyKey();
    expect(k).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(newIdempotencyKey()).not.toBe(k);
  });

  it('retries only what may not have happened yet', () => {
    expect(isRetryable(0, 'NETWORK_ERROR')).toBe(true);
    expect(isRetryable(409, 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(isRetryable(503, 'HTTP_503')).toBe(true);
    expect(isRetryable(422, 'VALIDATION_FAILED')).toBe(false);
    expect(isRetryable(409, 'PROCEDURE_NOT_ONLINE')).toBe(false);
  });
});
