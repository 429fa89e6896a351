/** At least 8 characters with three of: lower case, upper case, digit, symbol (or 14+ characters). */
export function checkPasswordStrength(pw: string): 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_WEAK' | null {
  if (pw.length < 8) return 'PASSWORD_TOO_SHORT';
  if (pw.length >= 14) return null;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return classes >= 3 ? null : 'PASSWORD_TOO_WEAK';
}
