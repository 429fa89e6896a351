import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILE_TYPES, ApiError, formatBytes, MAX_UPLOAD_BYTES, uploadFile } from '../api';
import { RequiredMark } from '../forms/schema-form';
import type { RequiredDocument } from '../procedures/types';
import { describeError } from '../ui';

export interface AttachedFile {
  fileId: string;
  name: string;
  size?: number;
}

const ACCEPTED_EXTENSIONS = ACCEPTED_FILE_TYPES.split(',');

/** Checks worth doing before sending megabytes: the extension and the size (the server sniffs the content). */
export function precheckFile(file: { name: string; size: number }, maxBytes = MAX_UPLOAD_BYTES): ApiError | null {
  const ext = `.${file.name.split('.').pop()?.toLowerCase() ?? ''}`;
  if (!ACCEPTED_EXTENSIONS.includes(ext)) return new ApiError({ status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
  if (file.size > maxBytes) return new ApiError({ status: 413, code: 'FILE_TOO_LARGE', params: { maxBytes } });
  if (file.size === 0) return new ApiError({ status: 422, code: 'FILE_EMPTY' });
  return null;
}

/**
 * One required document: its name, originals/copies, a file input, upload progress, the uploaded
 * file (replace or remove) and its error (type, size, or "missing" from the form check).
 */
export function DocumentUpload({
  doc,
  value,
  onChange,
  error,
  idPrefix = 'doc',
}: {
  doc: Pick<RequiredDocument, 'id' | 'name' | 'originals' | 'copies' | 'required' | 'note'>;
  value: AttachedFile | undefined;
  onChange: (v: AttachedFile | undefined) => void;
  error?: string;
  idPrefix?: string;
}) {
  const { t, i18n } = useTranslation('services');
  const id = `${idPrefix}-${doc.id}`;
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const shownError = uploadError ?? error;

  async function pick(file: File | undefined) {
    if (!file) return;
    setUploadError(null);
    const pre = precheckFile(file);
    if (pre) {
      setUploadError(describeError(pre).message);
      if (input.current) input.current.value = '';
      return;
    }
    setProgress(0);
    try {
      const up = await uploadFile(file, setProgress);
      onChange({ fileId: up.id, name: up.name, size: up.size });
    } catch (e) {
      setUploadError(describeError(e).message);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  }

  const describedBy = [`${id}-hint`, shownError ? `${id}-error` : '', value ? `${id}-status` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field upload${shownError ? ' field--error' : ''}`} data-document={doc.id}>
      <label className="label" htmlFor={id}>
        {doc.name}
        {doc.required && <RequiredMark />}
      </label>
      <span className="hint" id={`${id}-hint`}>
        {t('upload.counts', { originals: doc.originals, copies: doc.copies })} {doc.note ? `${doc.note} ` : ''}
        {t('upload.hint')}
      </span>
      {shownError && (
        <span className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">{t('upload.errorPrefix')} </span>
          {shownError}
        </span>
      )}
      {value && (
        <p className="upload__done" id={`${id}-status`}>
          <span aria-hidden="true">✓ </span>
          {t('upload.uploaded')}: <strong>{value.name}</strong>
          {value.size !== undefined && <span className="muted"> ({formatBytes(value.size, i18n.language)})</span>}{' '}
          <button type="button" className="btn btn--link" onClick={() => onChange(undefined)}>
            {t('upload.remove')}
            <span className="visually-hidden"> {value.name}</span>
          </button>
        </p>
      )}
      <input
        ref={input}
        id={id}
        type="file"
        className="file-input file-input--hidden"
        accept={ACCEPTED_FILE_TYPES}
        aria-describedby={describedBy}
        aria-invalid={shownError ? true : undefined}
        disabled={progress !== null}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      {/* The browser's own button text is not translated: this label is the visible button. */}
      <label htmlFor={id} className="btn btn--secondary btn--small file-button">
        {value ? t('upload.replace') : t('upload.choose')}
      </label>
      {progress !== null && (
        <p className="upload__progress" role="status">
          <progress max={1} value={progress} aria-label={t('upload.progress', { name: doc.name })} />{' '}
          {t('upload.uploading', { percent: Math.round(progress * 100) })}
        </p>
      )}
    </div>
  );
}
