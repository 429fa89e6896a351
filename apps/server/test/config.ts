import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../src/config/index.js';

export const TEMPLATE_PATH = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../.tmp/pglite-template.tar.gz');

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
    ...over,
  });
}
