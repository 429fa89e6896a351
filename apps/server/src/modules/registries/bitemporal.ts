/**
 * Bitemporal versions (valid time × record time) as pure functions: what a change does to the
 * versions the registry currently believes. The repository applies the result: it stamps
 * `superseded_at` on the replaced versions and inserts the new ones with `recorded_at` = now, so
 * the earlier belief stays readable "as known at" any earlier instant.
 */

export interface Version<D = Record<string, unknown>> {
  id: string;
  validFrom: Date;
  /** Exclusive; null = open-ended. */
  validTo: Date | null;
  data: D;
}

export interface NewVersion<D = Record<string, unknown>> {
  validFrom: Date;
  validTo: Date | null;
  data: D;
}

export interface Change<D = Record<string, unknown>> {
  /** The new facts hold from this instant… */
  from: Date;
  /** …until this one (exclusive), or for good (null). */
  to: Date | null;
  /** Fields that change; the others keep their value in each piece. */
  patch: Partial<D>;
}

const before = (a: Date | null, b: Date | null) => (a === null ? false : b === null ? true : a < b);
const minEnd = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxStart = (a: Date, b: Date) => (a > b ? a : b);

/** True when [aFrom, aTo) and [bFrom, bTo) share an instant. */
export function overlaps(aFrom: Date, aTo: Date | null, bFrom: Date, bTo: Date | null): boolean {
  return before(aFrom, bTo) && before(bFrom, aTo);
}

/**
 * The versions to supersede and the versions to record so that `change` holds over its interval
 * while everything outside it stays as believed. A record with no believed version yet is created
 * from the patch alone over the interval.
 */
export function applyChange<D extends Record<string, unknown>>(
  current: Version<D>[],
  change: Change<D>,
): { supersede: string[]; insert: NewVersion<D>[] } {
  if (change.to !== null && change.to <= change.from) throw new RangeError('validTo must be after validFrom');
  if (current.length === 0)
    return { supersede: [], insert: [{ validFrom: change.from, validTo: change.to, data: change.patch as D }] };
  const supersede: string[] = [];
  const insert: NewVersion<D>[] = [];
  for (const v of current) {
    if (!overlaps(v.validFrom, v.validTo, change.from, change.to)) continue;
    supersede.push(v.id);
    if (v.validFrom < change.from) insert.push({ validFrom: v.validFrom, validTo: change.from, data: v.data });
    insert.push({
      validFrom: maxStart(v.validFrom, change.from),
      validTo: minEnd(v.validTo, change.to),
      data: { ...v.data, ...change.patch },
    });
    if (change.to !== null && before(change.to, v.validTo))
      insert.push({ validFrom: change.to, validTo: v.validTo, data: v.data });
  }
  if (supersede.length === 0) throw new RangeError('The change falls outside every believed version');
  return { supersede, insert };
}

/** The version in force at `at` among believed versions, or null. */
export function versionAt<V extends { validFrom: Date; validTo: Date | null }>(versions: V[], at: Date): V | null {
  return versions.find((v) => v.validFrom <= at && (v.validTo === null || v.validTo > at)) ?? null;
}
