import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, BadRequestError, ValidationError } from './errors.js';
import {
  checkJsonLimits,
  decodeUtf8Strict,
  findBadText,
  isValidUtf8Url,
  JSON_LIMIT_CODES,
  type JsonLimits,
} from './json-limits.js';

const LIMIT_WORDS = {
  depth: 'nested arrays and objects',
  arrayLength: 'items in one array',
  objectKeys: 'keys in one object',
  stringLength: 'characters in one string',
} as const;

/** Headers whose values become data (stored, compared, looked up): printable ASCII only. */
const DATA_HEADERS = ['idempotency-key', 'user-agent', 'x-csrf-token', 'authorization'];

/**
 * The input checks every route gets, before its own schema sees anything:
 * - JSON bodies are strict UTF-8 and within JsonLimits (413 naming the limit), then parsed with
 *   Fastify's own parser (prototype poisoning refused);
 * - the request target's percent-encoding is valid UTF-8 (400 INVALID_UTF8);
 * - headers used as data are printable ASCII (400 INVALID_HEADER);
 * - no string of the path parameters, query or body holds NUL or a lone surrogate (422 naming it).
 */
export function installInputGuards(app: FastifyInstance, limits: JsonLimits) {
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const text = decodeUtf8Strict(body as Buffer);
    if (text === null) return done(new BadRequestError('INVALID_UTF8', 'The request body is not valid UTF-8.'));
    const v = checkJsonLimits(text, limits);
    if (v) {
      const code = JSON_LIMIT_CODES[v.limit];
      const message = `At most ${v.max} ${LIMIT_WORDS[v.limit]}.`;
      return done(
        new AppError(413, code, `The JSON body exceeds a limit: ${message}`, { limit: v.limit, max: v.max }, [
          { path: v.path, code, message },
        ]),
      );
    }
    void defaultJson(req, text, done);
  });

  app.addHook('onRequest', async (req) => {
    if (!isValidUtf8Url(req.url)) {
      throw new BadRequestError('INVALID_UTF8', 'The address holds percent-encoded bytes that are not UTF-8.');
    }
    for (const name of DATA_HEADERS) {
      const v = req.headers[name];
      if (typeof v === 'string' && !/^[\x20-\x7e]*$/.test(v)) {
        throw new BadRequestError('INVALID_HEADER', `The ${name} header may hold printable ASCII only.`, {
          header: name,
        });
      }
    }
  });

  app.addHook('preValidation', async (req: FastifyRequest) => {
    for (const [where, value] of [
      ['path', req.params],
      ['query string', req.query],
      ['body', req.body],
    ] as const) {
      const bad = findBadText(value);
      if (bad) {
        throw new ValidationError(
          [
            {
              path: bad.path,
              code: bad.reason,
              message: bad.reason === 'NUL_CHARACTER' ? 'NUL characters are refused.' : 'Unpaired surrogate.',
            },
          ],
          `Invalid ${where}: ${bad.reason === 'NUL_CHARACTER' ? 'a NUL character' : 'a lone surrogate'}.`,
        );
      }
    }
  });
}
