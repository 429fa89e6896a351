import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../src/config/index.js';

export const TEMPLATE_PATH = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../.tmp/pglite-template.tar.gz',
);

/**
 * The test PKI (root, issuing CA, TSA) is made as of this date, so that a test may set its clock to
 * any day of 2026 (the working-day calendar tests do) and still find the CAs valid.
 */
export const TEST_PKI_EPOCH = new Date('2026-01-01T00:00:00Z');

/** Configuration for tests: silent, no workers, no web, a fixed secret, a throw-away data dir. */
export function testConfig(over: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'egov-test-')),
    APP_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    SEED_DEMO: 'false',
    SERVE_WEB: 'false',
    WORKERS: 'false',
    PUBLIC_URL: 'http://localhost:3000',
    // Test files log in dozens of accounts from one address; the rate-limit tests turn them on.
    RATE_LIMIT_ENABLED: 'false',
    ...over,
  });
}
