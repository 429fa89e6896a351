import type { FieldProblem } from '../../../features/api';

export interface RegisterForm {
  accountType: 'citizen' | 'business';
  idNumber: string;
  taxCode: string;
  fullName: string;
  dateOfBirth: string;
  gender: '' | 'male' | 'female';
  email: string;
  phone: string;
  password: string;
  passwordConfirm: string;
}

/**
 * The checks worth doing before the round trip (missing fields, obvious format slips, the two
 * passwords differ). The server remains the authority: it checks the ID against birth date and gender.
 */
export function checkRegisterForm(f: RegisterForm): FieldProblem[] {
  const out: FieldProblem[] = [];
  const req = (path: keyof RegisterForm) => {
    if (!String(f[path]).trim()) out.push({ path, code: 'REQUIRED' });
    return !!String(f[path]).trim();
  };
  if (f.accountType === 'business') {
    // 10 or 13 digits, or an individual's 12-digit personal ID number (Circular 86/2024/TT-BTC).
    if (req('taxCode') && !/^(\d{10}(-?\d{3})?|\d{12})$/.test(f.taxCode.trim()))
      out.push({ path: 'taxCode', code: 'INVALID_TAX_CODE_FORMAT' });
  } else if (req('idNumber') && !/^\d{12}$/.test(f.idNumber.trim()))
    out.push({ path: 'idNumber', code: 'INVALID_ID_NUMBER_FORMAT' });
  req('fullName');
  if (f.accountType === 'citizen') {
    // Both are checked against the ID number's century/gender digit and year.
    req('dateOfBirth');
    req('gender');
  }
  if (req('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim()))
    out.push({ path: 'email', code: 'INVALID_EMAIL' });
  req('phone');
  req('password');
  if (req('passwordConfirm') && f.password !== f.passwordConfirm)
    out.push({ path: 'passwordConfirm', code: 'PASSWORD_MISMATCH' });
  return out;
}
