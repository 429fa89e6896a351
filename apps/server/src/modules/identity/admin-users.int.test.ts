import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

describe.each(DB_KINDS)('staff accounts on %s', (kind) => {
  let p: TestPlatform;
  let admin: Awaited<ReturnType<TestPlatform['staff']>>;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.staff({ roles: ['admin'] });
  });
  afterAll(async () => p?.close());

  const newStaff = (over: Record<string, unknown> = {}) => ({
    username: `cb.${Math.random().toString(36).slice(2, 8)}`,
    password: 'CanBo@2026',
    fullName: 'Đỗ Văn Cán Bộ',
    roles: ['specialist'],
    agencyCode: 'H26.S02',
    ...over,
  });

  it('an admin creates a civil servant in an agency (either code form), who can log in', async () => {
    const body = newStaff({ agencyCode: 'H26.S02' });
    const r = await p.call('POST', '/api/admin/users', { token: admin.token, body });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'staff', roles: ['specialist'], agencyCode: 'H26.S02', status: 'active' });
    const token = await p.login(body.username, body.password);
    expect((await p.call('GET', '/api/me', { token })).json()).toMatchObject({
      roles: ['specialist'],
      agencyCode: 'H26.S02',
    });
    const viaLegacy = await p.call('POST', '/api/admin/users', {
      token: admin.token,
      body: newStaff({ agencyCode: '000.00.00.G22' }),
    });
    expect(viaLegacy.json().agencyCode).toBe('G22');
  });

  it('refuses an unknown agency, a missing agency for desk roles, and a taken username', async () => {
    const unknown = await p.call('POST', '/api/admin/users', {
      token: admin.token,
      body: newStaff({ agencyCode: 'H99.X' }),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'agencyCode', code: 'AGENCY_NOT_FOUND' });
    const none = await p.call('POST', '/api/admin/users', {
      token: admin.token,
      body: newStaff({ agencyCode: null, roles: ['reception'] }),
    });
    expect(none.json().errors[0]).toMatchObject({ path: 'agencyCode', code: 'REQUIRED' });
    const body = newStaff();
    await p.call('POST', '/api/admin/users', { token: admin.token, body });
    const again = await p.call('POST', '/api/admin/users', { token: admin.token, body });
    expect(again.statusCode).toBe(409);
    const badRole = await p.call('POST', '/api/admin/users', {
      token: admin.token,
      body: newStaff({ roles: ['king'] }),
    });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.json().errors[0].path).toBe('roles.0');
  });

  it('every admin route: 401 without login, 403 for a citizen and for a desk officer', async () => {
    const citizen = await p.citizen();
    const reception = await p.staff({ roles: ['reception'] });
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', newStaff()],
      ['PATCH', `/api/admin/users/${citizen.id}`, { status: 'disabled' }],
      ['GET', '/api/admin/jobs'],
      ['POST', '/api/admin/jobs/job_x/retry'],
      ['GET', '/api/audit/events'],
      ['GET', '/api/audit/verify'],
      ['POST', '/api/agencies', { code: 'H26.T1', name: 'Thử', level: 'department', parentCode: 'H26' }],
      ['POST', '/api/agencies/H26.S01/move', { parentCode: 'G22' }],
      ['PATCH', '/api/agencies/H26', { phone: '024' }],
    ];
    for (const [method, url, body] of routes) {
      expect((await p.call(method as 'GET', url, { body })).statusCode, `${method} ${url} anonymous`).toBe(401);
      for (const who of [citizen, reception]) {
        const r = await p.call(method as 'GET', url, { token: who.token, body });
        expect(r.statusCode, `${method} ${url}`).toBe(403);
        expect(r.json().code).toMatch(/^FORBIDDEN/);
      }
    }
  });

  it('an agency admin manages only staff of their own agency and cannot grant admin', async () => {
    const hnAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const own = await p.call('POST', '/api/admin/users', {
      token: hnAdmin.token,
      body: newStaff({ agencyCode: 'H26.S02' }),
    });
    expect(own.statusCode).toBe(201);
    const other = await p.call('POST', '/api/admin/users', {
      token: hnAdmin.token,
      body: newStaff({ agencyCode: 'H41' }),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN_AGENCY');
    const grant = await p.call('POST', '/api/admin/users', {
      token: hnAdmin.token,
      body: newStaff({ roles: ['admin'] }),
    });
    expect(grant.statusCode).toBe(403);
    const list = await p.call('GET', '/api/admin/users?pageSize=200', { token: hnAdmin.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((u: { agencyCode: string }) => u.agencyCode === 'H26')).toBe(true);
    const naAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H41' });
    const ownUserId = own.json().id;
    const cross = await p.call('PATCH', `/api/admin/users/${ownUserId}`, {
      token: naAdmin.token,
      body: { status: 'disabled' },
    });
    expect(cross.statusCode).toBe(403);
  });

  it('lists and filters accounts for the admin', async () => {
    const r = await p.call('GET', '/api/admin/users?kind=staff&role=admin', { token: admin.token });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    expect(r.json().items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
    expect(r.json().items[0]).not.toHaveProperty('passwordHash');
    // Reading other people's data is recorded.
    const trail = (
      await p.call('GET', '/api/audit/events?action=user.list_viewed&pageSize=1', { token: admin.token })
    ).json();
    expect(trail.items[0]).toMatchObject({
      actorName: admin.username,
      after: { filter: { role: 'admin', kind: 'staff' } },
    });
  });
});
