import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACCEPTED_FILE_TYPES, uploadFile } from '../../../features/api';
import { reportUrl, ReportView, useValidateFile } from '../../../features/signatures';
import { ErrorSummary, Loading, TextField, usePageTitle } from '../../../features/ui';

/** "Kiểm tra chữ ký số": upload any file (or come from the sign page), see the ETSI report. */
export function ValidatePage() {
  const { t } = useTranslation('signatures');
  usePageTitle(t('validate.title'));
  const [params] = useSearchParams();
  const validate = useValidateFile();
  const [file, setFile] = useState<File | null>(null);
  const [detached, setDetached] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploaded, setChecked] = useState<{ fileId: string; detachedContentFileId?: string } | null>(null);
  const { mutate } = validate;

  // Coming from the sign page: the signed file is already on the server.
  const fromParams = useMemo(() => {
    const fileId = params.get('fileId');
    return fileId ? { fileId, detachedContentFileId: params.get('detached') ?? undefined } : null;
  }, [params]);
  const checked = uploaded ?? fromParams;
  useEffect(() => {
    if (fromParams) mutate(fromParams);
  }, [fromParams, mutate]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setUploadError(null);
    try {
      const up = await uploadFile(file);
      const content = detached ? await uploadFile(detached) : null;
      const ids = { fileId: up.id, detachedContentFileId: content?.id };
      setChecked(ids);
      validate.mutate(ids);
    } catch (err) {
      setUploadError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page--narrow">
      <h1>{t('validate.title')}</h1>
      <p className="lead">{t('validate.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary error={uploadError ?? validate.error} />
        <TextField
          id="validate-file"
          type="file"
          label={t('validate.file')}
          accept={ACCEPTED_FILE_TYPES}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <TextField
          id="validate-detached"
          type="file"
          label={t('validate.detached')}
          accept={ACCEPTED_FILE_TYPES}
          onChange={(e) => setDetached(e.target.files?.[0] ?? null)}
        />
        <button className="btn" type="submit" disabled={!file || busy || validate.isPending}>
          {t('validate.submit')}
        </button>
      </form>
      {(busy || validate.isPending) && <Loading label={t('validate.checking')} />}
      {validate.data && checked && (
        <>
          <ReportView report={validate.data} />
          <p className="sig-actions">
            <a href={reportUrl(checked.fileId, 'html', checked.detachedContentFileId)} target="_blank" rel="noreferrer">
              {t('validate.reportHtml')}
            </a>
            <a href={reportUrl(checked.fileId, 'pdf', checked.detachedContentFileId)}>{t('validate.reportPdf')}</a>
          </p>
        </>
      )}
    </div>
  );
}
