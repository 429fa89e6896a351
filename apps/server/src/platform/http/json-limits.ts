/**
 * Bounds on a JSON text, checked by one linear scan of the text before it is parsed, so that no
 * request can hand the rest of the server (the zod validators, the database: PGlite 0.3 faulted for
 * good on a 1,000-level array, ADR 0016) a value deeper, longer or wider than these.
 */
export interface JsonLimits {
  /** Nesting of arrays and objects. */
  maxDepth: number;
  /** Items of one array. */
  maxArrayLength: number;
  /** Keys of one object. */
  maxObjectKeys: number;
  /** Characters of one string (key or value), as written in the text. */
  maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxDepth: 32,
  maxArrayLength: 10_000,
  maxObjectKeys: 1_000,
  maxStringLength: 256 * 1024,
};

export type JsonLimitName = 'depth' | 'arrayLength' | 'objectKeys' | 'stringLength';

export interface JsonLimitViolation {
  limit: JsonLimitName;
  max: number;
  /** Where, in the dotted form the validation errors use (`formData.x.0.0`); '' is the whole body. */
  path: string;
}

export const JSON_LIMIT_CODES: Record<JsonLimitName, string> = {
  depth: 'JSON_TOO_DEEP',
  arrayLength: 'JSON_ARRAY_TOO_LONG',
  objectKeys: 'JSON_TOO_MANY_KEYS',
  stringLength: 'JSON_STRING_TOO_LONG',
};

interface Level {
  array: boolean;
  /** Commas seen at this level: the index of the current item. */
  commas: number;
  expectKey: boolean;
  keyStart: number;
  keyEnd: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first limit the text exceeds, or null. It does not check that the text is JSON (the parser
 * does that next); on malformed text it stops at the end without harm.
 */
export function checkJsonLimits(text: string, l: JsonLimits = DEFAULT_JSON_LIMITS): JsonLimitViolation | null {
  const stack: Level[] = [];
  const pathOf = (extraKey?: [number, number]) => {
    const parts: string[] = [];
    for (const lv of stack) {
      if (lv.array) parts.push(String(lv.commas));
      else if (lv.keyEnd > lv.keyStart) parts.push(text.slice(lv.keyStart, Math.min(lv.keyEnd, lv.keyStart + 100)));
    }
    if (extraKey) parts.push(text.slice(extraKey[0], Math.min(extraKey[1], extraKey[0] + 100)));
    return parts.join('.');
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH) j += 2;
        else if (d === QUOTE) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      const isKey = top !== undefined && !top.array && top.expectKey;
      if (j - i - 1 > l.maxStringLength) {
        return { limit: 'stringLength', max: l.maxStringLength, path: pathOf() };
      }
      if (isKey) {
        top.expectKey = false;
        top.keyStart = i + 1;
        top.keyEnd = j;
      }
      i = j;
      continue;
    }
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (stack.length >= l.maxDepth) return { limit: 'depth', max: l.maxDepth, path: pathOf() };
      stack.push({ array: c === 0x5b, commas: 0, expectKey: c === 0x7b, keyStart: 0, keyEnd: 0 });
      continue;
    }
    if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      stack.pop();
      continue;
    }
    if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (!top) continue;
      top.commas++;
      if (top.array && top.commas >= l.maxArrayLength) {
        return { limit: 'arrayLength', max: l.maxArrayLength, path: pathOf().replace(/\.?\d+$/, '') };
      }
      if (!top.array) {
        if (top.commas >= l.maxObjectKeys) {
          top.keyEnd = top.keyStart;
          return { limit: 'objectKeys', max: l.maxObjectKeys, path: pathOf() };
        }
        top.expectKey = true;
      }
    }
  }
  return null;
}

/** Where a string holds what no field of ours accepts: NUL, or half of a surrogate pair. */
export type BadTextReason = 'NUL_CHARACTER' | 'LONE_SURROGATE';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function badText(s: string): BadTextReason | null {
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(s)) return 'LONE_SURROGATE';
  return null;
}

/**
 * The first string (value or key) of a parsed value that holds NUL or a lone surrogate, with its
 * path. The value is already bounded in depth (checkJsonLimits), so recursion is safe.
 */
export function findBadText(value: unknown, path: string[] = []): { path: string; reason: BadTextReason } | null {
  if (typeof value === 'string') {
    const reason = badText(value);
    return reason ? { path: path.join('.'), reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const keyReason = badText(k);
      if (keyReason)
        return {
          path: [
            ...path,
            k.replaceAll('\u0000', '\ufffd').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd'),
          ].join('.'),
          reason: keyReason,
        };
      const found = findBadText(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decode UTF-8, refusing invalid sequences (overlong forms, encoded surrogates, cut-off characters). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether a request target's percent-encoded bytes are valid UTF-8 (the router and the query-string
 * parser would otherwise put U+FFFD in their place, silently).
 */
export function isValidUtf8Url(url: string): boolean {
  if (!url.includes('%') && /^[\x20-\x7e]*$/.test(url)) return true;
  const bytes: number[] = [];
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x25 /* % */ && i + 2 < url.length) {
      const hex = url.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    if (c > 0xff) return false;
    bytes.push(c);
  }
  return decodeUtf8Strict(Uint8Array.from(bytes)) !== null;
}
