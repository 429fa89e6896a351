import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { systemActor } from '../../platform/http/auth.js';
import { seedProcedures } from '../procedures/index.js';

/** The seeded forms' fields prefilled from the account's addresses (`x-ui.prefill`), by procedure code. */
function addressPrefills(schema: unknown, path = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const ui = (s['x-ui'] ?? {}) as Record<string, unknown>;
  const here =
    ui.widget === 'address' && typeof ui.prefill === 'string' && ui.prefill.startsWith('account.')
      ? [`${path}=${ui.prefill}`]
      : [];
  const props = (s.properties ?? {}) as Record<string, unknown>;
  return [...here, ...Object.entries(props).flatMap(([k, v]) => addressPrefills(v, path ? `${path}.${k}` : k))];
}

describe.each(DB_KINDS)('the citizen’s personal details in the account on %s', (kind) => {
  let p: TestPlatform;
  let hanoi: { code: string; name: string };
  let ward: { code: string; name: string };
  let hue: { code: string; name: string };
  let hueWard: { code: string; name: string };
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    const units = p.directory.adminUnits;
    hanoi = units.provinces().find((x) => x.name.includes('Hà Nội'))!;
    ward = units.communes(hanoi.code)![0]!;
    hue = units.provinces().find((x) => x.name.includes('Huế'))!;
    hueWard = units.communes(hue.code)![0]!;
  });
  afterAll(async () => p?.close());

  const patch = (token: string | undefined, body: Record<string, unknown>) =>
    p.call('PATCH', '/api/me/profile', { token, body });

  it('a citizen sets his date of birth and addresses once; /api/me answers them with the listed names', async () => {
    const c = await p.citizen();
    const before = (await p.call('GET', '/api/me', { token: c.token })).json();
    // Typed at registration, kept, and now answered (the forms' date-of-birth prefill).
    expect(before).toMatchObject({ dateOfBirth: '1990-05-01', permanentAddress: null, currentAddress: null });
    const r = await patch(c.token, {
      dateOfBirth: '1990-06-15',
      permanentAddress: { province: hanoi.code, commune: ward.code, street: ' Số 12 phố Tràng Tiền ' },
      currentAddress: { province: hue.code, commune: hueWard.code, street: 'Số 3 Lê Lợi' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      dateOfBirth: '1990-06-15',
      permanentAddress: {
        province: hanoi.code,
        provinceName: hanoi.name,
        commune: ward.code,
        communeName: ward.name,
        street: 'Số 12 phố Tràng Tiền',
      },
      currentAddress: { province: hue.code, commune: hueWard.code, communeName: hueWard.name },
    });
    expect((await p.call('GET', '/api/me', { token: c.token })).json()).toMatchObject({
      dateOfBirth: '1990-06-15',
      permanentAddress: { communeName: ward.name },
    });
    // A field left out stays; null clears (the current address is then the permanent one).
    const cleared = await patch(c.token, { currentAddress: null });
    expect(cleared.json()).toMatchObject({ dateOfBirth: '1990-06-15', currentAddress: null });
    expect(cleared.json().permanentAddress.commune).toBe(ward.code);
    // The audit trail says what changed, not where he lives.
    const admin = await p.staff({ roles: ['admin'] });
    const ev = (
      await p.call('GET', '/api/audit/events?action=user.profile_updated&pageSize=100', { token: admin.token })
    ).json().items as { subjectId: string; after: Record<string, unknown> }[];
    const mine = ev.filter((e) => e.subjectId === c.id);
    expect(mine.map((e) => e.after.changed)).toEqual(
      expect.arrayContaining([['dateOfBirth', 'permanentAddress', 'currentAddress'], ['currentAddress']]),
    );
    expect(JSON.stringify(mine)).not.toContain('Tràng Tiền');
  });

  it('refuses at the field a commune of another province, an unknown province and a date the ID number denies', async () => {
    const c = await p.citizen();
    const wrong = await patch(c.token, {
      permanentAddress: { province: hanoi.code, commune: hueWard.code, street: 'Số 1' },
      currentAddress: { province: '99', commune: ward.code, street: 'Số 1' },
      dateOfBirth: '1991-05-01',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'permanentAddress.commune', code: 'COMMUNE_NOT_IN_PROVINCE' }),
        expect.objectContaining({ path: 'currentAddress.province', code: 'UNKNOWN_PROVINCE' }),
        expect.objectContaining({ path: 'dateOfBirth', code: 'DATE_OF_BIRTH_ID_MISMATCH' }),
      ]),
    );
    const future = await patch(c.token, { dateOfBirth: '2990-01-01' });
    expect(future.json().errors[0]).toMatchObject({ path: 'dateOfBirth', code: 'DATE_IN_FUTURE' });
    const noStreet = await patch(c.token, { permanentAddress: { province: hanoi.code, commune: ward.code } });
    expect(noStreet.statusCode).toBe(422);
    expect(noStreet.json().errors[0].path).toBe('permanentAddress.street');
    // Nothing of a refused request was kept.
    expect((await p.call('GET', '/api/me', { token: c.token })).json()).toMatchObject({
      dateOfBirth: '1990-05-01',
      permanentAddress: null,
    });
  });

  it('is the citizen’s own: staff 403, no login 401, and one citizen’s details are not another’s', async () => {
    const staff = await p.staff({ roles: ['reception'], agencyCode: 'H26' });
    const body = { permanentAddress: { province: hanoi.code, commune: ward.code, street: 'Số 5' } };
    const r = await patch(staff.token, body);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN_ROLE');
    expect((await patch(undefined, body)).statusCode).toBe(401);
    const a = await p.citizen();
    const b = await p.citizen();
    expect((await patch(a.token, body)).statusCode).toBe(200);
    expect((await p.call('GET', '/api/me', { token: b.token })).json().permanentAddress).toBeNull();
  });

  it('the seeded forms prefill the applicant’s own address blocks from the account', async () => {
    await seedProcedures(p.procedures, systemActor);
    const list = (await p.call('GET', '/api/procedures?pageSize=100')).json().items as { code: string }[];
    const found: string[] = [];
    for (const { code } of list) {
      const proc = (await p.call('GET', `/api/procedures/${encodeURIComponent(code)}`)).json();
      found.push(...addressPrefills(proc.formSchema).map((x) => `${code}:${x}`));
    }
    expect(found.some((x) => x.endsWith('=account.permanentAddress'))).toBe(true);
    expect(found.filter((x) => x.endsWith('=account.currentAddress')).length).toBeGreaterThanOrEqual(2);
    // Someone else's address on the form (the mother, the deceased, a new address) is never the account's.
    expect(found.filter((x) => /mother|father|deceased|bride|groom|newAddress|temporary/.test(x))).toEqual([]);
    expect(found).toContain('3.000333:permanentResidence=account.permanentAddress');
    expect(found).toContain('1.001193:declarant.residence=account.currentAddress');
  });
});
