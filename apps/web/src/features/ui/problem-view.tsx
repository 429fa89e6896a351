import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { lookup } from '../../i18n';
import { ApiError, type DescribedProblem, describeProblem, toProblem } from '../api/problem';

/** Messages for any error a mutation or query raised. */
export function describeError(error: unknown): DescribedProblem {
  if (error instanceof ApiError) return describeProblem(error.problem, lookup);
  // WebAuthn ceremonies fail in the browser (cancelled, timed out, no authenticator): not a server problem.
  if (
    error instanceof Error &&
    (error.name === 'NotAllowedError' ||
      error.name === 'AbortError' ||
      error.name === 'InvalidStateError' ||
      error.name === 'WebAuthnError')
  ) {
    const code = error.name === 'InvalidStateError' ? 'WEBAUTHN_ALREADY_REGISTERED' : 'WEBAUTHN_CANCELLED';
    return describeProblem({ status: 0, code, detail: error.message }, lookup);
  }
  return describeProblem(toProblem(0, null), lookup);
}

/** The field messages of an error, or {} (re-renders on language change). */
export function useFieldErrors(error: unknown): Record<string, string> {
  useTranslation('errors');
  return error ? describeError(error).fields : {};
}

/**
 * GOV.UK-style error summary: takes focus when it appears, lists the field errors as links.
 * `fieldIds` maps a server field path to the input's id on the page.
 */
export function ErrorSummary({
  error,
  fieldIds = {},
  labels = {},
}: {
  error: unknown;
  fieldIds?: Record<string, string>;
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation('errors');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const d = describeError(error);
  const fields = Object.entries(d.fields);
  // The reference helps support find a server fault; for the user's own input errors it is noise.
  const traceId = error instanceof ApiError && error.status >= 500 ? error.problem.traceId : undefined;
  return (
    <div className="alert" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('summaryTitle')}</h2>
      <p>{d.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([path, msg]) => (
            <li key={path}>
              <a href={`#${fieldIds[path] ?? path}`}>{labels[path] ? `${labels[path]}: ${msg}` : msg}</a>
            </li>
          ))}
        </ul>
      )}
      {traceId && <p className="muted">{t('traceId', { traceId })}</p>}
    </div>
  );
}

/** Inline error for a query (list failed to load, not found …). */
export function QueryError({ error }: { error: unknown }) {
  const d = describeError(error);
  return (
    <div className="notice notice--warning" role="alert">
      <p>{d.message}</p>
    </div>
  );
}

/** Client-side checks reported exactly like the server's 422, so one summary shows both. */
export function clientValidation(errors: { path: string; code: string }[]): ApiError | null {
  return errors.length ? new ApiError({ status: 422, code: 'VALIDATION_FAILED', errors }) : null;
}
