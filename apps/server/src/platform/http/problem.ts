import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  params?: Record<string, unknown>;
  errors?: FieldError[];
  traceId: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  p: Omit<Problem, 'type' | 'title' | 'traceId'> & { headers?: Record<string, string> },
) {
  const { headers, ...rest } = p;
  const body: Problem = {
    type: `/problems/${p.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[p.status] ?? 'Error',
    ...rest,
    traceId: String(req.id),
  };
  if (headers) reply.headers(headers);
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(body);
}

function zodPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/** The one error handler: AppError → its status; schema failures → 422 naming fields; the rest → 500. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return sendProblem(reply, req, {
      status: err.status,
      code: err.code,
      detail: err.message,
      params: Object.keys(err.params).length ? err.params : undefined,
      errors: err.errors,
      headers: err.headers,
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldError[] = err.validation.map((v) => {
      const custom = (v.params as { params?: { code?: string } } | undefined)?.params?.code;
      return {
        path: zodPath(v.instancePath),
        code: custom ?? String(v.keyword).toUpperCase(),
        message: v.message ?? 'invalid',
      };
    });
    return sendProblem(reply, req, {
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: `Invalid ${err.validationContext ?? 'request'}.`,
      errors,
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response does not match its schema');
    return sendProblem(reply, req, { status: 500, code: 'INTERNAL_ERROR', detail: 'Internal error.' });
  }
  const code = err.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
    return sendProblem(reply, req, {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'The request body is too large.',
    });
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
    return sendProblem(reply, req, {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Unsupported content type.',
    });
  }
  if (code.startsWith('FST_ERR_CTP') || err instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return sendProblem(reply, req, {
      status: 400,
      code: 'MALFORMED_BODY',
      detail: 'The request body could not be parsed.',
    });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, req, {
      status: err.statusCode,
      code: code.replace(/^FST_ERR_/, '') || 'BAD_REQUEST',
      detail: err.message,
    });
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, req, { status: 500, code: 'INTERNAL_ERROR', detail: 'Internal error.' });
}
