import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

/** A statement as text and bound values, for `runBatch`. */
export interface RawStatement {
  text: string;
  values: unknown[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const names = new WeakMap<PgTable, { table: string; columns: [string, PgColumn][] }>();

function describe(table: PgTable) {
  let d = names.get(table);
  if (!d) {
    const c = getTableConfig(table);
    d = {
      table: `${c.schema ? `${quote(c.schema)}.` : ''}${quote(c.name)}`,
      columns: Object.entries(getTableColumns(table)),
    };
    names.set(table, d);
  }
  return d;
}

/**
 * `insert into table (...) values (...), (...)` for rows of a Drizzle table, with the values mapped
 * to the driver as Drizzle maps them (JSON, timestamps) and bound as parameters. The same statement
 * Drizzle's query builder writes, without building it through the builder on every call: for the
 * hot write paths (a submission's batch). A property left undefined takes the column's default;
 * `onConflictDoNothing` names the unique columns whose conflict skips the row.
 */
export function insertInto<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  o: { onConflictDoNothing?: PgColumn[] } = {},
): RawStatement {
  if (rows.length === 0) throw new Error('insertInto: no rows');
  const d = describe(table);
  const used = d.columns.filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    const row = r as Record<string, unknown>;
    const cells = used.map(([key, col]) => {
      const v = row[key];
      if (v === undefined) return 'default';
      values.push(v === null ? null : col.mapToDriverValue(v));
      return `$${values.length}`;
    });
    return `(${cells.join(', ')})`;
  });
  let text = `insert into ${d.table} (${used.map(([, col]) => quote(col.name)).join(', ')}) values ${tuples.join(', ')}`;
  if (o.onConflictDoNothing)
    text += ` on conflict (${o.onConflictDoNothing.map((c) => quote(c.name)).join(', ')}) do nothing`;
  return { text, values };
}
