import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * What never reaches a log line (issue 11 item 9: a database error logged its SQL parameters in full —
 * an argon2 hash, an ID number, an e-mail and a phone number were seen): secrets and personal data by
 * field name, and the parameters and key values that database errors carry in their messages.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...['password', 'passwordHash', 'password_hash', 'token', 'accessToken', 'secret', 'otp', 'claimCode']
    .concat(['idNumber', 'id_number', 'email', 'phone', 'username', 'taxCode', 'dateOfBirth'])
    .flatMap((k) => [k, `*.${k}`]),
];

const SECRETISH = /\$argon2[a-z]*\$[^\s,'")]+/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const LONG_DIGITS = /\b\d{9,13}\b/g;

/** Scrub one error message or stack: drop the parameters part of a failed query, mask what looks personal. */
export function scrubText(s: string): string {
  return s
    .replace(/(\nparams: )[\s\S]*?(\n {4}at |$)/, '$1[redacted]$2')
    .replace(/(Key \([^)]*\)=\()[^)]*\)/g, '$1[redacted])')
    .replace(SECRETISH, '[redacted]')
    .replace(EMAIL, '[redacted]')
    .replace(LONG_DIGITS, '[redacted]');
}

interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
  [k: string]: unknown;
}

/** pino's error serializer, then without query parameters, key values and personal data, down the cause chain. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as SerializedError;
  const clean: SerializedError = {};
  for (const [k, v] of Object.entries(out)) {
    if (k === 'params' || k === 'parameters') continue;
    if (k === 'cause') continue;
    clean[k] = typeof v === 'string' ? scrubText(v) : v;
  }
  if (err.cause && depth < 5) clean.cause = serializeError(err.cause, depth + 1);
  return clean;
}

/** Options of every logger of the platform (the application's and Fastify's). */
export function logOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
}

export function createLogger(level: string, stream?: DestinationStream): Logger {
  return stream ? pino(logOptions(level), stream) : pino(logOptions(level));
}
