import type { FieldError } from '../../../platform/http/errors.js';

/** What the address check needs of the directory's administrative units. */
export interface AdminUnitCheck {
  provinces(): { code: string; name: string }[];
  communes(provinceCode: string): { code: string; name: string }[] | null;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ui = (s: Json): Json => (isObj(s['x-ui']) ? s['x-ui'] : {});

/**
 * The checks a JSON Schema cannot state: an address block's commune belongs to its province (both
 * from the 2025 list, with their names as listed), and a text the form wants in capitals is in
 * capitals. Runs over the schema and the data together, into arrays; empty values are left to
 * `required` (drafts may be incomplete).
 */
export function formChecks(schema: Json, data: unknown, units: AdminUnitCheck, prefix = 'formData'): FieldError[] {
  const out: FieldError[] = [];
  const walk = (s: Json, v: unknown, path: string) => {
    if (s.type === 'string' && ui(s).uppercase === true && typeof v === 'string' && v !== v.toLocaleUpperCase('vi'))
      out.push({ path, code: 'NOT_UPPERCASE', message: 'Write this in capitals.' });
    if (isObj(v) && ui(s).widget === 'address') {
      const province = typeof v.province === 'string' ? v.province : '';
      const commune = typeof v.commune === 'string' ? v.commune : '';
      if (!!province !== !!commune && !(Array.isArray(s.required) && s.required.length))
        out.push({
          path: `${path}.${province ? 'commune' : 'province'}`,
          code: 'REQUIRED',
          message: 'Finish the address.',
        });
      const p = province ? units.provinces().find((x) => x.code === province) : undefined;
      if (province && !p)
        out.push({ path: `${path}.province`, code: 'UNKNOWN_PROVINCE', message: 'Not a province of the 2025 list.' });
      const c = p && commune ? units.communes(p.code)?.find((x) => x.code === commune) : undefined;
      if (p && commune && !c)
        out.push({
          path: `${path}.commune`,
          code: 'COMMUNE_NOT_IN_PROVINCE',
          message: 'This commune is not in the province chosen.',
        });
      if (
        (p && v.provinceName !== undefined && v.provinceName !== p.name) ||
        (c && v.communeName !== undefined && v.communeName !== c.name)
      )
        out.push({ path, code: 'ADDRESS_NAME_MISMATCH', message: 'Names differ from the administrative units list.' });
    }
    if (isObj(v) && isObj(s.properties))
      for (const [k, sub] of Object.entries(s.properties)) if (isObj(sub)) walk(sub, v[k], `${path}.${k}`);
    if (Array.isArray(v) && isObj(s.items)) v.forEach((item, i) => walk(s.items as Json, item, `${path}.${i}`));
  };
  walk(schema, data, prefix);
  return out;
}
