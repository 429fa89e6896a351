/** An RFC 9457 problem as the server sends it (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  params?: Record<string, unknown>;
  errors?: FieldProblem[];
  traceId?: string;
}

export interface FieldProblem {
  path: string;
  code: string;
  message?: string;
}

/** Thrown by apiFetch for every non-2xx answer and for network failures (status 0). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.problem.code === code);
}

/** Turn whatever body came back into a Problem, even when it is not problem+json. */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
    const b = body as Partial<Problem> & { code: string };
    return {
      ...b,
      status: typeof b.status === 'number' ? b.status : status,
      errors: Array.isArray(b.errors) ? b.errors.filter(isFieldProblem) : undefined,
    };
  }
  const code = status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`;
  const detail = typeof body === 'string' && body.length < 300 ? body : statusText || undefined;
  return { status, code, detail };
}

function isFieldProblem(x: unknown): x is FieldProblem {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof (x as FieldProblem).path === 'string' &&
    typeof (x as FieldProblem).code === 'string'
  );
}

/** Looks a message up; undefined when there is no translation for the key. */
export type Lookup = (key: string, params?: Record<string, unknown>) => string | undefined;

export interface DescribedProblem {
  /** The message for the whole form (error summary). */
  message: string;
  /** Messages per field path (`idNumber`, `roles.0` …). */
  fields: Record<string, string>;
}

/** Params the messages may interpolate, derived from the problem (e.g. minutes from retryAfter seconds). */
export function problemParams(p: Problem): Record<string, unknown> {
  const params: Record<string, unknown> = { ...(p.params ?? {}) };
  const retry = Number(params.retryAfter);
  if (Number.isFinite(retry) && retry > 0) params.minutes = Math.max(1, Math.ceil(retry / 60));
  return params;
}

/**
 * Map a problem to user-facing messages: `errors:codes.<CODE>` for the problem,
 * `errors:fields.<path>.<CODE>` then `errors:fields.<CODE>` for each field error,
 * falling back to the server's `detail` / `message`, then to the generic message for the status.
 */
export function describeProblem(p: Problem, lookup: Lookup): DescribedProblem {
  const params = problemParams(p);
  const fields: Record<string, string> = {};
  for (const f of p.errors ?? []) {
    const path = f.path || '_';
    if (fields[path]) continue;
    fields[path] =
      lookup(`errors:fields.${path}.${f.code}`, params) ??
      lookup(`errors:fields.${f.code}`, params) ??
      f.message ??
      lookup('errors:fields.INVALID', params) ??
      f.code;
  }
  const message =
    lookup(`errors:codes.${p.code}`, params) ??
    p.detail ??
    lookup(`errors:status.${p.status}`, params) ??
    lookup('errors:codes.UNKNOWN', params) ??
    p.code;
  return { message, fields };
}
