import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AttemptKeys } from '../../../features/api/idempotency';
import { useAgency } from '../../../features/directory/hooks';
import { useMe } from '../../../features/identity';
import { useCreateMeeting } from '../../../features/meetings/hooks';
import { PersonPicker } from '../../../features/meetings/person-picker';
import type { CreateMeetingBody, Person } from '../../../features/meetings/types';
import {
  ChoiceGroup,
  clientValidation,
  ErrorSummary,
  SelectField,
  TextField,
  useFieldErrors,
  usePageTitle,
  vnInstant,
} from '../../../features/ui';

const KINDS = ['regular', 'thematic', 'online'] as const;
type Kind = (typeof KINDS)[number];

/** The first error of a field or of any of its elements (`memberIds.1`, `guests.0.userId`). */
const firstOf = (fields: Record<string, string>, path: string) =>
  fields[path] ?? Object.entries(fields).find(([k]) => k.startsWith(`${path}.`))?.[1];

/**
 * A new meeting, prepared by the secretary in the browser: the body (my agency or the one above it),
 * the kind, the schedule, a place or the video room the platform makes, and the people picked by
 * name. The server's field errors (problem+json) show next to each field.
 */
export default function NewMeetingPage() {
  const { t } = useTranslation('meetings');
  usePageTitle(t('create.title'));
  const navigate = useNavigate();
  const me = useMe();
  const own = useAgency(me.data?.agencyCode ?? undefined);
  const create = useCreateMeeting();
  const keys = useRef(new AttemptKeys());
  const [agencyCode, setAgencyCode] = useState('');
  const [kind, setKind] = useState<Kind>('regular');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [video, setVideo] = useState(false);
  const [secret, setSecret] = useState(false);
  const [quorum, setQuorum] = useState('');
  const [chair, setChair] = useState<Person[]>([]);
  const [secretary, setSecretary] = useState<Person[] | null>(null);
  const [members, setMembers] = useState<Person[]>([]);
  const [guests, setGuests] = useState<Person[]>([]);
  const [clientError, setClientError] = useState<unknown>(null);
  const error = clientError ?? create.error;
  const fields = useFieldErrors(error);

  const body = agencyCode || me.data?.agencyCode || undefined;
  const bodies = [
    ...(own.data ? [{ code: own.data.code, name: own.data.name }] : []),
    ...(own.data?.parent ? [own.data.parent] : []),
  ];
  const mine: Person[] = me.data
    ? [
        {
          id: me.data.id,
          fullName: me.data.fullName,
          agencyCode: me.data.agencyCode,
          agencyName: own.data?.name ?? null,
        },
      ]
    : [];
  const secretaries = secretary ?? mine;
  const taken = [...chair, ...secretaries, ...members, ...guests].map((p) => p.id);

  const submit = () => {
    const missing = clientValidation(
      [
        !title.trim() && { path: 'title', code: 'REQUIRED' },
        !day && { path: 'startsAt', code: 'REQUIRED' },
        chair.length === 0 && { path: 'chairId', code: 'REQUIRED' },
        quorum.trim() !== '' && !/^[1-9]\d{0,2}$/.test(quorum.trim()) && { path: 'quorum', code: 'SCHEMA_INTEGER' },
      ].filter((x): x is { path: string; code: string } => !!x),
    );
    setClientError(missing);
    if (missing) return;
    const input: CreateMeetingBody = {
      agencyCode: body,
      kind,
      title: title.trim(),
      startsAt: vnInstant(day, `${start || '08:00'}:00`),
      endsAt: end ? vnInstant(day, `${end}:00`) : undefined,
      place: place.trim() || undefined,
      video: video || kind === 'online',
      secret: secret || undefined,
      quorum: quorum.trim() ? Number(quorum.trim()) : undefined,
      chairId: chair[0]!.id,
      secretaryId: secretaries[0]?.id,
      memberIds: members.map((m) => m.id),
      guests: guests.map((g) => ({ userId: g.id })),
    };
    create.mutate(
      { body: input, key: keys.current.keyFor(input) },
      {
        onSuccess: (r) => {
          keys.current.reset();
          void navigate(`/staff/meetings/${r.id}`);
        },
      },
    );
  };

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/staff/meetings">{t('list.title')}</Link>
      </p>
      <h1>{t('create.title')}</h1>
      <ErrorSummary
        error={error}
        fieldIds={{ startsAt: 'day', endsAt: 'end' }}
        labels={{
          title: t('create.name'),
          startsAt: t('create.day'),
          endsAt: t('create.end'),
          place: t('fields.place'),
          chairId: t('role.chair'),
          secretaryId: t('role.secretary'),
          quorum: t('create.quorum'),
        }}
      />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {bodies.length > 1 && (
          <SelectField
            id="agencyCode"
            label={t('create.body')}
            value={body ?? ''}
            error={fields.agencyCode}
            onChange={(e) => setAgencyCode(e.target.value)}
            choices={bodies.map((b) => ({ value: b.code, label: b.name }))}
          />
        )}
        <ChoiceGroup<Kind>
          id="kind"
          legend={t('create.kind')}
          type="radio"
          choices={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v[0] ?? 'regular')}
          error={fields.kind}
        />
        <TextField
          id="title"
          label={t('create.name')}
          value={title}
          error={fields.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <div className="field-row">
          <TextField
            id="day"
            type="date"
            label={t('create.day')}
            value={day}
            error={fields.startsAt}
            onChange={(e) => setDay(e.target.value)}
          />
          <TextField
            id="start"
            type="time"
            label={t('create.start')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
          <TextField
            id="end"
            type="time"
            label={t('create.end')}
            value={end}
            error={fields.endsAt}
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
        <TextField
          id="place"
          label={t('fields.place')}
          hint={t('create.placeHint')}
          value={place}
          error={fields.place}
          onChange={(e) => setPlace(e.target.value)}
        />
        {kind !== 'online' && (
          <ChoiceGroup<'video'>
            id="video"
            legend={t('fields.video')}
            type="checkbox"
            choices={[{ value: 'video', label: t('create.video') }]}
            value={video ? ['video'] : []}
            onChange={(v) => setVideo(v.includes('video'))}
          />
        )}
        <PersonPicker
          id="chairId"
          label={t('role.chair')}
          agency={body}
          value={chair}
          onChange={setChair}
          exclude={taken}
          error={fields.chairId}
        />
        <PersonPicker
          id="secretaryId"
          label={t('role.secretary')}
          hint={t('create.secretaryHint')}
          agency={body}
          value={secretaries}
          onChange={setSecretary}
          exclude={taken}
          error={fields.secretaryId}
        />
        <PersonPicker
          id="memberIds"
          label={t('create.members')}
          agency={body}
          multiple
          value={members}
          onChange={setMembers}
          exclude={taken}
          error={firstOf(fields, 'memberIds')}
        />
        <PersonPicker
          id="guests"
          label={t('create.guests')}
          agency={body}
          multiple
          value={guests}
          onChange={setGuests}
          exclude={taken}
          error={firstOf(fields, 'guests')}
        />
        <TextField
          id="quorum"
          inputMode="numeric"
          label={t('create.quorum')}
          hint={t('create.quorumHint')}
          value={quorum}
          error={fields.quorum}
          onChange={(e) => setQuorum(e.target.value)}
        />
        <ChoiceGroup<'secret'>
          id="secret"
          legend={t('create.secretLegend')}
          hint={t('create.secretHint')}
          type="checkbox"
          choices={[{ value: 'secret', label: t('create.secret') }]}
          value={secret ? ['secret'] : []}
          onChange={(v) => setSecret(v.includes('secret'))}
          error={fields.secret}
        />
        <div className="btn-row">
          <button type="submit" className="btn" disabled={create.isPending}>
            {t('create.submit')}
          </button>
          <Link to="/staff/meetings" className="btn btn--secondary">
            {t('create.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
