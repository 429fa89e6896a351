import type { FieldProblem } from '../api/problem';
import { type FieldNode, type FormModel, type PrefillSource, problemPath } from './schema-model';

/**
 * What the inputs hold while the user types: text for text and numbers (so "12," can be typed),
 * booleans for checkboxes, string lists for multi-choice, nested records for groups and lists of records.
 */
export type RawValue = string | boolean | string[] | RawRecord | RawRecord[];
export interface RawRecord {
  [key: string]: RawValue;
}

type Path = (string | number)[];
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** An address from the 2025 units, as an address block and the account hold it. */
export interface AddressValue {
  province: string;
  provinceName: string;
  commune: string;
  communeName: string;
  street: string;
}

/** The account facts a form may be prefilled with (`x-ui.prefill`): text, or an address for an address block. */
export type PrefillValues = Partial<Record<PrefillSource, string | AddressValue>>;

export interface AccountLike {
  username: string;
  fullName: string;
  kind: string;
  email: string | null;
  phone: string | null;
  idNumber?: string | null;
  taxCode?: string | null;
  dateOfBirth?: string | null;
  gender?: string | null;
  permanentAddress?: AddressValue | null;
  currentAddress?: AddressValue | null;
}

/**
 * Prefill from the account. Citizens log in with their 12-digit personal ID and businesses with their
 * tax code, so those come from the username when /api/me does not send them; the ID's 4th digit
 * encodes century and gender (even = male), which is all we can say about gender without the registry.
 */
export function prefillFromAccount(me: AccountLike | null | undefined): PrefillValues {
  if (!me) return {};
  const out: PrefillValues = { 'account.fullName': me.fullName };
  if (me.email) out['account.email'] = me.email;
  if (me.phone) out['account.phone'] = me.phone;
  const idNumber = me.idNumber ?? (me.kind === 'citizen' && /^\d{12}$/.test(me.username) ? me.username : undefined);
  if (idNumber) out['account.idNumber'] = idNumber;
  const taxCode =
    me.taxCode ?? (me.kind === 'business' && /^\d{10}(-\d{3})?$/.test(me.username) ? me.username : undefined);
  if (taxCode) out['account.taxCode'] = taxCode;
  if (me.dateOfBirth) out['account.dateOfBirth'] = me.dateOfBirth.slice(0, 10);
  const gender = me.gender ?? (idNumber ? (Number(idNumber[3]) % 2 === 0 ? 'male' : 'female') : undefined);
  if (gender) out['account.gender'] = gender;
  // Where he lives now is his permanent residence unless he gave another.
  if (me.permanentAddress) out['account.permanentAddress'] = me.permanentAddress;
  const current = me.currentAddress ?? me.permanentAddress;
  if (current) out['account.currentAddress'] = current;
  return out;
}

function emptyRaw(f: FieldNode): RawValue {
  switch (f.kind) {
    case 'boolean':
      return false;
    case 'checkboxes':
      return [];
    case 'object':
      return emptyRecord(f.children ?? []);
    case 'array':
      return Array.from({ length: Math.max(0, f.minItems ?? 0) }, () => emptyRecord(f.itemFields ?? []));
    default:
      return '';
  }
}

/** An empty item of a repeatable group (defaults applied). */
export function emptyRecord(fields: FieldNode[]): RawRecord {
  return Object.fromEntries(fields.map((f) => [f.key, f.default !== undefined ? toRaw(f, f.default) : emptyRaw(f)]));
}

/** A JSON value (a draft, a dossier's data, a default) → what the input holds. */
export function toRaw(f: FieldNode, v: unknown): RawValue {
  if (v === undefined || v === null) return emptyRaw(f);
  switch (f.kind) {
    case 'boolean':
      return v === true;
    case 'checkboxes':
      return Array.isArray(v) ? v.map(String) : [];
    case 'object':
      return recordToRaw(f.children ?? [], v);
    case 'array':
      if (!Array.isArray(v)) return emptyRaw(f);
      // A list saved empty (a draft) shows the rows it must have, as a new form does.
      return [
        ...v.map((item) => recordToRaw(f.itemFields ?? [], item)),
        ...Array.from({ length: Math.max(0, (f.minItems ?? 0) - v.length) }, () => emptyRecord(f.itemFields ?? [])),
      ];
    default:
      if (f.money && typeof v === 'number') return groupThousands(String(v));
      return typeof v === 'object' ? '' : String(v);
  }
}

/** Digits with a dot every three, as Vietnamese write amounts: `500000000` → `500.000.000`. */
export function groupThousands(digits: string): string {
  const d = digits.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  return d.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function recordToRaw(fields: FieldNode[], v: unknown): RawRecord {
  const src = isObj(v) ? v : {};
  return Object.fromEntries(
    fields.map((f) => [
      f.key,
      f.key in src ? toRaw(f, src[f.key]) : f.default !== undefined ? toRaw(f, f.default) : emptyRaw(f),
    ]),
  );
}

/** The starting values: saved data if any, else the account's facts (prefill), else the schema defaults. */
export function initialValues(
  model: FormModel,
  { data, prefill = {} }: { data?: Record<string, unknown>; prefill?: PrefillValues } = {},
): RawRecord {
  if (data) return recordToRaw(model.fields, data);
  const fill = (fields: FieldNode[]): RawRecord =>
    Object.fromEntries(
      fields.map((f) => {
        const given = f.prefill ? prefill[f.prefill] : undefined;
        // An address block takes the account's address whole; the citizen can still change it on the form.
        if (f.kind === 'object' && isObj(given)) return [f.key, toRaw(f, given)];
        if (f.kind === 'object') return [f.key, fill(f.children ?? [])];
        if (typeof given === 'string')
          // A name the form wants in capitals is prefilled in capitals.
          return [f.key, toRaw(f, f.uppercase ? given.toLocaleUpperCase('vi') : given)];
        return [f.key, f.default !== undefined ? toRaw(f, f.default) : emptyRaw(f)];
      }),
    );
  return fill(model.fields);
}

/** Read a value at a path of the raw record. */
export function getAt(values: RawValue, path: Path): RawValue | undefined {
  let cur: unknown = values;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur as RawValue | undefined;
}

/** An updated copy with `value` at `path` (records and lists copied along the way). */
export function setAt<T extends RawValue>(values: T, path: Path, value: RawValue): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  const copy = (Array.isArray(values) ? [...values] : { ...(values as RawRecord) }) as Record<
    string | number,
    RawValue
  >;
  copy[head!] = setAt((copy[head!] ?? {}) as RawValue, rest, value);
  return copy as unknown as T;
}

/** Vietnamese writes decimals with a comma: accept "12,5" and "12.5". */
export function parseNumber(s: string, integer: boolean): number | null {
  const t = s.trim().replace(/\s/g, '');
  if (integer ? !/^[-+]?\d+$/.test(t) : !/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/**
 * Raw input → the JSON the server validates: trimmed NFC text, numbers parsed, empty answers left out
 * (an optional group left empty disappears; a required one stays `{}` so its fields are reported).
 * Text that is not a number is reported here (SCHEMA_TYPE) and left out.
 */
export function coerceValues(
  model: FormModel,
  raw: RawRecord,
): { data: Record<string, unknown>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const record = (fields: FieldNode[], src: RawRecord | undefined, base: Path): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = one(f, src?.[f.key], [...base, f.key]);
      if (v !== undefined) out[f.key] = v;
    }
    return out;
  };
  const one = (f: FieldNode, v: RawValue | undefined, path: Path): unknown => {
    switch (f.kind) {
      case 'boolean':
        return v === true;
      case 'checkboxes': {
        const list = Array.isArray(v) ? (v as string[]) : [];
        return list.length || f.required ? list : undefined;
      }
      case 'object': {
        const o = record(f.children ?? [], isObj(v) ? (v as RawRecord) : undefined, path);
        const meaningful = Object.values(o).some((x) => x !== false);
        return meaningful || f.required ? o : undefined;
      }
      case 'array': {
        const items = (Array.isArray(v) ? (v as RawRecord[]) : []).map((item, i) =>
          record(f.itemFields ?? [], isObj(item) ? item : {}, [...path, i]),
        );
        // Blank rows at the end are an unused "add" (the indexes of the others do not move).
        while (items.length && !Object.values(items[items.length - 1]!).some((x) => x !== false)) items.pop();
        return items.length || f.required ? items : undefined;
      }
      case 'number':
      case 'integer': {
        const typed = typeof v === 'string' ? v.trim() : '';
        // An amount may be typed with its thousands dots (500.000.000), as it is shown.
        const s = f.money ? typed.replace(/[.\s]|₫|đ$/g, '') : typed;
        if (!s) return undefined;
        const n = parseNumber(s, f.kind === 'integer');
        if (n === null) {
          problems.push({ path: problemPath(path), code: f.kind === 'integer' ? 'SCHEMA_INTEGER' : 'SCHEMA_TYPE' });
          return undefined;
        }
        return n;
      }
      default: {
        const s = typeof v === 'string' ? v.trim().normalize('NFC') : '';
        return s === '' ? undefined : s;
      }
    }
  };
  return { data: record(model.fields, raw, []), problems };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Today in Vietnam as YYYY-MM-DD (a birth date may not be later). */
const todayIso = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
/** The well-known patterns get a message that says what is expected (12 digits, a phone number …). */
function patternCode(pattern: string): string {
  if (pattern === '^\\d{12}$') return 'INVALID_ID_NUMBER_FORMAT';
  if (pattern.startsWith('^(0|\\+84)')) return 'INVALID_PHONE';
  return 'SCHEMA_PATTERN';
}
const URI = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
/** JSON Schema counts characters as code points, not UTF-16 units. */
const length = (s: string) => [...s].length;

/**
 * The schema's rules on coerced data, with the server's codes and paths (`formData.child.fullName`,
 * REQUIRED, SCHEMA_PATTERN …) so client and server errors read the same.
 */
export function validateValues(model: FormModel, data: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (path: Path, code: string) => out.push({ path: problemPath(path), code });
  const record = (fields: FieldNode[], src: Record<string, unknown>, base: Path) => {
    for (const f of fields) {
      const path = [...base, f.key];
      const v = src[f.key];
      if (v === undefined) {
        if (f.required) add(path, 'REQUIRED');
        continue;
      }
      one(f, v, path);
    }
  };
  const one = (f: FieldNode, v: unknown, path: Path) => {
    switch (f.kind) {
      case 'object':
        if (isObj(v)) record(f.children ?? [], v, path);
        // An address begun is finished: a province without its commune (or the reverse) is incomplete.
        if (f.widget === 'address' && isObj(v) && !!v.province !== !!v.commune) {
          const missing = v.province ? 'commune' : 'province';
          if (!f.children?.find((c) => c.key === missing)?.required) add([...path, missing], 'REQUIRED');
        }
        return;
      case 'array':
      case 'checkboxes': {
        if (!Array.isArray(v)) return add(path, 'SCHEMA_TYPE');
        if (f.minItems !== undefined && v.length < f.minItems)
          add(path, f.required && v.length === 0 ? 'REQUIRED' : 'SCHEMA_MINITEMS');
        if (f.maxItems !== undefined && v.length > f.maxItems) add(path, 'SCHEMA_MAXITEMS');
        if (f.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
          add(path, 'SCHEMA_UNIQUEITEMS');
        if (f.kind === 'checkboxes') {
          if (f.options && v.some((x) => !f.options!.some((o) => o.value === x))) add(path, 'SCHEMA_ONEOF');
        } else v.forEach((item, i) => isObj(item) && record(f.itemFields ?? [], item, [...path, i]));
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') add(path, 'SCHEMA_TYPE');
        else if (f.mustBeTrue && !v) add(path, 'MUST_ACCEPT');
        return;
      case 'number':
      case 'integer': {
        if (typeof v !== 'number' || (f.kind === 'integer' && !Number.isInteger(v))) return add(path, 'SCHEMA_TYPE');
        if (f.minimum !== undefined && v < f.minimum) add(path, 'SCHEMA_MINIMUM');
        if (f.maximum !== undefined && v > f.maximum) add(path, 'SCHEMA_MAXIMUM');
        if (f.exclusiveMinimum !== undefined && v <= f.exclusiveMinimum) add(path, 'SCHEMA_EXCLUSIVEMINIMUM');
        if (f.exclusiveMaximum !== undefined && v >= f.exclusiveMaximum) add(path, 'SCHEMA_EXCLUSIVEMAXIMUM');
        return;
      }
      default: {
        if (typeof v !== 'string') return add(path, 'SCHEMA_TYPE');
        if (f.kind === 'enum' && f.options && !f.options.some((o) => o.value === v)) return add(path, 'SCHEMA_ONEOF');
        if (f.minLength !== undefined && length(v) < f.minLength) return add(path, 'SCHEMA_MINLENGTH');
        if (f.maxLength !== undefined && length(v) > f.maxLength) return add(path, 'SCHEMA_MAXLENGTH');
        if (f.kind === 'date' && !validDate(v)) return add(path, DATE.test(v) ? 'INVALID_DATE_VALUE' : 'SCHEMA_FORMAT');
        if (f.kind === 'date' && /birth/i.test(f.key) && v > todayIso()) return add(path, 'DATE_IN_FUTURE');
        if (f.uppercase && v !== v.toLocaleUpperCase('vi')) return add(path, 'NOT_UPPERCASE');
        if (f.kind === 'email' && !EMAIL.test(v)) return add(path, 'INVALID_EMAIL');
        if (f.kind === 'uri' && !URI.test(v)) return add(path, 'SCHEMA_FORMAT');
        if (f.pattern) {
          let re: RegExp | null = null;
          try {
            re = new RegExp(f.pattern, 'u');
          } catch {
            // A pattern the browser cannot compile: leave the check to the server.
          }
          if (re && !re.test(v)) add(path, patternCode(f.pattern));
        }
      }
    }
  };
  record(model.fields, data, []);
  return out;
}

/** Coerce, then validate: the JSON to send and every problem found on the way. */
export function checkForm(
  model: FormModel,
  raw: RawRecord,
): { data: Record<string, unknown>; problems: FieldProblem[] } {
  const { data, problems } = coerceValues(model, raw);
  return { data, problems: [...problems, ...validateValues(model, data)] };
}

/** Put registry values (by source) into every field that names that source (groups included). */
export function applyRegistryValues(model: FormModel, values: RawRecord, registry: Record<string, { value: string }>) {
  let next = values;
  const walk = (fields: FieldNode[], path: Path) => {
    for (const f of fields) {
      if (f.kind === 'object') walk(f.children ?? [], [...path, f.key]);
      else if (f.registry && registry[f.registry])
        next = setAt(next, [...path, f.key], registry[f.registry]!.value) as RawRecord;
    }
  };
  walk(model.fields, []);
  return next;
}
