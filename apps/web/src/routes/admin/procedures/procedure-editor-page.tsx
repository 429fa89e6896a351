import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { checkModel, modelToSchema } from '../../../features/forms/designer-model';
import { type FormModel, schemaToModel } from '../../../features/forms/schema-model';
import {
  useCreateProcedure,
  useProcedureDraft,
  useProcedureVersions,
  usePublishProcedure,
  useSaveProcedureDraft,
} from '../../../features/procedures/hooks';
import {
  CHANNELS,
  FEE_COLLECTION,
  LEVELS,
  ONLINE_MODES,
  type Procedure,
  type ProcedureContent,
  SUBJECTS,
} from '../../../features/procedures/types';
import {
  Breadcrumbs,
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  formatDateTime,
  Loading,
  QueryError,
  SelectField,
  SuccessNotice,
  TableView,
  TextAreaField,
  TextField,
  useFieldErrors,
  usePageTitle,
} from '../../../features/ui';
import { DocumentsEditor, FeesEditor } from './list-editors';
import { FormDesigner } from './form-designer';
import { WorkflowEditor } from './workflow-editor';

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export const EMPTY_CONTENT: ProcedureContent = {
  name: '',
  field: '',
  level: 'commune',
  implementingAgencies: [],
  steps: [],
  channels: ['online', 'counter'],
  requiredDocuments: [],
  processingDays: 5,
  fees: [],
  feeCollection: 'free',
  resultType: '',
  legalBasis: [],
  subjects: ['citizen'],
  onlineMode: 'partial',
  formSchema: { type: 'object', properties: {} },
  approvalStepUp: 'none',
};

const APPROVAL_STEP_UP = ['none', 'totp_or_passkey'] as const;

/** The editable part of a procedure version. */
export function contentOf(p: Procedure): ProcedureContent {
  const { code: _c, version: _v, status: _s, publishedAt: _p, ...content } = p;
  return content;
}

/** Id of an editor input for a server path (`requiredDocuments.0.name` → `pe-requiredDocuments-0-name`). */
export const editorFieldId = (path: string) =>
  path.startsWith('formSchema') ? 'pe-formSchema' : `pe-${path.split('.').join('-')}`;

function Editor({ code, initial, isNew }: { code?: string; initial: ProcedureContent; isNew: boolean }) {
  const { t, i18n } = useTranslation('admin');
  const navigate = useNavigate();
  const [content, setContent] = useState<ProcedureContent>(initial);
  const [newCode, setNewCode] = useState('');
  const [model, setModel] = useState<FormModel>(() => schemaToModel(initial.formSchema));
  const [text, setText] = useState(() => ({
    steps: initial.steps.join('\n'),
    legalBasis: initial.legalBasis.join('\n'),
    agencies: initial.implementingAgencies.join('\n'),
  }));
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useCreateProcedure();
  const save = useSaveProcedureDraft();
  const publish = usePublishProcedure();
  const versions = useProcedureVersions(isNew ? undefined : code);
  const error = localError ?? create.error ?? save.error ?? publish.error;
  const fields = useFieldErrors(error);
  const designerErrors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) if (k.startsWith('designer.')) out[k.slice('designer.'.length)] = v;
    return out;
  }, [fields]);
  const set = (patch: Partial<ProcedureContent>) => setContent((c) => ({ ...c, ...patch }));
  const f = (path: string) => ({ id: editorFieldId(path), error: fields[path] });
  const busy = create.isPending || save.isPending || publish.isPending;

  function body(): ProcedureContent | null {
    const problems = checkModel(model.fields).map((p) => ({ path: `designer.${p.path}`, code: `DESIGNER_${p.code}` }));
    if (isNew && !/^\d\.\d{6}$/.test(newCode.trim())) problems.push({ path: 'code', code: 'INVALID_PROCEDURE_CODE' });
    const err = clientValidation(problems);
    setLocalError(err);
    if (err) return null;
    return {
      ...content,
      steps: lines(text.steps),
      legalBasis: lines(text.legalBasis),
      implementingAgencies: lines(text.agencies),
      formSchema: modelToSchema(model),
    };
  }

  async function onSave(andPublish: boolean) {
    setNotice(null);
    create.reset();
    save.reset();
    publish.reset();
    const b = body();
    if (!b) return;
    try {
      let target = code!;
      if (isNew) {
        const p = await create.mutateAsync({ ...b, code: newCode.trim() });
        target = p.code;
      } else {
        const p = await save.mutateAsync({ code: target, content: b });
        setContent(contentOf(p));
      }
      if (andPublish) await publish.mutateAsync(target);
      setNotice(andPublish ? t('procedures.published') : t('procedures.saved'));
      if (isNew) void navigate(`/admin/procedures/${encodeURIComponent(target)}`, { replace: true });
    } catch {
      // shown by the error summary
    }
  }

  const labels: Record<string, string> = {
    code: t('procedures.code'),
    name: t('procedures.name'),
    field: t('procedures.field'),
    resultType: t('procedures.resultType'),
    formSchema: t('designer.title'),
  };
  const fieldIds = Object.fromEntries(
    Object.keys(fields).map((p) => [
      p,
      p.startsWith('designer.') ? `fdz-${p.slice(9).split('.').join('-')}` : editorFieldId(p),
    ]),
  );
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} className="procedure-editor">
      <ErrorSummary error={error} fieldIds={fieldIds} labels={labels} />
      {notice && (
        <SuccessNotice>
          <p>{notice}</p>
        </SuccessNotice>
      )}
      <section className="section" aria-labelledby="pe-meta">
        <h2 id="pe-meta">{t('procedures.metadata')}</h2>
        <div className="designer-grid">
          {isNew && (
            <TextField
              {...f('code')}
              label={t('procedures.code')}
              hint={t('procedures.codeHint')}
              className="input--short mono"
              value={newCode}
              onChange={(e) => setNewCode(e.target.value)}
            />
          )}
          <TextField
            {...f('name')}
            label={t('procedures.name')}
            value={content.name}
            onChange={(e) => set({ name: e.target.value })}
          />
          <TextField
            {...f('nameEn')}
            lang="en"
            label={t('procedures.nameEn')}
            value={content.nameEn ?? ''}
            onChange={(e) => set({ nameEn: e.target.value || undefined })}
          />
          <TextField
            {...f('field')}
            label={t('procedures.field')}
            value={content.field}
            onChange={(e) => set({ field: e.target.value })}
          />
          <SelectField
            {...f('level')}
            label={t('procedures.level')}
            value={content.level}
            onChange={(e) => set({ level: e.target.value as ProcedureContent['level'] })}
            choices={LEVELS.map((l) => ({ value: l, label: t(`services:levels.${l}`) }))}
          />
          <SelectField
            {...f('onlineMode')}
            label={t('procedures.onlineMode')}
            value={content.onlineMode}
            onChange={(e) => set({ onlineMode: e.target.value as ProcedureContent['onlineMode'] })}
            choices={ONLINE_MODES.map((m) => ({ value: m, label: t(`services:modes.${m}`) }))}
          />
          <TextField
            {...f('processingDays')}
            label={t('procedures.processingDays')}
            inputMode="numeric"
            className="input--short"
            value={String(content.processingDays)}
            onChange={(e) => set({ processingDays: Number(e.target.value.replace(/\D/g, '') || 0) })}
          />
          <SelectField
            {...f('feeCollection')}
            label={t('procedures.feeCollection')}
            value={content.feeCollection}
            onChange={(e) => set({ feeCollection: e.target.value as ProcedureContent['feeCollection'] })}
            choices={FEE_COLLECTION.map((m) => ({ value: m, label: t(`services:feeCollection.${m}`) }))}
          />
          <TextField
            {...f('resultType')}
            label={t('procedures.resultType')}
            value={content.resultType}
            onChange={(e) => set({ resultType: e.target.value })}
          />
          <TextField
            {...f('processingNote')}
            label={t('procedures.processingNote')}
            value={content.processingNote ?? ''}
            onChange={(e) => set({ processingNote: e.target.value || undefined })}
          />
        </div>
        <SelectField
          {...f('approvalStepUp')}
          label={t('procedures.approvalStepUp')}
          hint={t('procedures.approvalStepUpHint')}
          value={content.approvalStepUp}
          onChange={(e) => set({ approvalStepUp: e.target.value as ProcedureContent['approvalStepUp'] })}
          choices={APPROVAL_STEP_UP.map((m) => ({ value: m, label: t(`procedures.approvalStepUpOptions.${m}`) }))}
        />
        <ChoiceGroup
          id={editorFieldId('channels')}
          legend={t('procedures.channels')}
          error={fields.channels}
          type="checkbox"
          choices={CHANNELS.map((c) => ({ value: c, label: t(`services:channels.${c}`) }))}
          value={content.channels}
          onChange={(v) => set({ channels: v })}
        />
        <ChoiceGroup
          id={editorFieldId('subjects')}
          legend={t('procedures.subjects')}
          error={fields.subjects}
          type="checkbox"
          choices={SUBJECTS.map((c) => ({ value: c, label: t(`services:subjects.${c}`) }))}
          value={content.subjects}
          onChange={(v) => set({ subjects: v })}
        />
        <TextAreaField
          {...f('implementingAgencies')}
          error={
            fields.implementingAgencies ??
            Object.entries(fields).find(([k]) => k.startsWith('implementingAgencies.'))?.[1]
          }
          label={t('procedures.agencies')}
          hint={t('procedures.onePerLine')}
          className="textarea mono"
          value={text.agencies}
          onChange={(e) => setText({ ...text, agencies: e.target.value })}
        />
        <TextAreaField
          {...f('steps')}
          label={t('procedures.steps')}
          hint={t('procedures.onePerLine')}
          rows={5}
          value={text.steps}
          onChange={(e) => setText({ ...text, steps: e.target.value })}
        />
        <TextAreaField
          {...f('legalBasis')}
          label={t('procedures.legalBasis')}
          hint={t('procedures.onePerLine')}
          rows={4}
          value={text.legalBasis}
          onChange={(e) => setText({ ...text, legalBasis: e.target.value })}
        />
        <TextAreaField
          {...f('conditions')}
          label={t('procedures.conditions')}
          value={content.conditions ?? ''}
          onChange={(e) => set({ conditions: e.target.value || undefined })}
        />
      </section>

      <section className="section" aria-labelledby="pe-docs">
        <h2 id="pe-docs">{t('procedures.documents')}</h2>
        <DocumentsEditor
          docs={content.requiredDocuments}
          onChange={(requiredDocuments) => set({ requiredDocuments })}
          errors={fields}
        />
      </section>

      <section className="section" aria-labelledby="pe-fees">
        <h2 id="pe-fees">{t('procedures.fees')}</h2>
        <FeesEditor fees={content.fees} onChange={(fees) => set({ fees })} errors={fields} />
      </section>

      <section className="section" aria-labelledby="pe-form" id="pe-formSchema" tabIndex={-1}>
        <h2 id="pe-form">{t('designer.heading')}</h2>
        {fields.formSchema && <p className="field-error">{fields.formSchema}</p>}
        <FormDesigner model={model} onChange={setModel} errors={designerErrors} />
      </section>

      <section className="section" aria-labelledby="pe-workflow">
        <h2 id="pe-workflow">{t('workflow.heading')}</h2>
        {content.workflow ? (
          <WorkflowEditor workflow={content.workflow} onChange={(workflow) => set({ workflow })} errors={fields} />
        ) : (
          <p className="muted">{t('workflow.defaultAfterCreate')}</p>
        )}
      </section>

      <div className="btn-row sticky-actions">
        <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void onSave(false)}>
          {isNew ? t('procedures.create') : t('procedures.saveDraft')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void onSave(true)}>
          {t('procedures.saveAndPublish')}
        </button>
      </div>

      {!isNew && (
        <section className="section" aria-labelledby="pe-versions">
          <h2 id="pe-versions">{t('procedures.versions')}</h2>
          {versions.isPending ? (
            <Loading />
          ) : versions.isError ? (
            <QueryError error={versions.error} />
          ) : (
            <TableView
              label={t('procedures.versions')}
              headers={[
                t('procedures.version'),
                t('procedures.status'),
                t('procedures.name'),
                t('procedures.publishedAt'),
                t('procedures.updatedAt'),
              ]}
            >
              {versions.data.items.map((v) => (
                <tr key={v.version}>
                  <td>{v.version}</td>
                  <td>
                    <span
                      className={`tag ${v.status === 'published' ? 'tag--green' : v.status === 'draft' ? 'tag--yellow' : 'tag--grey'}`}
                    >
                      {t(`procedures.statuses.${v.status}`, { defaultValue: v.status })}
                    </span>
                  </td>
                  <td>{v.name}</td>
                  <td className="nowrap">{formatDateTime(v.publishedAt, i18n.language)}</td>
                  <td className="nowrap">{formatDateTime(v.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </TableView>
          )}
        </section>
      )}
    </form>
  );
}

/** Agency admins: edit a procedure's draft (metadata, documents, fees, form, workflow), publish, see versions. */
export default function ProcedureEditorPage() {
  const { t } = useTranslation('admin');
  const { code } = useParams();
  const isNew = !code || code === 'new';
  const draft = useProcedureDraft(isNew ? undefined : code);
  usePageTitle(isNew ? t('procedures.new') : t('procedures.editTitle', { code }));
  return (
    <>
      <Breadcrumbs
        trail={[{ to: '/admin/procedures', label: t('procedures.title') }]}
        current={isNew ? t('procedures.new') : code}
      />
      <h1>{isNew ? t('procedures.new') : t('procedures.editTitle', { code })}</h1>
      {isNew ? (
        <Editor key="new" initial={EMPTY_CONTENT} isNew />
      ) : draft.isPending ? (
        <Loading />
      ) : draft.isError ? (
        <QueryError error={draft.error} />
      ) : (
        <>
          <p className="muted">
            {t('procedures.editing', {
              version: draft.data.version,
              status: t(`procedures.statuses.${draft.data.status}`, { defaultValue: draft.data.status }),
            })}
          </p>
          <Editor key={code} code={code} initial={contentOf(draft.data)} isNew={false} />
        </>
      )}
    </>
  );
}
