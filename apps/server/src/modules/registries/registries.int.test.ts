import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { recordChange } from './use-cases/versions.js';

type Staff = Awaited<ReturnType<TestPlatform['staff']>>;
type Citizen = Awaited<ReturnType<TestPlatform['citizen']>>;

const ADDR_1 = 'Số 12 phố Hàng Bài, phường Hoàn Kiếm, Hà Nội';
const ADDR_2 = 'Số 8 ngõ 10 phố Kim Mã, phường Ba Đình, Hà Nội';

/** A birth-registration form as the catalogue's, its declarant block read from the population registry. */
const birthForm = {
  type: 'object',
  required: ['declarant', 'child', 'mother'],
  properties: {
    declarant: {
      type: 'object',
      title: 'Người yêu cầu',
      required: ['fullName', 'idNumber', 'residence'],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-registry': 'population.fullName' },
        idNumber: { type: 'string', pattern: '^\\d{12}$', title: 'Số định danh', 'x-registry': 'population.idNumber' },
        residence: { type: 'string', title: 'Nơi cư trú', 'x-registry': 'population.permanentAddress' },
      },
    },
    child: {
      type: 'object',
      title: 'Người được khai sinh',
      required: ['fullName', 'gender', 'dateOfBirth'],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên' },
        gender: { type: 'string', enum: ['male', 'female'] },
        dateOfBirth: { type: 'string', format: 'date' },
        placeOfBirth: { type: 'string' },
      },
    },
    mother: {
      type: 'object',
      title: 'Mẹ',
      required: ['fullName'],
      properties: {
        fullName: { type: 'string' },
        idNumber: { type: 'string', pattern: '^\\d{12}$' },
        residence: { type: 'string' },
      },
    },
  },
};

describe.each(DB_KINDS)('registries on %s', (kind) => {
  let p: TestPlatform;
  let reception: Staff;
  let specialist: Staff;
  let leader: Staff;
  let otherAgency: Staff;
  let clerk: Staff;
  let owner: Staff;
  let citizen: Citizen;
  let dossierCode: string;
  let pdf: Buffer;

  /** A believed person (created the way the generator and dossier effects do). */
  async function person(idNumber: string, over: Record<string, unknown> = {}, validFrom = '1990-05-01') {
    await p.deps.db.transaction((tx) =>
      recordChange(tx, p.clock.now(), {
        registry: 'population',
        key: idNumber,
        validFrom: new Date(`${validFrom}T00:00:00+07:00`),
        validTo: null,
        patch: {
          idNumber,
          fullName: 'Nguyễn Văn Thử',
          dateOfBirth: validFrom,
          sex: 'male',
          placeOfBirth: 'Hà Nội',
          permanentAddress: ADDR_1,
          currentAddress: ADDR_1,
          ...over,
        },
        source: 'seed',
        recordedBy: null,
      }),
    );
  }
  const read = (token: string | undefined, key: string, q: string) =>
    p.call('GET', `/api/registries/population/records/${key}${q}`, { token });
  const tracker = async (c: Citizen) => (await p.call('GET', '/api/me/data-access', { token: c.token })).json();

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const admin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    reception = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    leader = await p.staff({ roles: ['leader'], agencyCode: 'H26' });
    clerk = await p.staff({ roles: ['clerk'], agencyCode: 'H26' });
    otherAgency = await p.staff({ roles: ['reception'], agencyCode: 'H41' });
    owner = await p.staff({ roles: ['specialist'], agencyCode: 'G01' });
    const created = await p.call('POST', '/api/procedures', {
      token: admin,
      body: { code: '1.001193', ...buildProcedureContent({ formSchema: birthForm, requiredDocuments: [] }) },
    });
    expect(created.statusCode).toBe(201);
    expect((await p.call('POST', '/api/procedures/1.001193/publish', { token: admin })).statusCode).toBe(200);
    citizen = await p.citizen();
    await p.verifyAtDesk(citizen);
    await person(citizen.username, { fullName: 'Trần Thị Bích', sex: 'male' });
    const doc = await PDFDocument.create();
    doc.addPage();
    pdf = Buffer.from(await doc.save());
    const d = await p.call('POST', '/api/dossiers', {
      token: citizen.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData: {
          declarant: { fullName: 'Trần Thị Bích', idNumber: citizen.username, residence: ADDR_1 },
          child: {
            fullName: 'Nguyễn Minh Khang',
            gender: 'male',
            dateOfBirth: '2026-02-20',
            placeOfBirth: 'Bệnh viện Phụ sản Hà Nội',
          },
          mother: { fullName: 'Trần Thị Bích', idNumber: citizen.username },
        },
        attachments: [],
      },
    });
    expect(d.statusCode).toBe(201);
    dossierCode = d.json().code;
  });
  afterAll(() => p?.close());

  it('refuses a read without login, role, purpose, dossier, or from another agency, before reading', async () => {
    const key = citizen.username;
    expect((await read(undefined, key, '?purpose=dossier-processing')).statusCode).toBe(401);
    const wrongRole = await read(clerk.token, key, `?purpose=dossier-processing&dossierCode=${dossierCode}`);
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('FORBIDDEN_ROLE');
    expect((await read(citizen.token, key, '?purpose=prefill')).statusCode).toBe(403);
    const noPurpose = await read(reception.token, key, '');
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.headers['content-type']).toContain('application/problem+json');
    expect(noPurpose.json()).toMatchObject({
      code: 'PURPOSE_REQUIRED',
      params: { purposes: expect.arrayContaining(['dossier-processing']) },
    });
    expect((await read(reception.token, key, '?purpose=shopping')).json().code).toBe('PURPOSE_NOT_ALLOWED');
    expect((await read(reception.token, key, '?purpose=prefill')).json().code).toBe('PURPOSE_NOT_ALLOWED');
    expect((await read(reception.token, key, '?purpose=dossier-processing')).json().code).toBe('DOSSIER_REQUIRED');
    const elsewhere = await read(otherAgency.token, key, `?purpose=dossier-processing&dossierCode=${dossierCode}`);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('DOSSIER_OTHER_AGENCY');
    const unknownField = await read(
      reception.token,
      key,
      `?purpose=dossier-processing&dossierCode=${dossierCode}&fields=salary`,
    );
    expect(unknownField.statusCode).toBe(422);
    expect(unknownField.json().errors[0]).toMatchObject({ path: 'fields', code: 'UNKNOWN_REGISTRY_FIELD' });
    // None of the refused calls reached the data: the person sees no read.
    expect((await tracker(citizen)).items).toEqual([]);
  });

  it('the gateway facade applies the same checks and answers problems as {status, body}', async () => {
    const svc = p.registries.facade.services().find((s) => s.code === 'population.person.v1')!;
    expect(svc.purposes).toContain('dossier-processing');
    const base = {
      params: { idNumber: citizen.username },
      client: 'VN:GOV:H26:one-stop',
      actor: { kind: 'official' as const, accountId: reception.id, agencyCode: 'H26' },
    };
    expect(await svc.handle({ ...base, service: svc.code, purpose: '' })).toMatchObject({
      status: 400,
      body: { code: 'PURPOSE_REQUIRED' },
    });
    const wrongClient = await svc.handle({
      ...base,
      service: svc.code,
      client: 'VN:GOV:H41:one-stop',
      purpose: 'investigation',
    });
    expect(wrongClient).toMatchObject({ status: 403, body: { code: 'CLIENT_AGENCY_MISMATCH' } });
    expect((await svc.handle({ ...base, service: svc.code, client: 'H26', purpose: 'investigation' })).status).toBe(
      400,
    );
    const ok = await svc.handle({
      ...base,
      service: svc.code,
      purpose: 'dossier-processing',
      dossierCode,
      params: { ...base.params, fields: 'fullName' },
    });
    expect(ok).toMatchObject({ status: 200, body: { key: citizen.username, data: { fullName: 'Trần Thị Bích' } } });
    expect(Object.keys((ok.body as { data: object }).data)).toEqual(['fullName']);
  });

  it('keeps history: as valid at a date, as known at an instant, and every version', async () => {
    const key = '001190123456';
    await person(key, { fullName: 'Lê Thị Sử' });
    // Purpose limitation: a dossier that does not name her is no reason to read her record.
    const unrelated = await read(reception.token, key, `?purpose=dossier-processing&dossierCode=${dossierCode}`);
    expect([unrelated.statusCode, unrelated.json().code]).toEqual([403, 'RECORD_NOT_IN_DOSSIER']);
    // Her daughter's birth registration names her as the mother: the desk reads her record for it.
    const filed = await p.call('POST', '/api/dossiers', {
      token: citizen.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        procedureCode: '1.001193',
        agencyCode: 'H26',
        formData: {
          declarant: { fullName: 'Trần Thị Bích', idNumber: citizen.username, residence: ADDR_1 },
          child: { fullName: 'Lê Thị An', gender: 'female', dateOfBirth: '2026-03-01' },
          mother: { fullName: 'Lê Thị Sử', idNumber: key },
        },
        attachments: [],
      },
    });
    expect(filed.statusCode).toBe(201);
    const t0 = p.clock.now();
    p.clock.advance(60_000);
    const q = `?purpose=dossier-processing&dossierCode=${filed.json().code}`;
    // The owner records, late, a move that happened on 1 June 2024.
    const change = (token: string | undefined, k = crypto.randomUUID()) =>
      p.call('POST', `/api/registries/population/records/${key}/versions`, {
        token,
        headers: { 'idempotency-key': k },
        body: { validFrom: '2024-06-01T00:00:00+07:00', patch: { currentAddress: ADDR_2 }, reason: 'Đăng ký tạm trú' },
      });
    expect((await change(undefined)).statusCode).toBe(401);
    expect((await change(reception.token)).statusCode).toBe(403);
    expect((await change(leader.token)).json().code).toBe('REGISTRY_NOT_OWNER');
    const idem = crypto.randomUUID();
    const first = await change(owner.token, idem);
    expect(first.json()).toEqual({ superseded: 1, recorded: 2 });
    const again = await change(owner.token, idem);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const t1 = p.clock.now();

    const now = (await read(reception.token, key, q)).json();
    expect(now.data.currentAddress).toBe(ADDR_2);
    expect(now).toMatchObject({ validFrom: '2024-05-31T17:00:00.000Z', validTo: null, cause: `owner:${owner.id}` });
    const before = (await read(reception.token, key, `${q}&validAt=2024-01-01T00:00:00%2B07:00`)).json();
    expect(before.data.currentAddress).toBe(ADDR_1);
    expect(before.validTo).toBe('2024-05-31T17:00:00.000Z');
    // What we knew before the change was recorded: the old address, even for today.
    const knownBefore = (
      await read(reception.token, key, `${q}&knownAt=${encodeURIComponent(t0.toISOString())}`)
    ).json();
    expect(knownBefore.data.currentAddress).toBe(ADDR_1);
    expect(new Date(knownBefore.supersededAt).getTime()).toBeGreaterThan(t0.getTime());
    expect(new Date(knownBefore.supersededAt).getTime()).toBeLessThanOrEqual(t1.getTime());

    const h = (
      await p.call('GET', `/api/registries/population/records/${key}/history${q}`, { token: specialist.token })
    ).json();
    expect(
      h.versions.map((v: { data: { currentAddress: string }; supersededAt: string | null }) => [
        v.data.currentAddress,
        !!v.supersededAt,
      ]),
    ).toEqual([
      [ADDR_1, true],
      [ADDR_1, false],
      [ADDR_2, false],
    ]);
    // A record the dossier does not name is refused before the registry is read: whether it exists is not told.
    const unknown = await read(reception.token, '001190999999', q);
    expect([unknown.statusCode, unknown.json().code]).toEqual([403, 'RECORD_NOT_IN_DOSSIER']);
  });

  it('shows the person every read of his data, with agency, official, fields, purpose and dossier', async () => {
    const before = (await tracker(citizen)).total;
    const r = await read(
      reception.token,
      citizen.username,
      `?purpose=dossier-processing&dossierCode=${dossierCode}&fields=fullName,dateOfBirth`,
    );
    expect(r.statusCode).toBe(200);
    const t = await tracker(citizen);
    expect(t.total).toBe(before + 1);
    expect(t.items[0]).toMatchObject({
      agencyCode: 'H26',
      actorKind: 'official',
      actorName: `Cán bộ ${reception.username}`,
      fields: ['fullName', 'dateOfBirth'],
      purpose: 'dossier-processing',
      purposeLabel: 'Giải quyết thủ tục hành chính',
      dossierCode,
      client: 'VN:GOV:H26:one-stop',
      registryName: 'Cơ sở dữ liệu quốc gia về dân cư',
      self: false,
      delayedUntil: null,
    });
    // Another citizen does not see it; an unverified one sees nothing; staff have no tracker.
    const other = await p.citizen();
    await p.verifyAtDesk(other);
    expect((await tracker(other)).items).toEqual([]);
    const unverified = await p.citizen();
    expect((await p.call('GET', '/api/me/data-access', { token: unverified.token })).json().code).toBe(
      'IDENTITY_NOT_VERIFIED',
    );
    expect((await p.call('GET', '/api/me/data-access', { token: reception.token })).statusCode).toBe(403);
    expect((await p.call('GET', '/api/me/data-access')).statusCode).toBe(401);
  });

  it('hides reads under a legal delay until it ends, audits the delay, and then shows both', async () => {
    const subject = citizen.username;
    const body = {
      subjectId: subject,
      endsAt: new Date(p.clock.now().getTime() + 2 * 3600_000).toISOString(),
      legalBasis: 'Bộ luật Tố tụng hình sự 2015 Điều 88',
      caseReference: 'VA-2026-17',
    };
    expect((await p.call('POST', '/api/registries/access-delays', { body })).statusCode).toBe(401);
    expect((await p.call('POST', '/api/registries/access-delays', { token: reception.token, body })).statusCode).toBe(
      403,
    );
    const late = await p.call('POST', '/api/registries/access-delays', {
      token: leader.token,
      body: { ...body, endsAt: '2020-01-01T00:00:00Z' },
    });
    expect(late.json().errors[0]).toMatchObject({ path: 'endsAt', code: 'DELAY_END_IN_PAST' });
    const created = await p.call('POST', '/api/registries/access-delays', { token: leader.token, body });
    expect(created.statusCode).toBe(201);
    const twice = await p.call('POST', '/api/registries/access-delays', { token: leader.token, body });
    expect(twice.statusCode).toBe(200);
    expect(twice.json().delay.id).toBe(created.json().delay.id);
    const audit = await p.call('GET', `/api/audit/events?action=registries.access-delay.created`, {
      token: (await p.staff({ roles: ['admin'] })).token,
    });
    expect(JSON.stringify(audit.json())).toContain(created.json().delay.id);

    const total = (await tracker(citizen)).total;
    // A read by the delaying agency is hidden; one by another agency is not.
    expect((await read(leader.token, subject, '?purpose=investigation')).statusCode).toBe(200);
    expect((await tracker(citizen)).total).toBe(total);
    expect((await read(otherAgency.token, subject, '?purpose=investigation')).statusCode).toBe(200);
    const shown = await tracker(citizen);
    expect(shown.total).toBe(total + 1);
    expect(shown.items[0].agencyCode).toBe('H41');
    expect(shown.endedDelays).toEqual([]);

    // Sessions last 8 hours: a short delay keeps the test's logins valid.
    p.clock.advance(3 * 3600_000);
    const after = await tracker(citizen);
    expect(after.total).toBe(total + 2);
    const delayed = after.items.find((i: { delayedUntil: string | null }) => i.delayedUntil);
    expect(delayed).toMatchObject({ agencyCode: 'H26', purpose: 'investigation', delayedUntil: body.endsAt });
    expect(after.endedDelays).toEqual([
      { agencyCode: 'H26', legalBasis: body.legalBasis, startsAt: expect.any(String), endsAt: body.endsAt },
    ]);
  });

  it('prefills a form from the registry after consent, logs the read as the citizen’s own', async () => {
    const sources = ['population.fullName', 'population.idNumber', 'population.permanentAddress'];
    expect(
      (await p.call('POST', '/api/me/registry-prefill', { body: { procedureCode: '1.001193', sources } })).statusCode,
    ).toBe(401);
    const notInForm = await p.call('POST', '/api/me/registry-prefill', {
      token: citizen.token,
      body: { procedureCode: '1.001193', sources: ['population.spouseId'] },
    });
    expect(notInForm.json().errors[0]).toMatchObject({ path: 'sources', code: 'SOURCE_NOT_IN_FORM' });
    const unverified = await p.citizen();
    expect(
      (
        await p.call('POST', '/api/me/registry-prefill', {
          token: unverified.token,
          body: { procedureCode: '1.001193', sources },
        })
      ).json().code,
    ).toBe('IDENTITY_NOT_VERIFIED');
    const r = await p.call('POST', '/api/me/registry-prefill', {
      token: citizen.token,
      body: { procedureCode: '1.001193', sources },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'population.fullName',
          value: 'Trần Thị Bích',
          registryName: 'Cơ sở dữ liệu quốc gia về dân cư',
          ownerAgencyCode: 'G01',
        }),
        expect.objectContaining({ source: 'population.permanentAddress', value: ADDR_1 }),
      ]),
    );
    const t = await tracker(citizen);
    expect(t.items[0]).toMatchObject({
      self: true,
      purpose: 'prefill',
      fields: ['fullName', 'idNumber', 'permanentAddress'],
      actorName: null,
    });
    // The consent is on record, and the read's log row names it (one statement wrote both).
    const recorded = (
      (await p.deps.db.execute(sql`
        select c.sources, c.account_id, l.fields from registries.consents c
        join registries.access_log l on l.consent_id = c.id where c.id = ${r.json().consentId as string}`)) as unknown as {
        rows: { sources: string[]; account_id: string; fields: string[] }[];
      }
    ).rows;
    expect(recorded).toEqual([
      { sources: [...sources].sort(), account_id: citizen.id, fields: ['fullName', 'idNumber', 'permanentAddress'] },
    ]);
    // A citizen cannot read through the gateway without a consent, nor someone else's record.
    const svc = p.registries.facade.services().find((s) => s.code === 'population.person.v1')!;
    const citizenReq = {
      service: svc.code,
      client: 'VN:GOV:G22:dvc-portal',
      actor: { kind: 'citizen' as const, accountId: citizen.id },
      purpose: 'prefill',
    };
    expect(
      (await svc.handle({ ...citizenReq, params: { idNumber: citizen.username, fields: 'fullName' } })).body,
    ).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(
      (await svc.handle({ ...citizenReq, params: { idNumber: '001190123456' }, consentId: r.json().consentId })).body,
    ).toMatchObject({ code: 'NOT_YOUR_RECORD' });
    // The consent covers the fields consented to, not more.
    expect(
      (
        await svc.handle({
          ...citizenReq,
          params: { idNumber: citizen.username, fields: 'spouseId' },
          consentId: r.json().consentId,
        })
      ).body,
    ).toMatchObject({ code: 'CONSENT_REQUIRED' });
    // Within the consented fields, the stored consent lets the same read through again (logged too).
    const again = await svc.handle({
      ...citizenReq,
      params: { idNumber: citizen.username, fields: 'fullName' },
      consentId: r.json().consentId,
    });
    expect(again.status).toBe(200);
    expect((await tracker(citizen)).total).toBe(t.total + 1);
  });

  it('a citizen flags a wrong value once; the owner accepts it and the registry records it', async () => {
    const body = { source: 'population.fullName', proposedValue: 'Trần Thị Ngọc Bích', reason: 'Thiếu tên đệm' };
    expect((await p.call('POST', '/api/me/registry-corrections', { body })).statusCode).toBe(401);
    const first = await p.call('POST', '/api/me/registry-corrections', { token: citizen.token, body });
    expect(first.statusCode).toBe(201);
    expect(first.json().correction).toMatchObject({
      currentValue: 'Trần Thị Bích',
      ownerAgencyCode: 'G01',
      status: 'open',
    });
    const twice = await p.call('POST', '/api/me/registry-corrections', { token: citizen.token, body });
    expect(twice.statusCode).toBe(200);
    expect(twice.json().correction.id).toBe(first.json().correction.id);
    expect((await p.call('GET', '/api/registries/corrections', { token: reception.token })).json().code).toBe(
      'FORBIDDEN_ROLE',
    );
    expect((await p.call('GET', '/api/registries/corrections', { token: specialist.token })).json().code).toBe(
      'REGISTRY_NOT_OWNER',
    );
    const list = (await p.call('GET', '/api/registries/corrections?status=open', { token: owner.token })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(first.json().correction.id);
    const id = first.json().correction.id;
    const ok = await p.call('POST', `/api/registries/corrections/${id}/resolve`, {
      token: owner.token,
      body: { decision: 'accept', note: 'Đã đối chiếu giấy khai sinh' },
    });
    expect(ok.json().status).toBe('accepted');
    expect(
      (
        await p.call('POST', `/api/registries/corrections/${id}/resolve`, {
          token: owner.token,
          body: { decision: 'reject', note: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    const now = await read(reception.token, citizen.username, `?purpose=dossier-processing&dossierCode=${dossierCode}`);
    expect(now.json()).toMatchObject({ data: { fullName: 'Trần Thị Ngọc Bích' }, cause: `correction:${id}` });
  });

  it('a desk officer checks a document against the registry for a dossier; the check is logged', async () => {
    const check = (token: string, claims: Record<string, string>, code = dossierCode) =>
      p.call('POST', `/api/registries/population/records/${citizen.username}/check`, {
        token,
        body: { dossierCode: code, claims },
      });
    expect((await check(otherAgency.token, { fullName: 'x' })).json().code).toBe('DOSSIER_OTHER_AGENCY');
    expect((await check(reception.token, { fullName: 'x' }, 'H26-000000-0000')).statusCode).toBe(404);
    const r = await check(reception.token, { fullName: 'trần thị ngọc bích', dateOfBirth: '1990-05-02' });
    expect(r.json()).toMatchObject({ found: true, matches: { fullName: true, dateOfBirth: false } });
    expect((await tracker(citizen)).items[0]).toMatchObject({
      purpose: 'document-check',
      fields: ['fullName', 'dateOfBirth'],
      dossierCode,
    });
  });

  it('a finished birth registration adds the child to the population registry, once, as the dossier’s effect', async () => {
    await p.seal('H26');
    const act = (token: string, body: Record<string, unknown>) =>
      p.call('POST', `/api/dossiers/${encodeURIComponent(dossierCode)}/actions`, { token, body });
    expect((await act(reception.token, { action: 'receive' })).statusCode).toBe(200);
    expect((await act(reception.token, { action: 'assign', assigneeId: specialist.id })).statusCode).toBe(200);
    expect((await act(specialist.token, { action: 'submit_for_approval' })).statusCode).toBe(200);
    expect((await act(leader.token, { action: 'approve' })).statusCode).toBe(200);
    const result = await p.upload(leader.token, pdf, 'giay-khai-sinh.pdf');
    expect((await act(leader.token, { action: 'issue_result', resultFileId: result })).statusCode).toBe(200);
    await p.deps.jobs.drain();
    await p.deps.jobs.drain();
    const { registriesRepository } = await import('./registries.repository.js');
    const effects = await registriesRepository.effectsOf(p.deps.db, dossierCode);
    expect(effects).toHaveLength(1);
    const childId = effects[0]!.recordKey;
    // Hà Nội birth-registration code 001, 2000s male = 2, year 26.
    expect(childId).toMatch(/^001226\d{6}$/);
    const child = await read(reception.token, childId, `?purpose=dossier-processing&dossierCode=${dossierCode}`);
    expect(child.json()).toMatchObject({
      data: {
        fullName: 'Nguyễn Minh Khang',
        sex: 'male',
        dateOfBirth: '2026-02-20',
        motherId: citizen.username,
        communeCode: 'H26',
      },
      cause: `dossier:${dossierCode}`,
    });
    // Applying the effect again (a retried job) changes nothing.
    const { applyDossierEffect } = await import('./use-cases/effects.js');
    await applyDossierEffect(p.registries.context, {
      code: dossierCode,
      procedureCode: '1.001193',
      agencyCode: 'H26',
      formData: { child: { fullName: 'Khác', gender: 'female', dateOfBirth: '2026-02-21' } },
      finishedAt: new Date().toISOString(),
      actorId: null,
      actorName: null,
    });
    expect(await registriesRepository.effectsOf(p.deps.db, dossierCode)).toHaveLength(1);
  });

  it('a finished household-business registration adds a business with a valid tax code, read as its owner’s data', async () => {
    const { applyDossierEffect } = await import('./use-cases/effects.js');
    const { isValidTaxCode } = await import('./vn-data.js');
    const { registriesRepository } = await import('./registries.repository.js');
    // Recorded as an effect of the dossier the tests file, so that a read for it may concern the new business.
    const code = dossierCode;
    await applyDossierEffect(p.registries.context, {
      code,
      procedureCode: '1.001612',
      agencyCode: 'H26',
      formData: {
        businessName: 'Hộ kinh doanh Bích Ngọc',
        headOffice: {
          province: '01',
          provinceName: 'Thành phố Hà Nội',
          commune: '00070',
          communeName: 'Phường Hoàn Kiếm',
          street: 'Số 3 phố Hàng Gai',
        },
        capital: 200_000_000,
        owner: { fullName: 'Trần Thị Ngọc Bích', idNumber: citizen.username },
      },
      finishedAt: new Date().toISOString(),
      actorId: leader.id,
      actorName: 'Lãnh đạo',
    });
    const effect = (await registriesRepository.effectsOf(p.deps.db, code)).find((e) => e.registry === 'business');
    expect(isValidTaxCode(effect!.recordKey)).toBe(true);
    const before = (await tracker(citizen)).total;
    const biz = await p.call(
      'GET',
      `/api/registries/business/records/${effect!.recordKey}?purpose=dossier-processing&dossierCode=${dossierCode}`,
      { token: reception.token },
    );
    expect(biz.json()).toMatchObject({
      data: {
        name: 'Hộ kinh doanh Bích Ngọc',
        type: 'Hộ kinh doanh',
        headOffice: 'Số 3 phố Hàng Gai, Phường Hoàn Kiếm, Thành phố Hà Nội',
        legalRepresentativeId: citizen.username,
        charterCapital: 200_000_000,
      },
      cause: `dossier:${code}`,
    });
    // The representative sees that his business's record was read.
    const t = await tracker(citizen);
    expect(t.total).toBe(before + 1);
    expect(t.items[0]).toMatchObject({ registry: 'business', dossierCode });
  });
});
