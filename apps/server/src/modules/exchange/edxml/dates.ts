/** edXML writes dates `yyyy/MM/dd` and timestamps `yyyy/MM/dd HH:mm:ss`, in Vietnam time (UTC+7, no DST). */
import { fromVnWallClock, vnParts } from '../../../platform/time/vn-time.js';

const DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function validYmd(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** ISO `YYYY-MM-DD` → `yyyy/MM/dd`. */
export function toEdxmlDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !validYmd(+m[1]!, +m[2]!, +m[3]!)) throw new Error(`Not an ISO date: ${iso}`);
  return `${m[1]}/${m[2]}/${m[3]}`;
}

/** `yyyy/MM/dd` → ISO `YYYY-MM-DD`, or null when it is not a real date in that format. */
export function fromEdxmlDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m || !validYmd(+m[1]!, +m[2]!, +m[3]!)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function toEdxmlTimestamp(d: Date): string {
  const v = vnParts(d);
  return `${v.year}/${pad(v.month)}/${pad(v.day)} ${pad(v.hour)}:${pad(v.minute)}:${pad(v.second)}`;
}

export function fromEdxmlTimestamp(s: string): Date | null {
  const m = TIMESTAMP.exec(s);
  if (!m || !validYmd(+m[1]!, +m[2]!, +m[3]!) || +m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return null;
  return fromVnWallClock(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** The edXML DocumentId: `{OrganId},{yyyy/MM/dd},{Number}/{Notation}`. */
export function edxmlDocumentId(organId: string, isoDate: string, codeNumber: string, codeNotation: string): string {
  return `${organId},${toEdxmlDate(isoDate)},${codeNumber}/${codeNotation}`;
}
