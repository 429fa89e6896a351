/**
 * Reporting periods and their data cut-off windows (Decree 09/2019/NĐ-CP Art 12(1)): a month runs
 * from the 15th of the month before to the 14th; a quarter from the 15th of the month before the
 * quarter to the 14th of its last month; 6 months, 9 months and the year from 15 December of the
 * year before to 14 June, 14 September and 14 December. Pure code, dates as 'YYYY-MM-DD'.
 */
import type { Periodicity } from './template.js';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  // Month 0 is December of the year before.
  const yy = m <= 0 ? y - 1 : y;
  const mm = m <= 0 ? m + 12 : m;
  return `${yy}-${pad(mm)}-${pad(d)}`;
};

export interface PeriodWindow {
  key: string;
  from: string;
  to: string;
  label: string;
}

const PERIOD_RE = /^(\d{4})-(M(0[1-9]|1[0-2])|Q[1-4]|H1|N9|Y|A\d{1,3})$/;

/** The window of a period key (`2026-M11`, `2026-Q4`, `2026-H1`, `2026-N9`, `2026-Y`), or null. */
export function periodWindow(key: string): PeriodWindow | null {
  const m = PERIOD_RE.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const p = m[2]!;
  if (p.startsWith('M')) {
    const mo = Number(p.slice(1));
    return { key, from: iso(y, mo - 1, 15), to: iso(y, mo, 14), label: `Tháng ${mo}/${y}` };
  }
  if (p.startsWith('Q')) {
    const q = Number(p.slice(1));
    return {
      key,
      from: iso(y, 3 * q - 3, 15),
      to: iso(y, 3 * q, 14),
      label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}/${y}`,
    };
  }
  if (p === 'H1') return { key, from: iso(y, 0, 15), to: iso(y, 6, 14), label: `6 tháng đầu năm ${y}` };
  if (p === 'N9') return { key, from: iso(y, 0, 15), to: iso(y, 9, 14), label: `9 tháng năm ${y}` };
  if (p === 'Y') return { key, from: iso(y, 0, 15), to: iso(y, 12, 14), label: `Năm ${y}` };
  return null; // ad hoc: the window is given when the period is opened
}

/** Which periodicity a key belongs to. */
export function periodicityOf(key: string): Periodicity | null {
  const m = PERIOD_RE.exec(key);
  if (!m) return null;
  const p = m[2]!;
  if (p.startsWith('M')) return 'month';
  if (p.startsWith('Q')) return 'quarter';
  if (p === 'H1') return 'half';
  if (p === 'N9') return 'nine_months';
  if (p === 'Y') return 'year';
  return 'ad_hoc';
}

/**
 * The period of a periodicity whose cut-off day has most recently passed on `today` (local date),
 * i.e. the one that should be reported now; null for ad hoc.
 */
export function periodDueOn(periodicity: Periodicity, today: string): string | null {
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  // The cut-off day of month M is the 14th; from the 15th on, month M is reportable.
  let year = y;
  let month = d >= 15 ? mo : mo - 1;
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  switch (periodicity) {
    case 'month':
      return `${year}-M${pad(month)}`;
    case 'quarter': {
      const q = Math.floor(month / 3);
      return q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`;
    }
    case 'half':
      return month >= 6 ? `${year}-H1` : `${year - 1}-H1`;
    case 'nine_months':
      return month >= 9 ? `${year}-N9` : `${year - 1}-N9`;
    case 'year':
      return month >= 12 ? `${year}-Y` : `${year - 1}-Y`;
    default:
      return null;
  }
}
