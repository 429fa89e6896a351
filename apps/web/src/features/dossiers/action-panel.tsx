import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCEPTED_FILE_TYPES, api, unwrap, uploadFile } from '../api';
import { passkeyConfirmation, SecondFactorConfirm, useSecondFactor } from '../identity';
import type { WorkflowDefinition } from '../procedures/types';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  FileField,
  Loading,
  QueryError,
  SuccessNotice,
  TextAreaField,
  useFieldErrors,
  useFocusOnMount,
} from '../ui';
import { dossierFileUrl, useWorkflowLabels } from './components';
import { useDossierAction } from './hooks';
import type { ActionBody, Dossier } from './types';

type Requirement = 'note' | 'assignee' | 'resultFile' | 'files';

/**
 * Actions asked twice: those that end or turn back a dossier, and the one-click steps that cannot be
 * undone (receipt starts the statutory clock, a submission leaves the specialist's hands, an approval
 * is the leader's decision).
 */
const CONFIRM = new Set([
  'refuse',
  'withdraw',
  'return_to_specialist',
  'request_supplement',
  'receive',
  'submit_for_approval',
  'approve',
  'stop_processing',
]);
/** Steps that take an optional comment, kept in the dossier's history (the leader's opinion on approval). */
const COMMENTED = new Set(['receive', 'submit_for_approval', 'approve', 'assign']);

/** The step that puts the dossier before the leader: it may carry the specialist's draft result (a PDF). */
const DRAFTED = new Set(['submit_for_approval']);

/** The leader's approval: a procedure may ask to confirm it with a second factor (`approvalStepUp`). */
const APPROVAL = 'approve';

/** The specialist's opinion and draft put before the leader: the last submission for approval. */
export function lastSubmission(d: Dossier) {
  return [...d.history].reverse().find((h) => DRAFTED.has(h.action));
}

/** What an action needs from the user: the workflow's `requires`, plus new files for a resubmission. */
export function requirementsOf(action: string, workflow?: WorkflowDefinition): Requirement[] {
  const a = workflow?.actions.find((x) => x.key === action);
  const req: Requirement[] = a
    ? [...a.requires]
    : action === 'assign'
      ? ['assignee']
      : action === 'issue_result'
        ? ['resultFile']
        : ['refuse', 'request_supplement', 'return_to_specialist'].includes(action)
          ? ['note']
          : [];
  if (action === 'resubmit') req.push('files', 'note');
  return req;
}

/** Does clicking the action need a form (inputs or a confirmation) before it is sent? */
export function needsForm(action: string, workflow?: WorkflowDefinition): boolean {
  return CONFIRM.has(action) || requirementsOf(action, workflow).length > 0;
}

/** Specialists of the competent unit who can take the dossier, with what is already on their desk. */
function useAssignees(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['dossiers', 'assignees', code],
    enabled,
    staleTime: 30_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/dossiers/{code}/assignees', { params: { path: { code } }, signal })),
  });
}

function ActionForm({
  d,
  action,
  workflow,
  onDone,
  onCancel,
}: {
  d: Dossier;
  action: string;
  workflow?: WorkflowDefinition;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('services');
  const labels = useWorkflowLabels(workflow);
  const req = requirementsOf(action, workflow);
  const mutation = useDossierAction(d.code);
  const [note, setNote] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [draft, setDraft] = useState<File | null>(null);
  const [otp, setOtp] = useState('');
  // One key per opened form: a double click or a retry after a lost answer approves once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [localError, setLocalError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const assignees = useAssignees(d.code, req.includes('assignee'));
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const error = localError ?? mutation.error;
  const fields = useFieldErrors(error);
  const noteRequired = req.includes('note') && action !== 'resubmit';
  const noteShown = req.includes('note') || COMMENTED.has(action);
  const drafted = DRAFTED.has(action);
  const submission = action === APPROVAL ? lastSubmission(d) : undefined;
  // The procedure asks the leader to confirm his approval with a code or a passkey (as a signature is).
  const stepUp = action === APPROVAL && d.approvalStepUp === 'totp_or_passkey';
  const { canPasskey, showOtp, noFactor } = useSecondFactor(stepUp);

  async function submit(e: FormEvent | null, withPasskey = false) {
    e?.preventDefault();
    const problems = [];
    if (noteRequired && !note.trim()) problems.push({ path: 'note', code: 'REQUIRED' });
    if (req.includes('assignee') && !assigneeId.trim()) problems.push({ path: 'assigneeId', code: 'REQUIRED' });
    if (req.includes('resultFile') && !files.length) problems.push({ path: 'resultFileId', code: 'REQUIRED' });
    if (draft && draft.type !== 'application/pdf') problems.push({ path: 'draftFileId', code: 'DRAFT_NOT_PDF' });
    if (stepUp && !withPasskey && !/^\d{6}$/.test(otp))
      problems.push({ path: 'otp', code: otp ? 'INVALID_OTP_FORMAT' : 'REQUIRED' });
    if (problems.length) return setLocalError(clientValidation(problems));
    setLocalError(null);
    let fileIds: string[] = [];
    let draftFileId: string | undefined;
    if (files.length || draft) {
      setUploading(true);
      try {
        fileIds = (await Promise.all(files.map((f) => uploadFile(f)))).map((f) => f.id);
        if (draft) draftFileId = (await uploadFile(draft)).id;
      } catch (err) {
        setUploading(false);
        return setLocalError(err);
      }
      setUploading(false);
    }
    let passkey: ActionBody['passkey'];
    if (stepUp && withPasskey) {
      setConfirming(true);
      try {
        passkey = await passkeyConfirmation(`dossier_approval:${d.code}`);
      } catch (err) {
        setConfirming(false);
        return setLocalError(err);
      }
      setConfirming(false);
    }
    mutation.mutate(
      {
        action,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(req.includes('assignee') ? { assigneeId: assigneeId.trim() } : {}),
        ...(req.includes('resultFile') ? { resultFileId: fileIds[0] } : {}),
        ...(req.includes('files') && fileIds.length ? { fileIds } : {}),
        ...(draftFileId ? { draftFileId } : {}),
        ...(passkey ? { passkey } : stepUp ? { otp } : {}),
        idempotencyKey,
      },
      { onSuccess: onDone },
    );
  }

  const danger = action === 'refuse' || action === 'withdraw' || action === 'stop_processing';
  return (
    <form className="action-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="action-form-title">
      <h3 id="action-form-title" tabIndex={-1} ref={heading}>
        {labels.action(action)}
      </h3>
      {CONFIRM.has(action) && (
        <p className={danger ? 'notice notice--warning' : 'muted'}>
          {t(`actionConfirm.${action}`, { defaultValue: t('actionConfirm.generic') })}
        </p>
      )}
      <ErrorSummary
        error={error}
        fieldIds={{
          note: 'action-note',
          assigneeId: 'action-assignee',
          resultFileId: 'action-file',
          fileIds: 'action-file',
          draftFileId: 'action-draft',
          otp: 'action-otp',
          passkey: 'action-passkey',
        }}
      />
      {submission && (
        <div className="notice" data-testid="approval-submission">
          <p>
            <strong>{t('actionForm.submission', { name: submission.actorName ?? '' })}</strong>
          </p>
          <p className="timeline__note">{submission.note ?? t('actionForm.noOpinion')}</p>
          {submission.draft ? (
            <p>
              <a href={dossierFileUrl(d.code, submission.draft.fileId)} target="_blank" rel="noreferrer">
                {t('actionForm.openDraft', { name: submission.draft.name })}
              </a>
            </p>
          ) : (
            <p className="muted">{t('actionForm.noDraft')}</p>
          )}
        </div>
      )}
      {noFactor && (
        <div className="notice notice--warning" role="status" data-testid="second-factor-notice">
          <p>{t('actionForm.noSecondFactor')}</p>
          <p>
            <Link to="/account#totp-title">{t('actionForm.noSecondFactorLink')}</Link>.{' '}
            {t('actionForm.noSecondFactorAfter')}
          </p>
        </div>
      )}
      {req.includes('assignee') &&
        (assignees.isPending ? (
          <Loading label={t('actionForm.loadingAssignees')} />
        ) : assignees.isError ? (
          <QueryError error={assignees.error} />
        ) : assignees.data.items.length ? (
          <ChoiceGroup
            id="action-assignee"
            type="radio"
            legend={t('actionForm.assignee')}
            hint={t('actionForm.assigneeHint')}
            error={fields.assigneeId}
            value={assigneeId}
            onChange={([v]) => setAssigneeId(v ?? '')}
            choices={assignees.data.items.map((u) => ({
              value: u.id,
              label: (
                <span>
                  <strong>{u.fullName}</strong>
                  <span className="block muted small">
                    {u.agencyName} · {t('actionForm.assigneeLoad', { count: u.openDossiers })}
                    {u.overdueDossiers > 0 && <>, {t('actionForm.assigneeOverdue', { count: u.overdueDossiers })}</>}
                    {u.current && <> · {t('actionForm.assigneeCurrent')}</>}
                  </span>
                </span>
              ),
            }))}
          />
        ) : (
          <p className="notice notice--warning" id="action-assignee">
            {t('actionForm.noAssignees')}
          </p>
        ))}
      {(req.includes('resultFile') || req.includes('files')) && (
        <FileField
          id="action-file"
          label={req.includes('resultFile') ? t('actionForm.resultFile') : t('actionForm.files')}
          hint={t('upload.hint')}
          error={fields.resultFileId ?? fields.fileIds}
          className="file-input"
          accept={ACCEPTED_FILE_TYPES}
          multiple={req.includes('files')}
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
      )}
      {drafted && (
        <FileField
          id="action-draft"
          label={t('actionForm.draft')}
          hint={t('actionForm.draftHint')}
          error={fields.draftFileId}
          className="file-input"
          accept="application/pdf,.pdf"
          onChange={(e) => setDraft(e.target.files?.[0] ?? null)}
        />
      )}
      {noteShown && !noFactor && (
        <TextAreaField
          id="action-note"
          label={
            noteRequired
              ? t('actionForm.noteRequired')
              : t(`actionForm.comment.${action}`, { defaultValue: t('actionForm.note') })
          }
          value={note}
          error={fields.note}
          maxLength={4000}
          onChange={(e) => setNote(e.target.value)}
        />
      )}
      {stepUp && !noFactor && (
        <>
          <p>{t('actionForm.stepUpIntro')}</p>
          <SecondFactorConfirm
            idPrefix="action"
            ns="services"
            keyPrefix="actionForm"
            canPasskey={canPasskey}
            showOtp={showOtp}
            otp={otp}
            onOtp={setOtp}
            errors={fields}
            disabled={mutation.isPending || uploading || confirming}
            onPasskey={() => void submit(null, true)}
          />
        </>
      )}
      <div className="btn-row">
        {!noFactor && (!stepUp || showOtp) && (
          <button
            className={`btn${danger ? ' btn--danger' : ''}`}
            type="submit"
            disabled={mutation.isPending || uploading || confirming}
          >
            {uploading ? t('upload.uploadingShort') : t('actionForm.confirm', { action: labels.action(action) })}
          </button>
        )}
        <button className="btn btn--secondary" type="button" onClick={onCancel}>
          {t('actionForm.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One button per action the caller may take now (`allowedActions`), with the inputs each one needs. */
export function ActionPanel({ d, workflow }: { d: Dossier; workflow?: WorkflowDefinition }) {
  const { t } = useTranslation('services');
  const labels = useWorkflowLabels(workflow);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const direct = useDossierAction(d.code);
  if (!d.allowedActions.length && !done) return null;
  return (
    <section className="section action-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('dossier.actions')}</h2>
      {done && (
        <SuccessNotice>
          <p>{t('actionForm.done', { action: labels.action(done) })}</p>
        </SuccessNotice>
      )}
      <ErrorSummary error={direct.error} />
      {open ? (
        <ActionForm
          d={d}
          action={open}
          workflow={workflow}
          onCancel={() => setOpen(null)}
          onDone={() => {
            setDone(open);
            setOpen(null);
          }}
        />
      ) : d.allowedActions.length ? (
        <div className="btn-row">
          {d.allowedActions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn${a === 'refuse' || a === 'withdraw' ? ' btn--danger' : needsForm(a, workflow) ? ' btn--secondary' : ''}`}
              disabled={direct.isPending}
              onClick={() => {
                setDone(null);
                if (needsForm(a, workflow)) setOpen(a);
                else direct.mutate({ action: a }, { onSuccess: () => setDone(a) });
              }}
            >
              {labels.action(a)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('dossier.noActions')}</p>
      )}
    </section>
  );
}
