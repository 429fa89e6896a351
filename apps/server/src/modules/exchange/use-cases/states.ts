import type { PackageState } from '../db/schema.js';

/** Order of a package's states: a late or repeated status never moves a package backwards. */
const RANK: Record<PackageState, number> = {
  awaiting_seal: 0,
  queued: 0,
  sent: 1,
  delivered: 2,
  failed: 3,
  '01': 4,
  '03': 5,
  '04': 6,
  '05': 7,
  '06': 8,
  '02': 9,
  '13': 10,
  '15': 11,
  '16': 11,
};

export function laterState(current: PackageState, next: PackageState): PackageState {
  return RANK[next] >= RANK[current] ? next : current;
}

/** Split an edXML DocumentId `{OrganId},{yyyy/MM/dd},{Number}/{Notation}`. */
export function splitDocumentId(documentId: string): { organId: string; date: string; code: string } | null {
  const m = /^([0-9A-Z.]{1,35}),(\d{4})\/(\d{2})\/(\d{2}),(.+)$/.exec(documentId);
  return m ? { organId: m[1]!, date: `${m[2]}-${m[3]}-${m[4]}`, code: m[5]! } : null;
}
