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
  const missing = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : null;
  const path = [prefix, base, missing].filter(Boolean).join('.');
  const code = e.keyword === 'required' ? 'REQUIRED' : `SCHEMA_${e.keyword.toUpperCase()}`;
  return { path, code, message: e.message ?? 'invalid' };
}

/** Validate form data against the schema; every error names its field (`formData.child.fullName`). */
export function validateFormData(schema: Record<string, unknown>, data: unknown, prefix = 'formData'): FieldError[] {
  const v = compileFormSchema(schema);
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => toFieldError(e, prefix));
}
