import { useTranslation } from 'react-i18next';
import type { useCertificates } from '../pki';
import { SelectField, TextField } from '../ui';

export interface Signer {
  position: string;
  competence: string;
}

type Certificate = NonNullable<ReturnType<typeof useCertificates>['data']>['items'][number];

/**
 * The signer's block of a signing form (one document or a batch): position, competence and, when the
 * leader holds several usable certificates, which one.
 */
export function SignerFields({
  idPrefix,
  signer,
  onSigner,
  usable,
  loaded,
  certificateId,
  onCertificate,
  fields,
}: {
  idPrefix: string;
  signer: Signer;
  onSigner: (s: Signer) => void;
  usable: Certificate[];
  /** The certificates have been fetched (so "none usable" is an answer, not a wait). */
  loaded: boolean;
  certificateId: string;
  onCertificate: (id: string) => void;
  fields: Record<string, string | undefined>;
}) {
  const { t } = useTranslation('documents');
  return (
    <>
      <TextField
        id={`${idPrefix}-position`}
        label={t('actionForm.signerPosition')}
        hint={t('actionForm.signerPositionHint')}
        value={signer.position}
        error={fields.signerPosition}
        onChange={(e) => onSigner({ ...signer, position: e.target.value })}
      />
      <TextField
        id={`${idPrefix}-competence`}
        label={t('actionForm.signerCompetence')}
        hint={t('actionForm.signerCompetenceHint')}
        value={signer.competence}
        onChange={(e) => onSigner({ ...signer, competence: e.target.value })}
      />
      {usable.length > 1 && (
        <SelectField
          id={`${idPrefix}-certificate`}
          label={t('actionForm.certificate')}
          value={certificateId}
          error={fields.certificateId}
          onChange={(e) => onCertificate(e.target.value)}
          blank={t('form.choose')}
          choices={usable.map((c) => ({
            value: c.id,
            label: t('actionForm.certificateOption', { serial: c.serial, until: c.notAfter.slice(0, 10) }),
          }))}
        />
      )}
      {loaded && usable.length === 0 && <p className="muted small">{t('actionForm.noCertificate')}</p>}
    </>
  );
}
