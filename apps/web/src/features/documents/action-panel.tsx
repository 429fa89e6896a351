import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILE_TYPES, uploadFile } from '../api';
import { passkeyConfirmation, SecondFactorConfirm, useMe, useSecondFactor } from '../identity';
import { useMySigningCertificates } from '../pki';
import {
  clientValidation,
  ErrorSummary,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
  useFocusOnMount,
} from '../ui';
import { SecondFactorNotice, splitCodes } from './components';
import { useAssignees, useDocumentAction } from './hooks';
import { SignerFields } from './signer-fields';
import type { ActionBody, DocumentDetail } from './types';

type Field = 'note' | 'noteOptional' | 'file' | 'signer' | 'assign' | 'confirmIssue' | 'confirmSend';

/** What each action asks for; the rest are one click. */
const FIELDS: Record<string, Field[]> = {
  comment: ['note'],
  add_version: ['file', 'noteOptional'],
  return: ['note'],
  sign: ['signer'],
  // Irreversible: said in words, confirmed, with a comment for the history.
  issue: ['confirmIssue', 'noteOptional'],
  send: ['confirmSend', 'noteOptional'],
  revoke: ['note'],
  update: ['file', 'note'],
  replace: ['file', 'note'],
  reject: ['note'],
  assign: ['assign'],
  progress: ['note'],
  complete: ['noteOptional'],
  refuse_change: ['note'],
};

function ActionForm({
  d,
  action,
  onDone,
  onCancel,
}: {
  d: DocumentDetail;
  action: string;
  onDone: (a: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('documents');
  const me = useMe();
  const mutation = useDocumentAction(d.id);
  const fieldsOf = FIELDS[action] ?? [];
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [signer, setSigner] = useState({ position: '', competence: '' });
  const [assign, setAssign] = useState({
    leadUnit: me.data?.agencyCode ?? d.agencyCode,
    handlerId: '',
    supporting: '',
    due: '',
  });
  const [localError, setLocalError] = useState<unknown>(null);
  const [certificateId, setCertificateId] = useState('');
  const [otp, setOtp] = useState('');
  const assignees = useAssignees(fieldsOf.includes('assign') ? assign.leadUnit || undefined : undefined);
  const signing = fieldsOf.includes('signer');
  // The server picks the single usable certificate itself; with several the leader chooses.
  const { certs, usable } = useMySigningCertificates(me.data?.id, signing);
  // The leader confirms the signature with a TOTP code, or with one of his passkeys (as on the signing page).
  const { canPasskey, showOtp, noFactor } = useSecondFactor(signing);
  const stepUp = signing && !!me.data && !noFactor && me.data.acr < 2;
  const [confirming, setConfirming] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const error = localError ?? mutation.error;
  const fields = useFieldErrors(error);

  async function submit(e: FormEvent | null, passkeyChosen = false) {
    e?.preventDefault();
    // Without a code field (passkey only), Enter in the form confirms with the passkey too.
    const withPasskey = passkeyChosen || (signing && canPasskey && !showOtp);
    setLocalError(null);
    const body: ActionBody = { action, ...(note.trim() ? { note: note.trim() } : {}) };
    try {
      if (fieldsOf.includes('file') && file) body.fileIds = [(await uploadFile(file)).id];
      if (signing) {
        Object.assign(body, {
          signerPosition: signer.position.trim(),
          ...(signer.competence.trim() ? { signerCompetence: signer.competence.trim() } : {}),
        });
        if (usable.length > 1 && certificateId) body.certificateId = certificateId;
        if (withPasskey && usable.length > 0) {
          // The assertion is made for one certificate (`signature:<id>`): name it, so the server signs with that one.
          const chosen = usable.length === 1 ? usable[0]!.id : certificateId;
          if (!chosen)
            return setLocalError(clientValidation([{ path: 'certificateId', code: 'CERTIFICATE_CHOICE_REQUIRED' }]));
          if (!signer.position.trim())
            return setLocalError(clientValidation([{ path: 'signerPosition', code: 'REQUIRED' }]));
          setConfirming(true);
          body.certificateId = chosen;
          body.passkey = await passkeyConfirmation(`signature:${chosen}`);
        } else if (!withPasskey) {
          body.otp = otp;
        }
      }
      if (fieldsOf.includes('assign')) {
        Object.assign(body, {
          leadUnit: assign.leadUnit.trim().toUpperCase(),
          handlerId: assign.handlerId,
          supportingUnits: splitCodes(assign.supporting),
          ...(assign.due ? { handlingDueDate: assign.due } : {}),
        });
      }
      await mutation.mutateAsync(body);
      onDone(action);
    } catch (err) {
      setLocalError(err);
    } finally {
      setConfirming(false);
    }
  }

  return (
    <form className="action-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="doc-action-title">
      <h3 id="doc-action-title" tabIndex={-1} ref={heading}>
        {t(`actions.${action}`)}
      </h3>
      <ErrorSummary
        error={error}
        fieldIds={{
          note: 'act-note',
          signerPosition: 'act-position',
          certificateId: 'act-certificate',
          otp: 'act-otp',
          passkey: 'act-passkey',
          leadUnit: 'act-lead',
          handlerId: 'act-handler',
          fileIds: 'act-file',
          handlingDueDate: 'act-due',
        }}
      />
      {fieldsOf.includes('confirmIssue') && <p>{t('actionForm.confirmIssue')}</p>}
      {fieldsOf.includes('confirmSend') && <p>{t('actionForm.confirmSend')}</p>}
      {(noFactor || stepUp) && <SecondFactorNotice stepUp={stepUp} />}
      {fieldsOf.includes('signer') && !noFactor && !stepUp && (
        <>
          <SignerFields
            idPrefix="act"
            signer={signer}
            onSigner={setSigner}
            usable={usable}
            loaded={certs.isSuccess}
            certificateId={certificateId}
            onCertificate={setCertificateId}
            fields={fields}
          />
          <SecondFactorConfirm
            idPrefix="act"
            ns="documents"
            keyPrefix="actionForm"
            canPasskey={canPasskey}
            showOtp={showOtp}
            otp={otp}
            onOtp={setOtp}
            errors={fields}
            disabled={mutation.isPending || confirming}
            onPasskey={() => void submit(null, true)}
          />
        </>
      )}
      {fieldsOf.includes('assign') && (
        <>
          <TextField
            id="act-lead"
            label={t('actionForm.leadUnit')}
            className="input--short"
            value={assign.leadUnit}
            error={fields.leadUnit}
            onChange={(e) => setAssign({ ...assign, leadUnit: e.target.value, handlerId: '' })}
          />
          <SelectField
            id="act-handler"
            label={t('actionForm.handler')}
            value={assign.handlerId}
            error={fields.handlerId}
            onChange={(e) => setAssign({ ...assign, handlerId: e.target.value })}
            blank={t('form.choose')}
            choices={assignees.data?.items.map((u) => ({ value: u.id, label: `${u.fullName} (${u.agencyCode})` }))}
          />
          <TextField
            id="act-supporting"
            label={t('actionForm.supportingUnits')}
            value={assign.supporting}
            error={Object.entries(fields).find(([k]) => k.startsWith('supportingUnits'))?.[1]}
            onChange={(e) => setAssign({ ...assign, supporting: e.target.value })}
          />
          <TextField
            id="act-due"
            type="date"
            label={t('actionForm.handlingDueDate')}
            className="input--short"
            value={assign.due}
            error={fields.handlingDueDate}
            onChange={(e) => setAssign({ ...assign, due: e.target.value })}
          />
        </>
      )}
      {fieldsOf.includes('file') && (
        <TextField
          id="act-file"
          type="file"
          accept={ACCEPTED_FILE_TYPES}
          label={t('actionForm.file')}
          error={fields.fileIds ?? fields['fileIds.0']}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      )}
      {(fieldsOf.includes('note') || fieldsOf.includes('noteOptional')) && (
        <TextAreaField
          id="act-note"
          label={t('actionForm.note')}
          value={note}
          error={fields.note}
          onChange={(e) => setNote(e.target.value)}
        />
      )}
      <div className="btn-row">
        {(!signing || (showOtp && !noFactor && !stepUp)) && (
          <button
            className={`btn${action === 'reject' || action === 'revoke' ? ' btn--danger' : ''}`}
            type="submit"
            disabled={mutation.isPending || confirming}
          >
            {signing && canPasskey
              ? t('actionForm.confirmOtp')
              : action === 'issue'
                ? t('actionForm.confirmIssueButton')
                : action === 'send'
                  ? t('actionForm.confirmSendButton')
                  : t('actionForm.confirm')}
          </button>
        )}
        <button className="btn btn--secondary" type="button" onClick={onCancel}>
          {t('actionForm.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Buttons for exactly the actions the server allows the caller; a one-click action runs at once. */
export function DocumentActionPanel({ d }: { d: DocumentDetail }) {
  const { t } = useTranslation('documents');
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const direct = useDocumentAction(d.id);
  const run = (action: string) => {
    setDone(null);
    if (FIELDS[action]) return setOpen(action);
    direct.mutate({ action }, { onSuccess: () => setDone(action) });
  };
  return (
    <section className="section" aria-labelledby="doc-actions">
      <h2 id="doc-actions">{t('detail.actions')}</h2>
      {done && <SuccessNotice>{t('actionForm.done', { action: t(`actions.${done}`) })}</SuccessNotice>}
      <ErrorSummary error={direct.error} />
      {d.allowedActions.length === 0 ? (
        <p className="muted">{t('detail.noActions')}</p>
      ) : (
        <div className="btn-row">
          {d.allowedActions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn${a === 'comment' || a === 'add_version' ? ' btn--secondary' : ''}`}
              aria-expanded={FIELDS[a] ? open === a : undefined}
              disabled={direct.isPending}
              onClick={() => run(a)}
            >
              {t(`actions.${a}`)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionForm
          key={open}
          d={d}
          action={open}
          onCancel={() => setOpen(null)}
          onDone={(a) => {
            setOpen(null);
            setDone(a);
          }}
        />
      )}
    </section>
  );
}
