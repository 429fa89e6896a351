import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';

describe.each(DB_KINDS)('administrative units after the 2025 reorganisation on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());

  it('lists the 34 provinces, and the communes of each: 3,321 in all, every code once', async () => {
    const r = await p.call('GET', '/api/admin-units');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=86400');
    const body = r.json();
    expect(body.province).toBeNull();
    expect(body.source).toContain('MIT');
    expect(body.items).toHaveLength(34);
    expect(body.items[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội' });
    expect(body.items.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['Thành phố Hồ Chí Minh', 'Tỉnh Nghệ An', 'Thành phố Huế', 'Tỉnh Cà Mau']),
    );
    const codes = new Set<string>();
    for (const prov of body.items as { code: string }[]) {
      const c = await p.call('GET', `/api/admin-units?province=${prov.code}`);
      expect(c.statusCode).toBe(200);
      expect(c.json().province.code).toBe(prov.code);
      for (const x of c.json().items as { code: string; name: string }[]) {
        expect(x.code).toMatch(/^\d{5}$/);
        expect(x.name).toMatch(/^(Phường|Xã|Đặc khu) \S/u);
        expect(x.name).toBe(x.name.normalize('NFC'));
        codes.add(x.code);
      }
    }
    expect(codes.size).toBe(3321);
    const hn = (await p.call('GET', '/api/admin-units?province=01')).json().items;
    expect(hn).toContainEqual({ code: '00004', name: 'Phường Ba Đình' });
  });

  it('answers 404 for an unknown province and 422 for a malformed code', async () => {
    expect((await p.call('GET', '/api/admin-units?province=99')).json()).toMatchObject({
      status: 404,
      code: 'PROVINCE_NOT_FOUND',
    });
    const bad = await p.call('GET', '/api/admin-units?province=HN');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'province', code: 'INVALID_PROVINCE_CODE' });
  });

  it('the facade tells whether a commune belongs to a province', () => {
    const u = p.directory.adminUnits;
    expect(u.isCommuneOf('01', '00004')).toBe(true);
    expect(u.isCommuneOf('79', '00004')).toBe(false);
    expect(u.label('00004')).toBe('Phường Ba Đình, Thành phố Hà Nội');
  });
});
