import { type FieldKind, type FieldNode, type FormModel, type JsonSchema, schemaToModel } from './schema-model';

/**
 * The form designer edits the field model (FormModel) and writes it back as JSON Schema 2020-12
 * with `x-ui` hints; `schemaToModel(modelToSchema(m))` gives `m` back.
 */

const SCHEMA_ID = 'https://json-schema.org/draft/2020-12/schema';

function baseOf(kind: FieldKind): JsonSchema {
  switch (kind) {
    case 'textarea':
      return { type: 'string', 'x-ui': { widget: 'textarea' } };
    case 'date':
    case 'email':
    case 'uri':
      return { type: 'string', format: kind };
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
    case 'array':
      return { type: kind };
    case 'checkboxes':
      return { type: 'array', 'x-ui': { widget: 'checkboxes' } };
    default:
      return { type: 'string' };
  }
}

function objectSchema(fields: FieldNode[]): JsonSchema {
  const required = fields.filter((f) => f.required).map((f) => f.key);
  return {
    type: 'object',
    ...(required.length ? { required } : {}),
    properties: Object.fromEntries(fields.map((f) => [f.key, nodeToSchema(f)])),
    ...(fields.length > 1 ? { 'x-ui': { order: fields.map((f) => f.key) } } : {}),
  };
}

function oneOf(options: FieldNode['options']) {
  return (options ?? []).map((o) => ({ const: o.value, title: o.label }));
}

/** One field → its JSON Schema. */
export function nodeToSchema(f: FieldNode): JsonSchema {
  const s: JsonSchema = f.kind === 'object' ? objectSchema(f.children ?? []) : baseOf(f.kind);
  const ui: Record<string, unknown> = { ...((s['x-ui'] as Record<string, unknown>) ?? {}) };
  s.title = f.title;
  if (f.kind === 'enum') s.oneOf = oneOf(f.options);
  if (f.kind === 'checkboxes') s.items = { type: 'string', oneOf: oneOf(f.options) };
  if (f.kind === 'array') s.items = objectSchema(f.itemFields ?? []);
  for (const k of [
    'minLength',
    'maxLength',
    'pattern',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minItems',
    'maxItems',
  ] as const) {
    if (f[k] !== undefined) s[k] = f[k];
  }
  if (f.uniqueItems) s.uniqueItems = true;
  if (f.default !== undefined) s.default = f.default;
  if (f.help) ui.help = f.help;
  if (f.placeholder) ui.placeholder = f.placeholder;
  if (f.prefill) ui.prefill = f.prefill;
  // What the renderer and the server read beyond the field's type: kept through the editor, or
  // publishing from it would turn address pickers into text boxes and drop "in capitals",
  // "must be ticked" and the registry source.
  if (f.widget === 'address') ui.widget = 'address';
  if (f.uppercase) ui.uppercase = true;
  if (f.mustBeTrue) s.const = true;
  if (f.registry) s['x-registry'] = f.registry;
  if (Object.keys(ui).length) s['x-ui'] = ui;
  else delete s['x-ui'];
  return s;
}

/** The whole form → the procedure's `formSchema`. */
export function modelToSchema(model: FormModel): JsonSchema {
  return { $schema: SCHEMA_ID, ...(model.title ? { title: model.title } : {}), ...objectSchema(model.fields) };
}

export { schemaToModel };

/** Field types the designer offers, in menu order. */
export const DESIGNER_KINDS: readonly FieldKind[] = [
  'string',
  'textarea',
  'date',
  'email',
  'number',
  'integer',
  'boolean',
  'enum',
  'checkboxes',
  'object',
  'array',
];

/** Letters without diacritics: `Họ và tên` → `Ho va ten`. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** A property key from a title, unique among `taken`: `Họ và tên` → `hoVaTen`, then `hoVaTen2`. */
export function keyFromTitle(title: string, taken: readonly string[]): string {
  const words = stripDiacritics(title)
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 5);
  let key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[a-z]/.test(key)) key = `field${key}`;
  let out = key;
  for (let n = 2; taken.includes(out); n++) out = `${key}${n}`;
  return out;
}

/** A new field of the given type, with what its type needs (options, item fields). */
export function newField(kind: FieldKind, title: string, taken: readonly string[]): FieldNode {
  const f: FieldNode = { key: keyFromTitle(title, taken), kind, title, required: false };
  if (kind === 'enum' || kind === 'checkboxes') f.options = [{ value: 'option1', label: 'Lựa chọn 1' }];
  if (kind === 'object') f.children = [];
  if (kind === 'array') f.itemFields = [];
  return f;
}

/** Move the item at `i` by `delta` places (clamped); a copy. */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + delta));
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x!);
  return out;
}

/** Problems a designer can see before saving: duplicate or invalid keys, enums without options, bad patterns. */
export function checkModel(fields: readonly FieldNode[], base = ''): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const path = `${base}${i}`;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(f.key)) out.push({ path: `${path}.key`, code: 'INVALID_KEY' });
    if (seen.has(f.key)) out.push({ path: `${path}.key`, code: 'DUPLICATE_KEY' });
    seen.add(f.key);
    if (!f.title.trim()) out.push({ path: `${path}.title`, code: 'REQUIRED' });
    if ((f.kind === 'enum' || f.kind === 'checkboxes') && !f.options?.length)
      out.push({ path: `${path}.options`, code: 'OPTIONS_REQUIRED' });
    if (f.pattern) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        out.push({ path: `${path}.pattern`, code: 'INVALID_PATTERN' });
      }
    }
    if (f.children) out.push(...checkModel(f.children, `${path}.children.`));
    if (f.itemFields) out.push(...checkModel(f.itemFields, `${path}.itemFields.`));
  });
  return out;
}

/** Options as the designer types them, one per line: `value | label` (a line without `|` is both). */
export function parseOptions(text: string): { value: string; label: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf('|');
      if (i < 0) return { value: line, label: line };
      const value = line.slice(0, i).trim();
      const label = line.slice(i + 1).trim();
      return { value, label: label || value };
    });
}

export function formatOptions(options: readonly { value: string; label: string }[] | undefined): string {
  return (options ?? []).map((o) => (o.value === o.label ? o.value : `${o.value} | ${o.label}`)).join('\n');
}
