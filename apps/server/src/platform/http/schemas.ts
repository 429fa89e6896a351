import { z } from 'zod';

/** ?page=&pageSize= on every list. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** {items, total, page, pageSize} */
export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okResponse = z.object({ ok: z.literal(true) });

/**
 * A string matching a pattern, failing with a stable field error code (the `code` in
 * problem+json `errors[]`), e.g. `pattern(/^\d{12}$/, 'INVALID_ID_NUMBER_FORMAT', '12 digits')`.
 */
export function pattern(re: RegExp, code: string, message: string) {
  return z
    .string()
    .trim()
    .refine((v) => re.test(v), { message, params: { code } });
}

/**
 * Control characters, zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) and bidirectional
 * controls (LRM/RLM/ALM, embeddings, overrides, isolates): invisible in a name, they make two names look alike
 * or turn text around on screen and in printouts (a right-to-left override in a name, issue 11 item 9).
 */
export const INVISIBLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

/** A person's, agency's or document party's name: trimmed, NFC, no invisible or direction-changing characters. */
export function displayName(min = 2, max = 200) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), {
      message: 'Invisible or text-direction characters are not allowed in a name.',
      params: { code: 'INVISIBLE_CHARACTERS' },
    });
}
