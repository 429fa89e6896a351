import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCertificateChallenge, useCertificateVerify } from '../../../features/identity';
import { ErrorSummary, FileField, formatDateTime, useFieldErrors } from '../../../features/ui';

/** A .p7s as the API takes it: DER → base64; a PEM or base64 text file as it is. */
async function signatureText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x30) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }
  return new TextDecoder().decode(bytes);
}

/**
 * "Xác thực bằng chữ ký số": the account holder signs a one-time text with his personal digital
 * signature certificate (USB token of a licensed CA) and uploads the detached signature (.p7s).
 * A browser cannot reach the token: the signing happens in the CA's tool or with OpenSSL.
 */
export function CertificateProof({ onVerified }: { onVerified: () => void }) {
  const { t, i18n } = useTranslation('account');
  const challenge = useCertificateChallenge();
  const verify = useCertificateVerify();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const fe = useFieldErrors(verify.error);
  const c = challenge.data;
  const href = useMemo(() => (c ? `data:text/plain;charset=utf-8;base64,${c.contentBase64}` : undefined), [c]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!c || !file) return;
    try {
      await verify.mutateAsync({ nonce: c.nonce, signature: await signatureText(file) });
      onVerified();
    } catch {
      // Shown by the error summary. The nonce is spent either way: a new text to sign replaces it.
      setFile(null);
      setInputKey((k) => k + 1);
      challenge.mutate();
    }
  };

  return (
    <div data-testid="certificate-proof">
      <h4 id="cert-proof-title">{t('identity.cert.title')}</h4>
      <p>{t('identity.cert.help')}</p>
      <ErrorSummary error={challenge.error ?? verify.error} fieldIds={{ signature: 'cert-file', nonce: 'cert-file' }} />
      {!c ? (
        <button
          className="btn btn--secondary"
          type="button"
          disabled={challenge.isPending}
          onClick={() => {
            verify.reset();
            challenge.mutate();
          }}
        >
          {t('identity.cert.start')}
        </button>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="cert-proof-title">
          {verify.error && (
            <p className="notice notice--warning" role="status">
              {t('identity.cert.renewed')}
            </p>
          )}
          <ol className="steps">
            <li>
              <p>{t('identity.cert.step1', { time: formatDateTime(c.expiresAt, i18n.language) })}</p>
              <pre className="mono cert-text" data-testid="cert-text">
                {c.content}
              </pre>
              <a className="btn btn--secondary" href={href} download={c.fileName}>
                {t('identity.cert.download', { name: c.fileName })}
              </a>
            </li>
            <li>
              <p>{t('identity.cert.step2')}</p>
              <p className="hint">{t('identity.cert.opensslHint')}</p>
              <pre className="mono cert-text">
                {`openssl cms -sign -binary -md sha256 -in ${c.fileName} -signer chung-thu.pem -inkey khoa.pem -outform DER -out chu-ky.p7s`}
              </pre>
            </li>
            <li>
              <FileField
                key={inputKey}
                id="cert-file"
                label={t('identity.cert.file')}
                hint={t('identity.cert.fileHint')}
                error={fe.signature ?? fe.nonce}
                accept=".p7s,.p7m,.pem,.der,application/pkcs7-signature"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <button className="btn" type="submit" disabled={!file || verify.isPending}>
                {t('identity.cert.submit')}
              </button>
            </li>
          </ol>
        </form>
      )}
    </div>
  );
}
