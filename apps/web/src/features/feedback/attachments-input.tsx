import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, formatBytes, unwrap, uploadFile, type UploadedFile } from '../api';
import './i18n';

/** What feedback accepts (the server sniffs the content; this only spares a pointless upload). */
export const FEEDBACK_FILE_TYPES = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const FEEDBACK_MAX_BYTES = 10 * 1024 * 1024;
export const FEEDBACK_MAX_FILES = 5;

export interface FeedbackFile {
  id: string;
  name: string;
  size: number;
}

/** The verification an anonymous filer's uploads belong to, and the token that proves it is his. */
export interface FeedbackUploadVerification {
  id: string;
  uploadToken: string;
}

/** Upload endpoint: the anonymous verification's own (with its token), else the logged-in filer's. */
function uploadTarget(v: FeedbackUploadVerification | undefined) {
  return v
    ? {
        url: `/api/feedback/contact-codes/${encodeURIComponent(v.id)}/files`,
        headers: { 'upload-token': v.uploadToken },
      }
    : { url: '/api/feedback/uploads' };
}

/** Delete an upload taken out of the form (the server keeps a file a filing lists). */
function removeUpload(fileId: string, v: FeedbackUploadVerification | undefined) {
  return unwrap(
    v
      ? api.DELETE('/api/feedback/contact-codes/{id}/files/{fileId}', {
          params: { path: { id: v.id, fileId } },
          headers: { 'upload-token': v.uploadToken },
        })
      : api.DELETE('/api/feedback/uploads/{fileId}', { params: { path: { fileId } } }),
  );
}

/**
 * The attachments of a filing: PDF, JPEG or PNG, each uploaded at once (to the logged-in filer's
 * feedback uploads, or to the anonymous verification's own endpoint with its token), listed with a
 * remove button that deletes the upload on the server.
 */
export function FeedbackAttachmentsInput({
  files,
  onChange,
  verification,
  disabledHint,
}: {
  files: FeedbackFile[];
  onChange: (f: FeedbackFile[]) => void;
  /** Anonymous: the verification the files are uploaded with; undefined: logged in. */
  verification?: FeedbackUploadVerification;
  /** Why the input is not usable yet (an anonymous filer without a code); null when it is. */
  disabledHint: string | null;
}) {
  const { t, i18n } = useTranslation('feedback');
  const id = 'fb-files';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove(f: FeedbackFile) {
    setError(null);
    setBusy(true);
    try {
      await removeUpload(f.id, verification);
      onChange(files.filter((x) => x.id !== f.id));
    } catch (e) {
      // Gone already (removed in another tab, cleaned up, or uploaded with an earlier code): out of the list too.
      if (e instanceof ApiError && e.problem.status === 404) onChange(files.filter((x) => x.id !== f.id));
      else setError(t('attachments.removeFailed', { name: f.name }));
    } finally {
      setBusy(false);
    }
  }

  async function pick(list: FileList | null) {
    setError(null);
    if (!list?.length) return;
    const added: FeedbackFile[] = [];
    setBusy(true);
    try {
      for (const f of Array.from(list)) {
        if (files.length + added.length >= FEEDBACK_MAX_FILES) {
          setError(t('attachments.tooMany', { max: FEEDBACK_MAX_FILES }));
          break;
        }
        if (f.size > FEEDBACK_MAX_BYTES) {
          setError(t('attachments.tooLarge', { name: f.name, max: formatBytes(FEEDBACK_MAX_BYTES, i18n.language) }));
          continue;
        }
        try {
          const up: UploadedFile = await uploadFile(f, undefined, undefined, uploadTarget(verification));
          added.push({ id: up.id, name: up.name, size: up.size });
        } catch (e) {
          const code = e instanceof ApiError ? e.problem.code : undefined;
          setError(
            code === 'FILE_TYPE_NOT_ALLOWED' || code === 'FILE_TYPE_MISMATCH' || code === 'FILE_CONTENT_MISMATCH'
              ? t('attachments.badType', { name: f.name })
              : code === 'FILE_TOO_LARGE'
                ? t('attachments.tooLarge', { name: f.name, max: formatBytes(FEEDBACK_MAX_BYTES, i18n.language) })
                : code === 'TOO_MANY_UNFILED_UPLOADS'
                  ? t('attachments.tooManyUnfiled', { max: (e as ApiError).problem.params?.max ?? '' })
                  : t('attachments.failed', { name: f.name }),
          );
        }
      }
    } finally {
      setBusy(false);
      onChange([...files, ...added]);
    }
  }

  return (
    <div className="field">
      <label className="label" htmlFor={id}>
        {t('attachments.label')}
      </label>
      <span className="hint" id={`${id}-hint`}>
        {disabledHint ??
          t('attachments.hint', { max: FEEDBACK_MAX_FILES, size: formatBytes(FEEDBACK_MAX_BYTES, i18n.language) })}
      </span>
      <input
        id={id}
        type="file"
        multiple
        accept={FEEDBACK_FILE_TYPES}
        aria-describedby={`${id}-hint`}
        disabled={!!disabledHint || busy || files.length >= FEEDBACK_MAX_FILES}
        onChange={(e) => {
          void pick(e.target.files);
          e.target.value = '';
        }}
      />
      {busy && <p role="status">{t('attachments.uploading')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ul className="file-list" aria-label={t('attachments.list')}>
          {files.map((f) => (
            <li key={f.id}>
              <span>
                {f.name} ({formatBytes(f.size, i18n.language)})
              </span>{' '}
              <button
                type="button"
                className="btn btn--link"
                disabled={busy}
                onClick={() => void remove(f)}
                aria-label={t('attachments.remove', { name: f.name })}
              >
                {t('attachments.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
