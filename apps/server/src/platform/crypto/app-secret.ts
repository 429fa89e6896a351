import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken } from '../ids/index.js';

/**
 * APP_SECRET from the environment, or (development) one generated once into DATA_DIR/app-secret
 * with mode 0600. Production must set APP_SECRET: a secret never lives in the repository.
 */
export function loadAppSecret(configured: string | undefined, dataDir: string, production: boolean): string {
  if (configured) return configured;
  if (production) throw new Error('APP_SECRET must be set in production (at least 32 characters).');
  const path = join(dataDir, 'app-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomToken(48);
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
