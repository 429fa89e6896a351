/**
 * Errors carry a stable SCREAMING_SNAKE code; one handler maps them to
 * application/problem+json (RFC 9457). The web app translates codes, the server never
 * sends prose that a client has to parse.
 */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: Record<string, unknown> = {},
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super(422, 'VALIDATION_FAILED', message, {}, errors);
  }
  /** One invalid field. */
  static field(path: string, code: string, message: string): ValidationError {
    return new ValidationError([{ path, code, message }]);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, params: Record<string, unknown> = {}) {
    super(400, code, message, params);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'UNAUTHENTICATED', message = 'Login required.', params: Record<string, unknown> = {}) {
    super(401, code, message, params, undefined, { 'www-authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = 'You are not allowed to do this.', params: Record<string, unknown> = {}) {
    super(403, code, message, params);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string, params: Record<string, unknown> = {}) {
    super(404, code, message, params);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, params: Record<string, unknown> = {}) {
    super(409, code, message, params);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfter: retryAfterSeconds }, undefined, {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}

/**
 * The raw body of a route that parses its own (XML, signed JSON): a Buffer, or 415 naming what to send
 * (no body, or a JSON body where the route's scope does not read JSON as bytes).
 */
export function rawBody(body: unknown, types: string): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${types}.`, { accepted: types });
}
