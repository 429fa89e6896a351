import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

describe.each(DB_KINDS)('agency directory on %s', (kind) => {
  let p: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = (await p.staff({ roles: ['admin'] })).token;
  });
  afterAll(async () => p?.close());

  it('has the national slice: the Government Office, ministries and the 34 provinces', async () => {
    const provinces = await p.call('GET', '/api/agencies?level=province&pageSize=100');
    expect(provinces.json().total).toBe(34);
    const ministries = await p.call('GET', '/api/agencies?level=ministry&pageSize=100');
    expect(ministries.json().total).toBeGreaterThanOrEqual(8);
    expect((await p.call('GET', '/api/agencies?level=commune')).json().total).toBeGreaterThan(0);
  });

  it('finds agencies without diacritics and by code, public and paginated', async () => {
    const r = await p.call('GET', '/api/agencies?q=van%20phong%20chinh%20phu');
    expect(r.statusCode).toBe(200);
    expect(r.json().items[0]).toMatchObject({ code: 'G22', legacyCode: '000.00.00.G22', name: 'Văn phòng Chính phủ' });
    const dn = await p.call('GET', '/api/agencies?q=da%20nang&level=province');
    expect(dn.json().items.map((a: { name: string }) => a.name)).toContainEqual(expect.stringContaining('Đà Nẵng'));
    const byCode = await p.call('GET', '/api/agencies?q=H26');
    expect(byCode.json().items[0].code).toBe('H26');
    const page = await p.call('GET', '/api/agencies?page=2&pageSize=5');
    expect(page.json()).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.json().items).toHaveLength(5);
    const children = await p.call('GET', '/api/agencies?parent=000.00.00.H26&pageSize=100');
    expect(children.json().items.length).toBeGreaterThan(3);
    expect(children.json().items.every((a: { parentCode: string }) => a.parentCode === 'H26')).toBe(true);
  });

  it('gets one agency by either code form, with parent and children', async () => {
    const a = await p.call('GET', '/api/agencies/000.00.00.G22');
    const b = await p.call('GET', '/api/agencies/G22');
    expect(a.json()).toEqual(b.json());
    const hn = (await p.call('GET', '/api/agencies/H26')).json();
    expect(hn.children.length).toBeGreaterThan(0);
    const child = (await p.call('GET', `/api/agencies/${hn.children[0].code}`)).json();
    expect(child.parent).toEqual({ code: 'H26', name: hn.name });
    const missing = await p.call('GET', '/api/agencies/H99');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('AGENCY_NOT_FOUND');
  });

  it('an admin creates, edits and moves an agency; every change is audited', async () => {
    const created = await p.call('POST', '/api/agencies', {
      token: admin,
      body: {
        code: 'h26.99',
        name: 'Sở Thử nghiệm Hà Nội',
        level: 'department',
        parentCode: 'H26',
        email: 'so@hanoi.gov.vn',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'H26.99', legacyCode: '000.00.99.H26', parentCode: 'H26' });
    const dup = await p.call('POST', '/api/agencies', {
      token: admin,
      body: { code: 'H26.99', name: 'Trùng mã', level: 'department' },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await p.call('POST', '/api/agencies', {
      token: admin,
      body: { code: 'hello world', name: 'Trùng mã', level: 'department' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'code', code: 'INVALID_AGENCY_CODE' });
    const edited = await p.call('PATCH', '/api/agencies/H26.99', {
      token: admin,
      body: { phone: '024 3825 0000', name: 'Sở Thử nghiệm thành phố Hà Nội' },
    });
    expect(edited.json()).toMatchObject({ phone: '024 3825 0000', name: 'Sở Thử nghiệm thành phố Hà Nội' });
    const moved = await p.call('POST', '/api/agencies/H26.99/move', { token: admin, body: { parentCode: 'G22' } });
    expect(moved.json().parentCode).toBe('G22');
    const cycle = await p.call('POST', '/api/agencies/G22/move', { token: admin, body: { parentCode: 'H26.99' } });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('AGENCY_MOVE_CYCLE');
    const trail = await p.call('GET', '/api/audit/events?subjectType=agency&subjectId=H26.99', { token: admin });
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual([
      'agency.moved',
      'agency.updated',
      'agency.created',
    ]);
    const upd = trail.json().items[1];
    expect(upd.before).toMatchObject({ phone: null });
    expect(upd.after).toMatchObject({ phone: '024 3825 0000' });
  });

  it('an agency admin edits their own subtree only, and cannot create or move', async () => {
    const hn = (await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' })).token;
    expect(
      (await p.call('PATCH', '/api/agencies/H26.S02', { token: hn, body: { phone: '024 1111 2222' } })).statusCode,
    ).toBe(200);
    const other = await p.call('PATCH', '/api/agencies/H41', { token: hn, body: { phone: '0238' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN_AGENCY');
    expect(
      (await p.call('POST', '/api/agencies/H26.S02/move', { token: hn, body: { parentCode: 'G22' } })).statusCode,
    ).toBe(403);
  });
});
