import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UploadedFile } from '../../../features/api';
import type { SignFormat } from '../../../features/signatures';
import { SuccessNotice } from '../../../features/ui';

/** Step 4: the signed file to download, a link to check it, and a new signature. */
export function DoneStep({
  signed,
  format,
  sourceFileId,
  onRestart,
}: {
  signed: UploadedFile;
  format: SignFormat;
  /** The file that was signed: a detached CAdES signature is checked against it. */
  sourceFileId: string;
  onRestart: () => void;
}) {
  const { t } = useTranslation('signatures');
  return (
    <section className="section" aria-labelledby="step-done">
      <h2 id="step-done" className="visually-hidden">
        {t('sign.done', { name: signed.name })}
      </h2>
      <SuccessNotice>{t('sign.done', { name: signed.name })}</SuccessNotice>
      <p>
        <a className="btn" href={`/api/files/${encodeURIComponent(signed.id)}`} download={signed.name}>
          {t('sign.download')}
        </a>
      </p>
      <p>
        <Link
          to={`/signatures/validate?fileId=${encodeURIComponent(signed.id)}${format === 'cades' ? `&detached=${encodeURIComponent(sourceFileId)}` : ''}`}
        >
          {t('sign.checkIt')}
        </Link>
      </p>
      <button className="btn btn--secondary" type="button" onClick={onRestart}>
        {t('sign.again')}
      </button>
    </section>
  );
}
