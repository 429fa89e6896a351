import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../../platform/http/errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addKeyword({ keyword: 'x-ui', schemaType: 'object' });

const cache = new Map<string, ValidateFunction>();

/** Compile (and cache) a procedure's form schema; throws when it is not a valid JSON Schema. */
export function compileFormSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(schema);
    if (cache.size > 500) cache.clear();
    cache.set(key, v);
  }
  return v;
}

function toFieldError(e: ErrorObject, prefix: string): FieldError {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing =
    e.keyword === 'required'
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties'
        ? ((e.params as { unevaluatedProperty?: string; additionalProperty?: string }).unevaluatedProperty ??
          (e.params as { additionalProperty?: string }).additionalProperty ??
          null)
        : null;
  const path = [prefix, base, missing].filter(Boolean).join('.');
  const code =
    e.keyword === 'required'
      ? 'REQUIRED'
      : e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties'
        ? 'UNKNOWN_FIELD'
        : `SCHEMA_${e.keyword.toUpperCase()}`;
  return { path, code, message: e.message ?? 'invalid' };
}

/** Longest text and list a field takes when its schema sets no bound (a form is not a file store). */
export const DEFAULT_MAX_LENGTH = 4000;
export const DEFAULT_MAX_ITEMS = 100;
/** Keywords a draft is spared: what is still to be filled in, not what is wrong. */
const COMPLETENESS = new Set(['required', 'minLength', 'minItems', 'minProperties', 'dependentRequired']);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The schema data are checked against: the procedure's own, with unknown properties refused
 * (`unevaluatedProperties: false`, which sees through allOf/oneOf/if), and texts and lists bounded
 * where the author set no bound. For a draft, the completeness keywords are dropped as well:
 * required fields may be missing and a list may be short, but types, formats, patterns, choices,
 * sizes and unknown properties are checked as on submission.
 */
export function strictSchema(schema: Json, draft: boolean): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObj(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (draft && COMPLETENESS.has(k)) continue;
      if (k === 'x-ui' || k === 'const' || k === 'enum' || k === 'default' || k === 'examples') out[k] = v;
      else if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions')
        out[k] = isObj(v) ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, walk(s)])) : v;
      else out[k] = walk(v);
    }
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (isObj(node.properties) && !('additionalProperties' in node) && !('unevaluatedProperties' in node))
      out.unevaluatedProperties = false;
    if (types.includes('string') && !('maxLength' in node) && !('enum' in node) && !('const' in node))
      out.maxLength = DEFAULT_MAX_LENGTH;
    if (types.includes('array') && !('maxItems' in node)) out.maxItems = DEFAULT_MAX_ITEMS;
    return out;
  };
  return walk(schema) as Json;
}

const strictCache = new Map<string, Json>();
function strict(schema: Json, draft: boolean): Json {
  const key = `${draft ? 'd' : 's'}${JSON.stringify(schema)}`;
  let s = strictCache.get(key);
  if (!s) {
    s = strictSchema(schema, draft);
    if (strictCache.size > 500) strictCache.clear();
    strictCache.set(key, s);
  }
  return s;
}

/** Validate form data against the schema; every error names its field (`formData.child.fullName`). */
export function validateFormData(schema: Json, data: unknown, prefix = 'formData'): FieldError[] {
  return check(strict(schema, false), data, prefix);
}

/** The same for a draft: incomplete is fine, wrong is not (see strictSchema). */
export function validateDraftFormData(schema: Json, data: unknown, prefix = 'formData'): FieldError[] {
  return check(strict(schema, true), data, prefix);
}

function check(schema: Json, data: unknown, prefix: string): FieldError[] {
  const v = compileFormSchema(schema);
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => toFieldError(e, prefix));
}
