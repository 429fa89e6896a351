import type { FieldProblem, Problem } from '../api/problem';

/**
 * Attachment errors come as `attachments.<documentId>` (a required document is missing) or
 * `attachments.<index>.fileId` (an entry of the list we sent): both become `attachments.<documentId>`
 * so they show next to the right upload.
 */
export function normalizeProblemPath(path: string, sentDocumentIds: readonly string[] = []): string {
  const m = /^attachments\.(\d+)(\.\w+)?$/.exec(path);
  if (m) {
    const doc = sentDocumentIds[Number(m[1])];
    return doc ? `attachments.${doc}` : 'attachments';
  }
  return path;
}

/** The same problem with its field paths normalized (see normalizeProblemPath). */
export function normalizeProblem(p: Problem, sentDocumentIds: readonly string[] = []): Problem {
  if (!p.errors) return p;
  return {
    ...p,
    errors: p.errors.map((e: FieldProblem) => ({ ...e, path: normalizeProblemPath(e.path, sentDocumentIds) })),
  };
}

/**
 * The DOM id of the input a problem path belongs to: `formData.child.fullName` → `fd-child-fullName`,
 * `attachments.to_khai` → `doc-to_khai`, `applicant.idNumber` → `applicant-idNumber`.
 */
export function problemFieldId(path: string): string {
  if (path === 'formData') return 'fd-form';
  if (path.startsWith('formData.')) return `fd-${path.slice('formData.'.length).split('.').join('-')}`;
  if (path.startsWith('attachments.')) return `doc-${path.slice('attachments.'.length).split('.')[0]}`;
  return path.split('.').join('-');
}

/** `fieldIds` for ErrorSummary: every path of the problem → its input id. */
export function problemFieldIds(paths: Iterable<string>): Record<string, string> {
  return Object.fromEntries([...paths].map((p) => [p, problemFieldId(p)]));
}
