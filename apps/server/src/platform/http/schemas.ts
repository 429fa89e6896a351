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
