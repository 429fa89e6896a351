import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcedureContent } from '../../../test/factories.js';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

describe.each(DB_KINDS)('procedure catalogue on %s', (kind) => {
  let p: TestPlatform;
  let hnAdmin: string;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    hnAdmin = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
  });
  afterAll(async () => p?.close());

  it('an agency admin creates a draft, publishes it, and the public finds it without diacritics', async () => {
    const c = await p.call('POST', '/api/procedures', {
      token: hnAdmin,
      body: { code: '1.001193', ...buildProcedureContent() },
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ code: '1.001193', version: 1, status: 'draft' });
    expect((await p.call('GET', '/api/procedures/1.001193')).statusCode).toBe(404); // drafts are not public
    const pub = await p.call('POST', '/api/procedures/1.001193/publish', { token: hnAdmin });
    expect(pub.json()).toMatchObject({ version: 1, status: 'published', workflow: { initial: 'submitted' } });
    const found = await p.call('GET', '/api/procedures?q=dang%20ky%20khai%20sinh');
    expect(found.json().items.map((x: { code: string }) => x.code)).toContain('1.001193');
    const byAgency = await p.call('GET', '/api/procedures?agency=H26&mode=full&field=ho%20tich');
    expect(byAgency.json().items[0]).toMatchObject({ code: '1.001193', feeTotal: 0, processingDays: 3 });
  });

  it('a published version is immutable: editing opens version 2, and version 1 stays readable', async () => {
    const v2 = await p.call('PUT', '/api/procedures/1.001193/draft', {
      token: hnAdmin,
      body: buildProcedureContent({ processingDays: 5 }),
    });
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', processingDays: 5 });
    expect((await p.call('GET', '/api/procedures/1.001193')).json()).toMatchObject({ version: 1, processingDays: 3 });
    await p.call('POST', '/api/procedures/1.001193/publish', { token: hnAdmin });
    expect((await p.call('GET', '/api/procedures/1.001193')).json()).toMatchObject({ version: 2, processingDays: 5 });
    expect((await p.call('GET', '/api/procedures/1.001193?version=1')).json()).toMatchObject({
      version: 1,
      status: 'superseded',
      processingDays: 3,
    });
    const versions = await p.call('GET', '/api/procedures/1.001193/versions', { token: hnAdmin });
    expect(versions.json().items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect((await p.call('POST', '/api/procedures/1.001193/publish', { token: hnAdmin })).json().code).toBe('NO_DRAFT');
  });

  it('validates content: code format, unknown agency, broken form schema, bad workflow', async () => {
    const bad = await p.call('POST', '/api/procedures', {
      token: hnAdmin,
      body: { ...buildProcedureContent(), code: '1005129' },
    });
    expect(bad.json().errors[0]).toMatchObject({ path: 'code', code: 'INVALID_PROCEDURE_CODE' });
    const agency = await p.call('POST', '/api/procedures', {
      token: (await p.staff({ roles: ['admin'] })).token,
      body: { ...buildProcedureContent({ implementingAgencies: ['H99'] }), code: '1.000001' },
    });
    expect(agency.json().errors[0]).toMatchObject({ path: 'implementingAgencies.0', code: 'AGENCY_NOT_FOUND' });
    const schema = await p.call('POST', '/api/procedures', {
      token: hnAdmin,
      body: { ...buildProcedureContent({ formSchema: { type: 'nonsense' } }), code: '1.000002' },
    });
    expect(schema.json().errors[0]).toMatchObject({ path: 'formSchema', code: 'FORM_SCHEMA_INVALID' });
    const wf = await p.call('POST', '/api/procedures', {
      token: hnAdmin,
      body: {
        ...buildProcedureContent({
          workflow: {
            initial: 'nowhere',
            states: [
              { key: 'a', label: { vi: 'A', en: 'A' }, statusCode: 1, clock: 'running' },
              { key: 'b', label: { vi: 'B', en: 'B' }, statusCode: 2, clock: 'running' },
            ],
            actions: [{ key: 'go', label: { vi: 'Đi', en: 'Go' }, from: ['a'], to: 'c', roles: ['reception'] }],
          },
        }),
        code: '1.000003',
      },
    });
    expect(wf.statusCode).toBe(422);
    expect(wf.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['workflow.initial', 'workflow.actions.0']),
    );
    expect(
      (
        await p.call('POST', '/api/procedures', {
          token: hnAdmin,
          body: { code: '1.001193', ...buildProcedureContent() },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('only admins and the agency admins concerned manage procedures', async () => {
    const citizen = await p.citizen();
    const specialist = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
    const naAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    for (const t of [citizen.token, specialist.token]) {
      expect(
        (await p.call('POST', '/api/procedures', { token: t, body: { code: '1.000009', ...buildProcedureContent() } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await p.call('PUT', '/api/procedures/1.001193/draft', { token: t, body: buildProcedureContent() })).statusCode,
      ).toBe(403);
    }
    const other = await p.call('PUT', '/api/procedures/1.001193/draft', {
      token: naAdmin.token,
      body: buildProcedureContent(),
    });
    expect(other.json().code).toBe('FORBIDDEN_AGENCY');
    const create = await p.call('POST', '/api/procedures', {
      token: naAdmin.token,
      body: { code: '1.000010', ...buildProcedureContent() },
    });
    expect(create.json().code).toBe('FORBIDDEN_AGENCY');
    expect(
      (await p.call('POST', '/api/procedures', { body: { code: '1.000011', ...buildProcedureContent() } })).statusCode,
    ).toBe(401);
  });
});
