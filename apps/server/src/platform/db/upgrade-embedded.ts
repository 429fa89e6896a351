import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_PG_MAJOR, PGLITE_EXTENSIONS } from './index.js';
import { lockDataDir } from './lock.js';
import { REPO_ROOT } from '../paths.js';

/** The separate install that holds PGlite 0.3.16 and its pg_dump (ADR 0016). */
export const UPGRADE_TOOL_DIR = join(REPO_ROOT, 'tools/embedded-upgrade');

export class EmbeddedUpgradeError extends Error {}

export interface UpgradeResult {
  status: 'no-database' | 'current' | 'upgraded';
  from?: string;
  /** Where the PostgreSQL 17 directory was kept, and the SQL dump it was carried by. */
  backupDir?: string;
  dumpFile?: string;
  tables?: number;
  rows?: number;
}

/**
 * Carry a data directory written by PGlite 0.3 (PostgreSQL 17) to the bundled PGlite (PostgreSQL 18): dump it
 * with PGlite 0.3's own pg_dump in a child process (`tools/embedded-upgrade`, its own node_modules), restore the
 * SQL into a new directory, check every table's row count, then swap the directories. The old directory is kept
 * beside it (`pg-17-<time>`), with the dump. Nothing is changed until every check passed. Holds the data
 * directory's lock throughout, so it refuses to run while the server does.
 */
export async function upgradeEmbeddedDatabase(
  dataDir: string,
  progress: (msg: string) => void = () => undefined,
): Promise<UpgradeResult> {
  const pgDir = resolve(dataDir, 'pg');
  const versionFile = join(pgDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return { status: 'no-database' };
  const from = readFileSync(versionFile, 'utf8').trim();
  if (from === String(EMBEDDED_PG_MAJOR)) return { status: 'current', from };
  if (from !== '17')
    throw new EmbeddedUpgradeError(
      `${pgDir} holds PostgreSQL ${from}; only PostgreSQL 17 (PGlite 0.3.x) can be carried across by this command.`,
    );
  if (!existsSync(join(UPGRADE_TOOL_DIR, 'node_modules/@electric-sql/pglite-tools/package.json')))
    throw new EmbeddedUpgradeError(
      `The upgrade needs PGlite 0.3 and its pg_dump, installed apart from the platform: run ` +
        `\`npm ci --prefix tools/embedded-upgrade\`, then this command again.`,
    );

  const release = lockDataDir(dataDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dumpFile = resolve(dataDir, `pg-17-${stamp}.sql`);
  const newDir = resolve(dataDir, 'pg-upgrading');
  const backupDir = resolve(dataDir, `pg-17-${stamp}`);
  try {
    progress(`dumping ${pgDir} with PGlite 0.3 (PostgreSQL 17)`);
    const dump = spawnSync(process.execPath, [join(UPGRADE_TOOL_DIR, 'dump.mjs'), pgDir, dumpFile], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (dump.status !== 0)
      throw new EmbeddedUpgradeError(`pg_dump through PGlite 0.3 failed (exit ${dump.status}): ${dump.stderr.trim()}`);
    const lastLine = dump.stdout.trim().split('\n').pop() ?? '';
    const before = JSON.parse(lastLine) as { version: string; counts: Record<string, number> };

    progress(`restoring into PostgreSQL ${EMBEDDED_PG_MAJOR}`);
    rmSync(newDir, { recursive: true, force: true }); // an interrupted earlier attempt
    const pg = await PGlite.create({ dataDir: newDir, extensions: PGLITE_EXTENSIONS });
    try {
      await pg.exec(readFileSync(dumpFile, 'utf8'));
      for (const [table, n] of Object.entries(before.counts)) {
        const r = await pg.query<{ n: number }>(`select count(*)::int n from ${table}`);
        if (r.rows[0]!.n !== n)
          throw new EmbeddedUpgradeError(`${table}: ${n} rows in the old database, ${r.rows[0]!.n} after the restore`);
      }
    } finally {
      await pg.close();
    }

    renameSync(pgDir, backupDir);
    renameSync(newDir, pgDir);
    const counts = Object.values(before.counts);
    return {
      status: 'upgraded',
      from: before.version,
      backupDir,
      dumpFile,
      tables: counts.length,
      rows: counts.reduce((a, b) => a + b, 0),
    };
  } catch (e) {
    rmSync(newDir, { recursive: true, force: true });
    throw e;
  } finally {
    release();
  }
}
