import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DB_KINDS, freePort, type TestPlatform } from '../../../test/harness.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { TestClock } from '../../platform/time/clock.js';
import { DELIVER_JOB, FEDERATION_STATUSES_PATH, RELAY_JOB } from './reporting-contract.js';
import { openCommuneRegimeToG22, reportSigner } from './reporting.test-support.js';

const b64 = (k: ReturnType<typeof generateKeyPairSync>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  pub: k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
});

type Rows<T> = { rows: T[] };
async function jobRows(p: TestPlatform, name: string) {
  return (
    (await p.deps.db.execute(
      `select status, attempts, last_error from platform.jobs where name = '${name}' order by created_at`,
    )) as unknown as Rows<{ status: string; attempts: number; last_error: string | null }>
  ).rows;
}

/*
 * ADR 0024, "Reports across deployments", relayed: the communes of Hà Nội (node `ha-noi`) report to the
 * Government Office (G22), which another node (`vpcp`) serves. Nodes trust only the hub, so the hub
 * checks the package (its sender speaks for the reporting agency, the leader's signature) and passes it
 * on; the decision comes back the same way.
 */
describe.each(DB_KINDS)('reports relayed by the hub from one node to another (%s)', (kind) => {
  let hub: TestPlatform;
  let hanoi: TestPlatform;
  let vpcp: TestPlatform;
  const clock = new TestClock();
  const keys = { hub: b64(generateKeyPairSync('ed25519')), hanoi: b64(generateKeyPairSync('ed25519')) };
  const vpcpKey = b64(generateKeyPairSync('ed25519'));
  let leader: Awaited<ReturnType<typeof reportSigner>>;
  let officer: Awaited<ReturnType<TestPlatform['staff']>>;
  let obligationId = '';
  let receivedId = '';

  const obligation = () => hanoi.call('GET', `/api/report-obligations/${obligationId}`, { token: leader.token });
  const receivedList = () => vpcp.call('GET', '/api/received-reports?pageSize=50', { token: officer.token });

  async function signAndSubmit(values: Record<string, number>) {
    const saved = await hanoi.call('PUT', `/api/report-obligations/${obligationId}`, {
      token: leader.token,
      body: { values, texts: { S1: 'Đúng tiến độ.' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await hanoi.call('POST', `/api/report-obligations/${obligationId}/signature`, {
      token: leader.token,
      body: { certificateId: leader.certificateId, otp: leader.otp(), version: saved.json().version },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const sent = await hanoi.call('POST', `/api/report-obligations/${obligationId}/actions`, {
      token: leader.token,
      body: { action: 'submit' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
  }

  async function node(id: string, key: { priv: string }, agencies: string, hubPort: number) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const p = await createTestPlatform(kind, {
      clock,
      fresh: true,
      env: {
        PUBLIC_URL: url,
        EXCHANGE_ROLE: 'node',
        EXCHANGE_NODE_ID: id,
        EXCHANGE_NODE_KEY: key.priv,
        EXCHANGE_HUB_KEY: keys.hub.pub,
        EXCHANGE_HUB_URL: `http://127.0.0.1:${hubPort}`,
        EXCHANGE_AGENCIES: agencies,
      },
    });
    await p.app.listen({ port, host: '127.0.0.1' });
    return { p, url };
  }

  beforeAll(async () => {
    clock.set(new Date('2026-12-07T03:00:00Z'));
    const hubPort = await freePort();
    hub = await createTestPlatform(kind, {
      clock,
      env: { EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub', EXCHANGE_NODE_KEY: keys.hub.priv },
    });
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const a = await node('ha-noi', keys.hanoi, 'H26', hubPort);
    const b = await node('vpcp', vpcpKey, 'G22', hubPort);
    hanoi = a.p;
    vpcp = b.p;
    const hubAdmin = await hub.staff({ roles: ['admin'] });
    for (const [id, name, url, pub, agencies] of [
      ['ha-noi', 'Hà Nội', a.url, keys.hanoi.pub, ['H26']],
      ['vpcp', 'Văn phòng Chính phủ', b.url, vpcpKey.pub, ['G22']],
    ] as const) {
      const reg = await hub.call('POST', '/api/exchange/nodes', {
        token: hubAdmin.token,
        body: { id, name, baseUrl: url, publicKey: pub, agencies: [...agencies] },
      });
      expect(reg.statusCode, reg.body).toBe(201);
    }
    await hanoi.exchange.worker.sync();
    await vpcp.exchange.worker.sync();

    const admin = await hanoi.staff({ roles: ['admin'] });
    await openCommuneRegimeToG22(hanoi, admin.token);
    leader = await reportSigner(hanoi, ['leader'], 'H26.X001');
    const list = await hanoi.call('GET', '/api/report-obligations?regime=BC-LT&agency=H26.X001', {
      token: admin.token,
    });
    obligationId = list.json().items[0].id;
    expect(obligationId, list.body).toBeTruthy();
    officer = await vpcp.staff({ roles: ['specialist'], agencyCode: 'G22' });
  }, 300_000);
  afterAll(async () => {
    await hanoi?.close();
    await vpcp?.close();
    await hub?.close();
  });

  it('goes node → hub → node once, checked at the hub, and a redelivery adds nothing', async () => {
    await signAndSubmit({ C01: 120, C02: 90 });
    await hanoi.deps.jobs.runOnce();
    expect((await jobRows(hanoi, DELIVER_JOB)).map((j) => j.status)).toEqual(['done']);
    // At the hub: nothing kept for its own officers, one relay waiting.
    const g22AtHub = await hub.staff({ roles: ['specialist'], agencyCode: 'G22' });
    expect((await hub.call('GET', '/api/received-reports', { token: g22AtHub.token })).json().total).toBe(0);
    expect((await jobRows(hub, RELAY_JOB)).map((j) => j.status)).toEqual(['pending']);
    expect((await receivedList()).json().total).toBe(0);

    await hub.deps.jobs.runOnce();
    expect((await jobRows(hub, RELAY_JOB)).map((j) => j.status)).toEqual(['done']);
    const list = (await receivedList()).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      origin: 'ha-noi',
      status: 'submitted',
      agency: { code: 'H26.X001' },
      receiver: { code: 'G22' },
      signedByName: leader.fullName,
    });
    receivedId = list.items[0].id;
    const detail = (await vpcp.call('GET', `/api/received-reports/${receivedId}`, { token: officer.token })).json();
    expect(detail.indicators.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual([
      ['C01', 120],
      ['C02', 90],
      ['C03', 75],
    ]);

    // The node sends it again (an answer lost): the hub's relay is keyed by the submission, so nothing new.
    await enqueueJob(hanoi.deps.db, DELIVER_JOB, {
      id: obligationId,
      submittedAt: (await obligation()).json().submittedAt,
    });
    await hanoi.deps.jobs.runOnce();
    await hub.deps.jobs.runOnce();
    expect(await jobRows(hub, RELAY_JOB)).toHaveLength(1);
    expect((await receivedList()).json().total).toBe(1);
    const audit = (
      (await hub.deps.db.execute(
        `select action from audit.events where action like 'report.%relayed' order by id`,
      )) as unknown as Rows<{ action: string }>
    ).rows;
    expect(audit.map((e) => e.action)).toEqual(['report.relayed']);
  });

  it('a return made at the receiver’s node comes back through the hub; the corrected report is accepted', async () => {
    const comment = 'Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công.';
    const r = await vpcp.call('POST', `/api/received-reports/${receivedId}/actions`, {
      token: officer.token,
      body: { action: 'return', comment },
    });
    expect(r.statusCode, r.body).toBe(200);
    await vpcp.deps.jobs.runOnce(); // to the hub
    expect((await obligation()).json().status).toBe('submitted');
    await hub.deps.jobs.runOnce(); // on to Hà Nội
    const back = (await obligation()).json();
    expect(back).toMatchObject({ status: 'returned', returnComment: comment, signature: null });

    await signAndSubmit({ C01: 120, C02: 95 });
    await hanoi.deps.jobs.runOnce();
    await hub.deps.jobs.runOnce();
    const again = (await vpcp.call('GET', `/api/received-reports/${receivedId}`, { token: officer.token })).json();
    expect(again).toMatchObject({ status: 'submitted', returnComment: null });
    expect(again.indicators.find((i: { code: string }) => i.code === 'C02').value).toBe(95);
    const a = await vpcp.call('POST', `/api/received-reports/${receivedId}/actions`, {
      token: officer.token,
      body: { action: 'accept' },
    });
    expect(a.statusCode, a.body).toBe(200);
    await vpcp.deps.jobs.runOnce();
    await hub.deps.jobs.runOnce();
    expect((await obligation()).json().status).toBe('accepted');
  });

  it('refuses a decision relayed for a receiver its sender does not serve, or naming another receiver', async () => {
    const hubUrl = `http://127.0.0.1:${(hub.app.server.address() as { port: number }).port}`;
    const submittedAt = (await obligation()).json().submittedAt as string;
    const status = (receiver: string) =>
      Buffer.from(
        JSON.stringify({
          kind: 'vn.egov.report-status/1',
          obligationId,
          status: 'returned',
          comment: 'giả mạo',
          decidedAt: clock.now().toISOString(),
          decidedByName: 'Không rõ',
          submittedAt,
          agency: 'H26.X001',
          receiver,
        }),
      );
    // The vpcp node claims to decide for G09, which the hub itself serves: refused at the hub.
    const atHub = await vpcp.exchange.federation.post(
      { id: 'hub', baseUrl: hubUrl },
      FEDERATION_STATUSES_PATH,
      status('G09'),
      5000,
    );
    expect([atHub.status, atHub.body?.code]).toEqual([403, 'REPORT_PEER_NOT_RECEIVER']);
    // Even from the hub, a decision that names another receiver than the obligation's is refused.
    const hanoiUrl = `http://127.0.0.1:${(hanoi.app.server.address() as { port: number }).port}`;
    const atNode = await hub.exchange.federation.post(
      { id: 'ha-noi', baseUrl: hanoiUrl },
      FEDERATION_STATUSES_PATH,
      status('G09'),
      5000,
    );
    expect([atNode.status, atNode.body?.code]).toEqual([403, 'REPORT_PEER_NOT_RECEIVER']);
    expect((await obligation()).json().status).toBe('accepted');
  });
});
