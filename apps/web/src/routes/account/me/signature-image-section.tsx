import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoveSignatureImage, useSetSignatureImage, useSignatureImage } from '../../../features/signatures';
import { ErrorSummary, formatDateTime, Loading, QueryError, SuccessNotice, useFieldErrors } from '../../../features/ui';

/**
 * A civil servant's specimen signature (chữ ký mẫu): the PNG drawn at the signer's block of the
 * documents he signs (Decree 30/2020 Phụ lục I), set, replaced or removed by himself only.
 */
export function SignatureImageSection() {
  const { t, i18n } = useTranslation('signatures');
  const image = useSignatureImage();
  const set = useSetSignatureImage();
  const remove = useRemoveSignatureImage();
  const fileRef = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const fieldErrors = useFieldErrors(set.error);
  const error = missing ? t('image.pick') : fieldErrors.image;

  function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setDone(null);
    if (!file) return setMissing(true);
    setMissing(false);
    set.mutate(file, {
      onSuccess: () => {
        setDone('saved');
        if (fileRef.current) fileRef.current.value = '';
      },
    });
  }

  return (
    <section className="section" aria-labelledby="signature-image-title">
      <h2 id="signature-image-title">{t('image.title')}</h2>
      <p>{t('image.intro')}</p>
      {done && <SuccessNotice>{t(`image.${done}`)}</SuccessNotice>}
      <ErrorSummary error={set.error ?? remove.error} fieldIds={{ image: 'signature-image-file' }} />
      {image.isPending ? (
        <Loading />
      ) : image.isError ? (
        <QueryError error={image.error} />
      ) : image.data ? (
        <figure className="signature-image" data-testid="signature-image">
          {/* The sha256 in the address: a new image is fetched, never an old cached one. */}
          <img src={`/api/me/signature-image?v=${image.data.sha256.slice(0, 16)}`} alt={t('image.alt')} />
          <figcaption className="muted">
            {t('image.size', {
              width: image.data.width,
              height: image.data.height,
              date: formatDateTime(image.data.updatedAt, i18n.language),
            })}
          </figcaption>
        </figure>
      ) : (
        <p className="muted">{t('image.none')}</p>
      )}
      <form onSubmit={submit} noValidate>
        <div className={`field${error ? ' field--error' : ''}`}>
          <label className="label" htmlFor="signature-image-file">
            {t('image.file')}
          </label>
          {error && (
            <span className="field-error" id="signature-image-file-error">
              <span className="visually-hidden">Lỗi / Error: </span>
              {error}
            </span>
          )}
          <input
            ref={fileRef}
            id="signature-image-file"
            type="file"
            accept="image/png"
            className="input"
            aria-describedby={error ? 'signature-image-file-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="btn-row">
          <button type="submit" className="btn" disabled={set.isPending}>
            {image.data ? t('image.replace') : t('image.upload')}
          </button>
          {image.data && (
            <button
              type="button"
              className="btn btn--secondary"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('image.confirmRemove')))
                  remove.mutate(undefined, { onSuccess: () => setDone('removed') });
              }}
            >
              {t('image.remove')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
