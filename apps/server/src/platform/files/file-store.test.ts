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
