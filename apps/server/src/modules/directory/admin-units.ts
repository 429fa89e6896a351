import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../platform/paths.js';

/**
 * Vietnam's administrative units after the 2025 reorganisation (two levels: 34 provinces and their
 * 3,321 communes, wards and special zones), from the fixture `data/admin-units-2025.json`, whose
 * `source` names where it comes from and its licence. Read once, on first use.
 */
export interface AdminUnit {
  code: string;
  name: string;
}
export interface Province extends AdminUnit {
  communes: AdminUnit[];
}

interface Fixture {
  source: Record<string, string>;
  provinces: { code: string; name: string; communes: [string, string][] }[];
}

// From the checkout's root: the same path from the sources (tests) and from the bundled server (npm start).
const FIXTURE = join(REPO_ROOT, 'apps/server/src/modules/directory/data/admin-units-2025.json');

export class AdminUnits {
  private data: { source: Record<string, string>; provinces: Province[]; byCommune: Map<string, Province> } | null =
    null;

  private load() {
    if (!this.data) {
      const f = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
      const provinces = f.provinces.map((p) => ({
        code: p.code,
        name: p.name,
        communes: p.communes.map(([code, name]) => ({ code, name })),
      }));
      const byCommune = new Map(provinces.flatMap((p) => p.communes.map((c) => [c.code, p] as const)));
      this.data = { source: f.source, provinces, byCommune };
    }
    return this.data;
  }

  /** Where the list comes from (dataset, commit, licence). */
  source(): Record<string, string> {
    return this.load().source;
  }

  /** The 34 provinces and centrally-run cities, by code. */
  provinces(): AdminUnit[] {
    return this.load().provinces.map(({ code, name }) => ({ code, name }));
  }

  /** The communes of a province (null: no such province). */
  communes(provinceCode: string): AdminUnit[] | null {
    return this.load().provinces.find((p) => p.code === provinceCode)?.communes ?? null;
  }

  /** Is `communeCode` a commune of `provinceCode`? */
  isCommuneOf(provinceCode: string, communeCode: string): boolean {
    return this.load().byCommune.get(communeCode)?.code === provinceCode;
  }

  /** "Phường Ba Đình, Thành phố Hà Nội" for a commune code, or null. */
  label(communeCode: string): string | null {
    const p = this.load().byCommune.get(communeCode);
    const c = p?.communes.find((x) => x.code === communeCode);
    return p && c ? `${c.name}, ${p.name}` : null;
  }
}

/**
 * An address as one line in the written order (street, commune, province): an address block
 * (`{street, communeName, provinceName}`, ADR 0027) or a text from before the pickers, as it is.
 */
export function addressLine(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const line = [o.street, o.communeName ?? o.commune, o.provinceName ?? o.province]
    .map((x) => (typeof x === 'string' ? x.trim() : ''))
    .filter(Boolean)
    .join(', ');
  return line || null;
}
