import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'egov-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('FileStore.putBuffer', () => {
  it('stores bytes by their SHA-256, and again after its fan-out directory was removed', async () => {
    const store = new FileStore(root, 1024 * 1024);
    const a = Buffer.from('văn bản thứ nhất');
    const { sha256, size } = await store.putBuffer(a);
    expect([sha256, size]).toEqual([createHash('sha256').update(a).digest('hex'), a.length]);
    expect(await store.read(sha256)).toEqual(a);
    rmSync(join(root, sha256.slice(0, 2)), { recursive: true });
    expect(await store.exists(sha256)).toBe(false);
    await store.putBuffer(a);
    expect(await store.read(sha256)).toEqual(a);
  });
});

describe('FileStore.discard', () => {
  const hour = 3_600_000;
  const later = () => new Date(Date.now() + 2 * hour);

  it('deletes a blob old enough that nothing needs, and keeps one that is young or still needed', async () => {
    const store = new FileStore(root, 1024 * 1024);
    const { sha256 } = await store.putBuffer(Buffer.from('bản nháp bỏ đi'));
    // Written just now (a put of the same bytes may not have its row yet): it stays.
    expect(await store.discard(sha256, { minAgeMs: hour, stillNeeded: async () => false })).toBe(false);
    expect(await store.exists(sha256)).toBe(true);
    // Old enough, but a row names it when asked: it stays.
    expect(await store.discard(sha256, { minAgeMs: hour, now: later(), stillNeeded: async () => true })).toBe(false);
    expect(await store.read(sha256)).toEqual(Buffer.from('bản nháp bỏ đi'));
    // Old enough and needed by nothing: gone; a second time there is nothing to delete.
    expect(await store.discard(sha256, { minAgeMs: hour, now: later(), stillNeeded: async () => false })).toBe(true);
    expect(await store.exists(sha256)).toBe(false);
    expect(await store.discard(sha256, { minAgeMs: hour, now: later(), stillNeeded: async () => false })).toBe(false);
  });

  it('never deletes the bytes of a put that lands while it is deciding', async () => {
    const store = new FileStore(root, 1024 * 1024);
    const bytes = Buffer.from('cùng nội dung, tải lên lại');
    const { sha256 } = await store.putBuffer(bytes);
    // The same bytes are uploaded again after the blob was moved aside: the new file is kept.
    const gone = await store.discard(sha256, {
      minAgeMs: hour,
      now: later(),
      stillNeeded: async () => {
        await store.putBuffer(bytes);
        return false;
      },
    });
    expect(gone).toBe(true);
    expect(await store.read(sha256)).toEqual(bytes);
  });
});
