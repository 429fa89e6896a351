import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root, found from this file upwards (the folder with package.json and apps/server/drizzle).
 * The server runs from its sources under tsx (tests, `npm run dev`) and from one bundled file in
 * apps/server/dist (`npm start`, ADR 0016's warm restart): paths relative to `import.meta.url` differ between
 * the two, paths from the root do not.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps/server/drizzle'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no checkout root above ${from}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
