import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../apps/server/test/harness.js';
import { DOCUMENT_PATH, documentText, platformDocument, TYPES_PATH, typesText } from './contract.js';

const STALE = 'The committed API contract is out of date: run `npm run api:generate` and commit the result.';

describe('the committed API contract (apps/web/src/api/)', () => {
  let p: TestPlatform;
  let doc: unknown;
  beforeAll(async () => {
    p = await createTestPlatform();
    doc = platformDocument(p);
  });
  afterAll(() => p?.close());

  it('openapi.json is the document the routes describe', () => {
    expect(readFileSync(DOCUMENT_PATH, 'utf8') === documentText(doc), STALE).toBe(true);
  });

  it('schema.d.ts is what openapi-typescript makes of it', async () => {
    expect(readFileSync(TYPES_PATH, 'utf8') === (await typesText(doc)), STALE).toBe(true);
  });

  it('documents every operation with a success answer', () => {
    const paths = (doc as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> }).paths;
    const without = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Object.keys(op.responses ?? {}).some((c) => c.startsWith('2')))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(without).toEqual([]);
  });
});
