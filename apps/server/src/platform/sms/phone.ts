/**
 * Vietnamese mobile numbers: 10 digits starting with 0 (`0912345678`), or the same after +84 / 84
 * (`+84912345678`). Since the 2018 renumbering mobile numbers start 03, 05, 07, 08 or 09. Spaces,
 * dots, dashes and parentheses are ignored. Answers E.164 (`+84912345678`), or null.
 */
export function normalizeVnPhone(input: string): string | null {
  const s = input.trim().replace(/[\s.\-()]/g, '');
  const m = /^(?:\+84|84|0)([35789]\d{8})$/.exec(s);
  return m ? `+84${m[1]}` : null;
}

/** `+84912345678` → `0912 345 678` (how people read their own number). */
export function displayVnPhone(e164: string): string {
  const n = `0${e164.slice(3)}`;
  return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
}

/** `+84912345678` → `0912***678`: enough to recognise one's number, not to read it out. */
export function maskVnPhone(e164: string): string {
  const n = `0${e164.slice(3)}`;
  return `${n.slice(0, 4)}***${n.slice(7)}`;
}
