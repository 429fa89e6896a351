import { vnIsoDate } from '../../platform/time/vn-time.js';
/**
 * Mã số hồ sơ (TT 01/2018/TT-VPCP Art 19): `{receiving agency code}-{YYMMDD}-{NNNN}`, the date being
 * the receipt date in Asia/Ho_Chi_Minh and NNNN the agency's daily sequence (more digits past 9999).
 * Production systems deviate (QĐ 20 codes, yyyyMMdd, 7 digits), so parsing is lenient.
 */
export const DOSSIER_CODE = /^([0-9A-Z.]{1,35})-(\d{6}|\d{8})-(\d{4,7})$/;

/** YYMMDD of an instant in Vietnam (UTC+7, no daylight saving). */
export function vnDay(at: Date): string {
  return vnIsoDate(at).slice(2).replaceAll('-', '');
}

export function formatDossierCode(agencyCode: string, day: string, seq: number): string {
  return `${agencyCode}-${day}-${String(seq).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyCode: string; date: string; seq: number } | null {
  const m = DOSSIER_CODE.exec(code.trim().toUpperCase());
  return m ? { agencyCode: m[1]!, date: m[2]!, seq: Number(m[3]) } : null;
}

type Waiter = { resolve: (n: number) => void; reject: (e: unknown) => void };

/**
 * Daily numbers for concurrent submissions, taken together: while one statement for an agency and
 * day is on its way, the submissions that arrive queue, and the next statement takes as many
 * numbers as there are waiting (`last = last + n`), handed out in arrival order. One submission
 * alone takes one number in one statement, as before; under load the counter row is locked once
 * per group instead of once per submission. Numbers stay unique; a failed statement fails its
 * group (each submission answers with the error, and nothing was numbered).
 */
export class DailyNumbers {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly take: (agencyCode: string, day: string, count: number) => Promise<number>) {}

  next(agencyCode: string, day: string): Promise<number> {
    const key = `${agencyCode}\u0000${day}`;
    return new Promise<number>((resolve, reject) => {
      const q = this.queues.get(key);
      if (q) {
        q.push({ resolve, reject });
        return;
      }
      const fresh: Waiter[] = [{ resolve, reject }];
      this.queues.set(key, fresh);
      void this.drain(key, agencyCode, day, fresh);
    });
  }

  private async drain(key: string, agencyCode: string, day: string, queue: Waiter[]) {
    while (queue.length) {
      const group = queue.splice(0);
      try {
        const last = await this.take(agencyCode, day, group.length);
        group.forEach((w, i) => w.resolve(last - group.length + 1 + i));
      } catch (e) {
        for (const w of group) w.reject(e);
      }
    }
    this.queues.delete(key);
  }
}
