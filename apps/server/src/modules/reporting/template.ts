/**
 * Report templates (biểu mẫu số liệu, Decree 09/2019 Art 7): indicators with their type and
 * aggregation rule, formulas between indicators, free-text sections and validation rules. Pure code.
 *
 * From DHIS2: a data element has a value type and an aggregation type; an *indicator* is a formula
 * evaluated after aggregation (a ratio of sums, never a sum of ratios); validation rules compare two
 * expressions. Here they live in one JSON template per regime, so setting one up is one form.
 */
import type { FieldError } from '../../platform/http/errors.js';

export const PERIODICITIES = ['month', 'quarter', 'half', 'nine_months', 'year', 'ad_hoc'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

export type ValueType = 'integer' | 'number' | 'percent';
export type Aggregation = 'sum' | 'avg' | 'latest';

export interface TemplateIndicator {
  code: string;
  name: string;
  unit: string;
  type: ValueType;
  /** How agencies' values combine up the tree; `avg` may be weighted by another indicator. */
  aggregation: Aggregation;
  weightBy?: string | null;
  /** Computed from other indicators (`C02 / C01 * 100`): no one types it. */
  formula?: string | null;
  required?: boolean;
}

export interface TemplateSection {
  code: string;
  title: string;
}

export interface ValidationRule {
  left: string;
  op: '<=' | '>=' | '==' | '<' | '>';
  right: string;
  message: string;
}

export interface RegimeTemplate {
  indicators: TemplateIndicator[];
  sections: TemplateSection[];
  rules: ValidationRule[];
}

// ---- Formulas: + - * / and parentheses over numbers and indicator codes. ----

type Tok = { k: 'num'; v: number } | { k: 'id'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z][A-Za-z0-9_.]*)|([-+*/()]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected character at ${i + 1}`);
    if (m[1] !== undefined) out.push({ k: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ k: 'id', v: m[2] });
    else out.push({ k: 'op', v: m[3]! });
    i = re.lastIndex;
  }
  return out;
}

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'ref'; code: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr };

/** Parse a formula; throws with a message naming the position on bad syntax. */
export function parseFormula(src: string): Expr {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const expr = (): Expr => {
    let a = term();
    while (peek()?.k === 'op' && (peek()!.v === '+' || peek()!.v === '-')) {
      const op = toks[pos++]!.v as string;
      a = { k: 'bin', op, a, b: term() };
    }
    return a;
  };
  const term = (): Expr => {
    let a = factor();
    while (peek()?.k === 'op' && (peek()!.v === '*' || peek()!.v === '/')) {
      const op = toks[pos++]!.v as string;
      a = { k: 'bin', op, a, b: factor() };
    }
    return a;
  };
  const factor = (): Expr => {
    const t = toks[pos++];
    if (!t) throw new Error('unexpected end');
    if (t.k === 'num') return { k: 'num', v: t.v };
    if (t.k === 'id') return { k: 'ref', code: t.v };
    if (t.v === '-') return { k: 'neg', e: factor() };
    if (t.v === '(') {
      const e = expr();
      if (toks[pos++]?.v !== ')') throw new Error('missing )');
      return e;
    }
    throw new Error(`unexpected ${t.v}`);
  };
  const e = expr();
  if (pos !== toks.length) throw new Error(`unexpected ${String(toks[pos]!.v)}`);
  return e;
}

export function refsOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'ref') out.add(e.code);
  else if (e.k === 'neg') refsOf(e.e, out);
  else if (e.k === 'bin') {
    refsOf(e.a, out);
    refsOf(e.b, out);
  }
  return out;
}

/** Evaluate; null when a referenced value is missing or a division by zero happens. */
export function evaluate(e: Expr, values: Record<string, number | null | undefined>): number | null {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'ref':
      return values[e.code] ?? null;
    case 'neg': {
      const v = evaluate(e.e, values);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(e.a, values);
      const b = evaluate(e.b, values);
      if (a === null || b === null) return null;
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      if (e.op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
  }
}

const CODE = /^[A-Za-z][A-Za-z0-9_.]{0,31}$/;

/** Check a template: unique codes, formulas that parse and name known, non-cyclic indicators. */
export function checkTemplate(t: RegimeTemplate, path = 'template'): FieldError[] {
  const errors: FieldError[] = [];
  const codes = new Map<string, TemplateIndicator>();
  t.indicators.forEach((ind, i) => {
    if (!CODE.test(ind.code))
      errors.push({ path: `${path}.indicators.${i}.code`, code: 'INVALID_CODE', message: 'Letters, digits, _ or .' });
    if (codes.has(ind.code))
      errors.push({ path: `${path}.indicators.${i}.code`, code: 'DUPLICATE_CODE', message: `${ind.code} twice` });
    codes.set(ind.code, ind);
  });
  const deps = new Map<string, Set<string>>();
  t.indicators.forEach((ind, i) => {
    if (ind.weightBy && !codes.has(ind.weightBy))
      errors.push({ path: `${path}.indicators.${i}.weightBy`, code: 'UNKNOWN_INDICATOR', message: ind.weightBy });
    if (!ind.formula) return;
    try {
      const refs = refsOf(parseFormula(ind.formula));
      for (const r of refs)
        if (!codes.has(r))
          errors.push({ path: `${path}.indicators.${i}.formula`, code: 'UNKNOWN_INDICATOR', message: r });
      deps.set(ind.code, refs);
    } catch (e) {
      errors.push({ path: `${path}.indicators.${i}.formula`, code: 'FORMULA_SYNTAX', message: (e as Error).message });
    }
  });
  // Cycles between formulas.
  const state = new Map<string, 1 | 2>();
  const visit = (c: string, trail: string[]): boolean => {
    if (state.get(c) === 2) return false;
    if (state.get(c) === 1) return true;
    state.set(c, 1);
    for (const d of deps.get(c) ?? []) if (visit(d, [...trail, c])) return true;
    state.set(c, 2);
    return false;
  };
  for (const [c] of deps)
    if (visit(c, [])) {
      const i = t.indicators.findIndex((x) => x.code === c);
      errors.push({
        path: `${path}.indicators.${i}.formula`,
        code: 'FORMULA_CYCLE',
        message: `${c} depends on itself`,
      });
      break;
    }
  const sections = new Set<string>();
  t.sections.forEach((s, i) => {
    if (sections.has(s.code))
      errors.push({ path: `${path}.sections.${i}.code`, code: 'DUPLICATE_CODE', message: `${s.code} twice` });
    sections.add(s.code);
  });
  t.rules.forEach((r, i) => {
    for (const side of ['left', 'right'] as const) {
      try {
        for (const ref of refsOf(parseFormula(r[side])))
          if (!codes.has(ref))
            errors.push({ path: `${path}.rules.${i}.${side}`, code: 'UNKNOWN_INDICATOR', message: ref });
      } catch (e) {
        errors.push({ path: `${path}.rules.${i}.${side}`, code: 'FORMULA_SYNTAX', message: (e as Error).message });
      }
    }
  });
  return errors;
}

/** Fill the computed indicators from the typed ones (in dependency order). */
export function computeFormulas(
  t: RegimeTemplate,
  typed: Record<string, number | null>,
): Record<string, number | null> {
  const out: Record<string, number | null> = { ...typed };
  const formulas = t.indicators.filter((i) => i.formula);
  // At most one pass per formula is enough once they are sorted by dependencies; loop until stable.
  for (let pass = 0; pass <= formulas.length; pass++)
    for (const ind of formulas) {
      const v = evaluate(parseFormula(ind.formula!), out);
      out[ind.code] = v === null ? null : Math.round(v * 10_000) / 10_000;
    }
  return out;
}

/**
 * Validate typed values against the template: known codes, types, required ones (when `complete`),
 * then the validation rules. Errors name the indicator (`values.C01`).
 */
export function validateValues(
  t: RegimeTemplate,
  values: Record<string, unknown>,
  complete: boolean,
): { errors: FieldError[]; clean: Record<string, number | null> } {
  const errors: FieldError[] = [];
  const clean: Record<string, number | null> = {};
  const byCode = new Map(t.indicators.map((i) => [i.code, i]));
  for (const [code, v] of Object.entries(values)) {
    const ind = byCode.get(code);
    const path = `values.${code}`;
    if (!ind) {
      errors.push({ path, code: 'UNKNOWN_INDICATOR', message: `No indicator ${code} in the template.` });
      continue;
    }
    if (ind.formula) {
      errors.push({ path, code: 'COMPUTED_INDICATOR', message: `${code} is computed by ${ind.formula}.` });
      continue;
    }
    if (v === null || v === undefined || v === '') {
      clean[code] = null;
      continue;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(',', '.')) : NaN;
    if (!Number.isFinite(n)) errors.push({ path, code: 'NOT_A_NUMBER', message: `${code} must be a number.` });
    else if (ind.type === 'integer' && (!Number.isInteger(n) || n < 0))
      errors.push({ path, code: 'NOT_A_WHOLE_NUMBER', message: `${code} must be a whole number ≥ 0.` });
    else if (ind.type === 'percent' && (n < 0 || n > 100))
      errors.push({ path, code: 'OUT_OF_RANGE', message: `${code} must be between 0 and 100.` });
    else clean[code] = n;
  }
  if (complete)
    for (const ind of t.indicators)
      if (ind.required && !ind.formula && (clean[ind.code] ?? null) === null)
        errors.push({ path: `values.${ind.code}`, code: 'REQUIRED', message: `${ind.code} is required.` });
  if (errors.length === 0) {
    const all = computeFormulas(t, clean);
    t.rules.forEach((r, i) => {
      const a = evaluate(parseFormula(r.left), all);
      const b = evaluate(parseFormula(r.right), all);
      if (a === null || b === null) return;
      const ok =
        r.op === '<=' ? a <= b : r.op === '>=' ? a >= b : r.op === '<' ? a < b : r.op === '>' ? a > b : a === b;
      if (!ok) {
        const first = [...refsOf(parseFormula(r.left))][0];
        errors.push({ path: first ? `values.${first}` : `rules.${i}`, code: 'RULE_VIOLATED', message: r.message });
      }
    });
  }
  return { errors, clean };
}

export interface AgencyValues {
  agencyCode: string;
  decidedAt: Date;
  values: Record<string, number | null>;
}

/**
 * Combine the accepted reports of a scope by each indicator's rule, then evaluate the formulas on
 * the combined values (a ratio of sums, not a sum of ratios).
 */
export function aggregate(t: RegimeTemplate, reports: AgencyValues[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const latestFirst = [...reports].sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime());
  for (const ind of t.indicators) {
    if (ind.formula) continue;
    const present = reports.filter((r) => typeof r.values[ind.code] === 'number');
    if (present.length === 0) {
      out[ind.code] = null;
      continue;
    }
    if (ind.aggregation === 'sum') out[ind.code] = present.reduce((s, r) => s + r.values[ind.code]!, 0);
    else if (ind.aggregation === 'latest')
      out[ind.code] = latestFirst.find((r) => typeof r.values[ind.code] === 'number')!.values[ind.code]!;
    else if (ind.weightBy) {
      let w = 0;
      let s = 0;
      for (const r of present) {
        const wt = r.values[ind.weightBy] ?? 0;
        w += wt;
        s += r.values[ind.code]! * wt;
      }
      out[ind.code] = w === 0 ? null : Math.round((s / w) * 10_000) / 10_000;
    } else
      out[ind.code] =
        Math.round((present.reduce((s, r) => s + r.values[ind.code]!, 0) / present.length) * 10_000) / 10_000;
  }
  return computeFormulas(t, out);
}
