import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Once per e2e run: a folder for the seeded data directories `startServer` copies (`seededCopy` in
 * `server.ts`), removed at the end of the run so that no later run starts from a seed an older build made.
 */
export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'egov-e2e-seeded-'));
  process.env.E2E_SEEDED_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
