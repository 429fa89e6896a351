import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILE_TYPES, uploadFile } from '../../../features/api';
import { AttemptKeys } from '../../../features/api/idempotency';
import {
  useAddItem,
  useAddPaper,
  useAgencyChoices,
  useDocumentChoices,
  useEditItem,
  useMeetingAction,
  useRemoveItem,
  useReorderItems,
  useWithdrawPaper,
} from '../../../features/meetings/hooks';
import { PersonPicker } from '../../../features/meetings/person-picker';
import type { Meeting, MeetingItem, Person } from '../../../features/meetings/types';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  SelectField,
  SuccessNotice,
  TextAreaField,
  TextField,
  useFieldErrors,
} from '../../../features/ui';

const firstOf = (fields: Record<string, string>, path: string) =>
  fields[path] ?? Object.entries(fields).find(([k]) => k.startsWith(`${path}.`))?.[1];

/**
 * A file input with its label and the server's error for it. The browser's own button text is not
 * translated, so (as in the dossier upload) the native input is hidden and a label is the button.
 */
function FileField({
  id,
  label,
  error,
  fileName,
  onFile,
  inputRef,
}: {
  id: string;
  label: string;
  error?: string;
  fileName: string | null;
  onFile: (f: File | null) => void;
  inputRef?: React.Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation('meetings');
  return (
    <div className={`field upload${error ? ' field--error' : ''}`}>
      <span className="label" id={`${id}-label`}>
        {label}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <input
        id={id}
        ref={inputRef}
        type="file"
        className="file-input file-input--hidden"
        accept={ACCEPTED_FILE_TYPES}
        aria-labelledby={`${id}-label`}
        aria-describedby={[`${id}-name`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <label htmlFor={id} className="btn btn--secondary btn--small file-button">
        {fileName ? t('agenda.replaceFile') : t('agenda.chooseFile')}
      </label>{' '}
      <span className="small" id={`${id}-name`}>
        {fileName ?? t('agenda.noFile')}
      </span>
    </div>
  );
}

/** The secretary adds an agenda item: title, summary, presenter picked by name, a paper uploaded. */
export function AddItemForm({ m }: { m: Meeting }) {
  const { t } = useTranslation('meetings');
  const add = useAddItem(m.id);
  const keys = useRef(new AttemptKeys());
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [presenter, setPresenter] = useState<Person[]>([]);
  const [guests, setGuests] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const fields = useFieldErrors(error);
  const submit = async () => {
    setDone(false);
    const missing = clientValidation(title.trim() ? [] : [{ path: 'title', code: 'REQUIRED' }]);
    setError(missing);
    if (missing) return;
    setBusy(true);
    try {
      const fileIds = file ? [(await uploadFile(file)).id] : [];
      const body = {
        title: title.trim(),
        summary: summary.trim() || undefined,
        presenterId: presenter[0]?.id,
        fileIds,
        guestIds: guests.length ? guests : undefined,
      };
      await add.mutateAsync({ body, key: keys.current.keyFor(body) });
      keys.current.reset();
      setTitle('');
      setSummary('');
      setPresenter([]);
      setGuests([]);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="section card" aria-labelledby="add-item-title">
      <h2 id="add-item-title">{t('agenda.addTitle')}</h2>
      <ErrorSummary
        error={error}
        fieldIds={{
          title: 'new-item-title',
          presenterId: 'new-item-presenter',
          'fileIds.0': 'new-item-file',
          guestIds: 'new-item-guests',
        }}
        labels={{ title: t('agenda.itemTitle'), presenterId: t('fields.presenter') }}
      />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          id="new-item-title"
          label={t('agenda.itemTitle')}
          value={title}
          error={fields.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextAreaField
          id="new-item-summary"
          label={t('agenda.summary')}
          value={summary}
          error={fields.summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <PersonPicker
          id="new-item-presenter"
          label={t('fields.presenter')}
          agency={m.agencyCode}
          value={presenter}
          onChange={setPresenter}
          error={fields.presenterId}
        />
        <GuestChoices
          m={m}
          id="new-item-guests"
          value={guests}
          onChange={setGuests}
          error={firstOf(fields, 'guestIds')}
        />
        <FileField
          id="new-item-file"
          label={t('agenda.paperFile')}
          error={firstOf(fields, 'fileIds')}
          fileName={file?.name ?? null}
          onFile={setFile}
          inputRef={fileRef}
        />
        <button type="submit" className="btn" disabled={busy}>
          {t('agenda.add')}
        </button>
        {done && <SuccessNotice>{t('agenda.added')}</SuccessNotice>}
      </form>
    </section>
  );
}

/** The meeting's guests as checkboxes by name: who is invited to one item (a guest sees only his items). */
export function GuestChoices({
  m,
  id,
  value,
  onChange,
  error,
}: {
  m: Meeting;
  id: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('meetings');
  const guests = m.participants.filter((x) => x.role === 'guest');
  if (!guests.length) return <p className="muted small">{t('agenda.noGuests')}</p>;
  return (
    <ChoiceGroup<string>
      id={id}
      legend={t('agenda.guests')}
      hint={t('agenda.guestsHint')}
      type="checkbox"
      choices={guests.map((g) => ({ value: g.userId, label: g.fullName }))}
      value={value}
      error={error}
      onChange={onChange}
      className="choices mini-choices"
    />
  );
}

/**
 * The secretary edits an item (title, summary, presenter, guests) or takes it off the agenda: in a
 * draft it is deleted; once convened it is withdrawn (members see it so, its positions are kept).
 */
export function EditItemTools({ m, item }: { m: Meeting; item: MeetingItem }) {
  const { t } = useTranslation('meetings');
  const edit = useEditItem(m.id);
  const remove = useRemoveItem(m.id);
  const [title, setTitle] = useState(item.title);
  const [summary, setSummary] = useState(item.summary ?? '');
  const [presenter, setPresenter] = useState<Person[]>(
    item.presenterId
      ? [{ id: item.presenterId, fullName: item.presenterName ?? '', agencyCode: null, agencyName: null }]
      : [],
  );
  const [guests, setGuests] = useState<string[]>(item.guestIds);
  const [confirming, setConfirming] = useState(false);
  const fields = useFieldErrors(edit.error);
  const id = `item-${item.seq}-edit`;
  const draft = m.status === 'draft';
  const save = () => {
    const missing = clientValidation(title.trim() ? [] : [{ path: 'title', code: 'REQUIRED' }]);
    if (missing) {
      edit.reset();
      return;
    }
    edit.mutate({
      itemId: item.id,
      body: {
        title: title.trim(),
        summary: summary.trim() || null,
        presenterId: presenter[0]?.id ?? null,
        guestIds: guests,
      },
    });
  };
  return (
    <details className="agenda-tools">
      <summary aria-label={t('agenda.editOf', { title: item.title })}>{t('agenda.edit')}</summary>
      <ErrorSummary
        error={edit.error ?? remove.error}
        fieldIds={{ title: `${id}-title`, presenterId: `${id}-presenter`, guestIds: `${id}-guests` }}
        labels={{ title: t('agenda.itemTitle'), presenterId: t('fields.presenter') }}
      />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField
          id={`${id}-title`}
          label={t('agenda.itemTitle')}
          value={title}
          error={fields.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextAreaField
          id={`${id}-summary`}
          label={t('agenda.summary')}
          value={summary}
          error={fields.summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <PersonPicker
          id={`${id}-presenter`}
          label={t('fields.presenter')}
          agency={m.agencyCode}
          value={presenter}
          onChange={setPresenter}
          error={fields.presenterId}
        />
        <GuestChoices
          m={m}
          id={`${id}-guests`}
          value={guests}
          onChange={setGuests}
          error={firstOf(fields, 'guestIds')}
        />
        <div className="btn-row">
          <button type="submit" className="btn btn--secondary" disabled={edit.isPending}>
            {t('agenda.saveEdit')}
          </button>
        </div>
        {edit.isSuccess && <SuccessNotice>{t('agenda.saved')}</SuccessNotice>}
      </form>
      {confirming ? (
        <div className="notice notice--warning" role="alert">
          <p>{draft ? t('agenda.removeDraftConfirm') : t('agenda.removeConfirm')}</p>
          <div className="btn-row">
            <button
              type="button"
              className="btn btn--danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(item.id, { onSettled: () => setConfirming(false) })}
            >
              {t('agenda.confirm')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              {t('agenda.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="btn-row">
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setConfirming(true)}>
            {draft ? t('agenda.removeDraft') : t('agenda.remove')}
          </button>
        </div>
      )}
    </details>
  );
}

/**
 * Withdraw a paper (this version, or every version): asked once more, since members see it leave
 * the list; nothing is deleted and the record names who withdrew it.
 */
export function WithdrawPaper({ m, paper }: { m: Meeting; paper: MeetingItem['papers'][number] }) {
  const { t } = useTranslation('meetings');
  const withdraw = useWithdrawPaper(m.id);
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="btn btn--link btn--small"
        aria-label={t('agenda.withdrawOf', { name: paper.name })}
        onClick={() => setAsking(true)}
      >
        {t('agenda.withdraw')}
      </button>
    );
  const go = (whole: boolean) => withdraw.mutate({ paperId: paper.id, whole }, { onSuccess: () => setAsking(false) });
  return (
    <div className="notice notice--warning" role="alert">
      <ErrorSummary error={withdraw.error} />
      <p>{t('agenda.withdrawConfirm')}</p>
      <div className="btn-row">
        <button
          type="button"
          className="btn btn--danger btn--small"
          disabled={withdraw.isPending}
          onClick={() => go(false)}
        >
          {paper.versions.length > 1 ? t('agenda.withdrawVersion') : t('agenda.confirm')}
        </button>
        {paper.versions.length > 1 && (
          <button
            type="button"
            className="btn btn--danger btn--small"
            disabled={withdraw.isPending}
            onClick={() => go(true)}
          >
            {t('agenda.withdrawPaper')}
          </button>
        )}
        <button type="button" className="btn btn--secondary btn--small" onClick={() => setAsking(false)}>
          {t('agenda.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * A paper taken from the documents module whose document has a newer version: the secretary takes
 * it in one click, as a new version of the paper (shown as new to the members once convened).
 */
export function TakeNewVersion({
  m,
  item,
  paper,
}: {
  m: Meeting;
  item: MeetingItem;
  paper: MeetingItem['papers'][number];
}) {
  const { t } = useTranslation('meetings');
  const add = useAddPaper(m.id);
  const keys = useRef(new AttemptKeys());
  const body = { documentId: paper.documentId ?? undefined, paperKey: paper.paperKey };
  return (
    <>
      <strong className="tag tag--yellow" data-testid="new-document-version">
        {' '}
        {t('detail.newDocVersion')}
      </strong>{' '}
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={add.isPending}
        aria-label={t('agenda.takeNewVersionOf', { name: paper.name })}
        onClick={() =>
          add.mutate(
            { itemId: item.id, body, key: keys.current.keyFor(body) },
            { onSuccess: () => keys.current.reset() },
          )
        }
      >
        {t('agenda.takeNewVersion')}
      </button>
      <ErrorSummary error={add.error} />
    </>
  );
}

/** Move an item up or down the agenda (the server renumbers every item). */
export function ReorderButtons({ m, item }: { m: Meeting; item: MeetingItem }) {
  const { t } = useTranslation('meetings');
  const reorder = useReorderItems(m.id);
  // Items withdrawn from the agenda stay at its end; the server reorders the others.
  const ids = m.items.filter((i) => !i.removedAt).map((i) => i.id);
  const at = ids.indexOf(item.id);
  const move = (to: number) => {
    const next = ids.filter((id) => id !== item.id);
    next.splice(to, 0, item.id);
    reorder.mutate(next);
  };
  return (
    <>
      <ErrorSummary error={reorder.error} />
      <div className="btn-row btn-row--tight">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={at === 0 || reorder.isPending}
          aria-label={t('agenda.moveUpOf', { title: item.title })}
          onClick={() => move(at - 1)}
        >
          ↑ {t('agenda.moveUp')}
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={at === ids.length - 1 || reorder.isPending}
          aria-label={t('agenda.moveDownOf', { title: item.title })}
          onClick={() => move(at + 1)}
        >
          ↓ {t('agenda.moveDown')}
        </button>
      </div>
    </>
  );
}

/**
 * Papers of an item: upload a file (or a new version of a paper), or choose a document of the
 * documents module by its subject (the server checks that I may read it).
 */
export function PaperTools({ m, item }: { m: Meeting; item: MeetingItem }) {
  const { t } = useTranslation('meetings');
  const add = useAddPaper(m.id);
  const keys = useRef(new AttemptKeys());
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [paperKey, setPaperKey] = useState('');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const docs = useDocumentChoices(q, q.trim().length >= 2);
  const fields = useFieldErrors(error);
  const id = `item-${item.seq}`;
  const send = async (body: { fileId?: string; documentId?: string; paperKey?: string }) => {
    setBusy(true);
    setDone(false);
    setError(null);
    try {
      await add.mutateAsync({ itemId: item.id, body, key: keys.current.keyFor(body) });
      keys.current.reset();
      setDone(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const upload = async () => {
    if (!file) {
      setError(clientValidation([{ path: 'fileId', code: 'REQUIRED' }]));
      return;
    }
    let fileId: string;
    try {
      fileId = (await uploadFile(file)).id;
    } catch (e) {
      setError(e);
      return;
    }
    if (await send({ fileId, paperKey: paperKey || undefined })) {
      setFile(null);
      setPaperKey('');
      if (fileRef.current) fileRef.current.value = '';
    }
  };
  return (
    <details className="agenda-tools">
      <summary>{t('agenda.addPaper')}</summary>
      <ErrorSummary
        error={error}
        fieldIds={{ fileId: `${id}-file`, documentId: `${id}-doc`, paperKey: `${id}-paperKey` }}
      />
      <div className="form">
        <FileField
          id={`${id}-file`}
          label={t('agenda.paperFile')}
          error={fields.fileId}
          fileName={file?.name ?? null}
          onFile={setFile}
          inputRef={fileRef}
        />
        {item.papers.length > 0 && (
          <SelectField
            id={`${id}-paperKey`}
            label={t('agenda.versionOf')}
            value={paperKey}
            error={fields.paperKey}
            onChange={(e) => setPaperKey(e.target.value)}
            blank={t('agenda.newPaper')}
            choices={item.papers.map((p) => ({ value: p.paperKey, label: t('agenda.newVersionOf', { name: p.name }) }))}
          />
        )}
        <div className="btn-row">
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void upload()}>
            {t('agenda.upload')}
          </button>
        </div>
        <TextField
          id={`${id}-doc`}
          type="search"
          label={t('agenda.fromDocuments')}
          hint={t('agenda.fromDocumentsHint')}
          autoComplete="off"
          value={q}
          error={fields.documentId}
          onChange={(e) => setQ(e.target.value)}
        />
        {q.trim().length >= 2 && (
          <ul className="picker-results" aria-label={t('agenda.documentResults')}>
            {(docs.data?.items ?? []).map((d) => (
              <li key={d.id}>
                <button
                  type="button"
                  className="picker-option"
                  disabled={busy}
                  onClick={() => void send({ documentId: d.id }).then((ok) => ok && setQ(''))}
                >
                  <strong>{d.code ?? t('agenda.draftDocument')}</strong> – {d.subject}
                  <span className="muted small"> · {d.typeName}</span>
                </button>
              </li>
            ))}
            {docs.isSuccess && docs.data.items.length === 0 && (
              <li className="muted small">{t('agenda.noDocuments')}</li>
            )}
          </ul>
        )}
        {done && <SuccessNotice>{t('agenda.paperAdded')}</SuccessNotice>}
      </div>
    </details>
  );
}

/** A member sends a deputy in his place (recorded; the deputy then records positions and votes). */
export function DelegateForm({ m }: { m: Meeting }) {
  const { t } = useTranslation('meetings');
  const action = useMeetingAction(m.id);
  const [deputy, setDeputy] = useState<Person[]>([]);
  const [clientError, setClientError] = useState<unknown>(null);
  const error = clientError ?? action.error;
  const fields = useFieldErrors(error);
  return (
    <section className="section card" aria-labelledby="delegate-title">
      <h2 id="delegate-title">{t('delegate.title')}</h2>
      <p className="hint">{t('delegate.hint')}</p>
      <ErrorSummary error={error} labels={{ delegateId: t('delegate.deputy') }} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const missing = clientValidation(deputy.length ? [] : [{ path: 'delegateId', code: 'REQUIRED' }]);
          setClientError(missing);
          if (!missing) action.mutate({ action: 'delegate', delegateId: deputy[0]!.id });
        }}
      >
        <PersonPicker
          id="delegateId"
          label={t('delegate.deputy')}
          value={deputy}
          onChange={setDeputy}
          exclude={m.participants.map((x) => x.userId)}
          error={fields.delegateId}
        />
        <button type="submit" className="btn" disabled={action.isPending}>
          {t('delegate.submit')}
        </button>
      </form>
    </section>
  );
}

/** In session the secretary notes what a participant said on an item. */
export function NoteOpinionForm({ m, item }: { m: Meeting; item: MeetingItem }) {
  const { t } = useTranslation('meetings');
  const action = useMeetingAction(m.id);
  const speakers = m.participants.filter((x) => x.role !== 'secretary' && x.reply !== 'delegated');
  const [who, setWho] = useState('');
  const [opinion, setOpinion] = useState('');
  const [clientError, setClientError] = useState<unknown>(null);
  const error = clientError ?? action.error;
  const fields = useFieldErrors(error);
  const id = `item-${item.seq}`;
  return (
    <form
      className="form agenda-tools"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const missing = clientValidation(
          [
            !who && { path: 'userId', code: 'REQUIRED' },
            !opinion.trim() && { path: 'opinion', code: 'REQUIRED' },
          ].filter((x): x is { path: string; code: string } => !!x),
        );
        setClientError(missing);
        if (missing) return;
        action.mutate(
          { action: 'note_opinion', itemId: item.id, userId: who, opinion: opinion.trim() },
          { onSuccess: () => setOpinion('') },
        );
      }}
    >
      <h4>{t('opinionNote.title')}</h4>
      <ErrorSummary error={error} fieldIds={{ userId: `${id}-speaker`, opinion: `${id}-opinion` }} />
      <SelectField
        id={`${id}-speaker`}
        label={t('opinionNote.speaker')}
        value={who}
        error={fields.userId}
        onChange={(e) => setWho(e.target.value)}
      >
        <option value="">{t('opinionNote.pick')}</option>
        {speakers.map((x) => (
          <option key={x.userId} value={x.userId}>
            {x.fullName} ({t(`role.${x.role}`)})
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-opinion`}
        label={t('opinionNote.opinion')}
        value={opinion}
        error={fields.opinion}
        onChange={(e) => setOpinion(e.target.value)}
      />
      <button type="submit" className="btn btn--secondary" disabled={action.isPending}>
        {t('opinionNote.submit')}
      </button>
    </form>
  );
}

interface AgencyChoice {
  code: string;
  name: string;
}

/** Pick an agency by name (the owner of a task): never its code. */
function AgencyPicker({
  id,
  label,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  error?: string;
  value: AgencyChoice | null;
  onChange: (v: AgencyChoice | null) => void;
}) {
  const { t } = useTranslation('meetings');
  const [q, setQ] = useState('');
  const found = useAgencyChoices(q);
  return (
    <div className={`field${error ? ' field--error' : ''}`} data-picker={id}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <span className="hint" id={`${id}-hint`}>
        {t('picker.agencyHint')}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {value && (
        <ul className="chips" aria-label={t('picker.chosen', { label })}>
          <li className="chip">
            <span>{value.name}</span>
            <button
              type="button"
              className="btn btn--link chip__remove"
              aria-label={t('picker.remove', { name: value.name })}
              onClick={() => onChange(null)}
            >
              ×
            </button>
          </li>
        </ul>
      )}
      <input
        id={id}
        type="search"
        className={`input${error ? ' input--error' : ''}`}
        autoComplete="off"
        value={q}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setQ(e.target.value)}
      />
      {q.trim().length >= 2 && (
        <ul className="picker-results" aria-label={t('picker.results')}>
          {(found.data?.items ?? []).map((a) => (
            <li key={a.code}>
              <button
                type="button"
                className="picker-option"
                onClick={() => {
                  onChange({ code: a.code, name: a.name });
                  setQ('');
                }}
              >
                {a.name}
              </button>
            </li>
          ))}
          {found.isSuccess && found.data.items.length === 0 && <li className="muted small">{t('picker.none')}</li>}
        </ul>
      )}
    </div>
  );
}

/** Assign a task (nhiệm vụ giao) from the conclusions: owner agency picked by name, deadline. */
export function AssignTaskForm({ m }: { m: Meeting }) {
  const { t } = useTranslation('meetings');
  const action = useMeetingAction(m.id);
  const [title, setTitle] = useState('');
  const [itemId, setItemId] = useState('');
  const [owner, setOwner] = useState<AgencyChoice | null>(null);
  const [due, setDue] = useState('');
  const [clientError, setClientError] = useState<unknown>(null);
  const error = clientError ?? action.error;
  const fields = useFieldErrors(error);
  return (
    <section className="section card" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('task.assignTitle')}</h2>
      <ErrorSummary
        error={error}
        fieldIds={{ title: 'task-title', ownerAgency: 'task-owner', dueDate: 'task-due', itemId: 'task-item' }}
        labels={{ title: t('task.name'), ownerAgency: t('task.owner'), dueDate: t('task.due') }}
      />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const missing = clientValidation(
            [
              !title.trim() && { path: 'title', code: 'REQUIRED' },
              !owner && { path: 'ownerAgency', code: 'REQUIRED' },
              !due && { path: 'dueDate', code: 'REQUIRED' },
            ].filter((x): x is { path: string; code: string } => !!x),
          );
          setClientError(missing);
          if (missing) return;
          action.mutate(
            {
              action: 'assign_task',
              title: title.trim(),
              itemId: itemId || undefined,
              ownerAgency: owner!.code,
              dueDate: due,
            },
            {
              onSuccess: () => {
                setTitle('');
                setOwner(null);
                setDue('');
              },
            },
          );
        }}
      >
        <TextField
          id="task-title"
          label={t('task.name')}
          value={title}
          error={fields.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <SelectField
          id="task-item"
          label={t('task.item')}
          value={itemId}
          error={fields.itemId}
          onChange={(e) => setItemId(e.target.value)}
          blank={t('task.noItem')}
          choices={m.items.map((i) => ({ value: i.id, label: `${i.seq}. ${i.title}` }))}
        />
        <AgencyPicker
          id="task-owner"
          label={t('task.owner')}
          value={owner}
          onChange={setOwner}
          error={fields.ownerAgency}
        />
        <TextField
          id="task-due"
          type="date"
          label={t('task.due')}
          value={due}
          error={fields.dueDate}
          onChange={(e) => setDue(e.target.value)}
        />
        <button type="submit" className="btn" disabled={action.isPending}>
          {t('task.assign')}
        </button>
      </form>
    </section>
  );
}
