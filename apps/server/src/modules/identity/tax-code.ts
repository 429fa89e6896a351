import { checkPersonalId } from './personal-id.js';

/**
 * Tax code / enterprise code (mã số thuế, TT 105/2020/TT-BTC Art 5): N1N2 range, N3–N9 sequence,
 * N10 check digit, optional -N11N12N13 for a branch or dependent unit. The check-digit rule is
 * the de-facto one (weights 31,29,23,19,17,13,7,5,3; N10 = 10 − Σ mod 11) — see vn-standards §9.3.
 *
 * An individual's tax code — a person, a household business or an individual in business, through
 * the head of the household — is his 12-digit personal ID number (Circular 86/2024/TT-BTC, Art 5,
 * in force 1 July 2025): accepted where the caller says the code may be an individual's.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export function taxCheckDigit(first9: string): number | null {
  const sum = [...first9].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  const digit = 10 - (sum % 11);
  return digit >= 0 && digit <= 9 ? digit : null;
}

export type TaxCodeProblem =
  | 'INVALID_TAX_CODE_FORMAT'
  | 'INVALID_TAX_CODE_CHECK_DIGIT'
  /** Twelve digits, but not a personal ID number (no such province of birth registration). */
  | 'INVALID_TAX_CODE_PERSONAL_ID';

export interface TaxCodeOptions {
  /** The code may be an individual's: then a 12-digit personal ID number is a tax code too. */
  individual?: boolean;
}

/** A tax code written as a 12-digit personal ID number (an individual's, Circular 86/2024/TT-BTC). */
export const isPersonalIdTaxCode = (code: string) => /^\d{12}$/.test(code.trim());

/** Normalise `0100109106001` / `0100109106-001` to the written form with a dash. */
export function normaliseTaxCode(raw: string): string {
  const s = raw.trim().replace(/\s/g, '');
  return /^\d{13}$/.test(s) ? `${s.slice(0, 10)}-${s.slice(10)}` : s;
}

export function checkTaxCode(raw: string, opts: TaxCodeOptions = {}): TaxCodeProblem | null {
  const code = normaliseTaxCode(raw);
  if (isPersonalIdTaxCode(code)) {
    if (!opts.individual) return 'INVALID_TAX_CODE_FORMAT';
    return checkPersonalId(code) ? 'INVALID_TAX_CODE_PERSONAL_ID' : null;
  }
  const m = /^(\d{10})(?:-(\d{3}))?$/.exec(code);
  if (!m) return 'INVALID_TAX_CODE_FORMAT';
  if (m[2] === '000') return 'INVALID_TAX_CODE_FORMAT';
  const expected = taxCheckDigit(m[1]!.slice(0, 9));
  if (expected === null || expected !== Number(m[1]![9])) return 'INVALID_TAX_CODE_CHECK_DIGIT';
  return null;
}

/** Complete nine digits with their check digit (tests and demo data); null if no digit fits. */
export function makeTaxCode(first9: string): string | null {
  const d = taxCheckDigit(first9);
  return d === null ? null : `${first9}${d}`;
}
