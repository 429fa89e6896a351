import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, type FieldProblem, isApiError } from '../api';
import { useAgencyNames } from '../directory/hooks';
import { AttemptKeys } from '../api/idempotency';
import { useCompetentAgencies, useSaveDraft, useSubmitDossier } from './hooks';
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
import { FormSteps } from './form-steps';
import { groupOfPath, registryStep, splitSteps } from '../forms/steps';

export interface ApplicationStart {
  draftId?: string;
  agencyCode?: string | null;
  formData?: Record<string, unknown>;
  attachments?: Record<string, AttachedFile>;
  /** The step the draft was saved at. */
  step?: number;
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
  // Online, the form is split into steps (ADR 0031): the receiving agency, each group of the form, the documents.
  const stepped = !counter;
  const groups = useMemo(() => splitSteps(model), [model]);
  const lastStep = groups.length + 1;
  const [step, setStep] = useState(() => Math.min(Math.max(0, start?.step ?? 0), lastStep));
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    window.scrollTo(0, 0);
    stepHeading.current?.focus();
  }, [step]);
  const fields = useFieldErrors(error);
  const { t: tr } = useTranslation('registries');
  const sources = useMemo(() => (counter ? [] : registrySources(model)), [counter, model]);
  const prefillStep = useMemo(() => registryStep(groups), [groups]);
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
    // Enter in a field of an earlier step goes on to the next step.
    if (stepped && step < lastStep) return onNext();
    const { data, problems } = checkForm(model, values);
    const all = [
      ...(counter
        ? checkApplication(procedure, agencyCode, attachments, applicant)
        : checkApplication(procedure, agencyCode, attachments)),
      ...problems,
    ];
    if (all.length) {
      if (stepped) {
        const at = stepOf(all[0]!.path);
        const here = all.filter((x) => stepOf(x.path) === at);
        if (at !== step) goTo(at, false);
        setError(clientValidation(here));
      } else setError(clientValidation(all));
      return;
    }
    const sent = attachmentList();
    const body: SubmitBody = { procedureCode: procedure.code, agencyCode, formData: data, attachments: sent };
    if (!counter && draftId) body.draftId = draftId;
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
          // The server deleted the draft with the submission.
          keys.current.reset();
          void navigate(`/dossiers/submitted/${encodeURIComponent(r.code)}`, { state: { result: r, counter } });
        },
        onError: (err) => setError(isApiError(err) ? new ApiError(normalizeProblem(err.problem, sentDocs)) : err),
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  function onSaveDraft(at = step) {
    setError(null);
    const body = {
      procedureCode: procedure.code,
      agencyCode: agencyCode || null,
      formData: coerceValues(model, values).data,
      attachments: attachmentList(),
      step: stepped ? at : 0,
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

  /** The step a problem's field is on: the agency first, the documents last. */
  function stepOf(path: string): number {
    if (path === 'agencyCode') return 0;
    if (path.startsWith('attachments')) return lastStep;
    const g = groupOfPath(groups, path);
    return g < 0 ? lastStep : g + 1;
  }
  /** What is missing or wrong in one step (the agency, a group of the form, the documents). */
  function problemsOf(i: number): FieldProblem[] {
    if (i === 0) return agencyCode ? [] : [{ path: 'agencyCode', code: 'REQUIRED' }];
    if (i === lastStep) return checkApplication(procedure, agencyCode || '-', attachments);
    return checkForm({ fields: groups[i - 1]!.fields }, values).problems;
  }
  /** Move to a step; the draft is saved there, so the applicant resumes where he was. */
  function goTo(i: number, save = true) {
    moved.current = true;
    setStep(i);
    if (save) onSaveDraft(i);
  }
  function onNext() {
    const problems = problemsOf(step);
    if (problems.length) {
      setError(clientValidation(problems));
      return;
    }
    goTo(step + 1);
  }

  const fieldIds = problemFieldIds(Object.keys(fields));
  const stepTitles = [
    t('steps.agency'),
    ...groups.map((g, i) => g.title ?? (i === 0 ? model.title : undefined) ?? t('steps.form')),
    t('steps.documents'),
  ];
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
      {stepped && (
        <>
          <FormSteps
            steps={stepTitles.map((title, i) => ({ title, left: i === lastStep ? docsLeft : problemsOf(i).length }))}
            current={step}
            onGo={(i) => {
              setError(null);
              goTo(i);
            }}
          />
          <h2 id="step-heading" ref={stepHeading} tabIndex={-1}>
            {t('steps.heading', { n: step + 1, total: lastStep + 1, title: stepTitles[step] })}
          </h2>
        </>
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

      {(!stepped || step === 0) && (
        <section aria-labelledby={stepped ? 'step-heading' : 'sec-agency'} className="section">
          {!stepped && <h2 id="sec-agency">{t('apply.agencySection')}</h2>}
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
      )}

      {sources.length > 0 && (!stepped || step === prefillStep) && (
        <RegistryPrefill
          procedureCode={procedure.code}
          sources={sources}
          onFilled={(got) => {
            setRegistryValues(got);
            setValues((v) => applyRegistryValues(model, v, got));
          }}
        />
      )}

      {(!stepped || (step >= 1 && step < lastStep)) && (
        <section aria-labelledby={stepped ? 'step-heading' : 'sec-form'} className="section">
          {!stepped && <h2 id="sec-form">{model.title ? `2. ${model.title}` : t('apply.formSection')}</h2>}
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
            model={stepped ? { fields: groups[step - 1]!.fields } : model}
            values={values}
            onChange={setValues}
            errors={fields}
            prefill={counter ? {} : prefill}
            registry={counter ? undefined : registryView}
            stepTitle={stepped ? stepTitles[step] : undefined}
          />
        </section>
      )}

      {(!stepped || step === lastStep) && (
        <section aria-labelledby={stepped ? 'step-heading' : 'sec-docs'} className="section">
          {!stepped && <h2 id="sec-docs">{t('apply.documentsSection')}</h2>}
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
      )}

      <div className="btn-row">
        {/* Keyed apart: React must not turn the clicked "next" into the submit button while the
            click is still being handled, or the browser would submit the form at once. */}
        {stepped && step < lastStep ? (
          <button key="next" className="btn" type="button" disabled={saveDraft.isPending} onClick={onNext}>
            {t('steps.next')}
          </button>
        ) : (
          <button key="submit" className="btn" type="submit" disabled={submit.isPending}>
            {submit.isPending ? t('apply.submitting') : counter ? t('counter.submit') : t('apply.submit')}
          </button>
        )}
        {stepped && step > 0 && (
          <button
            className="btn btn--secondary"
            type="button"
            onClick={() => {
              setError(null);
              goTo(step - 1);
            }}
          >
            {t('steps.back')}
          </button>
        )}
        {!counter && (
          <button
            className="btn btn--secondary"
            type="button"
            disabled={saveDraft.isPending}
            onClick={() => onSaveDraft()}
          >
            {saveDraft.isPending ? t('apply.savingDraft') : t('apply.saveDraft')}
          </button>
        )}
      </div>
    </form>
  );
}
