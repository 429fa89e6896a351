/**
 * A procedure's application form is a JSON Schema (2020-12) with `x-ui` hints. This module turns the
 * schema into a small field model the renderer, the validator and the form designer share.
 * Only the subset the catalogue uses is understood; anything else renders as a plain text field.
 */

export type JsonSchema = Record<string, unknown>;

export type FieldKind =
  | 'string'
  | 'textarea'
  | 'date'
  | 'email'
  | 'uri'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'checkboxes'
  | 'object'
  | 'array';

export const PREFILL_SOURCES = [
  'account.fullName',
  'account.idNumber',
  'account.dateOfBirth',
  'account.gender',
  'account.email',
  'account.phone',
  'account.taxCode',
  /** Address blocks: the citizen's own, kept in his account ("Thông tin cá nhân"). */
  'account.permanentAddress',
  'account.currentAddress',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export interface EnumOption {
  value: string;
  label: string;
}

export interface FieldNode {
  key: string;
  kind: FieldKind;
  title: string;
  required: boolean;
  help?: string;
  placeholder?: string;
  prefill?: PrefillSource;
  /** A base-registry source (`x-registry`, e.g. `population.fullName`): once-only prefill, read-only. */
  registry?: string;
  default?: unknown;
  options?: EnumOption[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** object: its fields in display order. */
  children?: FieldNode[];
  /** array of objects: the fields of one item. */
  itemFields?: FieldNode[];
  /** object: an address block (province and commune picked from the 2025 list, then the street). */
  widget?: 'address';
  /** text: written in capitals (the form asks for the name "in capitals"); typed letters are uppercased. */
  uppercase?: boolean;
  /** integer: an amount in đồng (`x-ui.money`), typed and shown as Vietnamese write it, 500.000.000 ₫. */
  money?: boolean;
  /** boolean: must be ticked (`const: true`: a commitment or declaration without which nothing is filed). */
  mustBeTrue?: boolean;
}

export interface FormModel {
  title?: string;
  fields: FieldNode[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function ui(s: JsonSchema): Record<string, unknown> {
  return isObj(s['x-ui']) ? s['x-ui'] : {};
}

/** `oneOf: [{const, title}]` or `enum: [...]` → options; undefined when the schema is not an enumeration. */
export function enumOptions(s: JsonSchema): EnumOption[] | undefined {
  if (Array.isArray(s.oneOf) && s.oneOf.length && s.oneOf.every((o) => isObj(o) && 'const' in o)) {
    return (s.oneOf as Record<string, unknown>[]).map((o) => ({
      value: String(o.const),
      label: str(o.title) ?? String(o.const),
    }));
  }
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.map((v) => ({ value: String(v), label: String(v) }));
  return undefined;
}

/** Properties in the order of `x-ui.order`, then the rest in schema order. */
export function orderedKeys(s: JsonSchema): string[] {
  const props = isObj(s.properties) ? Object.keys(s.properties) : [];
  const order = Array.isArray(ui(s).order)
    ? (ui(s).order as unknown[]).filter((k): k is string => typeof k === 'string' && props.includes(k))
    : [];
  return [...order, ...props.filter((k) => !order.includes(k))];
}

function kindOf(s: JsonSchema): FieldKind {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const widget = ui(s).widget;
  if (type === 'object' || (!type && isObj(s.properties))) return 'object';
  if (type === 'array') return isObj(s.items) && enumOptions(s.items) ? 'checkboxes' : 'array';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (enumOptions(s)) return 'enum';
  if (s.format === 'date') return 'date';
  if (s.format === 'email') return 'email';
  if (s.format === 'uri') return 'uri';
  if (widget === 'textarea') return 'textarea';
  return 'string';
}

function fieldsOf(s: JsonSchema): FieldNode[] {
  const props = isObj(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required : [];
  return orderedKeys(s)
    .filter((k) => isObj(props[k]))
    .map((k) => toNode(k, props[k] as JsonSchema, required.includes(k)));
}

function toNode(key: string, s: JsonSchema, required: boolean): FieldNode {
  const kind = kindOf(s);
  const u = ui(s);
  const node: FieldNode = { key, kind, title: str(s.title) ?? key, required };
  const help = str(u.help) ?? str(s.description);
  if (help) node.help = help;
  if (str(u.placeholder)) node.placeholder = str(u.placeholder);
  if (typeof u.prefill === 'string' && (PREFILL_SOURCES as readonly string[]).includes(u.prefill))
    node.prefill = u.prefill as PrefillSource;
  if (typeof s['x-registry'] === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(s['x-registry']))
    node.registry = s['x-registry'];
  if (s.default !== undefined) node.default = s.default;
  for (const k of [
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minItems',
    'maxItems',
  ] as const) {
    const v = num(s[k]);
    if (v !== undefined) node[k] = v;
  }
  if (str(s.pattern)) node.pattern = str(s.pattern);
  if (s.uniqueItems === true) node.uniqueItems = true;
  if (kind === 'enum') node.options = enumOptions(s);
  if (kind === 'checkboxes') node.options = enumOptions(s.items as JsonSchema);
  if (kind === 'object') node.children = fieldsOf(s);
  if (kind === 'object' && u.widget === 'address') node.widget = 'address';
  if (u.uppercase === true) node.uppercase = true;
  if (kind === 'integer' && u.money === true) node.money = true;
  if (kind === 'boolean' && s.const === true) node.mustBeTrue = true;
  if (kind === 'array') node.itemFields = isObj(s.items) ? fieldsOf(s.items) : [];
  return node;
}

/** The field model of a form schema (root must be an object). */
export function schemaToModel(schema: JsonSchema): FormModel {
  return { title: str(schema.title), fields: fieldsOf(schema) };
}

/** Path segments → the DOM id of the input (`['child','fullName']` → `fd-child-fullName`). */
export function fieldId(path: readonly (string | number)[]): string {
  return `fd-${path.join('-')}`;
}

/** Path segments → the problem path the server uses (`formData.child.fullName`). */
export function problemPath(path: readonly (string | number)[]): string {
  return ['formData', ...path].join('.');
}

/** Every field with its full path and a label including its groups ("Người mẹ › Họ, chữ đệm, tên"). */
export function flattenFields(
  fields: FieldNode[],
  base: (string | number)[] = [],
  labels: string[] = [],
): { node: FieldNode; path: (string | number)[]; label: string }[] {
  return fields.flatMap((f) => {
    const path = [...base, f.key];
    const label = [...labels, f.title].join(' › ');
    const self = { node: f, path, label };
    if (f.kind === 'object') return [self, ...flattenFields(f.children ?? [], path, [...labels, f.title])];
    return [self];
  });
}

/** The base-registry sources (`x-registry`) a form names, in field order. */
export function registrySources(model: FormModel): string[] {
  const out: string[] = [];
  const walk = (fields: FieldNode[]) => {
    for (const f of fields) {
      if (f.registry && !out.includes(f.registry)) out.push(f.registry);
      if (f.children) walk(f.children);
    }
  };
  walk(model.fields);
  return out;
}
