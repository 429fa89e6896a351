import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, type FieldProblem, isApiError } from '../api';
import { useAgencyNames } from '../directory/hooks';
import { AttemptKeys } from '../api/idempotency';
import { useCompetentAgencies, useDeleteDraft, useSaveDraft, useSubmitDossier } from './hooks';
import type { SubmitBody } from './types';
import { normalizeProblem, problemFieldIds } from '../forms/problem-paths';
import { RequiredMark, SchemaForm } from '../forms/schema-form';
import { flattenFields, problemPath, registrySources, schemaToModel } from '../forms/schema-model';
import {
  applyRegistryValues,
  checkForm,
  coerceValues,
  initialValues,
  type PrefillValues,
  type RawRecord,
} from '../forms/values';
import { FlagValueForm, RegistryPrefill, type RegistryValues } from '../registries';
import type { Procedure } from '../procedures/types';
import {
  clientValidation,
  ErrorSummary,
  formatDateTime,
  SelectField,
  SuccessNotice,
  TextField,
  useFieldErrors,
} from '../ui';
import { type AttachedFile, DocumentUpload } from './document-upload';
import { FormProgress } from './form-progress';

export interface ApplicationStart {
  draftId?: string;
  agencyCode?: string | null;
  formData?: Record<string, unknown>;
  attachments?: Record<string, AttachedFile>;
}

interface Applicant {
  idNumber: string;
  fullName: string;
  email: string;
  phone: string;
}

/** Agencies an officer may file for: their own and the units below it (codes nest: H26 ⊃ H26.X001). */
export function agenciesFor(implementing: readonly string[], ownAgency: string | null | undefined): string[] {
  if (!ownAgency) return [...implementing];
  const mine = implementing.filter((c) => c === ownAgency || c.startsWith(`${ownAgency}.`));
  return mine.length ? mine : [...implementing];
}

/** The client-side checks besides the form: receiving agency, required documents, the walk-in applicant. */
export function checkApplication(
  p: Pick<Procedure, 'requiredDocuments'>,
  agencyCode: string,
  attachments: Record<string, AttachedFile>,
  applicant?: Applicant,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!agencyCode) out.push({ path: 'agencyCode', code: 'REQUIRED' });
  for (const d of p.requiredDocuments)
    if (d.required && !attachments[d.id]) out.push({ path: `attachments.${d.id}`, code: 'REQUIRED_DOCUMENT_MISSING' });
  if (applicant) {
    if (!applicant.idNumber.trim()) out.push({ path: 'applicant.idNumber', code: 'REQUIRED' });
    else if (!/^(\d{12}|\d{10}(-\d{3})?)$/.test(applicant.idNumber.trim()))
      out.push({ path: 'applicant.idNumber', code: 'INVALID_ID_NUMBER_FORMAT' });
    if (applicant.fullName.trim().length < 2) out.push({ path: 'applicant.fullName', code: 'REQUIRED' });
    if (applicant.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(applicant.email.trim()))
      out.push({ path: 'applicant.email', code: 'INVALID_EMAIL' });
  }
  return out;
}

/**
 * The application: receiving agency, the form rendered from the procedure's schema, one upload per
 * document, "save draft" (online) and submit. Online for citizens and businesses, or at the counter
 * by a reception officer for a walk-in applicant (`counterAgency` = the officer's agency).
 */
export function ApplicationForm({
  procedure,
  start,
  prefill,
  counterAgency,
}: {
  procedure: Procedure;
  start?: ApplicationStart;
  prefill: PrefillValues;
  counterAgency?: string | null;
}) {
  const { t, i18n } = useTranslation('services');
  const navigate = useNavigate();
  const [, setParams] = useSearchParams();
  const counter = counterAgency !== undefined;
  const model = useMemo(() => schemaToModel(procedure.formSchema), [procedure.formSchema]);
  // At the counter, the server says which agencies of the province the desk may receive for (never typed).
  const competent = useCompetentAgencies(counter ? procedure.code : undefined);
  const agencies = useMemo(
    () =>
      counter
        ? (competent.data?.items.map((a) => a.code) ?? agenciesFor(procedure.implementingAgencies, counterAgency))
        : procedure.implementingAgencies,
    [counter, competent.data, counterAgency, procedure.implementingAgencies],
  );
  const crossing = (code: string) => competent.data?.items.some((a) => a.code === code && !a.own) ?? false;
  const [resultAtReceiving, setResultAtReceiving] = useState(true);
  const agencyName = useAgencyNames(agencies);
  const [values, setValues] = useState<RawRecord>(() =>
    initialValues(model, { data: start?.formData, prefill: counter ? {} : prefill }),
  );
  const [chosenAgency, setAgencyCode] = useState<string>(
    start?.agencyCode ?? (agencies.length === 1 ? agencies[0]! : ''),
  );
  // Until the officer picks: the desk's own agency, when it is the only one of its own that handles the procedure.
  const ownAgencies = competent.data?.items.filter((a) => a.own) ?? [];
  const agencyCode = chosenAgency || (ownAgencies.length === 1 ? ownAgencies[0]!.code : '');
  const [attachments, setAttachments] = useState<Record<string, AttachedFile>>(start?.attachments ?? {});
  const [applicant, setApplicant] = useState<Applicant>({ idNumber: '', fullName: '', email: '', phone: '' });
  const [draftId, setDraftId] = useState(start?.draftId);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const keys = useRef(new AttemptKeys());
  const sending = useRef(false);
  const submit = useSubmitDossier();
  const saveDraft = useSaveDraft();
  const deleteDraft = useDeleteDraft();
  const fields = useFieldErrors(error);
  const { t: tr } = useTranslation('registries');
  const sources = useMemo(() => (counter ? [] : registrySources(model)), [counter, model]);
  const [registryValues, setRegistryValues] = useState<RegistryValues>({});
  const [flagging, setFlagging] = useState<{ source: string; label: string; registryName: string } | null>(null);
  const registryView = {
    values: registryValues,
    sourceLabel: (name: string) => tr('prefill.source', { registry: name }),
    flagLabel: tr('prefill.flag'),
    onFlag: (source: string, label: string, registryName: string) => setFlagging({ source, label, registryName }),
  };

  const attachmentList = () =>
    procedure.requiredDocuments
      .filter((d) => attachments[d.id])
      .map((d) => ({ documentId: d.id, fileId: attachments[d.id]!.fileId }));
  const labels = useMemo(() => {
    const l: Record<string, string> = { agencyCode: t('apply.agency') };
    for (const f of flattenFields(model.fields)) l[problemPath(f.path)] = f.label;
    for (const d of procedure.requiredDocuments)
      l[`attachments.${d.id}`] = d.name.length > 90 ? `${d.name.slice(0, 88)}…` : d.name;
    for (const k of ['idNumber', 'fullName', 'email', 'phone'] as const) l[`applicant.${k}`] = t(`counter.${k}`);
    return l;
  }, [model, procedure.requiredDocuments, t]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // A double click fires twice before React re-renders the disabled button.
    if (sending.current) return;
    const { data, problems } = checkForm(model, values);
    const all = [
      ...(counter
        ? checkApplication(procedure, agencyCode, attachments, applicant)
        : checkApplication(procedure, agencyCode, attachments)),
      ...problems,
    ];
    if (all.length) {
      setError(clientValidation(all));
      return;
    }
    const sent = attachmentList();
    const body: SubmitBody = { procedureCode: procedure.code, agencyCode, formData: data, attachments: sent };
    if (counter) {
      body.channel = 'counter';
      body.applicant = {
        idNumber: applicant.idNumber.trim(),
        fullName: applicant.fullName.trim(),
        email: applicant.email.trim() || null,
        phone: applicant.phone.trim() || null,
      };
      if (crossing(agencyCode)) body.resultAtReceiving = resultAtReceiving;
    }
    const sentDocs = sent.map((a) => a.documentId);
    setError(null);
    sending.current = true;
    submit.mutate(
      { body, idempotencyKey: keys.current.keyFor(body) },
      {
        onSuccess: (r) => {
          keys.current.reset();
          if (draftId) deleteDraft.mutate(draftId);
          void navigate(`/dossiers/submitted/${encodeURIComponent(r.code)}`, { state: { result: r, counter } });
        },
        onError: (err) => setError(isApiError(err) ? new ApiError(normalizeProblem(err.problem, sentDocs)) : err),
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  function onSaveDraft() {
    setError(null);
    const body = {
      procedureCode: procedure.code,
      agencyCode: agencyCode || null,
      formData: coerceValues(model, values).data,
      attachments: attachmentList(),
    };
    saveDraft.mutate(
      { id: draftId, body },
      {
        onSuccess: (d) => {
          setDraftId(d.id);
          setSavedAt(d.updatedAt);
          setParams({ draft: d.id }, { replace: true });
        },
        onError: setError,
      },
    );
  }

  const fieldIds = problemFieldIds(Object.keys(fields));
  const formLeft = checkForm(model, values).problems.length;
  const docsLeft = procedure.requiredDocuments.filter((d) => d.required && !attachments[d.id]).length;
  return (
    <form className="application" noValidate onSubmit={onSubmit} aria-describedby="required-legend">
      <ErrorSummary error={error} fieldIds={fieldIds} labels={labels} />
      {savedAt && (
        <SuccessNotice>
          <p>{t('apply.draftSaved', { time: formatDateTime(savedAt, i18n.language) })}</p>
        </SuccessNotice>
      )}
      <p id="required-legend" className="muted">
        {t('apply.requiredLegend')}
      </p>
      {!counter && (
        <FormProgress
          steps={[
            { target: 'sec-agency', label: t('apply.agencySection'), left: agencyCode ? 0 : 1 },
            { target: 'sec-form', label: model.title ?? t('apply.formSection'), left: formLeft },
            { target: 'sec-docs', label: t('apply.documentsSection'), left: docsLeft },
          ]}
        />
      )}

      {counter && (
        <section aria-labelledby="sec-applicant" className="section">
          <h2 id="sec-applicant">{t('counter.applicant')}</h2>
          <TextField
            id="applicant-idNumber"
            label={
              <>
                {t('counter.idNumber')}
                <RequiredMark />
              </>
            }
            hint={t('counter.idNumberHint')}
            className="input--short"
            inputMode="numeric"
            autoComplete="off"
            value={applicant.idNumber}
            error={fields['applicant.idNumber']}
            onChange={(e) => setApplicant({ ...applicant, idNumber: e.target.value })}
          />
          <TextField
            id="applicant-fullName"
            label={
              <>
                {t('counter.fullName')}
                <RequiredMark />
              </>
            }
            autoComplete="off"
            value={applicant.fullName}
            error={fields['applicant.fullName']}
            onChange={(e) => setApplicant({ ...applicant, fullName: e.target.value })}
          />
          <TextField
            id="applicant-email"
            type="email"
            label={t('counter.email')}
            autoComplete="off"
            value={applicant.email}
            error={fields['applicant.email']}
            onChange={(e) => setApplicant({ ...applicant, email: e.target.value })}
          />
          <TextField
            id="applicant-phone"
            type="tel"
            label={t('counter.phone')}
            className="input--short"
            autoComplete="off"
            value={applicant.phone}
            error={fields['applicant.phone']}
            onChange={(e) => setApplicant({ ...applicant, phone: e.target.value })}
          />
        </section>
      )}

      <section aria-labelledby="sec-agency" className="section">
        <h2 id="sec-agency">{t('apply.agencySection')}</h2>
        <SelectField
          id="agencyCode"
          label={
            <>
              {t(counter ? 'apply.competentAgency' : 'apply.agency')}
              <RequiredMark />
            </>
          }
          hint={t(counter ? 'apply.competentAgencyHint' : 'apply.agencyHint')}
          value={agencyCode}
          error={fields.agencyCode}
          aria-required
          onChange={(e) => setAgencyCode(e.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {agencies.map((a) => (
            <option key={a} value={a}>
              {agencyName(a)} ({a}){crossing(a) ? ` – ${t('apply.crossBoundaryOption')}` : ''}
            </option>
          ))}
        </SelectField>
        {counter && agencyCode && crossing(agencyCode) && (
          <div className="notice" data-testid="cross-boundary">
            <p>{t('apply.crossBoundary', { agency: agencyName(agencyCode), basis: competent.data?.basis ?? '' })}</p>
            {!!competent.data?.transfer.days && (
              <p data-testid="transfer-rule">
                {t('apply.crossBoundaryTransfer', {
                  days: competent.data.transfer.days,
                  basis: competent.data.transfer.basis,
                })}
              </p>
            )}
            <label className="choice" htmlFor="result-at-receiving">
              <input
                id="result-at-receiving"
                type="checkbox"
                checked={resultAtReceiving}
                onChange={(e) => setResultAtReceiving(e.target.checked)}
              />
              {t('apply.resultAtReceiving')}
            </label>
          </div>
        )}
      </section>

      {sources.length > 0 && (
        <RegistryPrefill
          procedureCode={procedure.code}
          sources={sources}
          onFilled={(got) => {
            setRegistryValues(got);
            setValues((v) => applyRegistryValues(model, v, got));
          }}
        />
      )}

      <section aria-labelledby="sec-form" className="section">
        <h2 id="sec-form">{model.title ? `2. ${model.title}` : t('apply.formSection')}</h2>
        {flagging && (
          <FlagValueForm
            key={flagging.source}
            source={flagging.source}
            label={flagging.label}
            registryName={flagging.registryName}
            onClose={() => setFlagging(null)}
          />
        )}
        {fields.formData && <p className="field-error">{fields.formData}</p>}
        <SchemaForm
          model={model}
          values={values}
          onChange={setValues}
          errors={fields}
          prefill={counter ? {} : prefill}
          registry={counter ? undefined : registryView}
        />
      </section>

      <section aria-labelledby="sec-docs" className="section">
        <h2 id="sec-docs">{t('apply.documentsSection')}</h2>
        <p className="muted">{t('apply.documentsIntro')}</p>
        {procedure.requiredDocuments.map((d) => (
          <DocumentUpload
            key={d.id}
            doc={d}
            value={attachments[d.id]}
            error={fields[`attachments.${d.id}`]}
            onChange={(v) =>
              setAttachments((a) => {
                const next = { ...a };
                if (v) next[d.id] = v;
                else delete next[d.id];
                return next;
              })
            }
          />
        ))}
        {fields.attachments && <p className="field-error">{fields.attachments}</p>}
      </section>

      <div className="btn-row">
        <button className="btn" type="submit" disabled={submit.isPending}>
          {submit.isPending ? t('apply.submitting') : counter ? t('counter.submit') : t('apply.submit')}
        </button>
        {!counter && (
          <button className="btn btn--secondary" type="button" disabled={saveDraft.isPending} onClick={onSaveDraft}>
            {saveDraft.isPending ? t('apply.savingDraft') : t('apply.saveDraft')}
          </button>
        )}
      </div>
    </form>
  );
}
