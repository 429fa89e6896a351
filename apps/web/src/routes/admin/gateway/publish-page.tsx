import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePublishService, useGatewaySubsystems } from '../../../features/gateway';
import {
  blankFields,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  QueryError,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFormDraft,
  usePageTitle,
} from '../../../features/ui';

const MAX_OPENAPI_BYTES = 1024 * 1024;

interface PurposeDraft {
  code: string;
  name: string;
  legalBasis: string;
}

const emptyPurpose: PurposeDraft = { code: '', name: '', legalBasis: '' };

/**
 * A provider's administrator publishes a service version (POST /api/gateway/services): its provider
 * system, code and version, purposes with their legal basis, and the OpenAPI description as a file
 * (JSON or YAML; the server checks it is OpenAPI 3 and names what is wrong).
 */
export default function GatewayPublishPage() {
  const { t } = useTranslation('gateway');
  usePageTitle(t('publish.title'));
  const subsystems = useGatewaySubsystems();
  const publish = usePublishService();
  const { draft, setDraft, field, error, fe, check } = useFormDraft(
    { provider: '', code: '', version: '1', name: '', description: '', baseUrl: '' },
    publish.error,
  );
  const [where, setWhere] = useState<'inProcess' | 'remote'>('inProcess');
  const [purposes, setPurposes] = useState<PurposeDraft[]>([{ ...emptyPurpose }]);
  const [file, setFile] = useState<File | null>(null);
  const setPurpose = (i: number, k: keyof PurposeDraft) => (e: { target: { value: string } }) =>
    setPurposes(purposes.map((p, j) => (j === i ? { ...p, [k]: e.target.value } : p)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = blankFields(draft, ['provider', 'code', 'name']);
    if (where === 'remote' && !draft.baseUrl.trim()) missing.push({ path: 'baseUrl', code: 'REQUIRED' });
    purposes.forEach((p, i) => {
      for (const m of blankFields(p, ['code', 'name', 'legalBasis']))
        missing.push({ ...m, path: `purposes.${i}.${m.path}` });
    });
    if (!file) missing.push({ path: 'openapi', code: 'REQUIRED' });
    else if (file.size > MAX_OPENAPI_BYTES) missing.push({ path: 'openapi', code: 'OPENAPI_TOO_LARGE' });
    if (!check(missing) || !file) return;
    const version = Math.max(1, Math.min(999, Math.trunc(Number(draft.version)) || 1));
    publish.mutate(
      {
        provider: draft.provider,
        code: `${draft.code.trim()}.v${version}`,
        name: draft.name.trim(),
        description: draft.description.trim() || null,
        baseUrl: where === 'remote' ? draft.baseUrl.trim() : null,
        purposes: purposes.map((p) => ({ code: p.code.trim(), name: p.name.trim(), legalBasis: p.legalBasis.trim() })),
        openapi: await file.text(),
      },
      {
        onSuccess: () => {
          setDraft({ ...draft, code: '', version: '1', name: '', description: '' });
          setPurposes([{ ...emptyPurpose }]);
        },
      },
    );
  }

  const fieldIds: Record<string, string> = {
    provider: 'gp-provider',
    code: 'gp-code',
    name: 'gp-name',
    description: 'gp-description',
    baseUrl: 'gp-base-url',
    purposes: 'gp-purposes',
    openapi: 'gp-openapi',
    'openapi.openapi': 'gp-openapi',
    'openapi.paths': 'gp-openapi',
  };
  purposes.forEach((_, i) => {
    fieldIds[`purposes.${i}.code`] = `gp-purpose-${i}-code`;
    fieldIds[`purposes.${i}.name`] = `gp-purpose-${i}-name`;
    fieldIds[`purposes.${i}.legalBasis`] = `gp-purpose-${i}-basis`;
  });
  const openapiError = fe.openapi ?? fe['openapi.openapi'] ?? fe['openapi.paths'];

  return (
    <>
      <h1>{t('publish.title')}</h1>
      <p>{t('publish.intro')}</p>
      <p>
        <Link to="/admin/gateway/services">{t('publish.back')}</Link>
      </p>
      {publish.data && (
        <SuccessNotice>
          {t('publish.published', { code: publish.data.code, provider: publish.data.providerId })}
        </SuccessNotice>
      )}
      {subsystems.isError ? (
        <QueryError error={subsystems.error} />
      ) : (
        <>
          <ErrorSummary error={error} fieldIds={fieldIds} />
          <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="gateway-publish-form">
            <SelectField
              id="gp-provider"
              label={t('publish.provider')}
              hint={subsystems.data?.items.length === 0 ? t('publish.noProvider') : t('publish.providerHint')}
              {...field('provider')}
              blank={t('publish.choose')}
              choices={subsystems.data?.items.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }))}
            />
            <TextField
              id="gp-code"
              label={t('publish.code')}
              hint={t('publish.codeHint')}
              {...field('code')}
              autoComplete="off"
            />
            <TextField
              id="gp-version"
              label={t('publish.version')}
              type="number"
              inputMode="numeric"
              min={1}
              max={999}
              {...field('version')}
            />
            <TextField id="gp-name" label={t('publish.name')} {...field('name')} />
            <TextAreaField id="gp-description" label={t('publish.description')} {...field('description')} />
            <ChoiceGroup
              id="gp-where"
              legend={t('publish.where')}
              type="radio"
              value={where}
              choices={(['inProcess', 'remote'] as const).map((w) => ({ value: w, label: t(`publish.${w}`) }))}
              onChange={(v) => setWhere(v[0] ?? 'inProcess')}
            />
            {where === 'remote' && (
              <TextField
                id="gp-base-url"
                label={t('publish.baseUrl')}
                hint={t('publish.baseUrlHint')}
                type="url"
                inputMode="url"
                {...field('baseUrl')}
                autoComplete="off"
              />
            )}
            <fieldset id="gp-purposes" className={`field${fe.purposes ? ' field--error' : ''}`}>
              <legend className="label">{t('publish.purposes')}</legend>
              {fe.purposes && <span className="field-error">{fe.purposes}</span>}
              {purposes.map((p, i) => (
                <fieldset key={i} className="section" data-testid="gateway-publish-purpose">
                  <legend>{t('publish.purpose', { n: i + 1 })}</legend>
                  <TextField
                    id={`gp-purpose-${i}-code`}
                    label={t('publish.purposeCode')}
                    hint={t('publish.purposeCodeHint')}
                    value={p.code}
                    onChange={setPurpose(i, 'code')}
                    error={fe[`purposes.${i}.code`]}
                    autoComplete="off"
                  />
                  <TextField
                    id={`gp-purpose-${i}-name`}
                    label={t('publish.purposeName')}
                    value={p.name}
                    onChange={setPurpose(i, 'name')}
                    error={fe[`purposes.${i}.name`]}
                  />
                  <TextField
                    id={`gp-purpose-${i}-basis`}
                    label={t('publish.legalBasis')}
                    hint={t('publish.legalBasisHint')}
                    value={p.legalBasis}
                    onChange={setPurpose(i, 'legalBasis')}
                    error={fe[`purposes.${i}.legalBasis`]}
                  />
                  {purposes.length > 1 && (
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => setPurposes(purposes.filter((_, j) => j !== i))}
                    >
                      {t('publish.removePurpose', { n: i + 1 })}
                    </button>
                  )}
                </fieldset>
              ))}
              <button
                type="button"
                className="btn btn--secondary"
                disabled={purposes.length >= 20}
                onClick={() => setPurposes([...purposes, { ...emptyPurpose }])}
              >
                {t('publish.addPurpose')}
              </button>
            </fieldset>
            <FileField
              id="gp-openapi"
              label={t('publish.openapi')}
              hint={file ? t('publish.openapiChosen', { name: file.name }) : t('publish.openapiHint')}
              error={openapiError}
              accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <button className="btn" type="submit" disabled={publish.isPending}>
              {t('publish.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
