import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import { recordChange } from './use-cases/versions.js';

const CLIENT = 'VN:GOV:H26:motcua';
const PROVIDER = 'VN:GOV:G01:population';

/**
 * The population registry as a service of the data sharing platform (issue 17): the owner agency (Bộ Công an,
 * G01) grants Hà Nội's one-stop system the right; an official's call passes the gateway's checks and log and the
 * registry's own read path, and the person sees that read on his data tracker with the client system named.
 */
describe.each(DB_KINDS)('the population registry through the gateway on %s', (kind) => {
  let p: TestPlatform;
  let citizen: Awaited<ReturnType<TestPlatform['citizen']>>;
  let official: Awaited<ReturnType<TestPlatform['staff']>>;
  let clientAdmin: Awaited<ReturnType<TestPlatform['staff']>>;
  const call = (token: string, body: Record<string, unknown>) =>
    p.call('POST', '/api/gateway/call', {
      token,
      body: {
        client: CLIENT,
        service: 'population.person.v1',
        purpose: 'investigation',
        params: { idNumber: citizen.username, fields: 'fullName' },
        ...body,
      },
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    await p.seal('G01', 'H26');
    citizen = await p.citizen();
    await p.verifyAtDesk(citizen);
    await p.deps.db.transaction((tx) =>
      recordChange(tx, p.clock.now(), {
        registry: 'population',
        key: citizen.username,
        validFrom: new Date('1990-05-01T00:00:00+07:00'),
        validTo: null,
        patch: {
          idNumber: citizen.username,
          fullName: 'Trần Thị Bích',
          dateOfBirth: '1990-05-01',
          sex: 'female',
          placeOfBirth: 'Hà Nội',
          permanentAddress: 'Số 12 phố Hàng Bài, phường Hoàn Kiếm, Hà Nội',
          currentAddress: 'Số 12 phố Hàng Bài, phường Hoàn Kiếm, Hà Nội',
        },
        source: 'seed',
        recordedBy: null,
      }),
    );
    clientAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    const sub = await p.call('POST', '/api/gateway/subsystems', {
      token: clientAdmin.token,
      body: { agencyCode: 'H26', code: 'motcua', name: 'Hệ thống một cửa điện tử Hà Nội' },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    official = await p.staff({ roles: ['specialist'], agencyCode: 'H26' });
  }, 120_000);
  afterAll(async () => p?.close());

  it('the registry offers its services under the owner agency, with the registry’s purposes and legal basis', async () => {
    const r = await p.call('GET', '/api/gateway/services?q=population.person.v1', { token: official.token });
    const svc = (
      r.json().items as { code: string; providerId: string; purposes: { code: string; legalBasis: string }[] }[]
    ).find((s) => s.code === 'population.person.v1');
    expect(svc).toMatchObject({ providerId: PROVIDER });
    expect(svc!.purposes.map((x) => x.code)).toEqual([
      'dossier-processing',
      'civil-status',
      'prefill',
      'investigation',
    ]);
    expect(svc!.purposes.find((x) => x.code === 'investigation')!.legalBasis).toContain('Tố tụng hình sự');
  });

  it('without the owner’s grant the call stops at the gateway; with it the read arrives and the person sees it', async () => {
    const denied = await call(official.token, {});
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'GATEWAY_ACCESS_DENIED']);
    expect((await p.call('GET', '/api/me/data-access', { token: citizen.token })).json().items).toEqual([]);

    const services = await p.call('GET', '/api/gateway/services?q=population.person.v1', { token: official.token });
    const id = (services.json().items as { id: string; code: string }[]).find(
      (s) => s.code === 'population.person.v1',
    )!.id;
    const notOwner = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    expect(
      (await p.call('POST', `/api/gateway/services/${id}/rights`, { token: notOwner.token, body: { client: CLIENT } }))
        .statusCode,
    ).toBe(403);
    const ownerAdmin = await p.staff({ roles: ['agency_admin'], agencyCode: 'G01' });
    const granted = await p.call('POST', `/api/gateway/services/${id}/rights`, {
      token: ownerAdmin.token,
      body: { client: CLIENT },
    });
    expect(granted.statusCode, granted.body).toBe(201);

    // The registry's own rule still holds behind the gateway: this purpose needs the dossier it serves.
    const noDossier = await call(official.token, { purpose: 'dossier-processing' });
    expect(noDossier.statusCode).toBe(200);
    expect(noDossier.json()).toMatchObject({ status: 400, body: { code: 'DOSSIER_REQUIRED' } });

    const ok = await call(official.token, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 200, body: { data: { fullName: 'Trần Thị Bích' } } });
    expect(Object.keys(ok.json().body.data)).toEqual(['fullName']);
    // The client member's administrator exports the evidence of the exchange (what an auditor verifies).
    const evidence = await p.call('GET', `/api/gateway/evidence/${ok.json().messageId}`, { token: clientAdmin.token });
    expect(evidence.statusCode).toBe(200);

    const seen = (await p.call('GET', '/api/me/data-access', { token: citizen.token })).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({
      agencyCode: 'H26',
      client: CLIENT,
      purpose: 'investigation',
      fields: ['fullName'],
      registryName: 'Cơ sở dữ liệu quốc gia về dân cư',
    });
  });
});
