/**
 * The row a statement is certain to return: an insert's `returning()` without `on conflict`, a
 * `count(*)`, an update of a row read or locked just before in the same transaction. None is a bug,
 * an internal error (500), never a "not found" for the caller to answer.
 */
export function one<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected one ${what} row, got none`);
  return row;
}
