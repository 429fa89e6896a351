// Dumps a PGlite 0.3 (PostgreSQL 17) data directory to SQL with PGlite's own pg_dump (pglite-tools 0.2.21, the
// release built for PGlite 0.3.16), for `npm run egov -- db upgrade-embedded` (ADR 0016). Run by that command in
// a child process: this folder has its own node_modules, so both PGlite versions never meet in one tree.
// Usage: node tools/embedded-upgrade/dump.mjs <pg data dir> <out.sql>
// Prints one JSON line: the PostgreSQL version and the row count of every table, for the restore to check.
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';

const [dataDir, out] = process.argv.slice(2);
if (!dataDir || !out) {
  console.error('usage: node tools/embedded-upgrade/dump.mjs <pg data dir> <out.sql>');
  process.exit(2);
}
const pg = await PGlite.create({ dataDir, extensions: { btree_gin, citext, pg_trgm, unaccent } });
try {
  const version = (await pg.query(`select current_setting('server_version') v`)).rows[0].v;
  const tables = (
    await pg.query(
      `select format('%I.%I', table_schema, table_name) t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
    )
  ).rows.map((r) => r.t);
  const counts = {};
  for (const t of tables) counts[t] = (await pg.query(`select count(*)::int n from ${t}`)).rows[0].n;
  const dump = await pgDump({ pg, args: ['--no-owner', '--no-privileges'] });
  writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
  console.log(JSON.stringify({ version, counts }));
} finally {
  await pg.close();
}
